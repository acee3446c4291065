/**
 * The XSD datatype library (`http://www.w3.org/2001/XMLSchema-datatypes`) as RELAX NG uses it:
 * a type name plus facet parameters becomes an immutable Datatype.
 */

import { MAX_SHOWN, quoteValue as quoteShown } from '../shown.js';
import { normalizeWhitespace } from './whitespace.js';
import { checkFacets, describeFacets, inherentBounds, parseFacets, type XsdFacets } from './xsd-facets.js';
import { findXsdType, type XsdType } from './xsd-types.js';
import {
  DatatypeError, XSD_LIBRARY, type Datatype, type DatatypeLibrary, type DatatypeParam, type DatatypeViolation,
} from './types.js';

/** The value as messages quote it, shortened so one long value cannot swamp a diagnostic (see shown.ts). */
export function quoteValue(value: string): string {
  return quoteShown(value, MAX_SHOWN - 1);
}

class XsdDatatype implements Datatype {
  readonly library = XSD_LIBRARY;
  readonly name: string;
  readonly params: readonly DatatypeParam[];
  private readonly type: XsdType<unknown>;
  private readonly facets: XsdFacets;
  /** The schema's bounds first, then the type's own, so a message names the tighter limit. */
  private readonly bounds: ReturnType<typeof inherentBounds>;

  constructor(type: XsdType<unknown>, params: readonly DatatypeParam[]) {
    this.type = type;
    this.name = type.name;
    this.params = Object.freeze(params.map(({ name, value }) => Object.freeze({ name, value })));
    this.facets = parseFacets(type, this.params);
    this.bounds = Object.freeze([
      ...(this.facets.lower === undefined ? [] : [this.facets.lower]),
      ...(this.facets.upper === undefined ? [] : [this.facets.upper]),
      ...inherentBounds(type),
    ]);
    Object.freeze(this);
  }

  allows(value: string): boolean {
    return this.check(value) === undefined;
  }

  check(value: string): DatatypeViolation | undefined {
    const literal = normalizeWhitespace(value, this.type.whitespace);
    const parsed = this.type.space.parse(literal);
    if (parsed === undefined) return { facet: 'lexical', message: `${quoteValue(value)} is not ${this.type.article} ${this.type.name}` };
    return checkFacets(this.type, this.facets, this.bounds, parsed, literal);
  }

  /** Compares in the value space of the type; a literal outside the lexical space equals nothing. */
  equals(a: string, b: string): boolean {
    const space = this.type.space;
    const left = space.parse(normalizeWhitespace(a, this.type.whitespace));
    const right = space.parse(normalizeWhitespace(b, this.type.whitespace));
    return left !== undefined && right !== undefined && space.equal(left, right);
  }

  describe(): string {
    return [`${this.type.article} ${this.type.name}`, ...describeFacets(this.type, this.facets)].join(' ');
  }
}

export const xsdLibrary: DatatypeLibrary = Object.freeze({
  uri: XSD_LIBRARY,
  create(name: string, params: readonly DatatypeParam[]): Datatype {
    const type = findXsdType(name);
    if (type === undefined) throw new DatatypeError('unknown-type', `"${name}" is not an XSD datatype this library supports`);
    return new XsdDatatype(type, params);
  },
});
