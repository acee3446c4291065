/**
 * RELAX NG's built-in datatype library (the empty URI, RELAX NG §6.2.8): `string` and `token`,
 * both accepting every string and taking no parameters. They differ only in equality.
 */

import { collapseWhitespace } from './whitespace.js';
import {
  BUILTIN_LIBRARY, DatatypeError, type Datatype, type DatatypeLibrary, type DatatypeParam, type DatatypeViolation,
} from './types.js';

const NO_PARAMS: readonly DatatypeParam[] = Object.freeze([]);

function builtinDatatype(name: 'string' | 'token', normalize: (value: string) => string): Datatype {
  return Object.freeze({
    library: BUILTIN_LIBRARY,
    name,
    params: NO_PARAMS,
    allows: (_value: string): boolean => true,
    check: (_value: string): DatatypeViolation | undefined => undefined,
    equals: (a: string, b: string): boolean => normalize(a) === normalize(b),
    describe: (): string => `a ${name}`,
  });
}

const BUILTIN_TYPES: ReadonlyMap<string, Datatype> = new Map([
  ['string', builtinDatatype('string', (value) => value)],
  ['token', builtinDatatype('token', collapseWhitespace)],
]);

export const builtinLibrary: DatatypeLibrary = Object.freeze({
  uri: BUILTIN_LIBRARY,
  create(name: string, params: readonly DatatypeParam[]): Datatype {
    const datatype = BUILTIN_TYPES.get(name);
    if (datatype === undefined) {
      throw new DatatypeError('unknown-type', `"${name}" is not a built-in RELAX NG datatype (only string and token are)`);
    }
    const [first] = params;
    if (first !== undefined) {
      throw new DatatypeError('bad-param', `the built-in ${name} datatype takes no parameters, but "${first.name}" was given`);
    }
    return datatype;
  },
});
