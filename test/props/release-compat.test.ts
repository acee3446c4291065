/**
 * Documents generated from libvirt 7.0.0's grammar validate under 11.3.0 (libxml2 and ours), or
 * their rejection is one of the narrowings the schema diff lists. An unexplained rejection fails
 * and shrinks to the construct, which our validator's diagnostic names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseRoots, releaseTables } from '../../src/compat/release-grammars.js';
import { diffGrammarTables, isNarrowing, type SchemaChange } from '../../src/compat/schema-diff.js';
import { loadGrammarTable, type RootName } from '../../src/model/generated/grammar/index.js';
import { readGrammarTable } from '../../src/xml/grammar/table.js';
import { serializeDocument } from '../support/arbitraries/document-tree.js';
import { GrammarDocuments } from '../support/arbitraries/grammar-documents.js';
import { libxml2Missing } from '../support/libxml2.js';
import { jingAvailable, jingVerdicts, libxml2Verdict, ourVerdict, propRuns, propSeed, propTimeout, schemasMissing } from './oracles.js';
import { valueDependentNarrowing } from '../compat/compat-findings.js';

/** The narrowing that explains a diagnostic at `path`, if any. */
export function explainingChange(path: string, narrowings: readonly SchemaChange[]): SchemaChange | undefined {
  const at = path.replace(/\[\d+\]/g, '');
  return narrowings.find((c) => {
    if (at === c.path || at.startsWith(`${c.path}/`)) return true;
    // A missing attribute or child is reported on its parent.
    return c.path.startsWith(`${at}/`) && !c.path.slice(at.length + 1).includes('/');
  });
}

describe('documents of libvirt 7.0.0 under 11.3.0', () => {
  const missing = schemasMissing('7.0.0') ?? schemasMissing('11.3.0') ?? libxml2Missing;
  if (missing !== undefined) {
    it.skip(`skipped: ${missing}`, () => {});
    return;
  }
  const newer = new Set<string>(releaseRoots('11.3.0'));
  const roots = releaseRoots('7.0.0').filter((r) => newer.has(r));
  const diff = diffGrammarTables('7.0.0', releaseTables('7.0.0'), '11.3.0', releaseTables('11.3.0'));

  for (const root of roots) {
    it(`${root}: valid under 11.3.0 unless a listed narrowing applies`, () => {
      const narrowings = diff.roots.find((r) => r.root === root)?.changes.filter(isNarrowing) ?? [];
      const texts = new GrammarDocuments(readGrammarTable(loadGrammarTable('7.0.0', root as RootName)!).start).documents().map(serializeDocument);
      const hits = new Map<string, number>();
      const onlyLibxml2Rejects: string[] = [];

      fc.assert(
        fc.property(texts, (xml) => {
          const ours = ourVerdict('11.3.0', root, xml);
          const theirs = libxml2Verdict('11.3.0', root, xml);
          if (theirs.valid) {
            expect(ours.messages, `we reject, libxml2 accepts (11.3.0):\n${xml}`).toEqual([]);
            return;
          }
          // Documents libxml2 itself rejects under 7.0.0 are the grammar properties' business.
          if (!libxml2Verdict('7.0.0', root, xml).valid) return;
          if (ours.valid) {
            onlyLibxml2Rejects.push(xml);
            return;
          }
          const explained = ours.paths.map((p) => explainingChange(p, narrowings)).find((c) => c !== undefined);
          // Or one the diff cannot list (test/compat/compat-findings.ts says why).
          const valueDependent = explained === undefined ? ours.paths.map((p) => valueDependentNarrowing(root, p, xml)).find((n) => n !== undefined) : undefined;
          expect(explained ?? valueDependent, `11.3.0 rejects a document valid for 7.0.0 and no narrowing of the schema diff explains it:\n${ours.messages.join('\n')}\n${xml}`).toBeDefined();
          const key = explained !== undefined ? `${explained.kind} ${explained.path}` : `value-dependent ${valueDependent!.id}`;
          hits.set(key, (hits.get(key) ?? 0) + 1);
        }),
        { numRuns: propRuns(), seed: propSeed() + 2 },
      );

      if (onlyLibxml2Rejects.length > 0) {
        expect(jingAvailable(), 'libxml2 rejects documents we accept and Jing is not installed to decide').toBe(true);
        const jing = jingVerdicts('11.3.0', root, onlyLibxml2Rejects);
        onlyLibxml2Rejects.forEach((xml, i) => expect(jing[i], `libxml2 and Jing reject (11.3.0), we accept:\n${xml}`).toBe(true));
      }
      if (hits.size > 0) console.info(`${root}: narrowings met: ${[...hits].map(([k, n]) => `${k} (${n})`).join(', ')}`);
    }, propTimeout());
  }
});
