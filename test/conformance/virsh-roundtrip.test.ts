/**
 * Real libvirt as the judge of "we changed nothing it understands": a corpus domain document and
 * our format(parse(document)) are each defined in virsh's test driver, and libvirt's dumps of
 * the two must be equal. libvirt fills in defaults and normalises, so equal dumps mean libvirt
 * read the same configuration from both.
 */
import { describe, expect, it } from 'vitest';
import { format, parse } from '../../src/model/index.js';
import { corpusMissing, readCorpusFile, readManifest } from '../support/corpus.js';
import { defineAndDump, virshMissing } from '../support/virsh.js';

const REQUIRED_ACCEPTED = 200;
/** Every STRIDE-th valid domain document of the corpus, so the sample spans all test folders. */
const STRIDE = 9;

/**
 * libvirt invents values a document leaves out (uuid, genid, MAC addresses), so two defines of
 * the very same document can dump differently. Lines that differ between two dumps of the
 * original are such inventions; the dumps are equal when only those lines differ.
 */
function equalButForGeneratedValues(original: string, name: string, theirs: string, ours: string): boolean {
  const again = defineAndDump(original, name);
  if (!again.ok) return false;
  const [a, b, c] = [theirs.split('\n'), again.xml.split('\n'), ours.split('\n')];
  if (a.length !== b.length || a.length !== c.length) return false;
  return a.every((line, i) => line === c[i] || line !== b[i]);
}

describe('virsh dumpxml equality', () => {
  const missing = corpusMissing('11.3.0') ?? virshMissing;
  if (missing) {
    it.skip(`libvirt reads the same domain from our output — skipped: ${missing}`, () => {});
    return;
  }

  it(`libvirt reads the same domain from our output as from the original, on at least ${REQUIRED_ACCEPTED} documents`, () => {
    const sample = readManifest('11.3.0')
      .filter((e) => e.schema === 'domain.rng' && e.expect === 'valid')
      .filter((_, i) => i % STRIDE === 0);
    let accepted = 0;
    let rejected = 0;
    let reformatted = 0;
    const differences: string[] = [];
    for (const entry of sample) {
      const original = readCorpusFile('11.3.0', entry);
      const parsed = parse(original, { schema: 'domain' });
      const name = (parsed.value as { name?: unknown }).name;
      if (typeof name !== 'string') continue;
      const theirs = defineAndDump(original, name);
      if (!theirs.ok) {
        rejected++;
        continue;
      }
      accepted++;
      const formatted = format(parsed);
      if (formatted !== original) reformatted++;
      const ours = defineAndDump(formatted, name);
      if (!ours.ok) differences.push(`${entry.path}: libvirt rejects our output: ${ours.error}`);
      else if (ours.xml !== theirs.xml && !equalButForGeneratedValues(original, name, theirs.xml, ours.xml)) {
        differences.push(`${entry.path}: libvirt's dumps differ`);
      }
    }
    console.log(`virsh: ${accepted} documents accepted by libvirt compared, ${reformatted} of them textually changed by formatting (${rejected} of the sample rejected by libvirt 9.0 itself), ${differences.length} differences`);
    expect(differences).toEqual([]);
    expect(accepted).toBeGreaterThanOrEqual(REQUIRED_ACCEPTED);
  });
});
