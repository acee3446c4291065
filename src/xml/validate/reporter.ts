/**
 * Collects diagnostics for one document. Offsets become line and column only here, and the line
 * table is built on the first diagnostic, so valid documents never pay for it.
 *
 * A document gets at most {@link MAX_DIAGNOSTICS} diagnostics, then one `too-many-errors` that
 * counts the rest by code: a hostile document with a million unknown attributes must not make
 * a million messages (it made 385 MB of them). Errors past the cap are counted, not written.
 */
import { LineMap } from '../dom/line-map.js';
import type { Diagnostic } from './diagnostic.js';
import { message, type MessageArgs, type ValidationCode } from './messages.js';

/** Diagnostics kept per document; the rest are counted in one summary diagnostic. */
export const MAX_DIAGNOSTICS = 100;

export class Reporter {
  private readonly kept: Diagnostic[] = [];
  private lines: LineMap | undefined;
  private omitted: Record<string, number> | undefined;
  private omittedCount = 0;
  private firstOmitted = 0;

  constructor(private readonly source: string) {}

  /** Whether the cap is reached: further errors are only counted, so their details need not be worked out. */
  get full(): boolean {
    return this.kept.length >= MAX_DIAGNOSTICS;
  }

  error<C extends ValidationCode>(
    code: C,
    args: MessageArgs<C>,
    at: { offset: number; path: string; expected?: readonly string[]; patterns?: readonly string[] },
  ): void {
    if (this.full) {
      this.omit(code, at.offset);
      return;
    }
    this.lines ??= new LineMap(this.source);
    const { line, column } = this.lines.locate(at.offset);
    const d: Diagnostic = { severity: 'error', code, message: message(code, args), line, column, path: at.path };
    this.kept.push({
      ...d,
      ...(at.expected === undefined ? {} : { expected: [...at.expected] }),
      ...(at.patterns === undefined || at.patterns.length === 0 ? {} : { patterns: [...at.patterns] }),
    });
  }

  /** Counts an error past the cap without working out its message (`offset`: where it is). */
  omit(code: ValidationCode, offset: number): void {
    if (this.omittedCount === 0) this.firstOmitted = offset;
    this.omittedCount++;
    this.omitted ??= Object.create(null) as Record<string, number>;
    this.omitted[code] = (this.omitted[code] ?? 0) + 1;
  }

  /** The diagnostics kept, then the summary of those left out, if any. */
  get diagnostics(): Diagnostic[] {
    if (this.omitted === undefined) return this.kept;
    return [...this.kept, summary(this.omitted, this.omittedCount, this.lines!.locate(this.firstOmitted))];
  }
}

/** The `too-many-errors` diagnostic: placed at the first error left out, counting them by code. */
export function summary(omitted: Readonly<Record<string, number>>, total: number, at: { line: number; column: number }): Diagnostic {
  const counts = Object.entries(omitted).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    severity: 'error',
    code: 'too-many-errors',
    message: message('too-many-errors', { total, counts }),
    line: at.line,
    column: at.column,
    path: '',
    omitted: Object.fromEntries(counts),
  };
}
