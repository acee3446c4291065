/**
 * Model round trips on generated documents of the pinned release: formatting a parsed document
 * gives it back (canonically), and parsing a formatted model gives the model back — for the
 * parsed model and for the same model without its layout (written in libvirt's style).
 * Failures shrink to a document; keep it in test/corpus/regressions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseRoots } from '../../src/compat/release-grammars.js';
import { loadGrammarTable, PINNED_RELEASE } from '../../src/model/generated/grammar/index.js';
import type { ModelRoot } from '../../src/model/generated/types/index.js';
import { readGrammarTable } from '../../src/xml/grammar/table.js';
import { format, formatAs, parse } from '../../src/xml/model/index.js';
import { serializeDocument } from '../support/arbitraries/document-tree.js';
import { GrammarDocuments } from '../support/arbitraries/grammar-documents.js';
import { canonical } from '../model/canonical.js';
import { withoutLayout } from './model-equality.js';
import { propRuns, propSeed, propTimeout } from './oracles.js';

describe(`model round trips on generated libvirt ${PINNED_RELEASE} documents`, () => {
  for (const root of releaseRoots(PINNED_RELEASE) as ModelRoot[]) {
    it(`${root}: format(parse(x)) = x and parse(format(m)) = m`, () => {
      const texts = new GrammarDocuments(readGrammarTable(loadGrammarTable(PINNED_RELEASE, root)!).start).documents().map(serializeDocument);
      fc.assert(
        fc.property(texts, (xml) => {
          const parsed = parse(xml, { schema: root });
          expect(canonical(format(parsed)), `format(parse(x)) differs:\n${xml}`).toEqual(canonical(xml));

          const model = withoutLayout(parsed.value);
          const again = parse(format(parsed), { schema: root });
          expect(withoutLayout(again.value), `parse(format(m)) differs from m:\n${xml}`).toEqual(withoutLayout(model));

          const built = formatAs(root, model as never);
          expect(withoutLayout(parse(built, { schema: root }).value), `a layout-free model does not survive formatting:\n${xml}\n→\n${built}`)
            .toEqual(withoutLayout(model));
        }),
        { numRuns: propRuns(), seed: propSeed() + 3 },
      );
    }, propTimeout());
  }
});
