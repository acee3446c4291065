/**
 * XML name characters, from XML 1.0 Fifth Edition §2.3. XSD 1.0 refers to the older Appendix B tables;
 * the Fifth Edition ranges are a superset that every current parser accepts, so names and the
 * `\i` / `\c` regex escapes use them consistently.
 */

/** Inclusive code point ranges, sorted and disjoint. */
export type CodePointRanges = readonly (readonly [number, number])[];

/** NameStartChar, which is also what XSD's `\i` matches. */
export const NAME_START_CHAR_RANGES: CodePointRanges = [
  [0x3a, 0x3a], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x2ff],
  [0x370, 0x37d], [0x37f, 0x1fff], [0x200c, 0x200d], [0x2070, 0x218f], [0x2c00, 0x2fef],
  [0x3001, 0xd7ff], [0xf900, 0xfdcf], [0xfdf0, 0xfffd], [0x10000, 0xeffff],
];

/** NameChar, which is also what XSD's `\c` matches. */
export const NAME_CHAR_RANGES: CodePointRanges = [
  [0x2d, 0x2e], [0x30, 0x3a], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xb7, 0xb7], [0xc0, 0xd6],
  [0xd8, 0xf6], [0xf8, 0x37d], [0x37f, 0x1fff], [0x200c, 0x200d], [0x203f, 0x2040], [0x2070, 0x218f],
  [0x2c00, 0x2fef], [0x3001, 0xd7ff], [0xf900, 0xfdcf], [0xfdf0, 0xfffd], [0x10000, 0xeffff],
];

export function inRanges(codePoint: number, ranges: CodePointRanges): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle]!;
    if (codePoint < range[0]) high = middle - 1;
    else if (codePoint > range[1]) low = middle + 1;
    else return true;
  }
  return false;
}

const COLON = 0x3a;

/** ASCII name characters by code: 1 NameChar, 2 also NameStartChar (the colon is left to the caller). */
const ASCII_NAME_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_NAME_CLASS[c] = inRanges(c, NAME_START_CHAR_RANGES) ? 2 : inRanges(c, NAME_CHAR_RANGES) ? 1 : 0;
}

// Indexed by UTF-16 unit with an ASCII table first: values are nearly always ASCII, and this runs
// once per value of every NCName, ID and NMTOKEN attribute, often before the JIT has optimised it.
function isNameLike(value: string, allowColon: boolean, requireStartChar: boolean): boolean {
  const length = value.length;
  if (length === 0) return false;
  for (let i = 0; i < length; i++) {
    let codePoint = value.charCodeAt(i);
    const first = i === 0 && requireStartChar;
    if (codePoint < 0x80) {
      if (codePoint === COLON) {
        if (!allowColon) return false;
        continue;
      }
      if (ASCII_NAME_CLASS[codePoint]! < (first ? 2 : 1)) return false;
      continue;
    }
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && i + 1 < length) {
      const low = value.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (!inRanges(codePoint, first ? NAME_START_CHAR_RANGES : NAME_CHAR_RANGES)) return false;
  }
  return true;
}

export function isName(value: string): boolean {
  return isNameLike(value, true, true);
}

/** A Name without colons (Namespaces in XML §3). */
export function isNCName(value: string): boolean {
  return isNameLike(value, false, true);
}

export function isNmtoken(value: string): boolean {
  return isNameLike(value, true, false);
}
