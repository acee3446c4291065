/**
 * Differential check on realistic invalid documents: corpus documents mutated a little (see
 * mutations.ts) must get libxml2's verdict — or, where libxml2 is known to be wrong (it rejects
 * some valid nested interleaves), Jing's.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RootName } from '../../../src/model/generated/grammar/index.js';
import { validate } from '../../../src/xml/validate/index.js';
import { corpusMissing, readCorpusFile, readManifest, RELEASES, schemaDir } from '../../support/corpus.js';
import { libxml2For, libxml2Missing } from '../../support/libxml2.js';
import { mutate, random } from './mutations.js';

const PER_RELEASE = 300;
const jingMissing = spawnSync('jing', [], { encoding: 'utf8' }).error !== undefined ? 'jing is not installed (apt-get install jing)' : undefined;
const scratch = mkdtempSync(join(tmpdir(), 'virtxml-mutations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function jingAccepts(release: (typeof RELEASES)[number], schema: string, xml: string): boolean {
  const file = join(scratch, 'doc.xml');
  writeFileSync(file, xml);
  return spawnSync('jing', [join(schemaDir(release), schema), file], { encoding: 'utf8' }).status === 0;
}

for (const release of RELEASES) {
  const missing = corpusMissing(release) ?? libxml2Missing ?? jingMissing;
  describe.skipIf(missing !== undefined)(`mutated libvirt ${release} documents`, () => {
    it(`${PER_RELEASE} mutations get the reference verdict`, () => {
      const lib = libxml2For(schemaDir(release));
      const entries = readManifest(release).filter((e) => e.expect === 'valid');
      const rnd = random(release === '7.0.0' ? 70 : 113);
      const wrong: string[] = [];
      let invalid = 0;
      for (let done = 0; done < PER_RELEASE;) {
        const entry = entries[Math.floor(rnd() * entries.length)]!;
        const m = mutate(readCorpusFile(release, entry), rnd);
        if (m === undefined) continue;
        done++;
        const ours = validate(m.xml, { schema: entry.schema.replace(/\.rng$/, '') as RootName, libvirt: release });
        expect(ours.valid).toBe(ours.diagnostics.length === 0);
        let reference = lib(entry.schema).isValid(m.xml);
        if (reference !== ours.valid) reference = jingAccepts(release, entry.schema, m.xml);
        if (!reference) invalid++;
        if (reference !== ours.valid) wrong.push(`${entry.path} [${m.description}]: ours ${ours.valid}, reference ${reference}`);
      }
      expect(wrong).toEqual([]);
      // The mutations must actually exercise invalid documents.
      expect(invalid).toBeGreaterThan(PER_RELEASE / 4);
    });
  });
}
