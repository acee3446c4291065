/**
 * The judge for validation: for every document libvirt's own schema test checks, our verdict
 * must equal libvirt's expectation (manifest.json), for 11.3.0 and for 7.0.0 (validated with the
 * 7.0.0 grammar). Disagreements are allowed only when listed, with a reason, in
 * test/corpus/expected-failures.txt — and a listed document that starts agreeing fails the test.
 */
import { describe, expect, it } from 'vitest';
import type { RootName } from '../../src/model/generated/grammar/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { corpusMissing, readCorpusFile, readManifest, RELEASES } from '../support/corpus.js';
import { readExpectedFailures } from '../support/expected-failures.js';

const expectedFailures = readExpectedFailures('test/corpus/expected-failures.txt');

describe.each(RELEASES)('validation verdicts on the libvirt %s corpus', (release) => {
  const missing = corpusMissing(release);
  if (missing) {
    it.skip(`agrees with manifest.json — skipped: ${missing}`, () => {});
    return;
  }

  it('agrees with libvirt on every document', () => {
    const entries = readManifest(release);
    const listed = new Set(expectedFailures.filter((f) => f.release === release).map((f) => f.path));
    const disagreements: string[] = [];
    const fixed: string[] = [];
    for (const entry of entries) {
      const result = validate(readCorpusFile(release, entry), {
        schema: entry.schema.replace(/\.rng$/, '') as RootName,
        libvirt: release,
      });
      const verdict = result.valid ? 'valid' : 'invalid';
      const agrees = verdict === entry.expect;
      if (!agrees && !listed.has(entry.path)) {
        const first = result.diagnostics[0];
        disagreements.push(`${entry.path}: expected ${entry.expect}, got ${verdict}${first ? ` (${first.line}:${first.column} ${first.message})` : ''}`);
      }
      if (agrees && listed.has(entry.path)) fixed.push(entry.path);
    }
    const agreed = entries.length - disagreements.length - listed.size + fixed.length;
    console.log(`libvirt ${release}: ${agreed}/${entries.length} verdicts agree (${listed.size} listed as expected failures)`);
    expect(disagreements, 'documents whose verdict differs from libvirt').toEqual([]);
    expect(fixed, 'listed as expected failures but now agree: remove them from the list').toEqual([]);
  });
});
