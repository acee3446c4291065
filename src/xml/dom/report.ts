import { XmlSyntaxError, type XmlSyntaxErrorCode } from './errors.js';
import { LineMap } from './line-map.js';

/**
 * Raises syntax errors against one source text. Line and column are only computed when an
 * error is actually thrown, so a successful parse never builds a line table.
 */
export class ErrorReporter {
  private lineMap: LineMap | undefined;

  constructor(private readonly source: string) {}

  fail(code: XmlSyntaxErrorCode, offset: number, detail: string): never {
    throw new XmlSyntaxError(code, detail, this.lines().locate(offset));
  }

  /** `line:column` of an offset, for messages that point at a second place. */
  where(offset: number): string {
    const { line, column } = this.lines().locate(offset);
    return `${line}:${column}`;
  }

  private lines(): LineMap {
    this.lineMap ??= new LineMap(this.source);
    return this.lineMap;
  }
}
