/**
 * Entry point for datatypes: `createDatatype(library, name, params)` dispatches on the library URI
 * and shares one immutable Datatype per distinct (library, name, params).
 */

import { builtinLibrary } from './builtin.js';
import { xsdLibrary } from './xsd.js';
import { DatatypeError, type Datatype, type DatatypeLibrary, type DatatypeParam } from './types.js';

export * from './types.js';
export { builtinLibrary } from './builtin.js';
export { xsdLibrary } from './xsd.js';
export { translateXsdRegex, xsdRegexToJsSource, XsdRegexError } from './xsd-regex.js';
export { collapseWhitespace, replaceWhitespace, normalizeWhitespace, type WhitespaceMode } from './whitespace.js';
export { isName, isNCName, isNmtoken } from './xml-names.js';

const LIBRARIES: ReadonlyMap<string, DatatypeLibrary> = new Map([builtinLibrary, xsdLibrary].map((library) => [library.uri, library]));

const created = new Map<string, Datatype>();

/** Whether a `datatypeLibrary` URI is one this module implements. */
export function isKnownDatatypeLibrary(library: string): boolean {
  return LIBRARIES.has(library);
}

/**
 * The datatype for `<data type="name">` (with its `<param>`s) or `<value type="name">` in `library`.
 * Throws DatatypeError: `unknown-library`, `unknown-type`, `bad-param`, or `bad-regex` for an invalid pattern.
 */
export function createDatatype(library: string, name: string, params: readonly DatatypeParam[]): Datatype {
  const key = JSON.stringify([library, name, params.map((param) => [param.name, param.value])]);
  const cached = created.get(key);
  if (cached !== undefined) return cached;
  const implementation = LIBRARIES.get(library);
  if (implementation === undefined) {
    throw new DatatypeError('unknown-library', `datatype library ${JSON.stringify(library)} is not supported (only RELAX NG's built-in library and XSD datatypes are)`);
  }
  const datatype = implementation.create(name, params);
  created.set(key, datatype);
  return datatype;
}
