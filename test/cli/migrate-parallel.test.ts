/**
 * `virtxml migrate --jobs N` changes how the work is done, never what is reported or written:
 * worker threads give the main thread's report and exit status, in the same order, and `--write`
 * leaves the same files.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { cli } from '../support/cli.js';

const FIXTURES = 'test/corpus/migrate';

/** A tree of every migration fixture, old and current forms, in three folders. */
function fixtureTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-migrate-jobs-'));
  readdirSync(FIXTURES).filter((f) => f.endsWith('.xml')).forEach((f, i) => cpSync(join(FIXTURES, f), join(dir, `group${i % 3}`, f)));
  return dir;
}

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of readdirSync(dir)) for (const f of readdirSync(join(dir, sub))) out[`${sub}/${f}`] = readFileSync(join(dir, sub, f), 'utf8');
  return out;
}

interface JsonReport {
  results: { file: string; changed: boolean }[];
  stats: { files: number; changed: number; workers: number };
}

describe('virtxml migrate --jobs', () => {
  // Worker threads started from the sources load them through tsx, a few seconds each run: the
  // runs on two threads are kept few. The text report is written on the main thread from the
  // same outcomes the JSON report lists, so equal JSON in equal order means equal text.
  it('gives the same JSON report, in the same order, and exit status on two worker threads as on the main thread', async () => {
    const dir = fixtureTree();
    const [a, b] = [await cli(['migrate', '--format', 'json', '--jobs', '1'], '', { cwd: dir }), await cli(['migrate', '--format', 'json', '-j', '2'], '', { cwd: dir })];
    expect(b.stderr).toBe('');
    expect(b.code).toBe(a.code);
    const [ja, jb] = [JSON.parse(a.stdout) as JsonReport, JSON.parse(b.stdout) as JsonReport];
    expect(ja.stats.workers).toBe(0);
    expect(jb.stats.workers).toBe(2);
    expect(jb.results).toEqual(ja.results);
    expect(ja.stats.changed).toBeGreaterThan(10);
  });

  it('--write on worker threads leaves the same files as on the main thread, and a rerun changes nothing', async () => {
    const [dir1, dir2] = [fixtureTree(), fixtureTree()];
    const before = filesOf(dir1);
    expect((await cli(['migrate', '--write', '-j', '1'], '', { cwd: dir1 })).code).toBe(0);
    const w2 = await cli(['migrate', '--write', '-j', '2'], '', { cwd: dir2 });
    expect(w2.code).toBe(0);
    expect(w2.stderr).toBe('');
    const after = filesOf(dir1);
    expect(filesOf(dir2)).toEqual(after);
    expect(after).not.toEqual(before);
    expect((await cli(['migrate', '--check', '-j', '1'], '', { cwd: dir2 })).code).toBe(0);
  });

  const bin = join(process.cwd(), 'dist/cli.js');
  // dist/ is made by `npm ci` (prepare) and `npm run build`; without it there is no bundle to test.
  it.skipIf(!existsSync(bin))('works from the built package: workers load the bundle, not the sources (skipped when dist/cli.js is not built: npm run build)', () => {
    const dir = fixtureTree();
    const run = (jobs: string) => spawnSync(process.execPath, [bin, 'migrate', '--format', 'json', '--jobs', jobs], { cwd: dir, encoding: 'utf8' });
    const [one, two] = [run('1'), run('2')];
    expect(two.stderr).toBe('');
    const [a, b] = [JSON.parse(one.stdout) as JsonReport, JSON.parse(two.stdout) as JsonReport];
    expect(b.stats.workers).toBe(2);
    expect(b.results).toEqual(a.results);
  });

  it('reports each file before it reads the next while the run is small', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtxml-migrate-stream-'));
    const legacy = readFileSync(join(FIXTURES, 'legacy-memory-unit.bad.xml'), 'utf8');
    writeFileSync(join(dir, 'a.xml'), legacy);
    writeFileSync(join(dir, 'b.xml'), legacy);
    const events: string[] = [];
    const read = (p: string): void => void events.push(`read ${relative(dir, p) || '.'}`);
    const io = {
      stdout: (t: string) => events.push(`out ${t.split('\n')[0]!}`),
      stderr: (t: string) => events.push(`err ${t}`),
      readFile: (p: string) => (read(p), readFileSync(p)),
      readUtf8: (p: string) => (read(p), readFileSync(p, 'utf8')),
      readStdin: () => new Uint8Array(),
      cwd: dir,
    };
    expect(await runCli(['migrate', '--check', '.'], io)).toBe(1);
    expect(events).toEqual(['read .', 'read a.xml', 'out a.xml: would change (legacy-memory-unit)', 'read b.xml', 'out b.xml: would change (legacy-memory-unit)', 'out 2 files checked: 2 would change']);
  });

  it('takes a positive number', async () => {
    const dir = fixtureTree();
    expect((await cli(['migrate', '--jobs', '0'], '', { cwd: dir })).code).toBe(2);
    expect((await cli(['migrate', '--jobs', 'two'], '', { cwd: dir })).code).toBe(2);
  });
});
