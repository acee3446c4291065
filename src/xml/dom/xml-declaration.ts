import { DQUOTE, EQUALS, QUESTION, SQUOTE, GT, describeChar, isWhitespace } from './chars.js';
import type { ErrorReporter } from './report.js';
import type { XmlDeclaration } from './types.js';

/** True when `<?xml` followed by whitespace or `?` starts at `pos` (a declaration, not `<?xml-foo`). */
export function startsXmlDeclaration(text: string, pos: number): boolean {
  if (!text.startsWith('<?xml', pos)) return false;
  const next = text.charCodeAt(pos + 5);
  return isWhitespace(next) || next === QUESTION;
}

/**
 * Reads `<?xml version="1.x" encoding="…" standalone="yes|no"?>` at `start` (XML 1.0 §2.8).
 * The pseudo-attributes must appear in that order; only version is required.
 */
export function readXmlDeclaration(
  text: string,
  start: number,
  report: ErrorReporter,
): { declaration: XmlDeclaration; end: number } {
  let pos = start + 5;
  const values = new Map<string, string>();
  const order = ['version', 'encoding', 'standalone'];
  let next = 0;
  for (;;) {
    const wsStart = pos;
    while (isWhitespace(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) === QUESTION && text.charCodeAt(pos + 1) === GT) {
      pos += 2;
      break;
    }
    if (pos >= text.length) {
      report.fail('unexpected-eof', start, `XML declaration opened at ${report.where(start)} is never closed with '?>'`);
    }
    if (pos === wsStart) {
      report.fail('invalid-xml-declaration', pos, `expected whitespace or '?>' in the XML declaration, found ${describeChar(text, pos)}`);
    }
    const name = order.slice(next).find((candidate) => text.startsWith(candidate, pos));
    if (name === undefined) {
      const seen = order.find((candidate) => text.startsWith(candidate, pos));
      report.fail(
        'invalid-xml-declaration',
        pos,
        seen !== undefined
          ? `'${seen}' is out of place in the XML declaration; the order is version, encoding, standalone`
          : "the XML declaration may only hold version, encoding and standalone (in that order)",
      );
    }
    next = order.indexOf(name) + 1;
    pos += name.length;
    while (isWhitespace(text.charCodeAt(pos))) pos++;
    if (text.charCodeAt(pos) !== EQUALS) {
      report.fail('invalid-xml-declaration', pos, `expected '=' after '${name}' in the XML declaration`);
    }
    pos++;
    while (isWhitespace(text.charCodeAt(pos))) pos++;
    const quote = text.charCodeAt(pos);
    if (quote !== DQUOTE && quote !== SQUOTE) {
      report.fail('invalid-xml-declaration', pos, `the value of '${name}' must be quoted`);
    }
    const close = text.indexOf(quote === DQUOTE ? '"' : "'", pos + 1);
    if (close < 0) report.fail('unexpected-eof', pos, `the value of '${name}' is never closed`);
    const value = text.slice(pos + 1, close);
    checkPseudoAttribute(name, value, pos + 1, report);
    values.set(name, value);
    pos = close + 1;
  }
  const version = values.get('version');
  if (version === undefined) {
    report.fail('invalid-xml-declaration', start, 'the XML declaration must start with version="1.0"');
  }
  const declaration: { -readonly [K in keyof XmlDeclaration]: XmlDeclaration[K] } = {
    raw: text.slice(start, pos),
    version,
  };
  const encoding = values.get('encoding');
  if (encoding !== undefined) declaration.encoding = encoding;
  const standalone = values.get('standalone');
  if (standalone !== undefined) declaration.standalone = standalone;
  return { declaration, end: pos };
}

function checkPseudoAttribute(name: string, value: string, offset: number, report: ErrorReporter): void {
  if (name === 'version' && !/^1\.[0-9]+$/.test(value)) {
    report.fail('invalid-xml-declaration', offset, `version must look like "1.0", found "${value}"`);
  }
  if (name === 'encoding' && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) {
    report.fail('invalid-xml-declaration', offset, `"${value}" is not a valid encoding name`);
  }
  if (name === 'standalone' && value !== 'yes' && value !== 'no') {
    report.fail('invalid-xml-declaration', offset, `standalone must be "yes" or "no", found "${value}"`);
  }
}
