/**
 * Exact decimal numbers for XSD's decimal and integer types. Values are kept as an unscaled BigInt and
 * a scale, so 64-bit bounds and long fractions compare without floating-point rounding.
 */

/** The number `unscaled × 10^-scale`, with no trailing zero in `unscaled` when `scale > 0`. */
export interface Decimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

const DECIMAL_LEXICAL = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/;
const INTEGER_LEXICAL = /^[+-]?[0-9]+$/;

/** Parses XSD decimal's lexical form (`-1.50`, `+.5`, `7.`), or returns undefined. */
export function parseDecimal(lexical: string): Decimal | undefined {
  const match = DECIMAL_LEXICAL.exec(lexical);
  if (match === null) return undefined;
  const [, sign = '', integerDigits = '', fractionDigits = ''] = match;
  if (integerDigits === '' && fractionDigits === '') return undefined;
  const fraction = fractionDigits.replace(/0+$/, '');
  const magnitude = BigInt((integerDigits || '0') + fraction);
  return { unscaled: sign === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** Parses XSD integer's lexical form (`-007`, `+3`), or returns undefined. */
export function parseInteger(lexical: string): bigint | undefined {
  return INTEGER_LEXICAL.test(lexical) ? BigInt(lexical) : undefined;
}

export function integerDecimal(value: bigint): Decimal {
  return { unscaled: value, scale: 0 };
}

export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = a.unscaled * 10n ** BigInt(scale - a.scale);
  const right = b.unscaled * 10n ** BigInt(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Digits counted the way totalDigits and fractionDigits count them: leading and trailing zeros do not count. */
export function countDigits(value: Decimal): { readonly total: number; readonly fraction: number } {
  const magnitude = value.unscaled < 0n ? -value.unscaled : value.unscaled;
  const significant = magnitude === 0n ? 0 : magnitude.toString().length;
  // 0.005 has unscaled 5 and scale 3: the fraction's leading zeros are digits too.
  return { total: Math.max(1, significant, value.scale), fraction: value.scale };
}

/** The canonical text of a decimal (`-1.5`, `0`, `12`), used in messages. */
export function formatDecimal(value: Decimal): string {
  const negative = value.unscaled < 0n;
  const digits = (negative ? -value.unscaled : value.unscaled).toString().padStart(value.scale + 1, '0');
  const integerPart = digits.slice(0, digits.length - value.scale);
  const fractionPart = digits.slice(digits.length - value.scale);
  return `${negative ? '-' : ''}${integerPart}${fractionPart === '' ? '' : `.${fractionPart}`}`;
}
