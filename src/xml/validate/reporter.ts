/**
 * Collects diagnostics for one document. Offsets become line and column only here, and the line
 * table is built on the first diagnostic, so valid documents never pay for it.
 */
import { LineMap } from '../dom/line-map.js';
import type { Diagnostic } from './diagnostic.js';
import { message, type MessageArgs, type ValidationCode } from './messages.js';

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private lines: LineMap | undefined;

  constructor(private readonly source: string) {}

  error<C extends ValidationCode>(
    code: C,
    args: MessageArgs<C>,
    at: { offset: number; path: string; expected?: readonly string[]; patterns?: readonly string[] },
  ): void {
    this.lines ??= new LineMap(this.source);
    const { line, column } = this.lines.locate(at.offset);
    const d: Diagnostic = { severity: 'error', code, message: message(code, args), line, column, path: at.path };
    this.diagnostics.push({
      ...d,
      ...(at.expected === undefined ? {} : { expected: [...at.expected] }),
      ...(at.patterns === undefined || at.patterns.length === 0 ? {} : { patterns: [...at.patterns] }),
    });
  }
}
