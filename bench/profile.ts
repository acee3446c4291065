/**
 * Where the time goes: runs a workload under `node --cpu-prof` and sums self time per function
 * from the V8 profile (sample ids with their time deltas), so the doc can name the top costs.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BuildOutput } from './build.js';
import { runProcess } from './measure.js';
import type { WorkerJob, WorkloadName } from './worker.js';

interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileEntry {
  readonly function: string;
  /** File (relative to the compiled tree) and 1-based line. */
  readonly location: string;
  readonly selfMs: number;
  readonly percent: number;
}

export interface AreaEntry {
  /** A source directory (e.g. `src/xml/validate`), `node internals`, or a V8 pseudo-entry such as `(garbage collector)`. */
  readonly area: string;
  readonly selfMs: number;
  readonly percent: number;
}

export interface WorkloadProfile {
  readonly workload: WorkloadName;
  readonly totalMs: number;
  readonly top: ProfileEntry[];
  readonly byArea: AreaEntry[];
}

/** Which part of the system a frame belongs to, for the coarse split of where time goes. */
function areaOf(url: string, file: string, fn: string): string {
  if (url === '') return fn.startsWith('(') ? fn : 'native (V8/libuv builtins)';
  if (url.startsWith('node:')) return 'node internals';
  // Three levels name a subsystem: src/xml/validate, src/model/generated, src/xml/dom.
  return file.split('/').slice(0, -1).slice(0, 3).join('/') || file;
}

export function summariseProfile(profile: CpuProfile, buildDir: string, limit: number): { totalMs: number; top: ProfileEntry[]; byArea: AreaEntry[] } {
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, { fn: string; location: string; us: number }>();
  const areaUs = new Map<string, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = nodeById.get(profile.samples[i]!);
    const delta = profile.timeDeltas[i] ?? 0;
    if (node === undefined) continue;
    totalUs += delta;
    const frame = node.callFrame;
    const file = frame.url.startsWith('file://') ? relative(buildDir, new URL(frame.url).pathname) : frame.url;
    const location = file === '' ? '' : `${file}:${frame.lineNumber + 1}`;
    const fn = frame.functionName || '(anonymous)';
    const key = `${fn}@${location}`;
    const entry = selfUs.get(key) ?? { fn, location, us: 0 };
    entry.us += delta;
    selfUs.set(key, entry);
    const area = areaOf(frame.url, file, fn);
    areaUs.set(area, (areaUs.get(area) ?? 0) + delta);
  }
  const top = [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map((e) => ({ function: e.fn, location: e.location, selfMs: e.us / 1000, percent: (100 * e.us) / totalUs }));
  const byArea = [...areaUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([area, us]) => ({ area, selfMs: us / 1000, percent: (100 * us) / totalUs }));
  return { totalMs: totalUs / 1000, top, byArea };
}

/** Runs one worker under the V8 sampling profiler and summarises the profile it writes. */
export function profileWorkload(build: BuildOutput, workload: WorkloadName, job: WorkerJob, scratch: string, limit = 15): WorkloadProfile {
  const dir = join(scratch, `profile-${workload}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const jobPath = join(dir, 'job.json');
  writeFileSync(jobPath, JSON.stringify(job));
  // A 200 µs interval keeps the profile detailed without slowing the run much.
  const run = runProcess(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', dir, build.workerScript, workload, jobPath]);
  if (run.exitCode !== 0) throw new Error(`profiling ${workload} failed: ${run.stderr.trim()}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`profiling ${workload} wrote no .cpuprofile`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  return { workload, ...summariseProfile(profile, build.dir, limit) };
}
