import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT_NAMES, type RootName } from '../../src/model/generated/grammar/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { corpusMissing, PROJECT_ROOT, readCorpusFile, readManifest, RELEASES, schemaDir, schemasMissing, type Release, type SchemaRelease } from '../support/corpus.js';
import { libxml2For, libxml2Missing } from '../support/libxml2.js';

/** Our own documents: test/corpus/<root>/**.xml, validated against that root. */
export function ownDocuments(): { path: string; root: RootName }[] {
  const base = join(PROJECT_ROOT, 'test/corpus');
  const out: { path: string; root: RootName }[] = [];
  const walk = (dir: string, root: RootName): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, root);
      else if (name.endsWith('.xml')) out.push({ path: p, root });
    }
  };
  for (const name of readdirSync(base).sort()) {
    const p = join(base, name);
    // Folders named after a root hold that root's documents; the others (regressions, migrate
    // fixtures) are judged by their own tests.
    if (statSync(p).isDirectory() && (ROOT_NAMES as readonly string[]).includes(name)) walk(p, name as RootName);
  }
  return out;
}

function hasCorpus(release: SchemaRelease): release is Release {
  return (RELEASES as readonly string[]).includes(release);
}

/**
 * libxml2 against our validator with `release`'s grammar: on the release's own corpus, when it has
 * one (9.0.0 has schemas only; target-version.ts checks it on the 11.3.0 corpus), and on test/corpus.
 */
export function differentialSuite(release: SchemaRelease): void {
  const missing = (hasCorpus(release) ? corpusMissing(release) : schemasMissing(release)) ?? libxml2Missing;
  if (missing) {
    it.skip(`agrees with libxml2 — skipped: ${missing}`, () => {});
    return;
  }
  const libxml2 = libxml2For(schemaDir(release));

  if (hasCorpus(release)) it('gives libxml2\'s verdict on every corpus document', () => {
    const disagreements: string[] = [];
    const entries = readManifest(release);
    for (const entry of entries) {
      const text = readCorpusFile(release, entry);
      const theirs = libxml2(entry.schema).isValid(text);
      const ours = validate(text, { schema: entry.schema.replace(/\.rng$/, '') as RootName, libvirt: release }).valid;
      if (ours !== theirs) disagreements.push(`${entry.path}: libxml2 says ${theirs ? 'valid' : 'invalid'}, we say ${ours ? 'valid' : 'invalid'}`);
    }
    console.log(`libvirt ${release}: ${entries.length - disagreements.length}/${entries.length} verdicts equal libxml2's`);
    expect(disagreements).toEqual([]);
  });

  it('gives libxml2\'s verdict on our own documents in test/corpus', () => {
    const docs = ownDocuments();
    const disagreements: string[] = [];
    for (const doc of docs) {
      const text = readFileSync(doc.path, 'utf8');
      const theirs = libxml2(`${doc.root}.rng`).isValid(text);
      const ours = validate(text, { schema: doc.root, libvirt: release }).valid;
      if (ours !== theirs) disagreements.push(`${relative(PROJECT_ROOT, doc.path)}: libxml2 says ${theirs ? 'valid' : 'invalid'}, we say ${ours ? 'valid' : 'invalid'}`);
    }
    expect(docs.length).toBeGreaterThan(0);
    expect(disagreements).toEqual([]);
  });
}
