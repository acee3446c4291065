/**
 * XSD constraining facets given as RELAX NG `<param>`s: reading and cross-checking them at schema load
 * (XML Schema Part 2 §4.3), checking values against them, and wording both for people.
 *
 * RELAX NG's XSD guidelines forbid `enumeration` and `whiteSpace` as parameters; several `pattern`
 * parameters must all match.
 */

import { parseInteger } from './decimal.js';
import { xsdRegexMatcher, type XsdRegexMatcher } from './xsd-regex.js';
import type { XsdType } from './xsd-types.js';
import type { ValueSpace } from './xsd-value-spaces.js';
import { collapseWhitespace, normalizeWhitespace } from './whitespace.js';
import { DatatypeError, type DatatypeParam, type DatatypeViolation } from './types.js';

type BoundFacet = 'minInclusive' | 'minExclusive' | 'maxInclusive' | 'maxExclusive';
type CountFacet = 'length' | 'minLength' | 'maxLength' | 'totalDigits' | 'fractionDigits';

interface Bound {
  readonly facet: BoundFacet;
  /** The bound as written (whitespace-normalised), which is also how messages show it. */
  readonly literal: string;
  readonly value: unknown;
}

interface Pattern {
  readonly source: string;
  /** Linear in the value's length: a value from a request cannot stall validation. */
  readonly matcher: XsdRegexMatcher;
}

export interface XsdFacets {
  readonly lower?: Bound;
  readonly upper?: Bound;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  readonly patterns: readonly Pattern[];
}

type MutableFacets = { -readonly [K in keyof XsdFacets]: XsdFacets[K] };

const BOUND_FACETS: ReadonlySet<string> = new Set<BoundFacet>(['minInclusive', 'minExclusive', 'maxInclusive', 'maxExclusive']);
const LENGTH_FACETS: ReadonlySet<string> = new Set<CountFacet>(['length', 'minLength', 'maxLength']);
const DIGITS_FACETS: ReadonlySet<string> = new Set<CountFacet>(['totalDigits', 'fractionDigits']);

const BOUND_WORDING: Record<BoundFacet, string> = {
  minInclusive: 'at least',
  minExclusive: 'greater than',
  maxInclusive: 'at most',
  maxExclusive: 'less than',
};

/** Reads the parameters of `<data type="…">` into facets; throws DatatypeError `bad-param` or `bad-regex`. */
export function parseFacets(type: XsdType<unknown>, params: readonly DatatypeParam[]): XsdFacets {
  const facets: MutableFacets = { patterns: [] };
  const seen = new Set<string>();
  const patterns: Pattern[] = [];
  for (const { name, value } of params) {
    assertApplicable(type, name);
    if (name === 'pattern') {
      patterns.push({ source: value, matcher: xsdRegexMatcher(value) });
      continue;
    }
    if (seen.has(name)) throw badParam(`parameter "${name}" is given more than once`);
    seen.add(name);
    if (BOUND_FACETS.has(name)) {
      const bound = parseBound(type, name as BoundFacet, value);
      if (name.startsWith('min')) facets.lower = bound;
      else facets.upper = bound;
    } else {
      facets[name as CountFacet] = parseCount(type, name as CountFacet, value);
    }
  }
  facets.patterns = patterns;
  if (seen.has('minInclusive') && seen.has('minExclusive')) throw badParam('minInclusive and minExclusive cannot both be given');
  if (seen.has('maxInclusive') && seen.has('maxExclusive')) throw badParam('maxInclusive and maxExclusive cannot both be given');
  assertConsistent(type.space, facets);
  return facets;
}

function assertApplicable(type: XsdType<unknown>, name: string): void {
  if (name === 'enumeration' || name === 'whiteSpace') {
    throw badParam(`"${name}" is not allowed as a parameter in RELAX NG; ${name === 'enumeration' ? 'use a choice of <value> elements' : 'whitespace handling is fixed by the type'}`);
  }
  const applies = name === 'pattern'
    || (BOUND_FACETS.has(name) && type.space.compare !== undefined)
    || (LENGTH_FACETS.has(name) && type.space.measure !== undefined)
    || (DIGITS_FACETS.has(name) && type.space.digits !== undefined);
  if (applies) return;
  const known = name === 'pattern' || BOUND_FACETS.has(name) || LENGTH_FACETS.has(name) || DIGITS_FACETS.has(name);
  throw badParam(known ? `parameter "${name}" does not apply to ${type.name}` : `"${name}" is not a parameter of ${type.name}`);
}

function parseBound(type: XsdType<unknown>, facet: BoundFacet, literal: string): Bound {
  const normalized = normalizeWhitespace(literal, type.whitespace);
  const value = type.space.parse(normalized);
  if (value === undefined) throw badParam(`${facet} "${literal}" is not ${type.article} ${type.name}`);
  const bound = { facet, literal: normalized, value };
  const outside = inherentBounds(type).find((inherent) => violatesBound(type.space, inherent, value));
  if (outside !== undefined) {
    throw badParam(`${facet} "${literal}" is outside the range of ${type.name}, whose values ${boundMessage(outside)}`);
  }
  return bound;
}

function parseCount(type: XsdType<unknown>, facet: CountFacet, literal: string): number {
  const value = parseInteger(collapseWhitespace(literal));
  const minimum = facet === 'totalDigits' ? 1n : 0n;
  if (value === undefined || value < minimum) {
    throw badParam(`${facet} "${literal}" must be a ${minimum === 1n ? 'positive' : 'non-negative'} integer`);
  }
  if (facet === 'fractionDigits' && type.isInteger === true && value !== 0n) {
    throw badParam(`fractionDigits of ${type.name} is fixed at 0`);
  }
  return Number(value);
}

/** The cross-facet rules of §4.3: ranges must not be empty by construction. */
function assertConsistent(space: ValueSpace<unknown>, facets: XsdFacets): void {
  const { lower, upper } = facets;
  if (lower !== undefined && upper !== undefined) {
    const order = space.compare?.(lower.value, upper.value);
    const bothInclusive = lower.facet === 'minInclusive' && upper.facet === 'maxInclusive';
    const bothExclusive = lower.facet === 'minExclusive' && upper.facet === 'maxExclusive';
    if (order === 1 || (order === 0 && !bothInclusive && !bothExclusive)) {
      throw badParam(`${lower.facet} ${lower.literal} is above ${upper.facet} ${upper.literal}`);
    }
  }
  if (facets.length !== undefined && (facets.minLength !== undefined || facets.maxLength !== undefined)) {
    throw badParam('length cannot be combined with minLength or maxLength');
  }
  if (facets.minLength !== undefined && facets.maxLength !== undefined && facets.minLength > facets.maxLength) {
    throw badParam(`minLength ${facets.minLength} is above maxLength ${facets.maxLength}`);
  }
  if (facets.totalDigits !== undefined && facets.fractionDigits !== undefined && facets.fractionDigits > facets.totalDigits) {
    throw badParam(`fractionDigits ${facets.fractionDigits} is above totalDigits ${facets.totalDigits}`);
  }
}

/** The bounds a type has by derivation (unsignedByte's 0 and 255), checked after the schema's own. */
export function inherentBounds(type: XsdType<unknown>): readonly Bound[] {
  const bounds: Bound[] = [];
  for (const facet of ['minInclusive', 'maxInclusive'] as const) {
    const literal = type[facet];
    if (literal === undefined) continue;
    bounds.push({ facet, literal, value: type.space.parse(literal) });
  }
  return bounds;
}

function violatesBound(space: ValueSpace<unknown>, bound: Bound, value: unknown): boolean {
  // An incomparable value (NaN, or a time too close to call across timezones) does not satisfy a bound.
  const order = space.compare?.(value, bound.value);
  switch (bound.facet) {
    case 'minInclusive': return order !== 0 && order !== 1;
    case 'minExclusive': return order !== 1;
    case 'maxInclusive': return order !== 0 && order !== -1;
    case 'maxExclusive': return order !== -1;
  }
}

function boundMessage(bound: Bound): string {
  return `must be ${BOUND_WORDING[bound.facet]} ${bound.literal}`;
}

function units(count: number, unit: 'character' | 'byte'): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * The first facet `value` breaks, in the order a reader would fix them: range, length, digits, pattern.
 * `literal` is the whitespace-normalised text (patterns apply to it), `value` its parsed form.
 */
export function checkFacets(
  type: XsdType<unknown>, facets: XsdFacets, bounds: readonly Bound[], value: unknown, literal: string,
): DatatypeViolation | undefined {
  for (const bound of bounds) {
    if (violatesBound(type.space, bound, value)) return { facet: bound.facet, limit: bound.literal, message: boundMessage(bound) };
  }
  const measure = type.space.measure;
  if (measure !== undefined) {
    const length = measure.length(value);
    if (facets.length !== undefined && length !== facets.length) {
      return { facet: 'length', limit: String(facets.length), message: `must be exactly ${units(facets.length, measure.unit)} long` };
    }
    if (facets.minLength !== undefined && length < facets.minLength) {
      return { facet: 'minLength', limit: String(facets.minLength), message: `must be at least ${units(facets.minLength, measure.unit)} long` };
    }
    if (facets.maxLength !== undefined && length > facets.maxLength) {
      return { facet: 'maxLength', limit: String(facets.maxLength), message: `must be at most ${units(facets.maxLength, measure.unit)} long` };
    }
  }
  const digits = type.space.digits?.(value);
  if (digits !== undefined) {
    if (facets.totalDigits !== undefined && digits.total > facets.totalDigits) {
      return { facet: 'totalDigits', limit: String(facets.totalDigits), message: `must have at most ${facets.totalDigits} digit${facets.totalDigits === 1 ? '' : 's'}` };
    }
    if (facets.fractionDigits !== undefined && digits.fraction > facets.fractionDigits) {
      const limit = facets.fractionDigits;
      return { facet: 'fractionDigits', limit: String(limit), message: limit === 0 ? 'must have no digits after the decimal point' : `must have at most ${limit} digit${limit === 1 ? '' : 's'} after the decimal point` };
    }
  }
  for (const pattern of facets.patterns) {
    if (!pattern.matcher.test(literal)) return { facet: 'pattern', limit: pattern.source, message: `must match the pattern ${pattern.source}` };
  }
  return undefined;
}

/** Phrases that follow the type name in a description, e.g. `from 1 to 4096`, `matching [a-z]+`. */
export function describeFacets(type: XsdType<unknown>, facets: XsdFacets): string[] {
  const phrases: string[] = [];
  const { lower, upper } = facets;
  if (lower?.facet === 'minInclusive' && upper?.facet === 'maxInclusive') {
    phrases.push(`from ${lower.literal} to ${upper.literal}`);
  } else if (lower !== undefined || upper !== undefined) {
    const parts = [lower, upper].filter((bound) => bound !== undefined).map((bound) => `${BOUND_WORDING[bound.facet]} ${bound.literal}`);
    const text = parts.join(' and ');
    phrases.push(text.startsWith('at ') ? `of ${text}` : text);
  }
  const unit = type.space.measure?.unit ?? 'character';
  if (facets.length !== undefined) phrases.push(`of exactly ${units(facets.length, unit)}`);
  else if (facets.minLength !== undefined && facets.maxLength !== undefined) phrases.push(`of ${facets.minLength} to ${units(facets.maxLength, unit)}`);
  else if (facets.minLength !== undefined) phrases.push(`of at least ${units(facets.minLength, unit)}`);
  else if (facets.maxLength !== undefined) phrases.push(`of at most ${units(facets.maxLength, unit)}`);
  const digitLimits: string[] = [];
  if (facets.totalDigits !== undefined) digitLimits.push(`at most ${facets.totalDigits} digit${facets.totalDigits === 1 ? '' : 's'}`);
  if (facets.fractionDigits !== undefined) {
    const fraction = `${facets.fractionDigits}${digitLimits.length > 0 ? '' : ` digit${facets.fractionDigits === 1 ? '' : 's'}`}`;
    digitLimits.push(`at most ${fraction} after the decimal point`);
  }
  if (digitLimits.length > 0) phrases.push(`with ${digitLimits.join(' and ')}`);
  if (facets.patterns.length > 0) phrases.push(`matching ${facets.patterns.map((pattern) => pattern.source).join(' and ')}`);
  return phrases;
}

function badParam(message: string): DatatypeError {
  return new DatatypeError('bad-param', message);
}
