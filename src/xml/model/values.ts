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

const INTEGER = /^[+-]?[0-9]+$/;
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

/** XSD whitespace collapsing: runs of XML whitespace become one space, ends trimmed. */
export function collapse(s: string): string {
  return /^[^\t\n\r ]*$/.test(s) ? s : s.replace(/[\t\n\r ]+/g, ' ').trim();
}

/** The model value of a text, or {@link NO_FIT}. */
export function decodeValue(text: string, v: ValueBinding): string | number | typeof NO_FIT {
  if (v.e !== undefined) {
    const c = collapse(text);
    if (v.e.includes(c)) return c;
  }
  if (v.n !== undefined) {
    const c = collapse(text);
    if (v.n === 'i' ? INTEGER.test(c) : DECIMAL.test(c)) {
      const n = Number(c);
      if (Number.isFinite(n) && (v.n === 'f' || Number.isSafeInteger(n))) return n;
    }
  }
  if (v.b !== undefined) {
    const c = collapse(text);
    if (INTEGER.test(c)) return c;
  }
  if (v.s !== undefined) return text;
  return NO_FIT;
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
  return v.b !== undefined && INTEGER.test(value);
}
