import { shortName } from '../shown.js';
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
    throw new XmlSyntaxError(code, boundedDetail(detail), this.lines().locate(offset));
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

/**
 * A message with every run of more than 80 non-space characters (a name, a URI, a value taken
 * from the document) cut to 60 with `…`, so a megabyte-long name makes a short message.
 */
export function boundedDetail(detail: string): string {
  return detail.length <= 80 ? detail : detail.replace(LONG_RUN, shortName);
}

const LONG_RUN = /[^\s]{81,}/g;
