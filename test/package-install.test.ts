/**
 * The package as a consumer gets it: `npm pack` (prepack and postpack as npm runs them, on a copy
 * of the tree so the repository's package.json is never swapped under other processes), installed
 * into an empty project, then used the ways people do: the CLI through npx, `require`, and
 * TypeScript's older `node10` module resolution.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedManifest } from '../scripts/pack.js';
import { PROJECT_ROOT } from './support/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'virtxml-install-'));
const tree = join(work, 'tree');
const consumer = join(work, 'consumer');
const repoManifest = readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8');
let tarball = '';
let installOutput = '';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env, npm_config_update_notifier: 'false' } });
  if (r.error) throw r.error;
  return r;
}

beforeAll(() => {
  mkdirSync(tree);
  for (const f of ['package.json', 'README.md', 'LICENSE', 'LICENSES', 'dist', 'scripts/pack.ts']) {
    cpSync(join(PROJECT_ROOT, f), join(tree, f), { recursive: true });
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
  // The bundles are the repository's dist/ (test/package.test.ts checks them); prepack skips the build.
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], tree, { VIRTXML_PACK_PREBUILT: '1' });
  expect(pack.status, pack.stderr).toBe(0);
  tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
  const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], consumer);
  installOutput = install.stdout + install.stderr;
  expect(install.status, installOutput).toBe(0);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('publishes a package.json without development scripts, dependencies or the self-reference', () => {
    const published = JSON.parse(readFileSync(join(consumer, 'node_modules/virtxml/package.json'), 'utf8')) as Record<string, unknown>;
    expect(published).toEqual(publishedManifest(JSON.parse(repoManifest) as Record<string, unknown>));
    expect(Object.keys(published)).not.toContain('scripts');
    expect(Object.keys(published)).not.toContain('devDependencies');
    expect(JSON.stringify(published)).not.toContain('file:.');
    // postpack put the development manifest back.
    expect(readFileSync(join(tree, 'package.json'), 'utf8')).toBe(repoManifest);
  });

  it('installs without warnings', () => {
    expect(installOutput).not.toMatch(/warn/i);
  });

  it('holds no source maps, and its licences', () => {
    const list = run('tar', ['-tzf', tarball], work).stdout.split('\n');
    expect(list.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const f of ['LICENSE', 'LICENSES/LGPL-2.1-or-later.txt', 'dist/THIRD-PARTY-NOTICES.txt', 'README.md']) expect(list).toContain(`package/${f}`);
  });

  it('runs its CLI with npx', () => {
    const help = run('npx', ['--no-install', 'virtxml', '--help'], consumer);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: virtxml /);
  });

  // require(esm): Node 20.19+ and 22.12+ (process.features.require_module); older Nodes must import().
  const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true;
  it.skipIf(!canRequireEsm)('can be required from CommonJS on Nodes that can require ES modules', () => {
    const script =
      "const { validate } = require('virtxml'); const v = require('virtxml/validate'); const { lint } = require('virtxml/lint');" +
      "console.log(validate(\"<secret ephemeral='no' private='yes'/>\").valid, v.validate === validate, typeof lint);";
    const r = run(process.execPath, ['-e', script], consumer);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('true true function');
  });

  it("resolves types for virtxml, virtxml/validate and virtxml/lint under TypeScript's node10 resolution", () => {
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'commonjs', moduleResolution: 'node10', target: 'es2022', strict: true, noEmit: true, types: [], skipLibCheck: false },
      files: ['index.ts'],
    }));
    writeFileSync(join(consumer, 'index.ts'), [
      "import { parseDomain, type Domain } from 'virtxml';",
      "import { validate, type ValidationResult } from 'virtxml/validate';",
      "import { lint } from 'virtxml/lint';",
      "const result: ValidationResult = validate('<domain/>');",
      'const domain: Domain | undefined = result.valid ? parseDomain("<domain/>") : undefined;',
      'export { domain, lint };',
      '',
    ].join('\n'));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const r = run(process.execPath, [tsc, '-p', consumer], consumer);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
