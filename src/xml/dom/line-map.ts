import type { SourcePosition } from './types.js';

const LF = 10;
const CR = 13;

/**
 * Turns UTF-16 offsets into 1-based line and column numbers.
 *
 * The parser stores offsets only; a LineMap is built when a diagnostic needs a position, and it
 * finds the line starts on first use. Lines end at LF, CRLF or a lone CR, as in XML 1.0 §2.11.
 */
export class LineMap {
  private starts: Int32Array | undefined;

  constructor(private readonly text: string) {}

  /** Position of `offset`; offsets past the end are clamped to the end of the text. */
  locate(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts();
    // Last line start that is <= clamped.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - starts[low]! + 1, offset: clamped };
  }

  /** The text of 1-based line `line` without its line break, or undefined past the last line. */
  lineText(line: number): string | undefined {
    const starts = this.lineStarts();
    if (!Number.isInteger(line) || line < 1 || line > starts.length) return undefined;
    const start = starts[line - 1]!;
    let end = line < starts.length ? starts[line]! : this.text.length;
    // Leave out the break that ended the line: LF, CRLF or CR.
    if (end > start && this.text.charCodeAt(end - 1) === LF) end--;
    if (end > start && this.text.charCodeAt(end - 1) === CR) end--;
    return this.text.slice(start, end);
  }

  /** Number of lines; text ending in a line break has an empty last line. */
  get lineCount(): number {
    return this.lineStarts().length;
  }

  private lineStarts(): Int32Array {
    if (this.starts !== undefined) return this.starts;
    const text = this.text;
    const found: number[] = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        found.push(i + 1);
      } else if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) i++;
        found.push(i + 1);
      }
    }
    this.starts = Int32Array.from(found);
    return this.starts;
  }
}
