/**
 * Target-version validation: every document of the 11.3.0 corpus checked against an older
 * release's grammar (`validate(xml, { libvirt: '7.0.0' })`) gets libxml2's verdict with that
 * release's schemas (xmllint --relaxng), so a fleet with older hosts can trust "will libvirt
 * 7.0.0 accept this?". For 9.0.0, which has schemas but no corpus of its own, this is the
 * corpus check of its grammar. (One test file per release so they run in parallel.)
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { RootName } from '../../src/model/generated/grammar/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { corpusMissing, corpusPath, readCorpusFile, readManifest, schemaDir, SCHEMA_RELEASES, schemasMissing, type SchemaRelease } from '../support/corpus.js';
import { readExpectedFailures } from '../support/expected-failures.js';
import { xmllintMissing, xmllintVerdicts } from '../support/xmllint.js';

/** Documents on which our verdict for an older release may differ from libxml2's, each with why. */
export const TARGET_VERSION_DIFFERENCES = 'test/corpus/target-version-differences.txt';

export function targetVersionSuite(release: Exclude<SchemaRelease, '11.3.0'>): void {
  const missing = corpusMissing('11.3.0') ?? schemasMissing(release) ?? xmllintMissing;
  if (missing) {
    it.skip(`matches libxml2 with the ${release} schemas — skipped: ${missing}`, () => {});
    return;
  }

  it(`matches libxml2 with the ${release} schemas on every document`, () => {
    const entries = readManifest('11.3.0');
    const differences = readExpectedFailures(TARGET_VERSION_DIFFERENCES);
    const unknownRelease = differences.filter((f) => !(SCHEMA_RELEASES as readonly string[]).includes(f.release) || f.release === '11.3.0');
    expect(unknownRelease, `entries of ${TARGET_VERSION_DIFFERENCES} must name an older release`).toEqual([]);
    const listed = new Map(differences.filter((f) => f.release === release).map((f) => [f.path, f.reason]));
    const bySchema = new Map<string, typeof entries>();
    for (const e of entries) bySchema.set(e.schema, [...(bySchema.get(e.schema) ?? []), e]);
    const disagreements: string[] = [];
    const nowAgreeing: string[] = [];
    let rejectedByOlder = 0;
    for (const [schema, group] of bySchema) {
      const theirs = xmllintVerdicts(join(schemaDir(release), schema), group.map((e) => corpusPath('11.3.0', e)));
      for (const e of group) {
        const libxml2 = theirs.get(corpusPath('11.3.0', e))!;
        const ours = validate(readCorpusFile('11.3.0', e), { schema: schema.replace(/\.rng$/, '') as RootName, libvirt: release }).valid;
        if (!libxml2) rejectedByOlder++;
        const differs = ours !== libxml2;
        if (differs && !listed.has(e.path)) disagreements.push(`${e.path}: libxml2 (${release} schemas) says ${libxml2 ? 'valid' : 'invalid'}, we say ${ours ? 'valid' : 'invalid'}`);
        if (!differs && listed.has(e.path)) nowAgreeing.push(e.path);
      }
    }
    console.log(`11.3.0 corpus under ${release}: ${entries.length - disagreements.length - listed.size + nowAgreeing.length}/${entries.length} verdicts equal libxml2's; libxml2 rejects ${rejectedByOlder} with the ${release} schemas`);
    expect(disagreements).toEqual([]);
    expect(nowAgreeing, 'listed differences that no longer differ: remove them from the list').toEqual([]);
  });
}
