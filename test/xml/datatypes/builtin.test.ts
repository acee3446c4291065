import { describe, expect, it } from 'vitest';
import { builtinLibrary } from '../../../src/xml/datatypes/builtin.js';
import { BUILTIN_LIBRARY, DatatypeError } from '../../../src/xml/datatypes/types.js';

describe('RELAX NG built-in datatypes', () => {
  it('string allows everything and compares exactly', () => {
    const string = builtinLibrary.create('string', []);
    expect(string.library).toBe(BUILTIN_LIBRARY);
    expect(string.allows('')).toBe(true);
    expect(string.allows(' \t anything \n')).toBe(true);
    expect(string.check('x')).toBeUndefined();
    expect(string.equals('a b', 'a b')).toBe(true);
    expect(string.equals(' a', 'a')).toBe(false);
    expect(string.equals('a  b', 'a b')).toBe(false);
    expect(string.describe()).toBe('a string');
  });

  it('token allows everything and compares after collapsing whitespace', () => {
    const token = builtinLibrary.create('token', []);
    expect(token.allows('  ')).toBe(true);
    expect(token.equals('  a \t\n b  ', 'a b')).toBe(true);
    expect(token.equals('ab', 'a b')).toBe(false);
    // Only XML whitespace collapses; a no-break space is content.
    expect(token.equals('a\u00a0b', 'a b')).toBe(false);
    expect(token.describe()).toBe('a token');
  });

  it('rejects parameters', () => {
    expect(() => builtinLibrary.create('string', [{ name: 'pattern', value: 'a' }])).toThrowError(
      expect.objectContaining({ code: 'bad-param', message: expect.stringContaining('"pattern"') }),
    );
  });

  it('rejects other type names', () => {
    let error: unknown;
    try {
      builtinLibrary.create('int', []);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DatatypeError);
    expect((error as DatatypeError).code).toBe('unknown-type');
  });

  it('hands out frozen datatypes', () => {
    expect(Object.isFrozen(builtinLibrary.create('token', []))).toBe(true);
  });
});
