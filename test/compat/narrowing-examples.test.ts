/**
 * The schema diff's narrowings that no corpus document meets, each confirmed by a small
 * document that libvirt 7.0.0 accepts and 11.3.0 rejects (libxml2 and our validator agree).
 */
import { describe, expect, it } from 'vitest';
import { releaseTables } from '../../src/compat/release-grammars.js';
import { diffGrammarTables } from '../../src/compat/schema-diff.js';
import type { RootName } from '../../src/model/generated/grammar/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { libxml2Missing } from '../support/libxml2.js';
import { libxml2Verdict, schemasMissing } from '../props/oracles.js';
import { NARROWING_EXAMPLES } from './compat-findings.js';

describe('narrowings of the 7.0.0 → 11.3.0 schemas, shown on small documents', () => {
  const changes = diffGrammarTables('7.0.0', releaseTables('7.0.0'), '11.3.0', releaseTables('11.3.0')).roots.flatMap((r) => r.changes);
  const missing = schemasMissing('7.0.0') ?? schemasMissing('11.3.0') ?? libxml2Missing;

  for (const example of NARROWING_EXAMPLES) {
    const root = example.root as RootName;
    it(`${example.id}: the diff lists it as a narrowing`, () => {
      const change = changes.find((c) => c.root === root && c.path === example.change.path && c.kind === example.change.kind);
      expect(change?.effect).toBe('narrowed');
    });
    it(`${example.id}: we accept it for 7.0.0 and reject it for 11.3.0`, () => {
      expect(validate(example.document, { schema: root, libvirt: '7.0.0' }).diagnostics).toEqual([]);
      expect(validate(example.document, { schema: root, libvirt: '11.3.0' }).valid).toBe(false);
    });
    it.skipIf(missing !== undefined)(`${example.id}: libxml2 accepts it for 7.0.0 and rejects it for 11.3.0${missing ? ` — skipped: ${missing}` : ''}`, () => {
      expect(libxml2Verdict('7.0.0', root, example.document).messages).toEqual([]);
      expect(libxml2Verdict('11.3.0', root, example.document).valid).toBe(false);
    });
  }
});
