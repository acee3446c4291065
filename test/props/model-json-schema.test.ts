/**
 * validateModel on generated documents of the pinned release: the model of a document that is
 * valid by construction — numbers at the edges of their ranges, written with signs, leading
 * zeros and spaces, strings drawn from the schema's patterns — is accepted once it has been
 * through JSON. The JSON Schema's bounds and patterns must never reject what the schema allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseRoots } from '../../src/compat/release-grammars.js';
import { loadGrammarTable, PINNED_RELEASE } from '../../src/model/generated/grammar/index.js';
import type { ModelRoot } from '../../src/model/generated/types/index.js';
import { readGrammarTable } from '../../src/xml/grammar/table.js';
import { parse } from '../../src/xml/model/index.js';
import { validateModel } from '../../src/xml/model/validate-model.js';
import { serializeDocument } from '../support/arbitraries/document-tree.js';
import { GrammarDocuments } from '../support/arbitraries/grammar-documents.js';
import { ourVerdict, propRuns, propSeed, propTimeout } from './oracles.js';

describe(`validateModel on generated libvirt ${PINNED_RELEASE} documents`, () => {
  for (const root of releaseRoots(PINNED_RELEASE) as ModelRoot[]) {
    it(`${root}: the JSON model of a valid document is valid`, () => {
      const texts = new GrammarDocuments(readGrammarTable(loadGrammarTable(PINNED_RELEASE, root)!).start).documents().map(serializeDocument);
      fc.assert(
        fc.property(texts, (xml) => {
          expect(ourVerdict(PINNED_RELEASE, root, xml).messages, `the generator wrote an invalid document:\n${xml}`).toEqual([]);
          const json: unknown = JSON.parse(JSON.stringify(parse(xml, { schema: root }).value));
          const result = validateModel(json, root);
          expect(result.diagnostics.map((d) => `${d.path}: ${d.message}`), `validateModel rejects the model of:\n${xml}`).toEqual([]);
        }),
        { numRuns: propRuns(), seed: propSeed() + 5 },
      );
    }, propTimeout());
  }
});
