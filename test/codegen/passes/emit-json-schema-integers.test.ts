/**
 * Bounded 64-bit integers kept as decimal strings: the range pattern of the published JSON Schema
 * matches exactly the XSD integer texts inside the range (checked against BigInt arithmetic), and
 * validateModel rejects what the document validator rejects at the edges of the range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integerRangeName, integerRangePattern } from '../../../codegen/passes/emit-json-schema-integers.js';
import { formatAs, parse, validateModel } from '../../../src/model/index.js';
import { validate } from '../../../src/xml/validate/index.js';

const U64_MAX = 2n ** 64n - 1n;
const I64_MIN = -(2n ** 63n);

/** An XSD integer text of `n`: optional '+', leading zeros, '-0'. */
const textOf = (n: bigint, plus: boolean, zeros: number): string => (n < 0n ? `-${'0'.repeat(zeros)}${-n}` : `${plus ? '+' : ''}${'0'.repeat(zeros)}${n}`);

const inRange = (n: bigint, min: bigint | undefined, max: bigint | undefined): boolean => (min === undefined || n >= min) && (max === undefined || n <= max);

describe('integerRangePattern', () => {
  const bound = fc.oneof(fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }), fc.bigInt({ min: -300n, max: 300n }), fc.constantFrom(0n, 1n, -1n, U64_MAX, I64_MIN, 2n ** 63n - 1n));
  const range = fc.tuple(fc.option(bound, { nil: undefined }), fc.option(bound, { nil: undefined })).map(([a, b]): [bigint | undefined, bigint | undefined] => (a !== undefined && b !== undefined && a > b ? [b, a] : [a, b]));

  it('matches the texts of exactly the integers in the range, with the signs allowed', () => {
    const signs = fc.constantFrom<'' | '-' | undefined>(undefined, '', '-');
    const sample = fc.record({ n: fc.oneof(bound, fc.bigInt({ min: -5n, max: 5n })), plus: fc.boolean(), zeros: fc.nat(3) });
    fc.assert(
      fc.property(range, signs, fc.array(sample, { minLength: 1, maxLength: 12 }), ([min, max], allowed, samples) => {
        const re = new RegExp(integerRangePattern(min, max, allowed), 'u');
        const accepts = (text: string, n: bigint): boolean => inRange(n, min, max) && !(text.startsWith('+') && allowed !== undefined) && !(text.startsWith('-') && allowed === '');
        // The edges and just past them, besides the random values.
        const edges = [min, max].flatMap((b) => (b === undefined ? [] : [b - 1n, b, b + 1n]));
        const forms = [{ plus: false, zeros: 0 }, { plus: true, zeros: 0 }, { plus: false, zeros: 2 }, ...samples];
        for (const n of [...edges, ...samples.map((s) => s.n)]) {
          for (const { plus, zeros } of forms) {
            const text = textOf(n, plus, zeros);
            expect(re.test(text), `${text} in ${min}..${max} signs ${String(allowed)}`).toBe(accepts(text, n));
          }
        }
        for (const zero of ['0', '000', '-0', '-000', '+0']) expect(re.test(zero), zero).toBe(accepts(zero, 0n));
        for (const bad of ['', '+', '-', '1.0', ' 1', '1 ', '0x10', '1e3', '--1', '+-1']) expect(re.test(bad), bad).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('stays linear on long texts', () => {
    const re = new RegExp(integerRangePattern(0n, U64_MAX), 'u');
    const started = performance.now();
    for (const text of ['0'.repeat(50_000) + '1', '1'.repeat(50_000), '0'.repeat(50_000) + 'x']) re.test(text);
    // A generous bound: a backtracking blow-up on 50,000 digits takes minutes.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('names the ranges of XSD types after them and others by their bounds', () => {
    expect(integerRangeName({ min: '0', max: String(U64_MAX) })).toBe('UnsignedLongString');
    expect(integerRangeName({ min: '1' })).toBe('PositiveIntegerString');
    expect(integerRangeName({ min: '-5', max: '18014398509481984' })).toBe('IntegerFromMinus5To18014398509481984String');
    expect(integerRangeName({ min: '0', max: String(U64_MAX), signs: '' })).toBe('UnsignedLongDigits');
    expect(integerRangeName({ max: '-1', signs: '-' })).toBe('NegativeIntegerWithoutPlus');
  });
});

describe('validateModel on bounded decimal strings', () => {
  const domain = (memory: string) => parse(`<domain type='kvm'><name>vm</name><memory unit='KiB'>${memory}</memory><os><type>hvm</type></os></domain>`, { schema: 'domain' }).value;

  it("agrees with the document validator at the edges of libvirt's unsignedLong (digits only)", () => {
    for (const text of ['0', '18446744073709551615', '+018446744073709551615', '18446744073709551616', '99999999999999999999999999', '-1', '-0', '0'.repeat(60) + '7', '9'.repeat(60)]) {
      const model = JSON.parse(JSON.stringify(domain('1'))) as { memory: { $value: string } };
      model.memory.$value = text;
      const byModel = validateModel(model, 'domain').valid;
      const byDocument = validate(formatAs('domain', model as never)).valid;
      expect(byModel, text).toBe(byDocument);
      expect(byModel, text).toBe(/^[0-9]+$/.test(text) && inRange(BigInt(text), 0n, U64_MAX));
    }
  });

  it('says the range in the message', () => {
    const model = JSON.parse(JSON.stringify(domain('1'))) as { memory: { $value: string } };
    model.memory.$value = '18446744073709551616';
    expect(validateModel(model, 'domain').diagnostics).toEqual([
      { severity: 'error', code: 'invalid-value', path: '/memory/$value', message: "\"$value\" must be a decimal integer string from 0 to 18446744073709551615 without a sign; found '18446744073709551616'" },
    ]);
  });
});
