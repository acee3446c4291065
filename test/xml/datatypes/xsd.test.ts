import { describe, expect, it } from 'vitest';
import { xsdLibrary } from '../../../src/xml/datatypes/xsd.js';
import { DatatypeError, type Datatype, type DatatypeParam } from '../../../src/xml/datatypes/types.js';

function xsd(name: string, params: Record<string, string> | readonly DatatypeParam[] = {}): Datatype {
  const list = Array.isArray(params) ? params : Object.entries(params).map(([paramName, value]) => ({ name: paramName, value }));
  return xsdLibrary.create(name, list);
}

function errorOf(action: () => unknown): DatatypeError {
  try {
    action();
  } catch (error) {
    if (error instanceof DatatypeError) return error;
    throw error;
  }
  throw new Error('expected a DatatypeError');
}

function expectAllows(datatype: Datatype, accepted: readonly string[], rejected: readonly string[]): void {
  for (const value of accepted) expect(datatype.allows(value), `${datatype.name} should allow ${JSON.stringify(value)}`).toBe(true);
  for (const value of rejected) expect(datatype.allows(value), `${datatype.name} should reject ${JSON.stringify(value)}`).toBe(false);
}

describe('XSD lexical spaces', () => {
  it('string keeps whitespace, normalizedString and token do not affect what is allowed', () => {
    expectAllows(xsd('string'), ['', ' a\tb\n', '\u0000'], []);
    expectAllows(xsd('normalizedString'), ['', ' a\tb\n'], []);
    expectAllows(xsd('token'), ['', '  a  b  '], []);
  });

  it('integer types check exact 64-bit bounds', () => {
    expectAllows(xsd('long'), ['9223372036854775807', '-9223372036854775808', '+0', '-0', ' 12 '], ['9223372036854775808', '-9223372036854775809', '1.0', '', '+', '1 2']);
    expectAllows(xsd('unsignedLong'), ['18446744073709551615', '0', '0018446744073709551615'], ['18446744073709551616', '-1']);
    expectAllows(xsd('int'), ['2147483647', '-2147483648'], ['2147483648', '-2147483649', '0x10', '1e3']);
    expectAllows(xsd('unsignedInt'), ['4294967295', '0'], ['4294967296', '-1']);
    expectAllows(xsd('short'), ['32767', '-32768'], ['32768', '-32769']);
    expectAllows(xsd('unsignedShort'), ['65535'], ['65536', '-1']);
    expectAllows(xsd('byte'), ['127', '-128'], ['128', '-129']);
    expectAllows(xsd('unsignedByte'), ['255'], ['256', '-1']);
    expectAllows(xsd('integer'), ['123456789012345678901234567890', '-5'], ['1.5', '']);
    expectAllows(xsd('positiveInteger'), ['1', '+01'], ['0', '-1']);
    expectAllows(xsd('nonNegativeInteger'), ['0', '-0'], ['-1']);
    expectAllows(xsd('negativeInteger'), ['-1'], ['0', '-0', '1']);
    expectAllows(xsd('nonPositiveInteger'), ['0', '-5'], ['1']);
  });

  it('decimal takes optional sign, digits and a point, nothing else', () => {
    expectAllows(xsd('decimal'), ['1', '-1.5', '+.5', '5.', '0001.1000', ' 3.14 '], ['.', '1e3', '1,5', '', 'INF', '- 1']);
  });

  it('double and float take exponents and the special values of XSD 1.0', () => {
    expectAllows(xsd('double'), ['1', '-1.5e10', '1E-3', '.5', '5.', 'INF', '-INF', 'NaN', '1e400'], ['+INF', 'inf', 'nan', '1e', 'e1', '1.5.2', '', 'Infinity', '0x10']);
    expectAllows(xsd('float'), ['3.4e38', '1e40', '-0'], ['abc']);
  });

  it('boolean is true, false, 1 or 0', () => {
    expectAllows(xsd('boolean'), ['true', 'false', '1', '0', ' true '], ['True', 'yes', '', '01']);
  });

  it('dateTime checks calendar, clock and timezone', () => {
    expectAllows(xsd('dateTime'), [
      '2020-01-01T00:00:00', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00.123+05:30', '2020-02-29T12:00:00',
      '2020-01-01T24:00:00', '-0044-03-15T12:00:00', '12020-01-01T00:00:00', '2020-01-01T00:00:00+14:00', '2000-02-29T00:00:00',
    ], [
      '2019-02-29T12:00:00', '1900-02-29T00:00:00', '2020-01-01T24:00:01', '2020-13-01T00:00:00', '2020-01-01T25:00:00', '2020-01-01T00:60:00',
      '2020-01-01T00:00:60', '2020-01-01', '0000-01-01T00:00:00', '02020-01-01T00:00:00', '2020-01-01T00:00:00+14:01',
      '2020-01-01T00:00:00+15:00', '2020-1-01T00:00:00', '2020-01-01T00:00:00.', '2020-04-31T00:00:00',
    ]);
  });

  it('date and time have their own shapes', () => {
    expectAllows(xsd('date'), ['2020-01-01', '2020-01-01Z', '2020-01-01-05:00', '-0001-02-29'], ['2020-02-30', '2020-01-01T00:00:00', '20-01-01']);
    expectAllows(xsd('time'), ['00:00:00', '23:59:59.999', '24:00:00', '12:00:00Z', '12:00:00+01:00'], ['12:00', '25:00:00', '24:00:00.1']);
  });

  it('XML name types follow XML 1.0 names', () => {
    expectAllows(xsd('NCName'), ['abc', 'a-b.c', '_x', 'é', 'a·b'], ['a:b', '1a', '-a', '', 'a b']);
    expectAllows(xsd('ID'), ['vnet0'], ['a:b']);
    expectAllows(xsd('IDREF'), ['vnet0'], ['0vnet']);
    expectAllows(xsd('Name'), ['a:b', ':a'], ['1a', 'a b']);
    expectAllows(xsd('NMTOKEN'), ['1a', '-a', 'a:b', ' x '], ['a b', '']);
  });

  it('language is an RFC 3066 tag', () => {
    expectAllows(xsd('language'), ['en', 'en-US', 'x-klingon', 'zh-Hant-TW'], ['toolonglang', 'en-', '1en', '', 'en_US']);
  });

  it('hexBinary and base64Binary check their encodings', () => {
    expectAllows(xsd('hexBinary'), ['', '0f', '0F1a'], ['0', 'zz', '0f 1a']);
    expectAllows(xsd('base64Binary'), ['', 'QQ==', 'QUI=', 'QUJD', 'Q Q = =', 'QUJD\nRA=='], ['QR==', 'QUJ', '====', 'QQ=', 'Q===', 'QU=I']);
  });

  it('anyURI rejects only what escaping cannot repair', () => {
    expectAllows(xsd('anyURI'), ['http://example.com/a?b#c', 'relative/path', '', 'a b', 'urn:x', '%20', 'é', 'a/b:c'], ['%zz', 'a#b#c', '1:x', '%2']);
  });
});

describe('value-space equality', () => {
  it('compares numbers by value', () => {
    expect(xsd('int').equals('01', '1')).toBe(true);
    expect(xsd('int').equals('+1', ' 1 ')).toBe(true);
    expect(xsd('int').equals('-0', '0')).toBe(true);
    expect(xsd('int').equals('1', '2')).toBe(false);
    expect(xsd('unsignedLong').equals('18446744073709551615', '018446744073709551615')).toBe(true);
    expect(xsd('unsignedLong').equals('18446744073709551615', '18446744073709551614')).toBe(false);
    expect(xsd('decimal').equals('1.0', '1')).toBe(true);
    expect(xsd('decimal').equals('0.10', '.1')).toBe(true);
    expect(xsd('decimal').equals('0.1', '0.11')).toBe(false);
    expect(xsd('double').equals('1.0', '1')).toBe(true);
    expect(xsd('double').equals('1e2', '100')).toBe(true);
    expect(xsd('double').equals('NaN', 'NaN')).toBe(true);
    expect(xsd('double').equals('0', '-0')).toBe(true);
    expect(xsd('double').equals('INF', '-INF')).toBe(false);
    expect(xsd('float').equals('0.1', '0.10000000149011612')).toBe(true);
    expect(xsd('double').equals('0.1', '0.10000000149011612')).toBe(false);
  });

  it('compares strings exactly, tokens after collapsing', () => {
    expect(xsd('string').equals('a b', 'a b')).toBe(true);
    expect(xsd('string').equals('a b', 'a  b')).toBe(false);
    expect(xsd('string').equals(' a', 'a')).toBe(false);
    expect(xsd('normalizedString').equals('a\tb', 'a b')).toBe(true);
    expect(xsd('normalizedString').equals('a  b', 'a b')).toBe(false);
    expect(xsd('token').equals('  a \n b ', 'a b')).toBe(true);
    expect(xsd('NCName').equals(' abc ', 'abc')).toBe(true);
  });

  it('compares booleans, binaries and times in their value spaces', () => {
    expect(xsd('boolean').equals('true', '1')).toBe(true);
    expect(xsd('boolean').equals('false', '1')).toBe(false);
    expect(xsd('hexBinary').equals('0F', '0f')).toBe(true);
    expect(xsd('base64Binary').equals('QUJD', 'Q U J D')).toBe(true);
    expect(xsd('base64Binary').equals('QUJD', 'QUJE')).toBe(false);
    expect(xsd('dateTime').equals('2002-10-10T12:00:00-05:00', '2002-10-10T17:00:00Z')).toBe(true);
    expect(xsd('dateTime').equals('2002-10-10T12:00:00', '2002-10-10T12:00:00Z')).toBe(false);
    expect(xsd('dateTime').equals('2002-10-10T12:00:00.50', '2002-10-10T12:00:00.5')).toBe(true);
    expect(xsd('dateTime').equals('2020-12-31T24:00:00', '2021-01-01T00:00:00')).toBe(true);
    expect(xsd('date').equals('2002-10-10+13:00', '2002-10-09-11:00')).toBe(true);
    expect(xsd('time').equals('24:00:00', '00:00:00')).toBe(true);
    expect(xsd('time').equals('13:20:00-05:00', '18:20:00Z')).toBe(true);
  });

  it('treats a literal outside the lexical space as equal to nothing', () => {
    expect(xsd('int').equals('x', 'x')).toBe(false);
    expect(xsd('int').equals('1', 'x')).toBe(false);
  });
});

describe('facets', () => {
  it('applies bounds with exact 64-bit arithmetic', () => {
    const datatype = xsd('unsignedLong', { minInclusive: '18446744073709551614' });
    expectAllows(datatype, ['18446744073709551614', '18446744073709551615'], ['18446744073709551613', '18446744073709551616']);
    expectAllows(xsd('long', { maxExclusive: '-9223372036854775807' }), ['-9223372036854775808'], ['-9223372036854775807']);
    expectAllows(xsd('int', { minExclusive: '0', maxExclusive: '10' }), ['1', '9'], ['0', '10']);
  });

  it('bounds decimals, doubles and dateTimes', () => {
    expectAllows(xsd('decimal', { minInclusive: '0.5', maxInclusive: '1.25' }), ['0.5', '1.250', '1'], ['0.49', '1.2501']);
    expectAllows(xsd('double', { minInclusive: '0', maxExclusive: '1e3' }), ['0', '999.9', '-0'], ['1000', 'NaN', 'INF', '-1e-300']);
    const after2000 = xsd('dateTime', { minInclusive: '2000-01-01T00:00:00Z' });
    expectAllows(after2000, ['2000-01-01T00:00:00Z', '2000-01-01T01:00:00+01:00', '2000-01-02T00:00:00'], ['1999-12-31T23:59:59Z', '2000-01-01T00:00:00']);
  });

  it('counts length in characters, including astral ones, and in bytes for binaries', () => {
    expectAllows(xsd('string', { length: '2' }), ['ab', '😀😀', 'éé'], ['a', 'abc', '😀']);
    expectAllows(xsd('token', { minLength: '1', maxLength: '3' }), ['a', ' abc '], ['abcd', '   ']);
    expectAllows(xsd('hexBinary', { length: '2' }), ['0f1a'], ['0f', '0f1a2b']);
    expectAllows(xsd('base64Binary', { maxLength: '2' }), ['QUI=', 'QQ=='], ['QUJD']);
    expectAllows(xsd('anyURI', { maxLength: '4' }), ['a:b'], ['a:bcd']);
  });

  it('counts total and fraction digits without insignificant zeros', () => {
    const datatype = xsd('decimal', { totalDigits: '3', fractionDigits: '1' });
    expectAllows(datatype, ['12.3', '123', '0.1', '100.0', '-1.5', '012.30'], ['1.23', '1234', '0.01']);
    expectAllows(xsd('integer', { totalDigits: '2' }), ['99', '-99', '0099'], ['100']);
    expectAllows(xsd('decimal', { totalDigits: '3' }), ['0.001'], ['0.0001']);
  });

  it('ANDs several pattern params and applies them to the normalised value', () => {
    const datatype = xsd('token', [{ name: 'pattern', value: '[a-z]+' }, { name: 'pattern', value: '.{2,3}' }]);
    expectAllows(datatype, ['ab', ' abc '], ['a', 'abcd', 'AB']);
    expectAllows(xsd('string', { pattern: '[a-z]+' }), ['abc'], [' abc', 'abc\n']);
    expectAllows(xsd('unsignedInt', { pattern: '[0-9]+' }), [' 42 '], ['+42']);
  });
});

describe('violations', () => {
  it('explain lexical errors with the value and the type', () => {
    expect(xsd('unsignedInt').check('abc')).toEqual({ facet: 'lexical', message: '"abc" is not an unsignedInt' });
    expect(xsd('long').check('1.5')).toEqual({ facet: 'lexical', message: '"1.5" is not a long' });
    expect(xsd('NCName').check('a:b')?.message).toBe('"a:b" is not an NCName');
  });

  it('shorten long values', () => {
    const message = xsd('int').check('x'.repeat(500))?.message ?? '';
    expect(message.length).toBeLessThan(100);
    expect(message).toContain('…');
  });

  it('name the bound broken, the schema one before the type one', () => {
    expect(xsd('unsignedByte').check('256')).toEqual({ facet: 'maxInclusive', limit: '255', message: 'must be at most 255' });
    // Unsigned types have no sign in their lexical space (XSD 1.0 §3.3.21), so '-1' is not even a literal.
    expect(xsd('unsignedInt').check('-1')).toMatchObject({ facet: 'lexical', message: '"-1" is not an unsignedInt' });
    expect(xsd('unsignedInt').check('+1')).toMatchObject({ facet: 'lexical' });
    const datatype = xsd('unsignedInt', { minInclusive: '1', maxInclusive: '4096' });
    expect(datatype.check('99999999999')).toEqual({ facet: 'maxInclusive', limit: '4096', message: 'must be at most 4096' });
    expect(datatype.check('0')).toEqual({ facet: 'minInclusive', limit: '1', message: 'must be at least 1' });
    expect(xsd('int', { minExclusive: '0' }).check('0')?.message).toBe('must be greater than 0');
    expect(xsd('int', { maxExclusive: '10' }).check('10')?.message).toBe('must be less than 10');
    expect(datatype.check('4096')).toBeUndefined();
  });

  it('word length, digits and pattern failures', () => {
    expect(xsd('string', { length: '1' }).check('ab')).toEqual({ facet: 'length', limit: '1', message: 'must be exactly 1 character long' });
    expect(xsd('string', { minLength: '2' }).check('a')?.message).toBe('must be at least 2 characters long');
    expect(xsd('hexBinary', { maxLength: '1' }).check('abcd')?.message).toBe('must be at most 1 byte long');
    expect(xsd('decimal', { totalDigits: '2' }).check('123')).toEqual({ facet: 'totalDigits', limit: '2', message: 'must have at most 2 digits' });
    expect(xsd('decimal', { fractionDigits: '0' }).check('1.5')?.message).toBe('must have no digits after the decimal point');
    expect(xsd('decimal', { fractionDigits: '2' }).check('1.555')?.message).toBe('must have at most 2 digits after the decimal point');
    expect(xsd('string', { pattern: '[0-9a-f]{2}' }).check('zz')).toEqual({ facet: 'pattern', limit: '[0-9a-f]{2}', message: 'must match the pattern [0-9a-f]{2}' });
  });
});

describe('describe()', () => {
  it('summarises the type and its facets', () => {
    expect(xsd('unsignedInt').describe()).toBe('an unsignedInt');
    expect(xsd('unsignedInt', { minInclusive: '1', maxInclusive: '4096' }).describe()).toBe('an unsignedInt from 1 to 4096');
    expect(xsd('int', { minInclusive: '0' }).describe()).toBe('an int of at least 0');
    expect(xsd('int', { minExclusive: '0', maxInclusive: '9' }).describe()).toBe('an int greater than 0 and at most 9');
    expect(xsd('long', { maxExclusive: '0' }).describe()).toBe('a long less than 0');
    expect(xsd('string', { pattern: '[a-z]+' }).describe()).toBe('a string matching [a-z]+');
    expect(xsd('string', { maxLength: '16', pattern: '[a-z]+' }).describe()).toBe('a string of at most 16 characters matching [a-z]+');
    expect(xsd('token', { minLength: '1', maxLength: '8' }).describe()).toBe('a token of 1 to 8 characters');
    expect(xsd('hexBinary', { length: '1' }).describe()).toBe('a hexBinary of exactly 1 byte');
    expect(xsd('decimal', { totalDigits: '5', fractionDigits: '2' }).describe()).toBe('a decimal with at most 5 digits and at most 2 after the decimal point');
    expect(xsd('NCName').describe()).toBe('an NCName');
  });
});

describe('parameter errors', () => {
  it.each([
    ['int', { maxLength: '3' }, 'does not apply to int'],
    ['string', { maxInclusive: '3' }, 'does not apply to string'],
    ['boolean', { length: '1' }, 'does not apply to boolean'],
    ['double', { totalDigits: '3' }, 'does not apply to double'],
    ['int', { enumeration: '3' }, 'not allowed as a parameter in RELAX NG'],
    ['string', { whiteSpace: 'collapse' }, 'not allowed as a parameter in RELAX NG'],
    ['string', { colour: 'red' }, '"colour" is not a parameter of string'],
    ['unsignedByte', { maxInclusive: '300' }, 'outside the range of unsignedByte, whose values must be at most 255'],
    ['int', { maxInclusive: 'ten' }, 'maxInclusive "ten" is not an int'],
    ['int', { maxInclusive: '1.5' }, 'maxInclusive "1.5" is not an int'],
    ['string', { length: '-1' }, 'must be a non-negative integer'],
    ['decimal', { totalDigits: '0' }, 'must be a positive integer'],
    ['integer', { fractionDigits: '1' }, 'fixed at 0'],
    ['int', { minInclusive: '1', minExclusive: '0' }, 'cannot both be given'],
    ['int', { maxInclusive: '1', maxExclusive: '2' }, 'cannot both be given'],
    ['int', { minInclusive: '5', maxInclusive: '4' }, 'is above'],
    ['int', { minInclusive: '5', maxExclusive: '5' }, 'is above'],
    ['string', { length: '3', maxLength: '4' }, 'cannot be combined'],
    ['string', { minLength: '5', maxLength: '4' }, 'minLength 5 is above maxLength 4'],
    ['decimal', { totalDigits: '2', fractionDigits: '3' }, 'fractionDigits 3 is above totalDigits 2'],
  ] as const)('%s with %o', (name, params, message) => {
    const error = errorOf(() => xsd(name, params));
    expect(error.code).toBe('bad-param');
    expect(error.message).toContain(message);
  });

  it('rejects a repeated non-pattern parameter', () => {
    const error = errorOf(() => xsd('string', [{ name: 'maxLength', value: '3' }, { name: 'maxLength', value: '4' }]));
    expect(error.code).toBe('bad-param');
    expect(error.message).toContain('more than once');
  });

  it('allows equal inclusive bounds and fractionDigits 0 on integers', () => {
    expectAllows(xsd('int', { minInclusive: '5', maxInclusive: '5' }), ['5'], ['4', '6']);
    expect(() => xsd('int', { fractionDigits: '0' })).not.toThrow();
  });

  it('reports an invalid pattern as bad-regex', () => {
    expect(errorOf(() => xsd('string', { pattern: '(?:x)' })).code).toBe('bad-regex');
  });

  it('reports an unknown type', () => {
    const error = errorOf(() => xsd('duration'));
    expect(error.code).toBe('unknown-type');
    expect(error.message).toContain('"duration"');
  });
});

describe('immutability', () => {
  it('freezes datatypes and copies their params', () => {
    const params = [{ name: 'maxLength', value: '3' }];
    const datatype = xsd('string', params);
    params[0]!.value = '1';
    expect(datatype.params).toEqual([{ name: 'maxLength', value: '3' }]);
    expect(datatype.allows('abc')).toBe(true);
    expect(Object.isFrozen(datatype)).toBe(true);
    expect(Object.isFrozen(datatype.params)).toBe(true);
  });
});
