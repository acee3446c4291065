/**
 * migrate against the compatibility findings (docs/compat-findings.md): every document of libvirt
 * 7.0.0's corpus that 7.0.0 accepts and the pinned 11.3.0 grammar refuses becomes valid under
 * 11.3.0 by `migrate` alone (our validator, and libxml2 through `xmllint` where it is installed),
 * each through the migration rules its findings name and no other. With `to: '7.0.0'` nothing
 * changes: every new form is missing from 7.0.0's grammar, and the fixes are reported `too-new`.
 * The narrowing examples with a lossless repair are repaired the same way; those without one
 * stay as they are.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../src/lint/index.js';
import type { RootName } from '../../src/model/generated/grammar/index.js';
import { migrate, migrationRules } from '../../src/migrate/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { COMPAT_FINDINGS, NARROWING_EXAMPLES } from '../compat/compat-findings.js';
import { corpusMissing, readCorpusFile, readManifest, releaseDir, schemaDir, type ManifestEntry } from '../support/corpus.js';

const missing = corpusMissing('7.0.0') ?? corpusMissing('11.3.0');
const xmllint = spawnSync('xmllint', ['--version']).error === undefined;
const MIGRATION_IDS = new Set(migrationRules(BUILTIN_RULES).map((r) => r.meta.id));

const rootOf = (e: ManifestEntry): RootName => e.schema.replace(/\.rng$/, '') as RootName;

/** Which of `docs` libxml2 finds valid against one 11.3.0 schema. */
function xmllintValid(schema: string, docs: readonly { name: string; text: string }[]): Set<string> {
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-migrate-compat-'));
  try {
    const files = docs.map((d, i) => {
      const file = join(dir, `${i}.xml`);
      writeFileSync(file, d.text);
      return { name: d.name, file };
    });
    const run = spawnSync('xmllint', ['--noout', '--relaxng', join(schemaDir('11.3.0'), schema), ...files.map((f) => f.file)], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const lines = new Set(run.stderr.split('\n'));
    return new Set(files.filter((f) => lines.has(`${f.file} validates`)).map((f) => f.name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('every finding names a migration rule, and every example says whether one repairs it', () => {
  it('names only migration rules', () => {
    for (const f of COMPAT_FINDINGS) expect(MIGRATION_IDS.has(f.migration), f.id).toBe(true);
    for (const n of NARROWING_EXAMPLES) if (typeof n.migration === 'string') expect(MIGRATION_IDS.has(n.migration), n.id).toBe(true);
  });
});

describe.skipIf(missing !== undefined)('migrate on the libvirt 7.0.0 documents 11.3.0 refuses', () => {
  const entries = missing === undefined ? readManifest('7.0.0').filter((e) => e.expect === 'valid') : [];
  const refused = entries
    .map((e) => ({ entry: e, text: readCorpusFile('7.0.0', e) }))
    .filter(({ entry, text }) => !validate(text, { schema: rootOf(entry), libvirt: '11.3.0' }).valid);

  it('finds the 114 documents of docs/compat-findings.md', () => {
    expect(refused.length).toBe(114);
  });

  const migrated = refused.map(({ entry, text }) => ({ entry, text, result: migrate(text, { file: entry.path }) }));

  it('makes every one valid under 11.3.0, through the rules of its findings and no other', () => {
    const problems: string[] = [];
    for (const { entry, text, result } of migrated) {
      const ours = validate(result.xml, { schema: rootOf(entry), libvirt: '11.3.0' });
      if (!ours.valid) problems.push(`${entry.path}: still invalid: ${ours.diagnostics[0]?.path ?? ''} ${ours.diagnostics[0]?.message ?? ''}`);
      const expected = COMPAT_FINDINGS.filter((f) => f.root === rootOf(entry) && f.repair(text) !== text).map((f) => f.migration).sort();
      const applied = [...new Set(result.changes.filter((c) => c.applied).map((c) => c.rule))].sort();
      if (JSON.stringify(applied) !== JSON.stringify(expected)) problems.push(`${entry.path}: rules ${applied.join(', ')}; the findings name ${expected.join(', ')}`);
      const refusedFixes = result.changes.filter((c) => !c.applied && c.reason !== 'report-only');
      if (refusedFixes.length > 0) problems.push(`${entry.path}: fixes not applied: ${refusedFixes.map((c) => `${c.rule} (${c.reason})`).join(', ')}`);
      if (migrate(result.xml, { file: entry.path }).changed) problems.push(`${entry.path}: a second run changes it again`);
    }
    expect(problems).toEqual([]);
  });

  it.skipIf(!xmllint)('makes every one valid for libxml2 too', () => {
    const bySchema = new Map<string, { name: string; text: string }[]>();
    for (const { entry, result } of migrated) bySchema.set(entry.schema, [...(bySchema.get(entry.schema) ?? []), { name: entry.path, text: result.xml }]);
    const invalid: string[] = [];
    for (const [schema, docs] of bySchema) {
      const valid = xmllintValid(schema, docs);
      for (const d of docs) if (!valid.has(d.name)) invalid.push(d.name);
    }
    expect(invalid).toEqual([]);
  });

  it('gives host CPUs the cluster_id libvirt 11.3.0 writes for the same hosts', () => {
    // tests/vircaps2xmldata holds the same ten hosts in both releases; 11.3.0 also reports more
    // cache banks, so only the topology's CPUs are compared.
    const cpus = (xml: string): string[] => [...xml.matchAll(/<cpu id=[^>]*\/>/g)].map((m) => m[0]);
    const capabilities = migrated.filter(({ entry }) => entry.path.startsWith('tests/vircaps2xmldata/'));
    expect(capabilities.length).toBe(10);
    for (const { entry, result } of capabilities) {
      const current = readFileSync(join(releaseDir('11.3.0'), 'corpus', entry.path), 'utf8');
      expect(cpus(result.xml), entry.path).toEqual(cpus(current));
    }
  });

  it('changes nothing when the result must stay valid for 7.0.0: the fixes are too new for it', () => {
    // One document per finding (the guard tries each refused fix alone, which is slow on all 114).
    const sample = COMPAT_FINDINGS.map((f) => migrated.find(({ entry, text }) => f.root === rootOf(entry) && f.repair(text) !== text)!);
    for (const { entry, text } of new Set(sample)) {
      const result = migrate(text, { file: entry.path, to: '7.0.0' });
      expect(result.changed, entry.path).toBe(false);
      const fixes = result.changes.filter((c) => c.reason !== 'report-only');
      expect(fixes.length, entry.path).toBeGreaterThan(0);
      expect(fixes.every((c) => !c.applied && c.reason === 'too-new' && c.release === '7.0.0'), JSON.stringify(fixes)).toBe(true);
    }
  });
});
if (missing !== undefined) describe('migrate on the libvirt 7.0.0 documents 11.3.0 refuses', () => it.skip(`skipped: ${missing}`, () => {}));

describe('migrate on the narrowing examples', () => {
  for (const n of NARROWING_EXAMPLES) {
    const root = n.root as RootName;
    // The narrowed construct: the element of the diff's path (the examples' other old forms, a
    // memory size without a unit, are migrated too and are not its concern).
    const at = n.change.path.replace(/\/(@[^/]+|text\(\))$/, '');
    const touches = (path: string): boolean => path.replace(/\[\d+\]/g, '').startsWith(at);
    if (typeof n.migration === 'string') {
      const rule = n.migration;
      it(`${n.id}: ${rule} makes it valid under 11.3.0, and keeps it valid for 7.0.0 where the new form is`, () => {
        const result = migrate(n.document);
        expect(result.changes.filter((c) => c.applied && c.rule === rule).length).toBe(1);
        expect(validate(result.xml, { schema: root, libvirt: '11.3.0' }).valid).toBe(true);
        const old = migrate(n.document, { to: '7.0.0' });
        if (validate(result.xml, { schema: root, libvirt: '7.0.0' }).valid) expect(old.xml).toBe(result.xml);
        else expect(old.changes.find((c) => c.rule === rule)).toMatchObject({ applied: false, reason: 'too-new', release: '7.0.0' });
      });
    } else {
      it(`${n.id}: no rule rewrites it (${n.migration.none})`, () => {
        const result = migrate(n.document);
        expect(result.changes.filter((c) => c.applied && touches(c.path)).map((c) => c.rule)).toEqual([]);
        expect(validate(result.xml, { schema: root, libvirt: '11.3.0' }).valid).toBe(false);
      });
    }
  }
});
