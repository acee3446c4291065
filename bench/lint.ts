/**
 * The lint and migrate rows: `virtxml lint` as a user runs it (the built CLI, default options
 * unless the row says otherwise), on the corpus's files beside `virtxml validate` on the same
 * files in the same run, and on a generated tree of 20,000 files with one and two worker threads
 * and with a cold and a warm `--cache`; `virtxml migrate` on the corpus's folder with one and two
 * worker threads. Every run's JSON report is checked before its time counts: the corpus's
 * verdicts must be the manifest's, every file of the tree must have been linted (or answered from
 * the cache) exactly as the row says, and migrate must have read every document and refused no
 * fix as unsafe.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BuildOutput } from './build.js';
import type { Corpus } from './corpus.js';
import { combineRuns, runProcess, scratchDir, type ProcessRun } from './measure.js';
import { chunkArguments } from './tools.js';
import { BenchFailure, type RowSpec, type Sample } from './types.js';

export type LintVariant = 'corpus' | 'tree-jobs1' | 'tree-jobs2' | 'cache-cold' | 'cache-warm' | 'migrate-jobs1' | 'migrate-jobs2';

/** Files in the generated tree: the corpus's documents, copied round-robin. */
export const LINT_TREE_FILES = 20_000;

export const LINT_ROWS: readonly (readonly [string, LintVariant, string])[] = [
  ['lint-corpus', 'corpus', 'virtxml lint CLI, all rules, all files as arguments'],
  ['lint-tree-jobs1', 'tree-jobs1', `virtxml lint --jobs 1, a tree of ${LINT_TREE_FILES.toLocaleString('en')} files`],
  ['lint-tree-jobs2', 'tree-jobs2', `virtxml lint --jobs 2, the same tree`],
  ['lint-cache-cold', 'cache-cold', 'virtxml lint --cache, cold (empty cache), the same tree'],
  ['lint-cache-warm', 'cache-warm', 'virtxml lint --cache, warm (nothing changed), the same tree'],
  ['migrate-jobs1', 'migrate-jobs1', "virtxml migrate --jobs 1, the corpus's folder"],
  ['migrate-jobs2', 'migrate-jobs2', "virtxml migrate --jobs 2, the corpus's folder"],
];

/** Lint rows run at 1× only: lint takes each file once, so a list that names them N times is no bigger job. */
export function lintRowSpecs(): RowSpec[] {
  return LINT_ROWS.map(([id, variant, label]) => ({ id, label, kind: 'lint', lint: variant, timing: 'process', scales: [1] }));
}

interface LintJsonReport {
  readonly results: readonly { readonly file: string; readonly skipped?: string; readonly findings: readonly { readonly rule: string; readonly severity: string }[] }[];
  readonly stats: { readonly files: number; readonly linted: number; readonly cached: number; readonly workers: number };
}

export interface LintRun {
  readonly sample: Sample;
  readonly notes: string[];
  readonly documents: number;
  readonly bytes: number;
}

/** One timed run of a lint row; BenchFailure when the report is wrong. */
export function runLintRow(build: BuildOutput, corpus: Corpus, variant: LintVariant): LintRun {
  if (variant === 'corpus') return lintCorpus(build, corpus);
  if (variant === 'migrate-jobs1' || variant === 'migrate-jobs2') return migrateCorpus(build, corpus, variant === 'migrate-jobs1' ? 1 : 2);
  const tree = lintTree(corpus);
  const out = join(scratchDir(), `lint-${variant}.json`);
  const cache = join(scratchDir(), 'lint-cache');
  const args = [build.cliScript, 'lint', '--format', 'json', '--output', out];
  if (variant === 'tree-jobs1') args.push('--jobs', '1');
  if (variant === 'tree-jobs2') args.push('--jobs', '2');
  if (variant === 'cache-cold' || variant === 'cache-warm') args.push('--cache', '--cache-location', cache);
  if (variant === 'cache-cold') rmSync(cache, { recursive: true, force: true });
  if (variant === 'cache-warm' && !existsSync(join(cache, 'lint-cache.json'))) {
    // Run alone (--only lint-cache-warm): fill the cache first, untimed.
    check(runProcess(process.execPath, [...args, '.'], { cwd: tree.dir }), 'virtxml lint (filling the cache)');
  }
  const run = runProcess(process.execPath, [...args, '.'], { cwd: tree.dir });
  check(run, `virtxml lint (${variant})`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as LintJsonReport;
  const { files, linted, cached, workers } = report.stats;
  const expected = variant === 'cache-warm' ? { linted: 0, cached: tree.files } : { linted: tree.files, cached: 0 };
  if (files !== tree.files || linted !== expected.linted || cached !== expected.cached) {
    throw new BenchFailure(`virtxml lint (${variant}): read ${files}, linted ${linted}, cached ${cached}; expected ${tree.files} read, ${expected.linted} linted, ${expected.cached} cached`);
  }
  return { sample: sampleOf(run), notes: [`${workers} worker threads`], documents: tree.files, bytes: tree.bytes };
}

/** The corpus's files as arguments (split at ARG_MAX as the validate row splits them), checked against the manifest. */
function lintCorpus(build: BuildOutput, corpus: Corpus): LintRun {
  const leading = [build.cliScript, 'lint', '--format', 'json', '--output'];
  const paths = corpus.documents.map((d) => d.relativePath);
  const chunks = chunkArguments([...leading, 'out.json'], paths);
  const runs: ProcessRun[] = [];
  const wrong: string[] = [];
  let workers = 0;
  for (const [i, files] of chunks.entries()) {
    const out = join(scratchDir(), `lint-corpus-${i}.json`);
    const run = runProcess(process.execPath, [...leading, out, ...files], { cwd: corpus.releaseDir });
    check(run, 'virtxml lint (corpus)');
    runs.push(run);
    const report = JSON.parse(readFileSync(out, 'utf8')) as LintJsonReport;
    workers = Math.max(workers, report.stats.workers);
    const byFile = new Map(report.results.map((r) => [r.file, r]));
    for (const d of corpus.documents.filter((x) => files.includes(x.relativePath))) {
      const r = byFile.get(d.relativePath);
      const rejected = r !== undefined && r.findings.some((f) => f.severity === 'error' && (f.rule === 'schema' || f.rule === 'syntax'));
      if (r === undefined || r.skipped !== undefined || rejected !== (d.expect === 'invalid')) wrong.push(`${d.relativePath}: ${r === undefined ? 'missing' : r.skipped ?? (rejected ? 'rejected' : 'accepted')}, expected ${d.expect}`);
    }
  }
  if (wrong.length > 0) throw new BenchFailure(`virtxml lint: ${wrong.length} schema verdicts differ from the manifest:\n${wrong.slice(0, 20).map((w) => `  ${w}`).join('\n')}`);
  const sum = combineRuns(runs);
  const notes = [`${workers} worker threads`, ...(chunks.length > 1 ? [`${chunks.length} processes (argument list split at ARG_MAX)`] : [])];
  return { sample: { ...sum, workMs: undefined, workCpuMs: undefined, firstRoundMs: undefined, laterRoundMs: undefined, processes: runs.length }, notes, documents: corpus.documents.length, bytes: corpus.bytes };
}

interface MigrateJsonReport {
  readonly results: readonly { readonly file: string; readonly changes: readonly { readonly rule: string; readonly reason?: string }[] }[];
  readonly stats: { readonly files: number; readonly changed: number; readonly workers: number };
}

/** `virtxml migrate` (a diff, nothing written) over the corpus's folder, checked to have read every document and refused nothing. */
function migrateCorpus(build: BuildOutput, corpus: Corpus, jobs: number): LintRun {
  const run = runProcess(process.execPath, [build.cliScript, 'migrate', '--format', 'json', '--jobs', String(jobs), '.'], { cwd: corpus.releaseDir });
  check(run, `virtxml migrate --jobs ${jobs}`);
  const report = JSON.parse(run.stdout) as MigrateJsonReport;
  if (report.stats.files !== corpus.documents.length) throw new BenchFailure(`virtxml migrate --jobs ${jobs}: read ${report.stats.files} documents, expected ${corpus.documents.length}`);
  const unsafe = report.results.flatMap((r) => r.changes.filter((c) => c.reason === 'unsafe').map((c) => `${r.file} (${c.rule})`));
  if (unsafe.length > 0) throw new BenchFailure(`virtxml migrate: ${unsafe.length} fixes refused as unsafe, e.g. ${unsafe.slice(0, 5).join(', ')}`);
  return { sample: sampleOf(run), notes: [`${report.stats.workers} worker threads`, `${report.stats.changed} documents would change`], documents: corpus.documents.length, bytes: corpus.bytes };
}

let tree: { dir: string; files: number; bytes: number } | undefined;

/**
 * The corpus's documents copied round-robin into 200 folders of 100 files (made once per bench
 * run). Each file gets its own domain name, UUID, MAC addresses and disk image paths, as the
 * guests of a real fleet have: libvirt's test documents share a few names (most domains are
 * `QEMUGuest1`), and copies of them would make nearly every file a fleet finding (duplicate
 * names, UUIDs, MACs, shared images), a report no real tree produces.
 */
export function lintTree(corpus: Corpus): { dir: string; files: number; bytes: number } {
  if (tree !== undefined) return tree;
  const dir = join(scratchDir(), 'lint-tree');
  let bytes = 0;
  const texts = corpus.documents.map((d) => readFileSync(d.absolutePath, 'utf8'));
  for (let i = 0; i < LINT_TREE_FILES; i++) {
    const n = i % corpus.documents.length;
    const folder = join(dir, `d${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const text = distinctCopy(texts[n]!, i);
    writeFileSync(join(folder, `${String(i).padStart(5, '0')}-${basename(corpus.documents[n]!.relativePath)}`), text);
    bytes += Buffer.byteLength(text);
  }
  tree = { dir, files: LINT_TREE_FILES, bytes };
  return tree;
}

/** A document as guest number `n` of a fleet: its first name, its UUID, its MACs and its disk images made its own. */
export function distinctCopy(text: string, n: number): string {
  const hex = n.toString(16).padStart(8, '0');
  return text
    .replace(/<name>([^<]*)<\/name>/, (_m, name: string) => `<name>${name}-${n}</name>`)
    .replace(/<uuid>\s*([0-9a-fA-F-]{32,36})\s*<\/uuid>/, (_m, uuid: string) => `<uuid>${uuid.slice(0, -8)}${hex}</uuid>`)
    .replace(/(<mac\s+address=(['"]))([0-9a-fA-F]{2}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}):[0-9a-fA-F]{2}:[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})\2/g,
      (_m, open: string, quote: string, head: string, tail: string) => `${open}${head}:${hex.slice(4, 6)}:${hex.slice(6, 8)}${tail}${quote}`)
    .replace(/(<source\s+file=(['"]))(\/[^'"]+)\2/g, (_m, open: string, quote: string, path: string) => `${open}${path}.${n}${quote}`);
}

/** Exit 0 or 1 (findings) is a run; anything else is a broken one. */
function check(run: ProcessRun, what: string): void {
  if (run.exitCode === 0 || run.exitCode === 1) return;
  throw new BenchFailure(`${what} failed (exit ${run.exitCode ?? run.signal}):\n${run.stderr.trim().split('\n').slice(-10).join('\n')}`);
}

function sampleOf(run: ProcessRun): Sample {
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, maxRssKiB: run.maxRssKiB, workMs: undefined, workCpuMs: undefined, firstRoundMs: undefined, laterRoundMs: undefined, processes: 1 };
}
