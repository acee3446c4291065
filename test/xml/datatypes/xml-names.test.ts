import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NAME_CHAR_RANGES,
  NAME_START_CHAR_RANGES,
  inRanges,
  isName,
  isNCName,
  isNmtoken,
} from '../../../src/xml/datatypes/xml-names.js';
import { propSeed } from '../../props/oracles.js';

/** The definition itself, code point by code point (XML 1.0 §2.3, Namespaces in XML §3). */
function referenceNameLike(value: string, allowColon: boolean, requireStartChar: boolean): boolean {
  const codePoints = Array.from(value, (char) => char.codePointAt(0)!);
  if (codePoints.length === 0) return false;
  return codePoints.every((c, i) => {
    if (c === 0x3a && !allowColon) return false;
    return inRanges(c, i === 0 && requireStartChar ? NAME_START_CHAR_RANGES : NAME_CHAR_RANGES);
  });
}

/** Strings mixing ASCII name characters, colons, non-ASCII letters, astral characters and lone surrogates. */
const nameish = fc.string({
  unit: fc.oneof(
    fc.constantFrom('a', 'Z', '_', '-', '.', '0', '9', ':', ' ', '\u00b7', '\u00e9', '\u0300', '\u203f', '\u{10000}', '\u{effff}', '\u{f0000}'),
    fc.constantFrom('\ud800', '\udc00', '\ufffe'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

describe('XML names', () => {
  it('accept and reject the usual cases', () => {
    expect(isNCName('vda')).toBe(true);
    expect(isNCName('_x-1.2')).toBe(true);
    expect(isNCName('1abc')).toBe(false);
    expect(isNCName('-abc')).toBe(false);
    expect(isNCName('a:b')).toBe(false);
    expect(isName('a:b')).toBe(true);
    expect(isName(':a')).toBe(true);
    expect(isNmtoken('1abc')).toBe(true);
    expect(isNmtoken('-')).toBe(true);
    expect(isNmtoken('a b')).toBe(false);
    expect(isNCName('')).toBe(false);
    expect(isNmtoken('')).toBe(false);
    expect(isNCName('\u00e9t\u00e9')).toBe(true);
    expect(isNCName('\u{10000}x')).toBe(true);
    expect(isNCName('x\u{f0000}')).toBe(false);
    expect(isNCName('x\ud800')).toBe(false);
    expect(isNCName('\u0300x')).toBe(false);
    expect(isNmtoken('\u0300x')).toBe(true);
  });

  it('agree with the definition on arbitrary strings', () => {
    fc.assert(
      fc.property(nameish, (value) => {
        expect(isName(value)).toBe(referenceNameLike(value, true, true));
        expect(isNCName(value)).toBe(referenceNameLike(value, false, true));
        expect(isNmtoken(value)).toBe(referenceNameLike(value, true, false));
      }),
      { numRuns: 2000, seed: propSeed() },
    );
  });
});
