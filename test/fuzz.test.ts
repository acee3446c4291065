/**
 * A short seeded slice of `npm run fuzz` (scripts/fuzz.ts): mutated corpus documents through
 * validate, parseXml/serializeXml and parse/format, with the fuzzer's invariants (see
 * test/support/fuzz.ts). Long runs and their totals are in docs/reliability.md.
 */
import { describe, expect, it } from 'vitest';
import { check, fuzz, fuzzSeeds, type FuzzFailure } from './support/fuzz.js';

const domain = (metadata: string): string =>
  `<domain type='kvm'><name>x</name><memory>1</memory><metadata>${metadata}</metadata><os><type>hvm</type></os></domain>\n`;

describe('the fuzzer', () => {
  it('finds nothing in 150 mutated corpus documents (seed 18)', () => {
    const failures: FuzzFailure[] = [];
    const totals = fuzz(fuzzSeeds(), { seed: 18, iterations: 150, onFailure: (f) => failures.push(f) });
    expect(failures.map((f) => `${f.invariant} at ${f.iteration} (${f.source}; ${f.mutations.join(', ')}): ${f.detail}`)).toEqual([]);
    expect(totals.inputs).toBe(150);
    // The mutations leave many documents readable, so the later checks run too.
    expect(totals.wellFormed).toBeGreaterThan(30);
  }, 120_000);

  it('holds validate and parse to one depth bound: a document is valid only if the model reads it', () => {
    // 257 levels: libxml2 reads them, and so do validate and parse; 258: all three refuse.
    for (const depth of [255, 256, 257]) {
      const levels = depth - 2; // <domain> and <metadata>
      const outcome = check(domain(`${'<m:x xmlns:m="urn:m">'.repeat(levels)}${'</m:x>'.repeat(levels)}`));
      expect({ depth, broken: outcome.broken }).toEqual({ depth, broken: [] });
      expect({ depth, valid: outcome.valid, parsed: outcome.parsed }).toEqual({ depth, valid: true, parsed: true });
    }
    const deeper = check(domain(`${'<m:x xmlns:m="urn:m">'.repeat(256)}${'</m:x>'.repeat(256)}`));
    expect({ broken: deeper.broken, valid: deeper.valid, parsed: deeper.parsed }).toEqual({ broken: [], valid: false, parsed: false });
  });
});
