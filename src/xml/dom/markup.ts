import { COLON, GT, HYPHEN, describeChar, findInvalidChar, isWhitespace, scanName } from './chars.js';
import type { ErrorReporter } from './report.js';

/**
 * Comments and processing instructions, which may appear both in the document and in the
 * DOCTYPE's internal subset.
 */

/** Offset just after the `-->` of the comment whose `<!--` is at `lt`. */
export function commentEnd(text: string, lt: number, report: ErrorReporter): number {
  const bodyStart = lt + 4;
  const dashes = text.indexOf('--', bodyStart);
  if (dashes < 0) {
    report.fail('unclosed-comment', lt, `comment opened at ${report.where(lt)} is never closed with '-->'`);
  }
  if (text.charCodeAt(dashes + 2) !== GT) {
    report.fail(
      'comment-double-hyphen',
      dashes,
      text.charCodeAt(dashes + 2) === HYPHEN
        ? "a comment must not end with '--->'; remove the extra '-'"
        : "'--' is not allowed inside a comment",
    );
  }
  checkChars(text, bodyStart, dashes, report);
  return dashes + 3;
}

/** Where a processing instruction's target ends and the offset just after its `?>`. */
export interface PiBounds {
  readonly targetEnd: number;
  readonly end: number;
}

/** Bounds of the processing instruction whose `<?` is at `lt`; rejects targets named `xml`. */
export function piBounds(text: string, lt: number, report: ErrorReporter): PiBounds {
  const targetStart = lt + 2;
  const targetEnd = scanName(text, targetStart);
  if (targetEnd === targetStart) {
    if (targetStart >= text.length) report.fail('unexpected-eof', lt, "input ends after '<?'");
    report.fail(
      'invalid-name',
      targetStart,
      `a processing instruction must start with a target name, found ${describeChar(text, targetStart)}`,
    );
  }
  for (let i = targetStart; i < targetEnd; i++) {
    if (text.charCodeAt(i) === COLON) {
      report.fail('invalid-qname', i, `processing instruction target ${text.slice(targetStart, targetEnd)} must not contain ':'`);
    }
  }
  if (targetEnd - targetStart === 3 && text.slice(targetStart, targetEnd).toLowerCase() === 'xml') {
    report.fail(
      'reserved-pi-target',
      lt,
      text.startsWith('xml', targetStart)
        ? 'the XML declaration <?xml …?> is only allowed at the very start of the document'
        : `processing instruction target ${text.slice(targetStart, targetEnd)} is reserved`,
    );
  }
  const close = text.indexOf('?>', targetEnd);
  if (close < 0) {
    report.fail('unclosed-pi', lt, `processing instruction opened at ${report.where(lt)} is never closed with '?>'`);
  }
  if (close !== targetEnd && !isWhitespace(text.charCodeAt(targetEnd))) {
    report.fail(
      'missing-whitespace',
      targetEnd,
      `processing instruction target ${text.slice(targetStart, targetEnd)} must be followed by whitespace or '?>'`,
    );
  }
  checkChars(text, targetEnd, close, report);
  return { targetEnd, end: close + 2 };
}

/** Reports the first character in [start, end) that XML forbids. */
export function checkChars(text: string, start: number, end: number, report: ErrorReporter): void {
  const bad = findInvalidChar(text, start, end);
  if (bad >= 0) reportInvalidChar(text, bad, report);
}

export function reportInvalidChar(text: string, offset: number, report: ErrorReporter): never {
  report.fail('invalid-char', offset, `character ${describeChar(text, offset)} is not allowed in XML`);
}

