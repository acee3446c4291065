/**
 * Builds the package: the library and the CLI as ES-module bundles (esbuild), the library again
 * for browsers (`dist/browser/`, grammars loaded on first use), type declarations (tsc), and the
 * licence notices of what is bundled in. `npm run build`, also run by `prepare`; the bench calls
 * {@link buildPackage} to measure exactly what users run.
 *
 * Why bundles: Node loads each ES module separately (resolve, read, compile, link); the library
 * is ~100 modules plus ajv's ~50 CommonJS files, and importing them cost 120–130 ms, against about
 * 40 ms for one bundle (docs/decisions.md).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Generated with the rule docs (`npm run docs:rules`); shipped as dist/virtxml.config.schema.json. */
const CONFIG_SCHEMA = 'schemas/virtxml.config.schema.json';
/** The licence of the parts generated from libvirt's schemas (the FSF's text, as libvirt ships it). */
const LGPL_TEXT = 'LICENSES/LGPL-2.1-or-later.txt';

export interface PackageBuild {
  /** The library entry (`import … from 'virtxml'`). */
  readonly library: string;
  /** The validation-only entry (`import … from 'virtxml/validate'`). */
  readonly validation: string;
  /** The CLI executable. */
  readonly cli: string;
  /** npm packages bundled into the output, with the licence text each ships. */
  readonly bundledPackages: readonly string[];
}

export interface BuildOptions {
  /** Source tree to build (default: this repository). */
  readonly sourceDir?: string;
  /** Output directory (default: `<sourceDir>/dist`). */
  readonly outDir?: string;
  /** Also emit `.d.ts` files with tsc (the bench does not need them). */
  readonly declarations?: boolean;
}

export async function buildPackage(options: BuildOptions = {}): Promise<PackageBuild> {
  const sourceDir = options.sourceDir ?? REPO_DIR;
  const outDir = options.outDir ?? join(sourceDir, 'dist');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: sourceDir,
    entryPoints: { index: 'src/index.ts', validate: 'src/validate.ts', lint: 'src/lint/index.ts', cli: 'src/cli/bin.ts' },
    outdir: outDir,
    bundle: true,
    // Commands and grammars shared by both entries go into chunks, loaded once.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Maps for the tests and the bench, without the sources and left out of the package (no
    // `sourceMappingURL` comment points at them): embedded sources were half the tarball.
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const browser = await buildForBrowsers(sourceDir, outDir);
  const bundledPackages = bundledPackageNames(result.metafile, browser.metafile);
  writeFileSync(join(outDir, 'THIRD-PARTY-NOTICES.txt'), libvirtNotice(sourceDir, result.metafile, browser.metafile) + notices(sourceDir, bundledPackages));
  // The JSON Schema of virtxml.config.json, for editors (`"$schema": "./node_modules/virtxml/dist/…"`).
  copyFileSync(join(sourceDir, CONFIG_SCHEMA), join(outDir, basename(CONFIG_SCHEMA)));
  if (options.declarations ?? true) emitDeclarations(sourceDir, outDir);
  const library = join(outDir, 'index.js');
  const validation = join(outDir, 'validate.js');
  const cli = join(outDir, 'cli.js');
  for (const file of [library, validation, cli]) if (!existsSync(file)) throw new Error(`the build did not produce ${file}`);
  return { library, validation, cli, bundledPackages };
}

/**
 * The entries again for browsers (`dist/browser/`, package.json's `browser` condition), where
 * each grammar table is a chunk of its own, imported on first use: the registry's table provider
 * (`tables.ts`, every table) is swapped for `tables-lazy.ts` (docs/decisions.md, "Browser
 * bundles").
 */
async function buildForBrowsers(sourceDir: string, outDir: string) {
  const lazyGrammarTables: Plugin = {
    name: 'lazy-grammar-tables',
    setup(b) {
      b.onResolve({ filter: /^\.\/tables\.js$/ }, (args) =>
        /[\\/]src[\\/]model[\\/]generated[\\/]grammar[\\/]index\.ts$/.test(args.importer) ? { path: join(dirname(args.importer), 'tables-lazy.ts') } : undefined);
    },
  };
  return build({
    absWorkingDir: sourceDir,
    entryPoints: { index: 'src/index.ts', validate: 'src/validate.ts' },
    outdir: join(outDir, 'browser'),
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'external',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    plugins: [lazyGrammarTables],
  });
}

/** Declarations mirror the sources under `<outDir>/types`; package.json points `types` there. */
function emitDeclarations(sourceDir: string, outDir: string): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const args = [tsc, '-p', join(sourceDir, 'tsconfig.build.json'), '--emitDeclarationOnly', '--outDir', join(outDir, 'types')];
  const run = spawnSync(process.execPath, args, { cwd: sourceDir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tsc failed:\n${run.stdout}${run.stderr}`);
}

/** Names of the npm packages whose files ended up in the bundles. */
function bundledPackageNames(...metafiles: Metafile[]): string[] {
  const names = new Set<string>();
  for (const input of metafiles.flatMap((m) => Object.keys(m.inputs))) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match !== null) names.add(match[1]!);
  }
  return [...names].sort();
}

/**
 * The generated tables, types and JSON Schemas are derived from libvirt's schemas and keep their
 * licence, LGPL-2.1-or-later (docs/decisions.md, "Licensing"): the notice names libvirt, the
 * releases, the generated parts the bundles hold, and carries the licence text.
 */
function libvirtNotice(sourceDir: string, ...metafiles: Metafile[]): string {
  const parts = new Set<string>();
  for (const input of metafiles.flatMap((m) => Object.keys(m.inputs))) {
    const dir = /(?:^|\/)src\/model\/generated\/([^/]+)\//.exec(input)?.[1];
    if (dir !== undefined) parts.add(GENERATED_PARTS[dir] ?? `src/model/generated/${dir}`);
  }
  const lock = JSON.parse(readFileSync(join(sourceDir, 'schemas/lock.json'), 'utf8')) as { releases: Record<string, unknown> };
  const lgpl = readFileSync(join(sourceDir, LGPL_TEXT), 'utf8').trim();
  return [
    `libvirt ${Object.keys(lock.releases).join(', ')}: RELAX NG schemas (LGPL-2.1-or-later)`,
    '',
    'https://libvirt.org — Copyright the libvirt project and its contributors.',
    '',
    "virtxml's own code is MIT-licensed (LICENSE). The following parts of the bundles, and their",
    "declarations under types/src/model/generated, are generated from libvirt's schemas by virtxml's",
    'codegen and are, like the schemas, licensed under the GNU Lesser General Public License,',
    'version 2.1 or (at your option) any later version. Their source is src/model/generated/ in',
    'the virtxml repository, each file marked "SPDX-License-Identifier: LGPL-2.1-or-later":',
    '',
    ...[...parts].sort().map((p) => `  - ${p}`),
    '',
    lgpl,
    '',
    '-'.repeat(72),
    '',
    '',
  ].join('\n');
}

/** Directories of src/model/generated, as the notice names them. */
const GENERATED_PARTS: Readonly<Record<string, string>> = {
  grammar: 'the compiled grammar tables (src/model/generated/grammar)',
  types: 'the model types and binding tables (src/model/generated/types)',
  'json-schema': 'the JSON Schemas of the model (src/model/generated/json-schema)',
};

/** Each bundled package's name, version and licence file, as its licence asks. */
function notices(sourceDir: string, packages: readonly string[]): string {
  const sections = packages.map((name) => {
    const dir = join(sourceDir, 'node_modules', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; license?: string };
    const licenceFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license'].map((f) => join(dir, f)).find(existsSync);
    if (licenceFile === undefined) throw new Error(`${name} ships no licence file; cannot bundle it`);
    return `${name} ${manifest.version} (${manifest.license ?? 'see below'})\n\n${readFileSync(licenceFile, 'utf8').trim()}\n`;
  });
  return `virtxml's bundles include the following packages.\n\n${sections.join('\n' + '-'.repeat(72) + '\n\n')}`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildPackage();
  process.stdout.write(`built ${built.library} and ${built.cli}; bundled: ${built.bundledPackages.join(', ') || 'none'}\n`);
}
