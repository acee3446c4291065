/**
 * XSD 1.0 dateTime, date and time (Part 2 §3.2.7–3.2.9): lexical checks and the partial order of §3.2.7.4.
 * A value is a point on the timeline in seconds (exact, fractions included); values with a timezone are
 * normalised to UTC, values without one stay "local" and only compare determinately when at least
 * 14 hours apart from a zoned value.
 */

import { compareDecimals, type Decimal } from './decimal.js';

export type TemporalKind = 'dateTime' | 'date' | 'time';

export interface TemporalValue {
  /** Seconds since 1970-01-01T00:00:00 (UTC when `hasTimezone`). */
  readonly seconds: Decimal;
  readonly hasTimezone: boolean;
}

const YEAR = '(-?)([0-9]{4,})';
const TIME = '([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]+))?';
const TIMEZONE = '(Z|[+-][0-9]{2}:[0-9]{2})?';

const LEXICAL: Record<TemporalKind, RegExp> = {
  dateTime: new RegExp(`^${YEAR}-([0-9]{2})-([0-9]{2})T${TIME}${TIMEZONE}$`),
  date: new RegExp(`^${YEAR}-([0-9]{2})-([0-9]{2})${TIMEZONE}$`),
  time: new RegExp(`^${TIME}${TIMEZONE}$`),
};

/** XSD 1.1's reference date; any fixed day works for ordering times, this one is conventional. */
const TIME_REFERENCE_DATE = { year: 1972n, month: 12, day: 31 };

const SECONDS_PER_DAY = 86_400n;
const MAX_TIMEZONE_SECONDS = 14n * 3600n;

interface DateParts { readonly year: bigint; readonly month: number; readonly day: number }
interface TimeParts { readonly hour: number; readonly minute: number; readonly second: number; readonly fraction: string }

export function parseTemporal(kind: TemporalKind, lexical: string): TemporalValue | undefined {
  const match = LEXICAL[kind].exec(lexical);
  if (match === null) return undefined;
  const fields = match.slice(1);
  let date: DateParts | undefined = TIME_REFERENCE_DATE;
  let time: TimeParts | undefined = { hour: 0, minute: 0, second: 0, fraction: '' };
  if (kind !== 'time') {
    date = parseDate(fields.splice(0, 4));
  }
  if (kind !== 'date') {
    time = parseTime(fields.splice(0, 4));
    // `24:00:00` is midnight at the end of the day; a bare time has no day to move into, so it is 00:00:00.
    if (kind === 'time' && time?.hour === 24) time = { ...time, hour: 0 };
  }
  const offsetSeconds = parseTimezone(fields[0]);
  if (date === undefined || time === undefined || offsetSeconds === null) return undefined;
  const wholeSeconds = daysSinceEpoch(date) * SECONDS_PER_DAY
    + BigInt(time.hour * 3600 + time.minute * 60 + time.second) - (offsetSeconds ?? 0n);
  const fraction = time.fraction.replace(/0+$/, '');
  return {
    seconds: { unscaled: wholeSeconds * 10n ** BigInt(fraction.length) + BigInt(fraction || '0'), scale: fraction.length },
    hasTimezone: offsetSeconds !== undefined,
  };
}

/** The order of §3.2.7.4; undefined when a zoned and an unzoned value are too close to tell. */
export function compareTemporals(a: TemporalValue, b: TemporalValue): -1 | 0 | 1 | undefined {
  if (a.hasTimezone === b.hasTimezone) return compareDecimals(a.seconds, b.seconds);
  const [zoned, local, sign] = a.hasTimezone ? [a, b, 1 as const] : [b, a, -1 as const];
  if (compareDecimals(zoned.seconds, shiftSeconds(local.seconds, -MAX_TIMEZONE_SECONDS)) < 0) return sign === 1 ? -1 : 1;
  if (compareDecimals(zoned.seconds, shiftSeconds(local.seconds, MAX_TIMEZONE_SECONDS)) > 0) return sign === 1 ? 1 : -1;
  return undefined;
}

export function temporalsEqual(a: TemporalValue, b: TemporalValue): boolean {
  return a.hasTimezone === b.hasTimezone && compareDecimals(a.seconds, b.seconds) === 0;
}

function shiftSeconds(value: Decimal, seconds: bigint): Decimal {
  return { unscaled: value.unscaled + seconds * 10n ** BigInt(value.scale), scale: value.scale };
}

function parseDate([sign = '', yearDigits = '', monthDigits = '', dayDigits = '']: string[]): DateParts | undefined {
  // More than four year digits may not start with 0, and XSD 1.0 has no year 0000.
  if (yearDigits.length > 4 && yearDigits.startsWith('0')) return undefined;
  const year = BigInt(sign + yearDigits);
  if (year === 0n) return undefined;
  const month = Number(monthDigits);
  const day = Number(dayDigits);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function parseTime([hourDigits = '', minuteDigits = '', secondDigits = '', fraction = '']: string[]): TimeParts | undefined {
  const hour = Number(hourDigits);
  const minute = Number(minuteDigits);
  const second = Number(secondDigits);
  if (minute > 59 || second > 59) return undefined;
  if (hour === 24) return minute === 0 && second === 0 && /^0*$/.test(fraction) ? { hour, minute, second, fraction: '' } : undefined;
  return hour > 23 ? undefined : { hour, minute, second, fraction };
}

/** Seconds east of UTC, undefined for no timezone, null for an invalid one. */
function parseTimezone(text: string | undefined): bigint | undefined | null {
  if (text === undefined) return undefined;
  if (text === 'Z') return 0n;
  const hours = Number(text.slice(1, 3));
  const minutes = Number(text.slice(4, 6));
  if (hours > 14 || minutes > 59 || (hours === 14 && minutes !== 0)) return null;
  const seconds = BigInt(hours * 3600 + minutes * 60);
  return text.startsWith('-') ? -seconds : seconds;
}

/** XSD numbers years without a year 0 (-0001 is 1 BCE); the Gregorian rules apply to astronomical years. */
function astronomicalYear(year: bigint): bigint {
  return year < 0n ? year + 1n : year;
}

function isLeapYear(year: bigint): boolean {
  const y = astronomicalYear(year);
  return (y % 4n === 0n && y % 100n !== 0n) || y % 400n === 0n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: bigint, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? quotient - 1n : quotient;
}

/** Days from 1970-01-01 in the proleptic Gregorian calendar, counted through 400-year eras. */
function daysSinceEpoch({ year, month, day }: DateParts): bigint {
  const y = astronomicalYear(year) - (month <= 2 ? 1n : 0n);
  const era = floorDivide(y, 400n);
  const yearOfEra = y - era * 400n;
  const dayOfYear = BigInt(Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1);
  const dayOfEra = yearOfEra * 365n + yearOfEra / 4n - yearOfEra / 100n + dayOfYear;
  return era * 146_097n + dayOfEra - 719_468n;
}
