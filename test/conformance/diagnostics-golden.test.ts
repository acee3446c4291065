/**
 * Golden diagnostics: the messages for every invalid document of the libvirt corpora and of
 * test/corpus, with a code frame, as a reviewed baseline in test/baselines/diagnostics/.
 * A change in wording shows as a diff; accept it with `npm run baseline:accept`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../src/cli/code-frame.js';
import type { RootName } from '../../src/model/generated/grammar/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { corpusMissing, PROJECT_ROOT, readCorpusFile, readManifest, RELEASES } from '../support/corpus.js';
import { ownDocuments } from './differential.js';

const ACCEPT = process.env.VIRTXML_ACCEPT_BASELINES === '1';

function report(name: string, text: string, schema: RootName, libvirt: (typeof RELEASES)[number]): string {
  const result = validate(text, { schema, libvirt });
  let out = `==== ${name} (${schema}, libvirt ${libvirt}): ${result.valid ? 'valid' : 'invalid'}\n`;
  for (const d of result.diagnostics) {
    out += `${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]\n  at ${d.path}\n${codeFrame(text, d.line, d.column)}\n`;
  }
  return out + '\n';
}

function checkBaseline(file: string, actual: string): void {
  const path = join(PROJECT_ROOT, 'test/baselines/diagnostics', file);
  if (ACCEPT) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${relative(PROJECT_ROOT, path)} is missing: run npm run baseline:accept`).toBe(true);
  const expected = readFileSync(path, 'utf8');
  expect(actual === expected, `${relative(PROJECT_ROOT, path)} differs: review with git diff after npm run baseline:accept`).toBe(true);
}

describe('golden diagnostics', () => {
  for (const release of RELEASES) {
    const missing = corpusMissing(release);
    if (missing) {
      it.skip(`libvirt ${release} invalid documents — skipped: ${missing}`, () => {});
      continue;
    }
    it(`libvirt ${release}: every invalid corpus document`, () => {
      let out = '';
      for (const entry of readManifest(release).filter((e) => e.expect === 'invalid')) {
        out += report(entry.path, readCorpusFile(release, entry), entry.schema.replace(/\.rng$/, '') as RootName, release);
      }
      checkBaseline(`libvirt-${release}.txt`, out);
    });
  }

  it('our invalid documents in test/corpus', () => {
    let out = '';
    for (const doc of ownDocuments().filter((d) => /(^|\/)invalid-[^/]*$/.test(d.path))) {
      out += report(relative(PROJECT_ROOT, doc.path), readFileSync(doc.path, 'utf8'), doc.root, '11.3.0');
    }
    expect(out).toContain('invalid');
    checkBaseline('test-corpus.txt', out);
  });

  it('each invalid document of ours gets exactly the errors it was written to show', () => {
    const docs = ownDocuments().filter((d) => /(^|\/)invalid-[^/]*$/.test(d.path));
    for (const doc of docs) {
      const result = validate(readFileSync(doc.path, 'utf8'), { schema: doc.root });
      expect(result.valid, doc.path).toBe(false);
      const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
      expect(errors, `${doc.path}: ${result.diagnostics.map((d) => d.message).join(' | ')}`).toBe(doc.path.includes('two-independent') ? 2 : 1);
    }
  });
});
