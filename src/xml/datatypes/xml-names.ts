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
    const [first, last] = ranges[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}

const COLON = 0x3a;

function isNameLike(value: string, allowColon: boolean, requireStartChar: boolean): boolean {
  if (value === '') return false;
  let first = true;
  for (const char of value) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint === COLON && !allowColon) return false;
    const ranges = first && requireStartChar ? NAME_START_CHAR_RANGES : NAME_CHAR_RANGES;
    if (!inRanges(codePoint, ranges)) return false;
    first = false;
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
