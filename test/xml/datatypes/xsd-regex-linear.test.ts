/**
 * The linear-time matcher gives the same verdict as the translated RegExp: on the hand-written cases,
 * on every pattern of both schema versions with the shared probe values, short adversarial values and
 * generated strings, and on the shapes that stress the automaton (empty loops, long counts, surrogates).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXsdRegex } from '../../../src/xml/datatypes/xsd-regex-syntax.js';
import { LinearXsdRegex } from '../../../src/xml/datatypes/xsd-regex-linear.js';
import { MAX_COUNT, MAX_STATES } from '../../../src/xml/datatypes/xsd-regex-nfa.js';
import { translateXsdRegex, xsdRegexMatcher, XsdRegexError } from '../../../src/xml/datatypes/xsd-regex.js';
import { xsdRegexStrings } from '../../support/arbitraries/xsd-regex-strings.js';
import { propSeed } from '../../props/oracles.js';
import { PATTERN_PROBES } from './probes.js';
import { pumpedValues } from './pumped-values.js';
import { FEATURE_CASES, LIBVIRT_CASES, type RegexCase } from './regex-cases.js';
import { readSchemaPatterns, schemasMissing } from './schema-patterns.js';

const CASES = [...FEATURE_CASES, ...LIBVIRT_CASES];

/** Characters at the edges of what the matchers treat specially: surrogates, line ends, non-ASCII. */
const AWKWARD = ['', '\uD800', '\uDC00', 'a\uD83D', '\uDE00a', '😀', '😀😀', '\u{10ffff}', '\r', '\n', '\t', '\u00a0', 'é'.repeat(300), '中文'];

const PROBES = [...new Set([...PATTERN_PROBES, ...CASES.flatMap((c) => [...c.accept, ...c.reject]), ...AWKWARD])];

function disagreements(pattern: string, values: Iterable<string>): string[] {
  const regex = translateXsdRegex(pattern);
  const matcher = xsdRegexMatcher(pattern);
  const found: string[] = [];
  for (const value of values) {
    const expected = regex.test(value);
    if (matcher.test(value) !== expected) found.push(`${pattern} on ${JSON.stringify(value.slice(0, 80))}: RegExp says ${expected}`);
  }
  return found;
}

function describeCases(title: string, cases: readonly RegexCase[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.pattern, c] as const))('%s', (_pattern, { pattern, accept, reject }) => {
      const matcher = xsdRegexMatcher(pattern);
      for (const value of accept) expect(matcher.test(value), `${JSON.stringify(value)} should match`).toBe(true);
      for (const value of reject) expect(matcher.test(value), `${JSON.stringify(value)} should not match`).toBe(false);
    });
  });
}

describeCases('linear matcher: XSD regex features', FEATURE_CASES);
describeCases('linear matcher: libvirt pattern shapes', LIBVIRT_CASES);

describe('linear matcher agrees with the RegExp', () => {
  it('on the hand-written patterns with every probe value', () => {
    expect(CASES.flatMap((c) => disagreements(c.pattern, PROBES))).toEqual([]);
  });

  it('on loops that can match nothing, nested loops and counts', () => {
    const patterns = ['()*', '()+a', '(a*)*', '(a*)*b', '(a|)*c', '(a?){3,}', '(a?b?)*', '((a|b)*c)+', 'a{0}', '(a{2,3}){2}', 'a{0,3}b{2,}', '(|a)+'];
    const values = ['', 'a', 'b', 'c', 'aa', 'aaa', 'ab', 'abab', 'aabc', 'abcbc', 'aaaaaaa', 'bbbb', 'aacaac', 'x'];
    expect(patterns.flatMap((pattern) => disagreements(pattern, values))).toEqual([]);
  });

  it('reads surrogate pairs as one character and a lone surrogate as one', () => {
    expect(disagreements('.', ['😀', '\uD83D', '\uDE00', '\uD83D\uD83D', 'a\uDE00'])).toEqual([]);
    expect(disagreements('[😀-😂]+|\\p{C}', ['😁😂', '😁\uD83D', '\uDC00', '\uD800\uDC00'])).toEqual([]);
    expect(disagreements('\\P{IsBasicLatin}{2}', ['😀é', '😀', '\uD800\uD800', '\uDBFF\uDFFF'])).toEqual([]);
  });

  describe.skipIf(schemasMissing() !== undefined)('on the schema patterns of 11.3.0, 9.0.0 and 7.0.0', () => {
    const patterns = [...new Set(readSchemaPatterns().map((entry) => entry.pattern))];

    it('with every probe value', () => {
      expect(patterns.length).toBeGreaterThan(100);
      expect(patterns.flatMap((pattern) => disagreements(pattern, PROBES))).toEqual([]);
    });

    it('with short values built to make backtracking slow', () => {
      const found = patterns.flatMap((pattern) => {
        const regex = translateXsdRegex(pattern);
        const values = pumpedValues(pattern, 40, (value) => !regex.test(value)).map((pumped) => pumped.value);
        // Without the failing character, each value (or most of it) matches: both verdicts are covered.
        return disagreements(pattern, values.flatMap((value) => [value, value.slice(0, -1)]));
      });
      expect(found).toEqual([]);
    });

    it('with generated strings', () => {
      const arbitraries = new Map(patterns.map((pattern) => [pattern, valuesFor(pattern)]));
      const cases = fc.constantFrom(...patterns).chain((pattern) => fc.tuple(fc.constant(pattern), arbitraries.get(pattern)!));
      fc.assert(
        fc.property(cases, ([pattern, value]) => xsdRegexMatcher(pattern).test(value) === translateXsdRegex(pattern).test(value)),
        { numRuns: 20 * patterns.length, seed: propSeed() + 40 },
      );
    });
  });
});

/**
 * Strings near the pattern's language: matching strings with one character inserted, removed or
 * replaced, and strings over the pattern's own characters plus awkward ones.
 */
function valuesFor(pattern: string): fc.Arbitrary<string> {
  const alphabet = [...new Set([...Array.from(pattern), 'a', 'Z', '0', '9', '_', '-', '.', ':', '/', ' ', '\n', '\t', 'é', '中', '😀', '\uD800', '\uDC00'])];
  const nearby = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((chars) => chars.join(''));
  let matching: fc.Arbitrary<string>;
  try {
    matching = xsdRegexStrings(pattern);
  } catch {
    // Subtraction and \p{…} have no generator; the alphabet strings still cover them.
    return nearby;
  }
  const edited = fc.tuple(matching, fc.nat(), fc.constantFrom(...alphabet), fc.constantFrom('insert', 'remove', 'replace')).map(
    ([value, at, char, edit]) => {
      const chars = Array.from(value);
      const index = chars.length === 0 ? 0 : at % chars.length;
      if (edit === 'insert') chars.splice(index, 0, char);
      else if (edit === 'remove') chars.splice(index, 1);
      else chars.splice(index, 1, char);
      return chars.join('');
    },
  );
  return fc.oneof(matching, edited, nearby);
}

describe('linear matcher limits', () => {
  it('refuses counts above the limit and automata above the size limit, as bad-regex', () => {
    const tooLarge = [`a{${MAX_COUNT + 1}}`, `a{0,${MAX_COUNT + 1}}`, 'a{99999999999999999999,}', `(a{${MAX_COUNT}}){${Math.ceil(MAX_STATES / MAX_COUNT) + 1}}`];
    for (const pattern of tooLarge) {
      expect(() => xsdRegexMatcher(pattern), pattern).toThrow(XsdRegexError);
      expect(() => xsdRegexMatcher(pattern), pattern).toThrow(/counts above|more than/);
    }
    // The RegExp translation is not limited.
    expect(translateXsdRegex(`a{${MAX_COUNT + 1}}`).test('a'.repeat(MAX_COUNT + 1))).toBe(true);
  });

  it('accepts counts up to the limit', () => {
    const matcher = xsdRegexMatcher(`a{${MAX_COUNT}}`);
    expect(matcher.test('a'.repeat(MAX_COUNT))).toBe(true);
    expect(matcher.test('a'.repeat(MAX_COUNT - 1))).toBe(false);
  });

  it('keeps matching correctly once it no longer remembers new state sets', () => {
    // Every length up to 2 997 is its own set of states: more than are remembered.
    const pattern = '(.{0,999}){3}';
    const matcher = new LinearXsdRegex(pattern, parseXsdRegex(pattern));
    for (let round = 0; round < 2; round++) {
      expect(matcher.test('a'.repeat(2997))).toBe(true);
      expect(matcher.test('a'.repeat(2998))).toBe(false);
      expect(matcher.test(`${'a'.repeat(2500)}\n`)).toBe(false);
      expect(matcher.test('é'.repeat(2997))).toBe(true);
    }
  });
});
