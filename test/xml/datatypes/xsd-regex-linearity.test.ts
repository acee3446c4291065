/**
 * The matcher's time is linear in the value's length for every schema pattern, on long values built
 * to make backtracking worst: checked by its own count of automaton states visited (exact, machine
 * independent) and by timing 10× longer values (a quadratic matcher takes about 100× as long).
 */
import { describe, expect, it } from 'vitest';
import { LinearXsdRegex } from '../../../src/xml/datatypes/xsd-regex-linear.js';
import { parseXsdRegex } from '../../../src/xml/datatypes/xsd-regex-syntax.js';
import { translateXsdRegex } from '../../../src/xml/datatypes/xsd-regex.js';
import { pumpedValues } from './pumped-values.js';
import { readSchemaPatterns, schemasMissing } from './schema-patterns.js';

/** Non-ASCII characters take the path where successors are not remembered. */
const NON_ASCII = ['é', '中', '😀'];

/**
 * The largest ratio allowed between the time on values of 10× the length. Linear matching gives
 * about 10× and a quadratic one about 100×; 40 leaves room for a host whose speed changes between
 * the two timings (the state count above is the exact check).
 */
const MAX_TIME_RATIO = 40;

/** How many times a pattern over the limit is timed before it fails. */
const TIMING_ATTEMPTS = 5;

interface LongValue {
  readonly value: string;
  /** The RegExp's verdict on a shorter value of the same shape, still longer than any count in the patterns. */
  readonly expected: boolean;
}

/** Pumped values ending in a mismatch, and each non-ASCII character repeated, about `length` long. */
function longValues(pattern: string, length: number): LongValue[] {
  const regex = translateXsdRegex(pattern);
  const pumped = pumpedValues(pattern, length, (value) => !regex.test(value)).map(({ value }) => ({ value, expected: false }));
  const nonAscii = NON_ASCII.map((char) => ({ value: `${char.repeat(length)}\n`, expected: regex.test(`${char.repeat(1_000)}\n`) }));
  return [...pumped, ...nonAscii];
}

/** Milliseconds per call of `run`, the best of three batches each long enough to be timed reliably. */
function millisecondsPerCall(run: () => void): number {
  let best = Infinity;
  for (let batch = 0; batch < 3; batch++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < 3 || calls === 0) {
      run();
      calls++;
      elapsed = performance.now() - start;
    }
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

describe.skipIf(schemasMissing() !== undefined)('XSD pattern matching time is linear in the value length', () => {
  const patterns = schemasMissing() === undefined ? [...new Set(readSchemaPatterns().map((entry) => entry.pattern))] : [];

  it('visits at most (length + 1) × automaton size states on 50 000-character values, with the RegExp\'s verdict', () => {
    const failures: string[] = [];
    for (const pattern of patterns) {
      const matcher = new LinearXsdRegex(pattern, parseXsdRegex(pattern));
      for (const { value, expected } of longValues(pattern, 50_000)) {
        const before = matcher.work;
        const verdict = matcher.test(value);
        const work = matcher.work - before;
        const limit = (Array.from(value).length + 1) * matcher.size;
        const shown = `${pattern} on ${JSON.stringify(value.slice(0, 12))}… (${value.length})`;
        if (verdict !== expected) failures.push(`${shown}: ${verdict}, the RegExp says ${expected}`);
        if (work > limit) failures.push(`${shown}: visited ${work} states, more than ${limit}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it(`takes at most ${MAX_TIME_RATIO}× as long on values 10× as long (10 000 and 100 000 characters)`, () => {
    const failures: string[] = [];
    for (const pattern of patterns) {
      const matcher = new LinearXsdRegex(pattern, parseXsdRegex(pattern));
      const short = longValues(pattern, 10_000).map(({ value }) => value);
      const long = longValues(pattern, 100_000).map(({ value }) => value);
      const runShort = (): void => short.forEach((value) => matcher.test(value));
      const runLong = (): void => long.forEach((value) => matcher.test(value));
      runShort();
      runLong();
      // A burst of load on the machine during one measurement can inflate a ratio; a pattern
      // over the limit is measured again, and the lowest ratio counts. A quadratic matcher is
      // about 100× slower on every attempt, so it still fails.
      let ratio = Infinity;
      for (let attempt = 0; attempt < TIMING_ATTEMPTS && ratio > MAX_TIME_RATIO; attempt++) {
        ratio = Math.min(ratio, millisecondsPerCall(runLong) / millisecondsPerCall(runShort));
      }
      if (ratio > MAX_TIME_RATIO) failures.push(`${pattern}: ${ratio.toFixed(1)}× as long`);
    }
    expect(failures).toEqual([]);
  });
});
