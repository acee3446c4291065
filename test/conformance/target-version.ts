/**
 * Target-version validation: every document of the 11.3.0 corpus checked against the 7.0.0
 * grammar (`validate(xml, { libvirt: '7.0.0' })`) gets libxml2's verdict with the 7.0.0 schemas,
 * so a fleet with older hosts can trust "will libvirt 7.0.0 accept this?".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RootName } from '../../src/model/generated/grammar/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { corpusMissing, corpusPath, readCorpusFile, readManifest, schemaDir } from '../support/corpus.js';
import { readExpectedFailures } from '../support/expected-failures.js';
import { xmllintMissing, xmllintVerdicts } from '../support/xmllint.js';

describe('11.3.0 corpus validated for libvirt 7.0.0', () => {
  const missing = corpusMissing('11.3.0') ?? corpusMissing('7.0.0') ?? xmllintMissing;
  if (missing) {
    it.skip(`matches libxml2 with the 7.0.0 schemas — skipped: ${missing}`, () => {});
    return;
  }

  it('matches libxml2 with the 7.0.0 schemas on every document', () => {
    const entries = readManifest('11.3.0');
    const listed = new Map(readExpectedFailures('test/corpus/target-version-differences.txt').map((f) => [f.path, f.reason]));
    const bySchema = new Map<string, typeof entries>();
    for (const e of entries) bySchema.set(e.schema, [...(bySchema.get(e.schema) ?? []), e]);
    const disagreements: string[] = [];
    const nowAgreeing: string[] = [];
    let rejectedBy7 = 0;
    for (const [schema, group] of bySchema) {
      const theirs = xmllintVerdicts(join(schemaDir('7.0.0'), schema), group.map((e) => corpusPath('11.3.0', e)));
      for (const e of group) {
        const libxml2 = theirs.get(corpusPath('11.3.0', e))!;
        const ours = validate(readCorpusFile('11.3.0', e), { schema: schema.replace(/\.rng$/, '') as RootName, libvirt: '7.0.0' }).valid;
        if (!libxml2) rejectedBy7++;
        const differs = ours !== libxml2;
        if (differs && !listed.has(e.path)) disagreements.push(`${e.path}: libxml2 (7.0.0 schemas) says ${libxml2 ? 'valid' : 'invalid'}, we say ${ours ? 'valid' : 'invalid'}`);
        if (!differs && listed.has(e.path)) nowAgreeing.push(e.path);
      }
    }
    console.log(`11.3.0 corpus under 7.0.0: ${entries.length - disagreements.length - listed.size + nowAgreeing.length}/${entries.length} verdicts equal libxml2's; libxml2 rejects ${rejectedBy7} with the 7.0.0 schemas`);
    expect(disagreements).toEqual([]);
    expect(nowAgreeing, 'listed differences that no longer differ: remove them from the list').toEqual([]);
  });
});
