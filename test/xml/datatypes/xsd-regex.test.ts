import { describe, expect, it } from 'vitest';
import { DatatypeError } from '../../../src/xml/datatypes/types.js';
import { translateXsdRegex, xsdRegexToJsSource, XsdRegexError } from '../../../src/xml/datatypes/xsd-regex.js';
import { unicodeBlockNames } from '../../../src/xml/datatypes/unicode-blocks.js';
import { FEATURE_CASES, INVALID_CASES, LIBVIRT_CASES, type RegexCase } from './regex-cases.js';

function describeCases(title: string, cases: readonly RegexCase[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.pattern, c] as const))('%s', (_pattern, { pattern, accept, reject }) => {
      const regex = translateXsdRegex(pattern);
      for (const value of accept) expect(regex.test(value), `${JSON.stringify(value)} should match`).toBe(true);
      for (const value of reject) expect(regex.test(value), `${JSON.stringify(value)} should not match`).toBe(false);
    });
  });
}

describeCases('XSD regex features', FEATURE_CASES);
describeCases('libvirt pattern shapes', LIBVIRT_CASES);

describe('invalid XSD regexes', () => {
  it.each(INVALID_CASES.map((c) => [c.pattern, c] as const))('%s', (_pattern, { pattern, position, reason }) => {
    let thrown: unknown;
    try {
      translateXsdRegex(pattern);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(XsdRegexError);
    expect(thrown).toBeInstanceOf(DatatypeError);
    const error = thrown as XsdRegexError;
    expect(error.code).toBe('bad-regex');
    expect(error.position).toBe(position);
    expect(error.message).toContain(reason);
    expect(error.message).toContain(JSON.stringify(pattern));
    expect(error.message).toContain(`at position ${position}`);
  });
});

describe('translation', () => {
  it('anchors the whole expression, alternation included', () => {
    expect(xsdRegexToJsSource('a|b')).toBe('^(?:a|b)$');
  });

  it('turns groups into non-capturing groups', () => {
    expect(xsdRegexToJsSource('(a)')).toBe('^(?:(?:a))$');
  });

  it('escapes characters that are literal in XSD but syntax in JavaScript', () => {
    expect(xsdRegexToJsSource('{^$/}')).toBe('^(?:\\{\\^\\$\\/\\})$');
  });

  it('expresses class subtraction as a lookahead', () => {
    expect(xsdRegexToJsSource('[a-z-[aeiou]]')).toBe('^(?:(?:(?![aeiou])[a-z]))$');
  });

  it('caches compiled expressions', () => {
    expect(translateXsdRegex('[0-9]{3}')).toBe(translateXsdRegex('[0-9]{3}'));
  });

  it('compiles with the u flag and keeps no match state', () => {
    const regex = translateXsdRegex('x+');
    expect(regex.flags).toBe('u');
    expect(regex.test('xx')).toBe(true);
    expect(regex.test('xx')).toBe(true);
  });

  it('knows every Unicode block XSD 1.0 lists, each starting and ending where expected', () => {
    const names = unicodeBlockNames();
    // 99 ranges in Unicode 3.1; Specials has two and PrivateUse three.
    expect(names).toHaveLength(96);
    for (const name of names) expect(() => translateXsdRegex(`\\p{Is${name}}`)).not.toThrow();
    expect(translateXsdRegex('\\p{IsLatin-1Supplement}').test('\u00ff')).toBe(true);
    expect(translateXsdRegex('\\p{IsLatin-1Supplement}').test('\u0100')).toBe(false);
    expect(translateXsdRegex('\\p{IsSpecials}').test('\ufeff')).toBe(true);
    expect(translateXsdRegex('\\p{IsSpecials}').test('\ufff0')).toBe(true);
    expect(translateXsdRegex('\\p{IsPrivateUse}').test('\u{10fffd}')).toBe(true);
  });

  it('accepts every general category XSD names and no others', () => {
    for (const category of ['L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp', 'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn']) {
      expect(() => translateXsdRegex(`\\p{${category}}\\P{${category}}`)).not.toThrow();
    }
    expect(() => translateXsdRegex('\\p{Letter}')).toThrow(XsdRegexError);
    expect(() => translateXsdRegex('\\p{Script=Latin}')).toThrow(XsdRegexError);
  });

  it('lets a complemented escape inside a class keep its meaning', () => {
    const regex = translateXsdRegex('[\\S\\s]+');
    expect(regex.test('a b\n')).toBe(true);
    expect(translateXsdRegex('[\\Ia]').test('a')).toBe(true);
    expect(translateXsdRegex('[\\Ia]').test('b')).toBe(false);
    expect(translateXsdRegex('[\\Ia]').test('1')).toBe(true);
  });
});
