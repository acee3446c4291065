import { describe, expect, it } from 'vitest';
import { compareDecimals, countDigits, formatDecimal, parseDecimal, parseInteger } from '../../../src/xml/datatypes/decimal.js';
import { compareTemporals, parseTemporal, type TemporalKind } from '../../../src/xml/datatypes/date-time.js';
import { collapseWhitespace, replaceWhitespace } from '../../../src/xml/datatypes/whitespace.js';

function decimal(text: string) {
  const value = parseDecimal(text);
  if (value === undefined) throw new Error(`not a decimal: ${text}`);
  return value;
}

function temporal(kind: TemporalKind, text: string) {
  const value = parseTemporal(kind, text);
  if (value === undefined) throw new Error(`not a ${kind}: ${text}`);
  return value;
}

describe('decimals', () => {
  it('normalise to a canonical form', () => {
    expect(formatDecimal(decimal('0001.1000'))).toBe('1.1');
    expect(formatDecimal(decimal('-.5'))).toBe('-0.5');
    expect(formatDecimal(decimal('-0.0'))).toBe('0');
    expect(formatDecimal(decimal('12.'))).toBe('12');
    expect(formatDecimal(decimal('-0.05'))).toBe('-0.05');
  });

  it('compare exactly beyond double precision', () => {
    expect(compareDecimals(decimal('9007199254740993'), decimal('9007199254740992'))).toBe(1);
    expect(compareDecimals(decimal('0.1000000000000000000001'), decimal('0.1'))).toBe(1);
    expect(compareDecimals(decimal('-1.5'), decimal('-1.50'))).toBe(0);
    expect(compareDecimals(decimal('-2'), decimal('-1.99'))).toBe(-1);
  });

  it('count digits the way totalDigits and fractionDigits do', () => {
    expect(countDigits(decimal('123.450'))).toEqual({ total: 5, fraction: 2 });
    expect(countDigits(decimal('0.001'))).toEqual({ total: 3, fraction: 3 });
    expect(countDigits(decimal('100'))).toEqual({ total: 3, fraction: 0 });
    expect(countDigits(decimal('0'))).toEqual({ total: 1, fraction: 0 });
  });

  it('parse integers with a sign but no point', () => {
    expect(parseInteger('-007')).toBe(-7n);
    expect(parseInteger('+18446744073709551615')).toBe(18446744073709551615n);
    expect(parseInteger('1.0')).toBeUndefined();
    expect(parseInteger('')).toBeUndefined();
  });
});

describe('date and time order (XSD 1.0 §3.2.7.4)', () => {
  it('orders zoned values on the UTC timeline', () => {
    expect(compareTemporals(temporal('dateTime', '2000-01-01T12:00:00Z'), temporal('dateTime', '2000-01-01T13:00:00+01:00'))).toBe(0);
    expect(compareTemporals(temporal('dateTime', '2000-01-01T12:00:00Z'), temporal('dateTime', '2000-01-01T12:00:00.001Z'))).toBe(-1);
  });

  it('leaves zoned against unzoned undetermined within 14 hours', () => {
    const zoned = temporal('dateTime', '2000-01-15T12:00:00Z');
    expect(compareTemporals(zoned, temporal('dateTime', '2000-01-16T12:00:00'))).toBe(-1);
    expect(compareTemporals(zoned, temporal('dateTime', '2000-01-14T12:00:00'))).toBe(1);
    expect(compareTemporals(zoned, temporal('dateTime', '2000-01-15T20:00:00'))).toBeUndefined();
    expect(compareTemporals(temporal('dateTime', '2000-01-15T20:00:00'), zoned)).toBeUndefined();
    expect(compareTemporals(temporal('dateTime', '2000-01-16T12:00:00'), zoned)).toBe(1);
  });

  it('counts days across leap years, centuries and BCE', () => {
    expect(compareTemporals(temporal('date', '2000-02-29'), temporal('date', '2000-03-01'))).toBe(-1);
    expect(compareTemporals(temporal('dateTime', '1999-12-31T24:00:00'), temporal('dateTime', '2000-01-01T00:00:00'))).toBe(0);
    expect(compareTemporals(temporal('date', '-0001-12-31'), temporal('date', '0001-01-01'))).toBe(-1);
    expect(parseTemporal('date', '-0001-02-29')).toBeDefined();
    expect(parseTemporal('date', '-0002-02-29')).toBeUndefined();
    expect(temporal('date', '1970-01-02Z').seconds).toEqual({ unscaled: 86_400n, scale: 0 });
  });
});

describe('whitespace', () => {
  it('replaces and collapses only XML whitespace', () => {
    expect(replaceWhitespace('a\tb\nc\rd')).toBe('a b c d');
    expect(collapseWhitespace(' \t a \n\n b \r ')).toBe('a b');
    expect(collapseWhitespace('a\u00a0 b')).toBe('a\u00a0 b');
    expect(collapseWhitespace('   ')).toBe('');
  });
});
