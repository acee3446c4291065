/**
 * The compatibility promise on real documents: every document of libvirt 7.0.0's corpus that
 * libvirt 7.0.0 accepts should validate under 11.3.0. Where 11.3.0 rejects one, the cause is a
 * finding recorded in docs/compat-findings.md; this test pins each finding (its schema change,
 * the documents it affects, and a repair that makes them valid), so it fails when one changes.
 *
 * libxml2 verdicts come from `xmllint` (one run per schema, which compiles it once).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RootName } from '../../src/model/generated/grammar/index.js';
import { releaseTables } from '../../src/compat/release-grammars.js';
import { diffGrammarTables, type SchemaChange } from '../../src/compat/schema-diff.js';
import { validate } from '../../src/xml/validate/index.js';
import { corpusMissing, corpusPath, readCorpusFile, readManifest, schemaDir, type ManifestEntry } from '../support/corpus.js';
import { COMPAT_FINDINGS } from './compat-findings.js';

const xmllintMissing = spawnSync('xmllint', ['--version']).error === undefined ? undefined : 'xmllint is not installed (apt-get install libxml2-utils)';
const missing = corpusMissing('7.0.0') ?? corpusMissing('11.3.0') ?? xmllintMissing;

/** libxml2's verdict and first message per file, for files checked against one 11.3.0 schema. */
function xmllintVerdicts(schema: string, inputs: readonly { name: string; file: string }[]): Map<string, { valid: boolean; message: string | undefined }> {
  const result = new Map<string, { valid: boolean; message: string | undefined }>();
  const chunk = 400;
  for (let i = 0; i < inputs.length; i += chunk) {
    const files = inputs.slice(i, i + chunk);
    const run = spawnSync('xmllint', ['--noout', '--relaxng', join(schemaDir('11.3.0'), schema), ...files.map((f) => f.file)], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const lines = run.stderr.split('\n');
    for (const f of files) {
      const message = lines.find((l) => l.startsWith(`${f.file}:`) && l.includes('validity error'));
      result.set(f.name, { valid: lines.includes(`${f.file} validates`), message: message?.slice(f.file.length + 1) });
    }
  }
  return result;
}

/** The same for texts, written to a scratch folder first. */
function xmllintTextVerdicts(schema: string, docs: readonly { name: string; text: string }[]): Map<string, { valid: boolean; message: string | undefined }> {
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-compat-'));
  try {
    return xmllintVerdicts(schema, docs.map((d, i) => {
      const file = join(dir, `${i}.xml`);
      writeFileSync(file, d.text);
      return { name: d.name, file };
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('libvirt 7.0.0 documents under the 11.3.0 schemas', () => {
  if (missing !== undefined) {
    it.skip(`skipped: ${missing}`, () => {});
    return;
  }
  const entries = readManifest('7.0.0').filter((e) => e.expect === 'valid');
  const bySchema = new Map<string, ManifestEntry[]>();
  for (const e of entries) bySchema.set(e.schema, [...(bySchema.get(e.schema) ?? []), e]);
  const libxml2 = new Map<string, { valid: boolean; message: string | undefined }>();
  for (const [schema, list] of bySchema) {
    for (const [path, v] of xmllintVerdicts(schema, list.map((e) => ({ name: e.path, file: corpusPath('7.0.0', e) })))) libxml2.set(path, v);
  }
  const rootOf = (e: ManifestEntry): RootName => e.schema.replace(/\.rng$/, '') as RootName;
  const rejected = entries.filter((e) => !libxml2.get(e.path)!.valid);

  it('gets a libxml2 verdict for every document', () => {
    expect(libxml2.size).toBe(entries.length);
  });

  it('our validator (11.3.0) agrees with libxml2 on every document', () => {
    const disagreements = entries.flatMap((e) => {
      const ours = validate(readCorpusFile('7.0.0', e), { schema: rootOf(e), libvirt: '11.3.0' }).valid;
      const theirs = libxml2.get(e.path)!.valid;
      return ours === theirs ? [] : [`${e.path}: libxml2 says ${theirs ? 'valid' : 'invalid'}, we say ${ours ? 'valid' : 'invalid'}`];
    });
    expect(disagreements).toEqual([]);
  });

  it('explains every rejection by a recorded finding whose repair makes the document valid', () => {
    const unexplained: string[] = [];
    const repairedBySchema = new Map<string, { name: string; text: string }[]>();
    for (const e of rejected) {
      const original = readCorpusFile('7.0.0', e);
      let text = original;
      for (const f of COMPAT_FINDINGS) if (f.root === rootOf(e)) text = f.repair(text);
      if (text === original) unexplained.push(`${e.path}: ${libxml2.get(e.path)!.message ?? ''}`);
      else repairedBySchema.set(e.schema, [...(repairedBySchema.get(e.schema) ?? []), { name: e.path, text }]);
    }
    expect(unexplained).toEqual([]);
    const stillInvalid: string[] = [];
    for (const [schema, docs] of repairedBySchema) {
      const verdicts = xmllintTextVerdicts(schema, docs);
      for (const d of docs) {
        if (!verdicts.get(d.name)!.valid) stillInvalid.push(`${d.name} (libxml2): ${verdicts.get(d.name)!.message ?? ''}`);
        const ours = validate(d.text, { schema: schema.replace(/\.rng$/, '') as RootName, libvirt: '11.3.0' });
        if (!ours.valid) stillInvalid.push(`${d.name} (ours): ${ours.diagnostics[0]?.path ?? ''} ${ours.diagnostics[0]?.message ?? ''}`);
      }
    }
    expect(stillInvalid).toEqual([]);
  });

  it('needs every finding: leaving out one repair leaves each document it applies to invalid', () => {
    const notNeeded: string[] = [];
    for (const f of COMPAT_FINDINGS) {
      const partial = new Map<string, { name: string; text: string }[]>();
      for (const e of rejected) {
        if (rootOf(e) !== f.root) continue;
        const original = readCorpusFile('7.0.0', e);
        if (f.repair(original) === original) continue;
        let text = original;
        for (const other of COMPAT_FINDINGS) if (other !== f && other.root === f.root) text = other.repair(text);
        partial.set(e.schema, [...(partial.get(e.schema) ?? []), { name: e.path, text }]);
      }
      for (const [schema, docs] of partial) {
        for (const [name, v] of xmllintTextVerdicts(schema, docs)) if (v.valid) notNeeded.push(`${f.id}: ${name}`);
      }
    }
    expect(notNeeded).toEqual([]);
  });

  it('pins how many documents each finding affects, and libxml2\'s message for it', () => {
    const affected = Object.fromEntries(COMPAT_FINDINGS.map((f) => [f.id, 0]));
    const messages = Object.fromEntries(COMPAT_FINDINGS.map((f) => [f.id, new Set<string>()]));
    for (const e of rejected) {
      const text = readCorpusFile('7.0.0', e);
      for (const f of COMPAT_FINDINGS) {
        if (f.root !== rootOf(e) || f.repair(text) === text) continue;
        affected[f.id]!++;
        messages[f.id]!.add((libxml2.get(e.path)!.message ?? '').replace(/^\d+: /, ''));
      }
    }
    expect(affected).toEqual(Object.fromEntries(COMPAT_FINDINGS.map((f) => [f.id, f.documents])));
    for (const f of COMPAT_FINDINGS) {
      expect([...messages[f.id]!].some((m) => m.includes(f.libxml2)), `${f.id}: libxml2 said ${[...messages[f.id]!].join(' / ')}`).toBe(true);
    }
    expect(rejected.length).toBe(114);
    expect(entries.length - rejected.length).toBe(2590);
  });

  it('finds each finding\'s schema change among the narrowings of the 7.0.0 → 11.3.0 diff', () => {
    const diff = diffGrammarTables('7.0.0', releaseTables('7.0.0'), '11.3.0', releaseTables('11.3.0'));
    const changes: SchemaChange[] = diff.roots.flatMap((r) => r.changes);
    for (const f of COMPAT_FINDINGS) {
      for (const expected of f.changes) {
        const found = changes.find((c) => c.root === f.root && c.path === expected.path && c.kind === expected.kind);
        expect(found, `${f.id}: ${expected.kind} ${expected.path}`).toBeDefined();
        expect(found!.effect).not.toBe('widened');
      }
    }
  });
});
