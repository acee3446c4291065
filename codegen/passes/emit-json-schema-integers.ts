/**
 * JSON Schema of bounded 64-bit integers kept as decimal strings (the model's `IntegerString`):
 * a string's numeric range cannot be said with `minimum`/`maximum`, so each range becomes a
 * named definition whose `pattern` matches exactly the decimal texts inside it — leading zeros
 * and signs as XSD allows them (`+7`, `007`, `-0`). Any JSON Schema validator checks the range
 * that way; validateModel compares the digits instead (validate-model.ts), which is exact and
 * linear, and says the range in words.
 */
import type { JsonSchemaPatternSource } from '../../src/xml/model/validate-model-document.js';
import type { JsonSchema } from './emit-json-schema-values.js';

/**
 * An inclusive range of integers as canonical decimal texts (an absent side is unbounded), and
 * the signs their texts may carry ('' none, '-' only minus; absent: XSD's optional '+' or '-').
 */
export interface IntegerRange {
  readonly min?: string;
  readonly max?: string;
  readonly signs?: '' | '-';
}

/** Names for the ranges of XSD's own types; other ranges are named by their bounds. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  [`0..${2n ** 64n - 1n}`]: 'UnsignedLong',
  [`${-(2n ** 63n)}..${2n ** 63n - 1n}`]: 'Long',
  '0..': 'NonNegativeInteger',
  '1..': 'PositiveInteger',
  '..-1': 'NegativeInteger',
  '..0': 'NonPositiveInteger',
};

/**
 * The definition name of a range: `UnsignedLongString` (XSD's unsignedLong, any sign),
 * `UnsignedLongDigits` (no sign allowed), `IntegerFrom1To18014398509481984Digits`,
 * `LongWithoutPlus`.
 */
export function integerRangeName(range: IntegerRange): string {
  const key = `${range.min ?? ''}..${range.max ?? ''}`;
  const word = (n: string): string => (n.startsWith('-') ? `Minus${n.slice(1)}` : n);
  const name = TYPE_NAMES[key] ?? `Integer${range.min === undefined ? '' : `From${word(range.min)}`}${range.max === undefined ? '' : `To${word(range.max)}`}`;
  return `${name}${range.signs === '' ? 'Digits' : range.signs === '-' ? 'WithoutPlus' : 'String'}`;
}

/** The definition of a range: a string of the decimal texts inside it. */
export function integerRangeSchema(range: IntegerRange): JsonSchema {
  const min = range.min === undefined ? undefined : BigInt(range.min);
  const max = range.max === undefined ? undefined : BigInt(range.max);
  const words = min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `of at least ${min}` : `of at most ${max}`;
  const signs = range.signs === '' ? ', without a sign' : range.signs === '-' ? ", without '+'" : '';
  return { type: 'string', description: `An integer ${words} as its decimal digits${signs}.`, pattern: integerRangePattern(min, max, range.signs) };
}

/** What validateModel needs to know of a range's pattern (see patternSources). */
export function integerRangeSource(range: IntegerRange): JsonSchemaPatternSource {
  return { xsd: [], integers: { ...(range.min === undefined ? {} : { min: range.min }), ...(range.max === undefined ? {} : { max: range.max }), ...(range.signs === undefined ? {} : { signs: range.signs }) } };
}

/**
 * An ECMAScript pattern matching the XSD integer texts (`[+-]?[0-9]+`) whose value is in
 * `[min, max]` (unbounded where absent), with the signs `signs` allows (absent: both). Its
 * alternatives start with distinct digits or differ in length, so a backtracking engine takes
 * time linear in the text.
 */
export function integerRangePattern(min: bigint | undefined, max: bigint | undefined, signs?: '' | '-'): string {
  if (min !== undefined && max !== undefined && min > max) throw new RangeError(`empty integer range ${min}..${max}`);
  const plus = signs === undefined;
  const minus = signs !== '';
  const alternatives: string[] = [];
  // Values ≥ 0, written with leading zeros and, where allowed, '+'; zero also as '-0'.
  if (max === undefined || max >= 0n) {
    const low = min === undefined || min < 0n ? 0n : min;
    alternatives.push(`${plus ? '\\+?' : ''}0*(?:${canonical(low, max)})`);
  }
  if (!minus) return anchored(alternatives);
  // Values < 0, by magnitude.
  if (min === undefined || min < 0n) {
    const lowMagnitude = max === undefined || max >= 0n ? 1n : -max;
    alternatives.push(`-0*(?:${canonical(lowMagnitude, min === undefined ? undefined : -min)})`);
  }
  if ((min === undefined || min <= 0n) && (max === undefined || max >= 0n)) alternatives.push('-0+');
  return anchored(alternatives);
}

/** The whole-text pattern of the alternatives; with none (only negatives, no '-' allowed), one that matches nothing. */
function anchored(alternatives: readonly string[]): string {
  return alternatives.length === 0 ? '^(?!)$' : `^(?:${alternatives.join('|')})$`;
}

/** The canonical texts (no sign, no leading zero) of `[low, high]`, `low ≥ 0`; `high` absent: unbounded. */
function canonical(low: bigint, high: bigint | undefined): string {
  const lowText = String(low);
  const parts: string[] = [];
  const lastLength = high === undefined ? lowText.length : String(high).length;
  for (let length = lowText.length; length <= lastLength; length++) {
    const from = length === lowText.length ? lowText : `1${'0'.repeat(length - 1)}`;
    const to = high !== undefined && length === lastLength ? String(high) : '9'.repeat(length);
    parts.push(sameLength(from, to));
  }
  // Every longer text, past the last length.
  if (high === undefined) parts.push(`[1-9][0-9]{${lastLength},}`);
  return parts.join('|');
}

/** The texts of `length` digits from `from` to `to` (equal lengths, `from ≤ to`). */
function sameLength(from: string, to: string): string {
  if (from === to) return from;
  let common = 0;
  while (from[common] === to[common]) common++;
  const prefix = from.slice(0, common);
  const a = from.slice(common);
  const b = to.slice(common);
  const rest = a.length - 1;
  const any = rest === 0 ? '' : `[0-9]${rest === 1 ? '' : `{${rest}}`}`;
  if (/^0*$/.test(a.slice(1)) && /^9*$/.test(b.slice(1))) return `${prefix}${digitClass(a[0]!, b[0]!)}${any}`;
  const options: string[] = [];
  // The first digit of `from`, then whatever its tail allows up to all nines.
  options.push(`${a[0]}(?:${sameLength(a.slice(1), '9'.repeat(rest))})`);
  // Digits strictly between, then anything.
  const lo = String.fromCharCode(a.charCodeAt(0) + 1);
  const hi = String.fromCharCode(b.charCodeAt(0) - 1);
  if (lo <= hi) options.push(`${digitClass(lo, hi)}${any}`);
  // The first digit of `to`, then from all zeros up to its tail.
  options.push(`${b[0]}(?:${sameLength('0'.repeat(rest), b.slice(1))})`);
  return `${prefix}(?:${options.join('|')})`;
}

function digitClass(lo: string, hi: string): string {
  return lo === hi ? lo : `[${lo}-${hi}]`;
}
