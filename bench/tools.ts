/**
 * The external validators virtxml is compared with: libxml2's `xmllint` (libvirt's own engine)
 * and `jing`. Each runs as one process per schema with that schema's files as arguments, the
 * argument list split only where it would exceed the kernel's ARG_MAX.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, relative } from 'node:path';
import { groupByRoot, type Corpus, type CorpusDocument } from './corpus.js';
import { combineRuns, runProcess, type ProcessRun } from './measure.js';

export interface ExternalTool {
  readonly name: 'xmllint' | 'jing';
  readonly executable: string;
  readonly installHint: string;
  /** Arguments before the files, given the schema path (relative to the release directory). */
  readonly leadingArgs: (schemaPath: string) => string[];
  /** Paths (as the tool prints them, made relative to the release directory) judged invalid and valid. */
  readonly readVerdicts: (output: string, releaseDir: string) => { invalid: Set<string>; valid: Set<string> | undefined };
  /** Exit codes that mean "ran to completion", whatever the verdicts. */
  readonly completedExitCodes: readonly number[];
}

export const XMLLINT: ExternalTool = {
  name: 'xmllint',
  executable: 'xmllint',
  installHint: 'apt-get install libxml2-utils',
  leadingArgs: (schemaPath) => ['--noout', '--relaxng', schemaPath],
  // xmllint says "FILE validates" or "FILE fails to validate" for every file on stderr.
  readVerdicts: (output) => {
    const invalid = new Set<string>();
    const valid = new Set<string>();
    for (const line of output.split('\n')) {
      if (line.endsWith(' fails to validate')) invalid.add(line.slice(0, -' fails to validate'.length));
      else if (line.endsWith(' validates')) valid.add(line.slice(0, -' validates'.length));
    }
    return { invalid, valid };
  },
  // 3: some file is invalid.
  completedExitCodes: [0, 3],
};

export const JING: ExternalTool = {
  name: 'jing',
  executable: 'jing',
  installHint: 'apt-get install jing',
  leadingArgs: (schemaPath) => [schemaPath],
  // jing is silent about valid files and prints "ABSPATH:LINE:COL: error: …" for each problem.
  readVerdicts: (output, releaseDir) => {
    const invalid = new Set<string>();
    for (const line of output.split('\n')) {
      const m = /^(.+?):\d+:\d+: (?:error|fatal):/.exec(line);
      if (m) invalid.add(isAbsolute(m[1]!) ? relative(releaseDir, m[1]!) : m[1]!);
    }
    return { invalid, valid: undefined };
  },
  // 1: some file is invalid.
  completedExitCodes: [0, 1],
};

export const EXTERNAL_TOOLS: readonly ExternalTool[] = [XMLLINT, JING];

/** Absolute path of an executable on PATH, or undefined. */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function toolVersion(tool: ExternalTool): string {
  const result = spawnSync(tool.executable, tool.name === 'xmllint' ? ['--version'] : [], { encoding: 'utf8' });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const line = text.split('\n').find((l) => /version/i.test(l) && !l.startsWith('['));
  return line?.trim() ?? 'unknown version';
}

let argMaxCache: number | undefined;
/** The system's limit on the bytes of a command line (arguments and environment). */
export function argMax(): number {
  if (argMaxCache === undefined) {
    const out = spawnSync('getconf', ['ARG_MAX'], { encoding: 'utf8' }).stdout;
    const value = Number(out?.trim());
    // POSIX guarantees at least 4096; Linux defaults to 2 MiB. Fall back to a modest 128 KiB.
    argMaxCache = Number.isFinite(value) && value >= 4096 ? value : 131072;
  }
  return argMaxCache;
}

/**
 * Splits file arguments into command lines that fit ARG_MAX, counting every string with its NUL
 * and pointer, the environment included, and keeping an eighth of the limit as a margin.
 */
export function chunkArguments(leading: readonly string[], files: readonly string[]): string[][] {
  const cost = (s: string): number => Buffer.byteLength(s) + 1 + 8;
  let envBytes = 0;
  for (const [k, v] of Object.entries(process.env)) envBytes += cost(`${k}=${v ?? ''}`);
  const budget = (argMax() * 7) / 8 - envBytes - leading.reduce((sum, a) => sum + cost(a), 0);
  if (budget <= 0) throw new Error('environment too large to pass any file argument');
  const chunks: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const f of files) {
    const c = cost(f);
    if (current.length > 0 && used + c > budget) {
      chunks.push(current);
      current = [];
      used = 0;
    }
    current.push(f);
    used += c;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface ExternalRun {
  readonly wallMs: number;
  readonly cpuMs: number | undefined;
  readonly maxRssKiB: number | undefined;
  readonly processes: number;
  /** Distinct documents whose verdict differs from the manifest (libvirt's own test expectations). */
  readonly verdictMismatches: string[];
  /** Set when a process did not run to completion; its timing is then not comparable. */
  readonly failure: string | undefined;
}

/** Validates the documents with one tool, one process per schema (and per ARG_MAX chunk). */
export function runExternalTool(tool: ExternalTool, corpus: Corpus, documents: readonly CorpusDocument[]): ExternalRun {
  const runs: ProcessRun[] = [];
  const verdictMismatches: string[] = [];
  let failure: string | undefined;
  for (const [root, group] of groupByRoot(documents)) {
    const schemaPath = relative(corpus.releaseDir, join(corpus.schemaDir, `${root}.rng`));
    const leading = tool.leadingArgs(schemaPath);
    const invalid = new Set<string>();
    const valid = new Set<string>();
    let validKnown = true;
    for (const files of chunkArguments(leading, group.map((d) => d.relativePath))) {
      const run = runProcess(tool.executable, [...leading, ...files], { cwd: corpus.releaseDir });
      runs.push(run);
      if (run.exitCode === null || !tool.completedExitCodes.includes(run.exitCode)) {
        failure ??= `${tool.name} ${schemaPath}: exit ${run.exitCode ?? run.signal}: ${lastLines(run.stderr || run.stdout)}`;
      }
      const verdicts = tool.readVerdicts(`${run.stdout}\n${run.stderr}`, corpus.releaseDir);
      for (const f of verdicts.invalid) invalid.add(f);
      if (verdicts.valid === undefined) validKnown = false;
      else for (const f of verdicts.valid) valid.add(f);
    }
    const seen = new Set<string>();
    for (const d of group) {
      if (seen.has(d.relativePath)) continue;
      seen.add(d.relativePath);
      const judgedInvalid = invalid.has(d.relativePath);
      if (validKnown && !judgedInvalid && !valid.has(d.relativePath)) {
        failure ??= `${tool.name} gave no verdict for ${d.relativePath}`;
      }
      if (judgedInvalid !== (d.expect === 'invalid')) verdictMismatches.push(d.relativePath);
    }
  }
  return { ...combineRuns(runs), processes: runs.length, verdictMismatches, failure };
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ');
}
