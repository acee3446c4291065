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
import { NARROWING_EXAMPLES, VALUE_DEPENDENT_NARROWINGS, valueDependentNarrowing } from './compat-findings.js';

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

  for (const n of VALUE_DEPENDENT_NARROWINGS) {
    const root = n.root as RootName;
    it(`${n.id}: the diff lists no narrowing there (when it does, move this to NARROWING_EXAMPLES)`, () => {
      const listed = changes.filter((c) => c.root === root && c.effect === 'narrowed' && (c.path === n.element || c.path.startsWith(`${n.element}/`)));
      expect(listed).toEqual([]);
    });
    it(`${n.id}: we accept it for 7.0.0 and reject it for 11.3.0 at the names it lists, and only under its values`, () => {
      expect(validate(n.document, { schema: root, libvirt: '7.0.0' }).diagnostics).toEqual([]);
      const paths = validate(n.document, { schema: root, libvirt: '11.3.0' }).diagnostics.map((d) => d.path);
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) expect(valueDependentNarrowing(root, path, n.document)?.id).toBe(n.id);
      const otherValue = n.document.replace(new RegExp(`${n.when.attribute}='(${n.when.values.join('|')})'`), `${n.when.attribute}='qemu'`);
      expect(validate(otherValue, { schema: root, libvirt: '11.3.0' }).diagnostics).toEqual([]);
    });
    it.skipIf(missing !== undefined)(`${n.id}: libxml2 accepts it for 7.0.0 and rejects it for 11.3.0${missing ? ` — skipped: ${missing}` : ''}`, () => {
      expect(libxml2Verdict('7.0.0', root, n.document).messages).toEqual([]);
      expect(libxml2Verdict('11.3.0', root, n.document).valid).toBe(false);
    });
  }
});
