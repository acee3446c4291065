/**
 * `--jobs` and `--cache` change how the work is done, never what is reported: worker threads give
 * the output of the main thread, in the same order, fleet rules included, and a warm cache gives
 * the output of a cold run while linting nothing again (its hits are counted in `--format json`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { cleanDomainNamed, DUPLICATE_TARGET_DOMAIN, POM, project, SCHEMA_INVALID_DOMAIN, type Project } from '../support/lint-project.js';

/** A fleet rule of our own (plugins may have them too): two domains with one name. */
const FLEET_PLUGIN = `
export default {
  name: 'fleet-test',
  rules: [{
    meta: { id: 'test/duplicate-name', category: 'plugin', level: 'error', roots: ['domain'], docs: { summary: 'Two domains share a name.' } },
    collect(ctx) {
      const name = ctx.model.name;
      return typeof name === 'string' ? { name, at: ctx.locate({ node: ctx.document.root.children.find((c) => c.kind === 'element' && c.local === 'name') ?? ctx.document.root }) } : undefined;
    },
    checkFleet(entries, ctx) {
      const first = new Map();
      for (const e of entries) {
        const seen = first.get(e.facts.name);
        if (seen === undefined) { first.set(e.facts.name, e); continue; }
        ctx.report({ file: e.file, at: e.facts.at, message: 'domain name ' + e.facts.name + ' is also used in ' + seen.file, related: [{ ...seen.facts.at, file: seen.file, message: 'first domain with this name' }] });
      }
    },
  }],
};
`;

interface JsonReport {
  results: { file: string; findings: { rule: string; line: number; related?: { file?: string }[] }[] }[];
  stats: { files: number; linted: number; cached: number; workers: number };
}

let p: Project;

beforeAll(() => {
  const files: Record<string, string> = { 'virtxml.config.json': JSON.stringify({ plugins: ['./fleet.mjs'] }), 'fleet.mjs': FLEET_PLUGIN, 'pom.xml': POM };
  for (let i = 0; i < 24; i++) {
    const dir = `group${i % 3}`;
    files[`${dir}/vm${String(i).padStart(2, '0')}.xml`] = i % 7 === 3 ? DUPLICATE_TARGET_DOMAIN : i % 5 === 2 ? SCHEMA_INVALID_DOMAIN : cleanDomainNamed(`vm${i % 10}`, i + 1);
  }
  p = project(files);
});
afterAll(() => p.remove());

async function lint(args: string[]): Promise<{ code: number; stdout: string; report: JsonReport }> {
  const r = await cli(['lint', ...args], '', { cwd: p.dir });
  expect(r.stderr).toBe('');
  return { code: r.code, stdout: r.stdout, report: args.includes('json') ? (JSON.parse(r.stdout) as JsonReport) : (undefined as unknown as JsonReport) };
}

const withoutStats = (report: JsonReport) => ({ ...report, stats: undefined });

describe('--jobs', () => {
  it('gives the same output on two worker threads as on the main thread, in the same order', async () => {
    const one = await lint(['--format', 'json', '--jobs', '1']);
    const two = await lint(['--format', 'json', '--jobs', '2']);
    expect(one.report.stats.workers).toBe(0);
    expect(two.report.stats.workers).toBe(2);
    expect(withoutStats(two.report)).toEqual(withoutStats(one.report));
    expect(two.code).toBe(one.code);
    // The fleet rule saw every document, whichever thread linted it.
    const fleet = one.report.results.flatMap((r) => r.findings.filter((f) => f.rule === 'test/duplicate-name').map(() => r.file));
    expect(fleet.length).toBeGreaterThan(0);
    for (const format of ['stylish', 'sarif']) {
      expect((await lint(['--format', format, '-j', '2'])).stdout, format).toBe((await lint(['--format', format, '-j', '1'])).stdout);
    }
  });

  const bin = join(process.cwd(), 'dist/cli.js');
  // dist/ is made by `npm ci` (prepare) and `npm run build`; without it there is no bundle to test.
  it.skipIf(!existsSync(bin))('works from the built package: workers load the bundle, not the sources (skipped when dist/cli.js is not built: npm run build)', () => {
    const run = (jobs: string) => spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '--jobs', jobs], { cwd: p.dir, encoding: 'utf8' });
    const [one, two] = [run('1'), run('2')];
    expect(two.stderr).toBe('');
    expect([one.status, two.status]).toEqual([1, 1]);
    const [a, b] = [JSON.parse(one.stdout) as JsonReport, JSON.parse(two.stdout) as JsonReport];
    expect(b.stats.workers).toBe(2);
    expect(withoutStats(b)).toEqual(withoutStats(a));
  });

  it('takes a positive number', async () => {
    expect((await cli(['lint', '--jobs', '0'], '', { cwd: p.dir })).code).toBe(2);
    expect((await cli(['lint', '--jobs', 'all'], '', { cwd: p.dir })).code).toBe(2);
  });
});

describe('--cache', () => {
  it('answers unchanged files from the cache, with output identical to a cold run', async () => {
    const location = join(p.dir, 'cache-a');
    const cold = await lint(['--format', 'json', '--cache', '--cache-location', location]);
    expect(cold.report.stats).toMatchObject({ files: 25, linted: 25, cached: 0 });
    expect(existsSync(join(location, 'lint-cache.json'))).toBe(true);
    const warm = await lint(['--format', 'json', '--cache', '--cache-location', location]);
    expect(warm.report.stats).toMatchObject({ files: 25, linted: 0, cached: 25 });
    expect(withoutStats(warm.report)).toEqual(withoutStats(cold.report));
    expect((await lint(['--cache', '--cache-location', location])).stdout).toBe((await lint([])).stdout);
  });

  it('lints again a file whose content changed, and everything when the configuration or a plugin changed', async () => {
    const location = join(p.dir, 'cache-b');
    await lint(['--format', 'json', '--cache', '--cache-location', location]);
    p.write('group1/vm01.xml', DUPLICATE_TARGET_DOMAIN);
    const changed = await lint(['--format', 'json', '--cache', '--cache-location', location]);
    expect(changed.report.stats).toMatchObject({ linted: 1, cached: 24 });
    expect(changed.report.results.find((r) => r.file === 'group1/vm01.xml')!.findings.map((f) => f.rule)).toContain('duplicate-disk-target');
    const otherRules = await lint(['--format', 'json', '--cache', '--cache-location', location, '--rule', 'duplicate-disk-target:warn']);
    expect(otherRules.report.stats).toMatchObject({ linted: 25, cached: 0 });
    writeFileSync(join(p.dir, 'fleet.mjs'), `${FLEET_PLUGIN}\n// changed\n`);
    const otherPlugin = await lint(['--format', 'json', '--cache', '--cache-location', location, '--rule', 'duplicate-disk-target:warn']);
    expect(otherPlugin.report.stats).toMatchObject({ linted: 25, cached: 0 });
  });

  it('lives in node_modules/.cache/virtxml by default, and works with worker threads', async () => {
    const cold = await lint(['--format', 'json', '--cache', '--jobs', '2']);
    expect(existsSync(join(p.dir, 'node_modules/.cache/virtxml/lint-cache.json'))).toBe(true);
    const warm = await lint(['--format', 'json', '--cache', '--jobs', '2']);
    expect(warm.report.stats).toMatchObject({ linted: 0, cached: 25, workers: 0 });
    expect(withoutStats(warm.report)).toEqual(withoutStats(cold.report));
  });
});
