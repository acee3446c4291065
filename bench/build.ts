/**
 * Builds the working tree into a directory of this invocation: the package bundles exactly as
 * `npm run build` makes them (scripts/build.ts), which every measured process runs, and the
 * bench's worker compiled with the project's own tsc. Never an on-the-fly TypeScript loader: it
 * adds about 0.4 s and 40 MB to each process, which would swamp the rows. The directory is
 * private to one bench run: two runs at once must not rebuild each other's code mid-measurement.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from '../scripts/build.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const REPO_DIR = resolve(here, '..');
/** Under node_modules so that compiled code resolves packages as the repository does. */
const CACHE_DIR = join(REPO_DIR, 'node_modules/.cache/virtxml-bench');

export interface BuildOutput {
  /** Root of the compiled tree (mirrors the repository: src/…, bench/…). */
  readonly dir: string;
  /** What was compiled: `working tree on <hash>` or `commit <hash>`. */
  readonly source: string;
  readonly workerScript: string;
  readonly cliScript: string;
  /** Type errors tsc reported (JavaScript is emitted regardless); empty when clean. */
  readonly typeErrors: string[];
  readonly ms: number;
}

/**
 * Compiles the working tree, or with `commit` the files of that commit (extracted with `git
 * archive`, so a run is not at the mercy of edits in progress and names exactly what it measured).
 */
export async function buildForBench(commit?: string): Promise<BuildOutput> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  removeAbandonedRuns();
  const runDir = join(CACHE_DIR, `run-${process.pid}`);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  process.on('exit', () => rmSync(runDir, { recursive: true, force: true }));
  const dir = join(runDir, 'out');
  let sourceDir = REPO_DIR;
  let source = 'working tree';
  if (commit !== undefined) {
    const hash = git(['rev-parse', '--verify', `${commit}^{commit}`]).trim();
    source = `commit ${hash}`;
    // Outside node_modules: tsc does not emit files under a node_modules path that are reached
    // only by import (codegen/ is, from src/cli). Packages come from the repository's install.
    const treeDir = mkdtempSync(join(tmpdir(), 'virtxml-bench-tree-'));
    sourceDir = treeDir;
    process.on('exit', () => rmSync(treeDir, { recursive: true, force: true }));
    symlinkSync(join(REPO_DIR, 'node_modules'), join(treeDir, 'node_modules'), 'dir');
    // The whole commit: src may import from codegen and elsewhere.
    const archive = spawnSync('git', ['archive', '--format=tar', hash], { cwd: REPO_DIR, maxBuffer: 1 << 30 });
    if (archive.status !== 0) throw new Error(`git archive ${hash} failed: ${archive.stderr.toString()}`);
    const untar = spawnSync('tar', ['-x', '-C', sourceDir], { input: archive.stdout });
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr.toString()}`);
  } else {
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_DIR, encoding: 'utf8' });
    if (head.status === 0) source = `working tree on ${head.stdout.trim()}`;
  }
  const start = performance.now();
  const args = [tsc, '-p', join(sourceDir, 'bench/tsconfig.build.json'), '--outDir', dir, '--tsBuildInfoFile', join(dir, '.tsbuildinfo')];
  const result = spawnSync(process.execPath, args, { cwd: sourceDir, encoding: 'utf8' });
  if (result.error) throw new Error(`cannot run tsc: ${result.error.message}`);
  const typeErrors = `${result.stdout}${result.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
  // The code under test is the package's own bundle, built the way `npm run build` builds it.
  const built = await buildPackage({ sourceDir, outDir: join(dir, 'dist'), declarations: false });
  // As in the published package, whose package.json says so: without it Node inspects each
  // module's syntax to tell ES modules from CommonJS (about 10 ms for the bundles).
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const ms = performance.now() - start;
  const workerScript = join(dir, 'bench/worker.js');
  const cliScript = built.cli;
  for (const needed of [workerScript, built.library]) {
    if (!existsSync(needed)) throw new Error(`the build did not produce ${needed}:\n${result.stdout}${result.stderr}`);
  }
  return { dir, source, workerScript, cliScript, typeErrors, ms };
}

/** Build directories of bench runs that were killed before they could clean up. */
function removeAbandonedRuns(): void {
  if (!existsSync(CACHE_DIR)) return;
  for (const name of readdirSync(CACHE_DIR)) {
    const pid = /^run-(\d+)$/.exec(name)?.[1];
    if (pid === undefined || processExists(Number(pid))) continue;
    rmSync(join(CACHE_DIR, name), { recursive: true, force: true });
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function git(args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd: REPO_DIR, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Whether the model (src/model/index.ts) exists in the compiled tree. */
export function modelIsBuilt(build: BuildOutput): boolean {
  return existsSync(join(build.dir, 'src/model/index.js'));
}
