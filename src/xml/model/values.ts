/**
 * Reading and writing attribute values and element text by their binding: literals, numbers,
 * 64-bit decimal strings and plain strings. A text that fits none of the allowed kinds does not
 * fit its property; the parser then keeps it in `$unknown` instead of inventing a value.
 */
import type { ValueBinding } from './binding.js';

/** A model value held by a property of the model: a string, a number, or `true` for an empty element. */
export type ModelValue = string | number | boolean;

/** Marks a text that does not fit its binding. */
export const NO_FIT: unique symbol = Symbol('no fit');

/** An optional sign and decimal digits (checked by hand: most values are short). */
function isInteger(s: string): boolean {
  let i = s.charCodeAt(0) === 43 || s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === s.length) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

/** Whether a string holds any XML whitespace character. */
function hasWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) return true;
  }
  return false;
}

/** XSD whitespace collapsing: runs of XML whitespace become one space, ends trimmed. */
export function collapse(s: string): string {
  return hasWhitespace(s) ? s.replace(/[\t\n\r ]+/g, ' ').trim() : s;
}

/** The model value of a text, or {@link NO_FIT}. */
export function decodeValue(text: string, v: ValueBinding): string | number | typeof NO_FIT {
  return decoderFor(v)(text);
}

/** Reads a text by one binding: {@link decodeValue} with the binding's work done once. */
export type Decoder = (text: string) => string | number | typeof NO_FIT;

const decoders = new WeakMap<ValueBinding, Decoder>();

const asString: Decoder = (text) => text;

/** The decoder of a binding, made on first use. */
export function decoderFor(v: ValueBinding): Decoder {
  let d = decoders.get(v);
  if (d === undefined) decoders.set(v, (d = makeDecoder(v)));
  return d;
}

function makeDecoder(v: ValueBinding): Decoder {
  if (v.e === undefined && v.n === undefined && v.b === undefined) return v.s !== undefined ? asString : () => NO_FIT;
  const isLiteral = v.e !== undefined ? literalTest(v.e) : undefined;
  const numeric = v.n;
  const wide = v.b !== undefined;
  const anyString = v.s !== undefined;
  return (text) => {
    const c = collapse(text);
    if (isLiteral !== undefined && isLiteral(c)) return c;
    if (numeric !== undefined && (numeric === 'i' ? isInteger(c) : DECIMAL.test(c))) {
      const n = Number(c);
      if (Number.isFinite(n) && (numeric === 'f' || Number.isSafeInteger(n))) return n;
    }
    if (wide && isInteger(c)) return c;
    return anyString ? text : NO_FIT;
  };
}

/** Membership in a list of literals; few are compared one by one, cheaper than hashing a fresh string. */
function literalTest(literals: readonly string[]): (s: string) => boolean {
  if (literals.length > 8) {
    const set = new Set(literals);
    return (s) => set.has(s);
  }
  return (s) => literals.includes(s);
}

/** The text of a model value. */
export function encodeValue(value: ModelValue): string {
  return typeof value === 'string' ? value : String(value);
}

/** Whether a model value may be written for a binding (used to reject wrong types in built objects). */
export function valueFits(value: unknown, v: ValueBinding): boolean {
  if (typeof value === 'number') return v.n !== undefined && Number.isFinite(value);
  if (typeof value !== 'string') return false;
  if (v.s !== undefined) return true;
  if (v.e?.includes(value)) return true;
  return v.b !== undefined && isInteger(value);
}
