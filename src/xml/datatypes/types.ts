/**
 * The seam between the RELAX NG pattern engine and datatype libraries (RELAX NG §6.2.8).
 * The engine only sees this interface; the XSD subset lives behind it.
 */

export const BUILTIN_LIBRARY = '';
export const XSD_LIBRARY = 'http://www.w3.org/2001/XMLSchema-datatypes';

export interface DatatypeParam {
  readonly name: string;
  readonly value: string;
}

/** What a value failed on, for diagnostics: e.g. `{ facet: 'maxInclusive', limit: '255' }`. */
export interface DatatypeViolation {
  readonly facet: 'lexical' | 'pattern' | 'minInclusive' | 'maxInclusive' | 'minExclusive' | 'maxExclusive'
    | 'length' | 'minLength' | 'maxLength' | 'totalDigits' | 'fractionDigits' | 'enumeration';
  /** The facet's value (the pattern, the bound, the length), absent for `lexical`. */
  readonly limit?: string;
  /** One sentence a user can act on, e.g. `must be at most 255`. */
  readonly message: string;
}

export interface Datatype {
  readonly library: string;
  readonly name: string;
  readonly params: readonly DatatypeParam[];
  /** True when `value` is in the lexical space and satisfies every facet. */
  allows(value: string): boolean;
  /** Why `value` is not allowed, or undefined when it is. */
  check(value: string): DatatypeViolation | undefined;
  /** Value-space equality, used by `<value>` patterns (token: whitespace-collapsed; numbers: numeric). */
  equals(a: string, b: string): boolean;
  /** A short human description for messages, e.g. `unsignedInt from 0 to 255` or `string matching [a-z]+`. */
  describe(): string;
}

/** Thrown for an unknown library, type or parameter; codegen reports it with the schema's file:line. */
export class DatatypeError extends Error {
  constructor(readonly code: 'unknown-library' | 'unknown-type' | 'bad-param' | 'bad-regex', message: string) {
    super(message);
    this.name = 'DatatypeError';
  }
}

/**
 * One datatype library, identified by its RELAX NG `datatypeLibrary` URI.
 * `create` validates the parameters up front so a schema error surfaces at load time, not at validation time.
 */
export interface DatatypeLibrary {
  readonly uri: string;
  /** Throws DatatypeError `unknown-type`, `bad-param` or `bad-regex`. */
  create(name: string, params: readonly DatatypeParam[]): Datatype;
}
