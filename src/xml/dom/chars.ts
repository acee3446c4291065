/**
 * Character classes of XML 1.0 (fifth edition) §2.2–2.3, tuned for scanning with `charCodeAt`:
 * ASCII goes through a lookup table, everything else through range checks.
 */

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const DQUOTE = 34;
export const HASH = 35;
export const PERCENT = 37;
export const AMP = 38;
export const SQUOTE = 39;
export const HYPHEN = 45;
export const SLASH = 47;
export const COLON = 58;
export const SEMICOLON = 59;
export const LT = 60;
export const EQUALS = 61;
export const GT = 62;
export const QUESTION = 63;
export const LBRACKET = 91;
export const RBRACKET = 93;

export const NAME_START = 1;
export const NAME_PART = 2;

/** For ASCII codes: NAME_START | NAME_PART bits (0 for characters that cannot be in a name). */
export const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (letter || c === 95 || c === COLON) ASCII_NAME[c] = NAME_START | NAME_PART;
  else if ((c >= 48 && c <= 57) || c === HYPHEN || c === 46) ASCII_NAME[c] = NAME_PART;
}

export function isWhitespace(c: number): boolean {
  return c === SPACE || c === LF || c === TAB || c === CR;
}

/** NameStartChar for a full code point. */
export function isNameStartCodePoint(cp: number): boolean {
  if (cp < 128) return (ASCII_NAME[cp]! & NAME_START) !== 0;
  return (
    (cp >= 0xc0 && cp <= 0xd6) ||
    (cp >= 0xd8 && cp <= 0xf6) ||
    (cp >= 0xf8 && cp <= 0x2ff) ||
    (cp >= 0x370 && cp <= 0x37d) ||
    (cp >= 0x37f && cp <= 0x1fff) ||
    (cp >= 0x200c && cp <= 0x200d) ||
    (cp >= 0x2070 && cp <= 0x218f) ||
    (cp >= 0x2c00 && cp <= 0x2fef) ||
    (cp >= 0x3001 && cp <= 0xd7ff) ||
    (cp >= 0xf900 && cp <= 0xfdcf) ||
    (cp >= 0xfdf0 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0xeffff)
  );
}

/** NameChar for a full code point. */
export function isNameCodePoint(cp: number): boolean {
  if (cp < 128) return ASCII_NAME[cp]! !== 0;
  return (
    isNameStartCodePoint(cp) ||
    cp === 0xb7 ||
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x203f && cp <= 0x2040)
  );
}

/** Char: what may appear anywhere in a document (tested on full code points). */
export function isXmlCodePoint(cp: number): boolean {
  if (cp < 0x20) return cp === TAB || cp === LF || cp === CR;
  return cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/**
 * End of the XML Name starting at `pos` (`pos` itself when no name starts there). Colons are
 * accepted here; callers that need a QName check them separately.
 */
export function scanName(text: string, pos: number): number {
  let i = pos;
  let c = text.charCodeAt(i);
  if (c < 128) {
    if ((ASCII_NAME[c]! & NAME_START) === 0) return pos;
    i++;
  } else {
    const width = nonAsciiNameWidth(text, i, true);
    if (width === 0) return pos;
    i += width;
  }
  for (;;) {
    c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_NAME[c] === 0) return i;
      i++;
    } else {
      // NaN (end of text) also lands here and yields width 0.
      const width = nonAsciiNameWidth(text, i, false);
      if (width === 0) return i;
      i += width;
    }
  }
}

/** UTF-16 width (1 or 2) of the non-ASCII name character at `i`, or 0 when it is not one. */
export function nonAsciiNameWidth(text: string, i: number, start: boolean): number {
  const c = text.charCodeAt(i);
  if (!(c >= 128)) return 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const low = text.charCodeAt(i + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return 0;
    const cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
    return (start ? isNameStartCodePoint(cp) : isNameCodePoint(cp)) ? 2 : 0;
  }
  return (start ? isNameStartCodePoint(c) : isNameCodePoint(c)) ? 1 : 0;
}

/**
 * Index of the first character in [start, end) that XML forbids, or -1. Surrogate pairs are
 * accepted, lone surrogates and U+FFFE/U+FFFF are not.
 */
export function findInvalidChar(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== TAB && c !== LF && c !== CR) return i;
    } else if (c >= 0xd800) {
      const bad = invalidAtSurrogateOrSpecial(text, i, end);
      if (bad === 1) return i;
      if (bad === 2) i++;
    }
  }
  return -1;
}

/**
 * For a code unit >= 0xD800 at `i`: 0 when it is a valid single unit, 2 when it starts a valid
 * surrogate pair (the caller skips the low half), 1 when it is invalid.
 */
export function invalidAtSurrogateOrSpecial(text: string, i: number, end: number): 0 | 1 | 2 {
  const c = text.charCodeAt(i);
  if (c <= 0xdbff) {
    if (i + 1 >= end) return 1;
    const low = text.charCodeAt(i + 1);
    return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }
  if (c <= 0xdfff) return 1;
  return c >= 0xfffe ? 1 : 0;
}

/** Describes the character at `offset` for a message: `'x'`, `U+0001`, or `end of input`. */
export function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'end of input';
  const cp = text.codePointAt(offset)!;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || !isXmlCodePoint(cp) || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCodePoint(cp)}'`;
}
