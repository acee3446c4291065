/**
 * Timing and memory of child processes, and the statistics over repeated runs.
 *
 * Wall time is taken around the spawn in this process (nanosecond clock). CPU time and peak RSS
 * come from GNU time (`/usr/bin/time`, Debian package `time`) wrapping the child, because Node
 * cannot read a child's rusage; without it, node children report their own peak RSS instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';
export const GNU_TIME_INSTALL_HINT = 'apt-get install time';

export interface ProcessRun {
  readonly wallMs: number;
  /** User + system CPU time; undefined without GNU time. */
  readonly cpuMs: number | undefined;
  /** Peak resident set size in KiB; undefined without GNU time. */
  readonly maxRssKiB: number | undefined;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

let gnuTimeChecked: boolean | undefined;

export function hasGnuTime(): boolean {
  if (gnuTimeChecked === undefined) {
    gnuTimeChecked = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
  }
  return gnuTimeChecked;
}

/** Scratch directory for time's report files and file lists, removed on exit. */
let scratch: string | undefined;
export function scratchDir(): string {
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'virtxml-bench-'));
    scratch = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return scratch;
}

/** Runs one process to completion and measures it. Output is captured, never inherited. */
export function runProcess(command: string, args: readonly string[], options: SpawnOptions = {}): ProcessRun {
  const useTime = hasGnuTime();
  const reportFile = join(scratchDir(), 'time-report');
  const [file, argv] = useTime
    ? [GNU_TIME, ['-f', '%U %S %M', '-o', reportFile, '--', command, ...args]]
    : [command, [...args]];
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
  let cpuMs: number | undefined;
  let maxRssKiB: number | undefined;
  if (useTime) {
    // GNU time prefixes "Command exited with non-zero status N" lines; the figures are last.
    const lines = readFileSync(reportFile, 'utf8').trim().split('\n');
    const [user, system, rss] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
    if (user !== undefined && system !== undefined && Number.isFinite(user + system)) cpuMs = (user + system) * 1000;
    if (rss !== undefined && Number.isFinite(rss)) maxRssKiB = rss;
  }
  return {
    wallMs,
    cpuMs,
    maxRssKiB,
    exitCode: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** Several processes run one after another count as one run: times add up, peak RSS is the max. */
export function combineRuns(runs: readonly ProcessRun[]): Pick<ProcessRun, 'wallMs' | 'cpuMs' | 'maxRssKiB'> {
  let wallMs = 0;
  let cpuMs: number | undefined = 0;
  let maxRssKiB: number | undefined = 0;
  for (const r of runs) {
    wallMs += r.wallMs;
    cpuMs = cpuMs === undefined || r.cpuMs === undefined ? undefined : cpuMs + r.cpuMs;
    maxRssKiB = maxRssKiB === undefined || r.maxRssKiB === undefined ? undefined : Math.max(maxRssKiB, r.maxRssKiB);
  }
  return { wallMs, cpuMs, maxRssKiB };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median of the defined values, or undefined when none is defined. */
export function medianDefined(values: readonly (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length === 0 ? undefined : median(defined);
}

export function megabytesPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

/** One-minute load average, recorded with results because other work on the host skews wall time. */
export function loadAverage(): number | undefined {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

export function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line !== undefined) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

export function nproc(): number {
  const out = spawnSync('nproc', { encoding: 'utf8' }).stdout;
  const n = Number(out?.trim());
  return Number.isInteger(n) && n > 0 ? n : cpus().length;
}
