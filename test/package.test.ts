/**
 * The built package (`npm run build`, run by `npm ci`): what package.json points at exists, the
 * library's bundle runs without Node (browsers, workers), and bundled packages keep their notices.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_LICENCE_NOTICE } from '../codegen/version.js';
import { PROJECT_ROOT, SHARED_LIBVIRT } from './support/corpus.js';

const DIST = join(PROJECT_ROOT, 'dist');
const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  license: string;
  exports: Record<string, { types: string; import: string } | string>;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};

function generatedFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? generatedFiles(path) : [path];
  });
}

/** Every module the file loads when imported, itself included, by static or dynamic import. */
function importClosure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)]
      .map((m) => m[1] ?? m[2]!);
    seen.set(file, specifiers);
    for (const s of specifiers) if (s.startsWith('.')) pending.push(resolve(dirname(file), s));
  }
  return seen;
}

/** Bytes of the generated grammar tables in a bundle file (esbuild writes each as `var grammarJson… = '…';`). */
function grammarTableBytes(text: string): number {
  let bytes = 0;
  for (const m of text.matchAll(/^var grammarJson\d* = '(?:[^'\\\n]|\\.)*';$/gm)) bytes += Buffer.byteLength(m[0]);
  return bytes;
}

describe('built package', () => {
  it('has been built (npm ci runs the build; otherwise run `npm run build`)', () => {
    expect(existsSync(join(DIST, 'index.js'))).toBe(true);
  });

  it('points exports, types and bin at files that exist', () => {
    const entries = Object.values(manifest.exports).filter((e): e is { types: string; import: string } => typeof e !== 'string');
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const file of [...entries.flatMap((e) => [e.types, e.import]), ...Object.values(manifest.bin)]) {
      expect(existsSync(join(PROJECT_ROOT, file)), file).toBe(true);
    }
    expect(readFileSync(join(PROJECT_ROOT, manifest.bin['virtxml']!), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('lets require() load each entry where Node can, and node10 TypeScript find its types', () => {
    const typesVersions = (manifest as unknown as { typesVersions: Record<string, Record<string, string[]>> }).typesVersions['*']!;
    for (const [subpath, entry] of Object.entries(manifest.exports)) {
      if (typeof entry === 'string') continue;
      expect((entry as Record<string, string>)['default'], subpath).toBe(entry.import);
      if (subpath !== '.') expect(typesVersions[subpath.slice(2)], subpath).toEqual([entry.types]);
    }
  });

  it('needs no Node built-in and no installed package for the library (it runs in browsers)', () => {
    for (const entry of ['index.js', 'validate.js', 'browser/index.js', 'browser/validate.js']) {
      const imports = [...importClosure(join(DIST, entry)).entries()].flatMap(([file, specifiers]) =>
        specifiers.filter((s) => !s.startsWith('.')).map((s) => `${file}: ${s}`));
      expect(imports, entry).toEqual([]);
    }
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('validates, parses and formats from the bundle', async () => {
    const lib = (await import(pathToFileURL(join(DIST, 'index.js')).href)) as typeof import('../src/index.js');
    const xml = "<secret ephemeral='no' private='yes'>\n  <usage type='ceph'>\n    <name>pool</name>\n  </usage>\n</secret>\n";
    expect(lib.validate(xml).valid).toBe(true);
    expect(lib.validate(xml.replace("'ceph'", "'cephx'")).valid).toBe(false);
    expect(lib.format(lib.parse(xml))).toBe(xml);
  });

  it('keeps the model and ajv out of the validation-only entry', async () => {
    const validation = [...importClosure(join(DIST, 'validate.js')).keys()];
    const library = [...importClosure(join(DIST, 'index.js')).keys()];
    const size = (files: string[]) => files.reduce((sum, f) => sum + readFileSync(f).length, 0);
    // Both entries load the same grammar tables (JSON text, about 0.8 MB per shipped release):
    // the model and ajv show in what is left besides them.
    const tables = (files: string[]) => files.reduce((sum, f) => sum + grammarTableBytes(readFileSync(f, 'utf8')), 0);
    expect(tables(validation)).toBeGreaterThan(0);
    expect(tables(validation)).toBe(tables(library));
    expect(size(validation) - tables(validation)).toBeLessThan((size(library) - tables(library)) * 0.5);
    const sources = validation.flatMap((f) => (JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] }).sources);
    expect(sources.filter((s) => /node_modules\/ajv\/|src\/xml\/model\//.test(s))).toEqual([]);
    const lib = (await import(pathToFileURL(join(DIST, 'validate.js')).href)) as typeof import('../src/validate.js');
    expect(lib.validate("<secret ephemeral='no' private='yes'/>").valid).toBe(true);
  });

  it('carries its licences: MIT for the code, LGPL-2.1-or-later for what is generated from libvirt', () => {
    expect(manifest.license).toBe('MIT AND LGPL-2.1-or-later');
    expect(readFileSync(join(PROJECT_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) /);
    const lgpl = readFileSync(join(PROJECT_ROOT, 'LICENSES/LGPL-2.1-or-later.txt'), 'utf8');
    expect(lgpl).toContain('GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 2.1, February 1999');
    // The very text libvirt ships, when libvirt's tree is beside the project.
    const libvirtCopy = join(SHARED_LIBVIRT, 'COPYING.LESSER');
    if (existsSync(libvirtCopy)) expect(lgpl).toBe(readFileSync(libvirtCopy, 'utf8'));
    for (const file of generatedFiles(join(PROJECT_ROOT, 'src/model/generated'))) {
      expect(readFileSync(file, 'utf8').split('\n', 3)[2], file).toBe(`// ${GENERATED_LICENCE_NOTICE}`);
    }
    const notices = readFileSync(join(DIST, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    expect(notices).toMatch(/^libvirt [\d., ]+: RELAX NG schemas \(LGPL-2\.1-or-later\)\n/);
    expect(notices).toContain('the compiled grammar tables (src/model/generated/grammar)');
    expect(notices).toContain(lgpl.trim());
  });

  it('names every bundled package with its licence', () => {
    const notices = readFileSync(join(DIST, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    // Which packages the bundles hold, from their source maps (independent of the build's own list).
    const bundled = new Set<string>();
    for (const map of [...importClosure(join(DIST, 'index.js')).keys(), ...importClosure(join(DIST, 'cli.js')).keys()]) {
      const { sources: files } = JSON.parse(readFileSync(`${map}.map`, 'utf8')) as { sources: string[] };
      for (const f of files) {
        const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1];
        if (name !== undefined) bundled.add(name);
      }
    }
    expect(bundled.size).toBeGreaterThan(0);
    for (const name of bundled) expect(notices.split('\n').some((line) => line.startsWith(`${name} `)), name).toBe(true);
  });
});
