import { describe, expect, it } from 'vitest';
import {
  BUILTIN_LIBRARY, XSD_LIBRARY, createDatatype, isKnownDatatypeLibrary, translateXsdRegex, type DatatypeError,
} from '../../../src/xml/datatypes/index.js';

function codeOf(action: () => unknown): DatatypeError['code'] | undefined {
  try {
    action();
  } catch (error) {
    return (error as DatatypeError).code;
  }
  return undefined;
}

describe('createDatatype', () => {
  it('dispatches on the library URI', () => {
    expect(createDatatype(BUILTIN_LIBRARY, 'token', []).library).toBe(BUILTIN_LIBRARY);
    expect(createDatatype(XSD_LIBRARY, 'token', []).library).toBe(XSD_LIBRARY);
    expect(isKnownDatatypeLibrary(XSD_LIBRARY)).toBe(true);
    expect(isKnownDatatypeLibrary('http://example.com/types')).toBe(false);
  });

  it('returns the same object for the same library, name and params', () => {
    const params = [{ name: 'minInclusive', value: '1' }, { name: 'maxInclusive', value: '4096' }];
    const first = createDatatype(XSD_LIBRARY, 'unsignedInt', params);
    expect(createDatatype(XSD_LIBRARY, 'unsignedInt', params.map((param) => ({ ...param })))).toBe(first);
    expect(createDatatype(XSD_LIBRARY, 'unsignedInt', [{ name: 'minInclusive', value: '1' }])).not.toBe(first);
    expect(createDatatype(XSD_LIBRARY, 'int', params)).not.toBe(first);
    expect(createDatatype(BUILTIN_LIBRARY, 'string', [])).not.toBe(createDatatype(XSD_LIBRARY, 'string', []));
  });

  it('throws a coded DatatypeError for each kind of mistake', () => {
    expect(codeOf(() => createDatatype('http://example.com/types', 'int', []))).toBe('unknown-library');
    expect(codeOf(() => createDatatype(XSD_LIBRARY, 'QName', []))).toBe('unknown-type');
    expect(codeOf(() => createDatatype(BUILTIN_LIBRARY, 'int', []))).toBe('unknown-type');
    expect(codeOf(() => createDatatype(XSD_LIBRARY, 'int', [{ name: 'length', value: '1' }]))).toBe('bad-param');
    expect(codeOf(() => createDatatype(XSD_LIBRARY, 'string', [{ name: 'pattern', value: '[' }]))).toBe('bad-regex');
    expect(codeOf(() => createDatatype(BUILTIN_LIBRARY, 'string', [{ name: 'pattern', value: 'a' }]))).toBe('bad-param');
  });

  it('does not cache failures as successes', () => {
    expect(codeOf(() => createDatatype(XSD_LIBRARY, 'byte', [{ name: 'maxInclusive', value: '999' }]))).toBe('bad-param');
    expect(codeOf(() => createDatatype(XSD_LIBRARY, 'byte', [{ name: 'maxInclusive', value: '999' }]))).toBe('bad-param');
  });

  it('re-exports the regex translator', () => {
    expect(translateXsdRegex('\\d').test('5')).toBe(true);
  });
});
