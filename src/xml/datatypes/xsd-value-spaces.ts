/**
 * The value spaces behind the XSD types: how a (whitespace-normalised) literal maps to a value, and how
 * values compare, measure and count digits. Which operations a space has decides which facets apply.
 */

import { compareDecimals, countDigits, integerDecimal, parseDecimal, parseInteger, type Decimal } from './decimal.js';
import { compareTemporals, parseTemporal, temporalsEqual, type TemporalKind, type TemporalValue } from './date-time.js';

/** `undefined` means the two values are incomparable (NaN, or zoned against unzoned times). */
export type Ordering = -1 | 0 | 1 | undefined;

export interface ValueSpace<V> {
  /** The value of a literal already normalised for whitespace, or undefined when it is not in the lexical space. */
  parse(literal: string): V | undefined;
  equal(a: V, b: V): boolean;
  /** Present for ordered spaces: enables minInclusive, maxInclusive, minExclusive and maxExclusive. */
  readonly compare?: (a: V, b: V) => Ordering;
  /** Present for measurable spaces: enables length, minLength and maxLength. */
  readonly measure?: { readonly unit: 'character' | 'byte'; length(value: V): number };
  /** Present for decimal spaces: enables totalDigits and fractionDigits. */
  readonly digits?: (value: V) => { readonly total: number; readonly fraction: number };
}

export const decimalSpace: ValueSpace<Decimal> = {
  parse: parseDecimal,
  equal: (a, b) => compareDecimals(a, b) === 0,
  compare: compareDecimals,
  digits: countDigits,
};

export const integerSpace: ValueSpace<Decimal> = {
  ...decimalSpace,
  parse(literal) {
    const value = parseInteger(literal);
    return value === undefined ? undefined : integerDecimal(value);
  },
};

/**
 * unsignedLong and the types derived from it: XSD 1.0 (§3.3.21) gives them "a finite-length
 * sequence of decimal digits", with no sign, unlike nonNegativeInteger (libxml2 agrees).
 */
export const unsignedIntegerSpace: ValueSpace<Decimal> = {
  ...integerSpace,
  parse(literal) {
    return /^[0-9]+$/.test(literal) ? integerSpace.parse(literal) : undefined;
  },
};

const FLOATING_POINT_LEXICAL = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NaN)$/;

/**
 * double and float. Literals round to the nearest representable value, so `0.1` and `0.10000000149011612`
 * are the same float. NaN equals itself (so `<value>NaN</value>` matches) but is not ordered; 0 equals -0.
 */
function floatingPointSpace(round: (value: number) => number): ValueSpace<number> {
  return {
    parse(literal) {
      if (!FLOATING_POINT_LEXICAL.test(literal)) return undefined;
      if (literal === 'INF') return Infinity;
      if (literal === '-INF') return -Infinity;
      return literal === 'NaN' ? NaN : round(Number(literal));
    },
    equal: (a, b) => a === b || (Number.isNaN(a) && Number.isNaN(b)),
    compare: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? undefined : a < b ? -1 : a > b ? 1 : 0),
  };
}

export const doubleSpace = floatingPointSpace((value) => value);
export const floatSpace = floatingPointSpace(Math.fround);

export const booleanSpace: ValueSpace<boolean> = {
  parse: (literal) => (literal === 'true' || literal === '1' ? true : literal === 'false' || literal === '0' ? false : undefined),
  equal: (a, b) => a === b,
};

export function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** String-valued types; `isLexical` narrows the lexical space (NCName, language, …). Length counts code points. */
export function stringSpace(isLexical: (literal: string) => boolean = () => true): ValueSpace<string> {
  return {
    parse: (literal) => (isLexical(literal) ? literal : undefined),
    equal: (a, b) => a === b,
    measure: { unit: 'character', length: countCodePoints },
  };
}

const URI_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const BROKEN_PERCENT_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * anyURI accepts what becomes a URI reference once spaces and non-ASCII characters are %-escaped
 * (XSD 1.0 §3.2.17): so only a broken %-escape, a second `#`, or text before the first `:` that cannot be a scheme fail.
 */
function isAnyUri(literal: string): boolean {
  if (BROKEN_PERCENT_ESCAPE.test(literal)) return false;
  const fragmentStart = literal.indexOf('#');
  if (fragmentStart >= 0 && literal.includes('#', fragmentStart + 1)) return false;
  const schemeEnd = literal.search(/[:/?#]/);
  return schemeEnd < 0 || literal[schemeEnd] !== ':' || URI_SCHEME.test(literal.slice(0, schemeEnd));
}

export const anyUriSpace = stringSpace(isAnyUri);

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

const HEX_BINARY_LEXICAL = /^(?:[0-9A-Fa-f]{2})*$/;

export const hexBinarySpace: ValueSpace<Uint8Array> = {
  parse(literal) {
    if (!HEX_BINARY_LEXICAL.test(literal)) return undefined;
    const bytes = new Uint8Array(literal.length / 2);
    for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(literal.slice(index * 2, index * 2 + 2), 16);
    return bytes;
  },
  equal: bytesEqual,
  measure: { unit: 'byte', length: (value) => value.length },
};

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/**
 * Quads of the alphabet, then optionally a padded tail whose last data character leaves no stray bits:
 * before `=` only characters whose low two bits are zero, before `==` only those whose low four are.
 */
const BASE64_LEXICAL = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=|[A-Za-z0-9+/][AQgw]==)?$/;

export const base64BinarySpace: ValueSpace<Uint8Array> = {
  parse(literal) {
    // After whitespace collapsing, the grammar allows a single space between any two characters.
    const compact = literal.replace(/ /g, '');
    if (!BASE64_LEXICAL.test(compact)) return undefined;
    const data = compact.replace(/=+$/, '');
    const bytes = new Uint8Array(Math.floor((data.length * 6) / 8));
    let buffer = 0;
    let bufferedBits = 0;
    let written = 0;
    for (const char of data) {
      // Only the low bits are ever read back, so the mask just keeps the number small.
      buffer = ((buffer << 6) | BASE64_ALPHABET.indexOf(char)) & 0xffff;
      bufferedBits += 6;
      if (bufferedBits >= 8) {
        bufferedBits -= 8;
        bytes[written++] = (buffer >> bufferedBits) & 0xff;
      }
    }
    return bytes;
  },
  equal: bytesEqual,
  measure: { unit: 'byte', length: (value) => value.length },
};

export function temporalSpace(kind: TemporalKind): ValueSpace<TemporalValue> {
  return {
    parse: (literal) => parseTemporal(kind, literal),
    equal: temporalsEqual,
    compare: compareTemporals,
  };
}
