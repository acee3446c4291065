/**
 * The grammar properties, one `it` per root of a release:
 * - documents generated from the grammar are accepted by libxml2 and by our validator;
 * - documents with one certain mistake (see test/support/arbitraries/mutations.ts) are rejected
 *   by both.
 *
 * When libxml2 rejects a generated document, Jing decides afterwards (one run for all such
 * documents): if Jing accepts it, it is a libxml2 deviation (counted and reported, see
 * test/corpus/regressions); if Jing rejects it too, the generator is wrong and the test fails.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { loadGrammarTable, type LibvirtRelease, type RootName } from '../../src/model/generated/grammar/index.js';
import { readGrammarTable } from '../../src/xml/grammar/table.js';
import { serializeDocument } from '../support/arbitraries/document-tree.js';
import { GrammarDocuments } from '../support/arbitraries/grammar-documents.js';
import { mutatedDocuments } from '../support/arbitraries/mutations.js';
import { libxml2Missing } from '../support/libxml2.js';
import { jingAvailable, jingVerdicts, libxml2Verdict, ourVerdict, propRuns, propSeed, propTimeout, schemasMissing } from './oracles.js';

export function grammarPropertySuite(release: LibvirtRelease, roots: readonly RootName[]): void {
  const missing = schemasMissing(release) ?? libxml2Missing;
  if (missing !== undefined) {
    it.skip(`grammar properties for libvirt ${release} — skipped: ${missing}`, () => {});
    return;
  }
  const runs = propRuns();
  for (const root of roots) {
    it(`${root}: generated documents are valid for libxml2 and for us; mutated ones are invalid for both`, () => {
      const start = readGrammarTable(loadGrammarTable(release, root)!).start;
      const documents = new GrammarDocuments(start).documents();
      const texts = documents.map(serializeDocument);
      const libxml2Rejected: { xml: string; ours: boolean; libxml2: readonly string[] }[] = [];

      fc.assert(
        fc.property(texts, (xml) => {
          const ours = ourVerdict(release, root, xml);
          const theirs = libxml2Verdict(release, root, xml);
          if (!theirs.valid) {
            libxml2Rejected.push({ xml, ours: ours.valid, libxml2: theirs.messages });
            return;
          }
          expect(ours.messages, `we reject a document libxml2 accepts:\n${xml}`).toEqual([]);
        }),
        { numRuns: runs, seed: propSeed() },
      );
      checkLibxml2Rejections(release, root, libxml2Rejected);

      let mutated = 0;
      fc.assert(
        fc.property(mutatedDocuments(start, documents).map((m) => m && { description: m.description, xml: serializeDocument(m.document) }), (mutation) => {
          if (mutation === undefined) return;
          mutated++;
          const { xml } = mutation;
          const theirs = libxml2Verdict(release, root, xml);
          const ours = ourVerdict(release, root, xml);
          expect(theirs.valid, `libxml2 accepts a mutated document (${mutation.description}):\n${xml}`).toBe(false);
          expect(ours.valid, `we accept a mutated document (${mutation.description}):\n${xml}`).toBe(false);
        }),
        { numRuns: runs, seed: propSeed() + 1 },
      );
      expect(mutated, 'no generated document had a certain mutation').toBeGreaterThan(0);
    }, propTimeout());
  }
}

function checkLibxml2Rejections(release: LibvirtRelease, root: RootName, rejected: readonly { xml: string; ours: boolean; libxml2: readonly string[] }[]): void {
  if (rejected.length === 0) return;
  if (!jingAvailable()) {
    expect.fail(`libxml2 rejects ${rejected.length} generated ${root} document(s) and Jing is not installed to tell why; first:\n${rejected[0]!.xml}\n${rejected[0]!.libxml2.join('\n')}`);
  }
  const jing = jingVerdicts(release, root, rejected.map((r) => r.xml));
  rejected.forEach((r, i) => {
    expect(jing[i], `libxml2 and Jing both reject a generated document (a generator error):\n${r.xml}\n${r.libxml2.join('\n')}`).toBe(true);
    expect(r.ours, `we reject a generated document Jing accepts (libxml2 rejects it too):\n${r.xml}`).toBe(true);
  });
  console.info(`libvirt ${release} ${root}: ${rejected.length} generated document(s) valid for Jing and us but rejected by libxml2 (known libxml2 deviations)`);
}
