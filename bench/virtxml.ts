/**
 * Running virtxml itself: the rows it has, one worker process per measured sample, the CLI as a
 * user calls it, and the checks that stop the bench when a run gives a wrong result.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOutput } from './build.js';
import { countExpected, scaledDocuments, type Corpus } from './corpus.js';
import { lintRowSpecs } from './lint.js';
import { median, runProcess, scratchDir } from './measure.js';
import { chunkArguments, EXTERNAL_TOOLS, findExecutable } from './tools.js';
import { BenchFailure, type RowSpec, type Sample } from './types.js';
import type { WorkerJob, WorkerReport, WorkloadName } from './worker.js';

const modelRows: readonly (readonly [WorkloadName, string])[] = [
  ['model-parse', 'virtxml parse (model)'],
  ['model-format', 'virtxml format (model, preserve style)'],
  ['model-format-libvirt', 'virtxml format (model, libvirt style)'],
  ['model-roundtrip', 'virtxml parse + format (model, preserve style)'],
  ['model-roundtrip-libvirt', 'virtxml parse + format (model, libvirt style: the default)'],
];

export function rowSpecs(modelAvailable: boolean): RowSpec[] {
  const modelMissing = modelAvailable ? undefined : 'model not built yet (src/model/index.ts)';
  const externalRows = EXTERNAL_TOOLS.map((tool): RowSpec => {
    const found = findExecutable(tool.executable);
    return {
      id: tool.name,
      label: `${tool.name} --relaxng, one process per schema`.replace('jing --relaxng', 'jing'),
      kind: 'external',
      tool,
      timing: 'process',
      ...(found === undefined ? { unavailable: `${tool.executable} not installed: ${tool.installHint}` } : {}),
    };
  });
  return [
    { id: 'virtxml-validate', label: 'virtxml validate, one process (grammar loading included)', kind: 'worker', workload: 'validate', timing: 'process' },
    { id: 'virtxml-cli', label: 'virtxml validate CLI, all files as arguments', kind: 'cli', timing: 'process' },
    ...externalRows,
    ...modelRows.map(([id, label]): RowSpec => ({ id, label, kind: 'worker', workload: id, timing: 'in-process', ...(modelMissing ? { unavailable: modelMissing } : {}) })),
    { id: 'dom-parse', label: 'DOM parseXml', kind: 'worker', workload: 'dom-parse', timing: 'in-process' },
    { id: 'dom-serialize', label: 'DOM serializeXml', kind: 'worker', workload: 'dom-serialize', timing: 'in-process' },
    { id: 'dom-roundtrip', label: 'DOM parseXml + serializeXml', kind: 'worker', workload: 'dom-roundtrip', timing: 'in-process' },
    { id: 'scan', label: 'floor: scanXml (well-formedness only)', kind: 'worker', workload: 'scan', timing: 'in-process' },
    ...lintRowSpecs(),
  ];
}

export function jobFor(corpus: Corpus, scale: number, documents = corpus.documents): WorkerJob {
  return {
    release: corpus.release,
    scale,
    documents: documents.map((d) => ({ path: d.absolutePath, root: d.root, expect: d.expect })),
  };
}

const jobFiles = new Map<string, string>();
export function jobFile(job: WorkerJob, key: string): string {
  let path = jobFiles.get(key);
  if (path === undefined) {
    path = join(scratchDir(), `job-${key}.json`);
    writeFileSync(path, JSON.stringify(job));
    jobFiles.set(key, path);
  }
  return path;
}

export function runWorker(build: BuildOutput, workload: WorkloadName, jobPath: string, extraNodeArgs: readonly string[] = []): { sample: Sample; report: WorkerReport } {
  const run = runProcess(process.execPath, [...extraNodeArgs, build.workerScript, workload, jobPath]);
  if (run.exitCode !== 0) throw new BenchFailure(`virtxml ${workload} worker failed (exit ${run.exitCode ?? run.signal}):\n${run.stderr.trim()}`);
  const lastLine = run.stdout.trim().split('\n').pop() ?? '';
  const report = JSON.parse(lastLine) as WorkerReport;
  return {
    report,
    sample: {
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      // Prefer the kernel's figure via GNU time; the worker's own is the fallback.
      maxRssKiB: run.maxRssKiB ?? report.maxRssKiB,
      workMs: report.workMs,
      workCpuMs: report.workCpuMs,
      firstRoundMs: report.roundMs[0],
      laterRoundMs: report.roundMs.length > 1 ? median(report.roundMs.slice(1)) : undefined,
      processes: 1,
    },
  };
}

/** A wrong result makes timing meaningless: stop the bench. */
export function checkWorkerReport(corpus: Corpus, workload: WorkloadName, report: WorkerReport): void {
  const show = (paths: readonly string[]): string => paths.slice(0, 20).map((p) => `  ${p}`).join('\n') + (paths.length > 20 ? `\n  … ${paths.length - 20} more` : '');
  if (report.wrong.length > 0) {
    const what = workload === 'validate' ? 'verdicts that differ from the manifest' : 'output that differs from the input';
    throw new BenchFailure(`virtxml ${workload}: ${report.wrong.length} documents with ${what}:\n${show(report.wrong)}`);
  }
  // Rejecting a document is only right when libvirt's tests expect it to be invalid.
  const expectedInvalid = new Set(corpus.documents.filter((d) => d.expect === 'invalid').map((d) => d.absolutePath));
  const wronglyRejected = report.rejected.filter((p) => !expectedInvalid.has(p));
  if (wronglyRejected.length > 0) {
    throw new BenchFailure(`virtxml ${workload} threw on ${wronglyRejected.length} valid documents:\n${show(wronglyRejected)}`);
  }
}

export function runCli(build: BuildOutput, corpus: Corpus, scale: number): { sample: Sample; notes: string[] } {
  const documents = scaledDocuments(corpus, scale);
  const leading = [build.cliScript, 'validate'];
  const expected = countExpected(documents);
  let valid = 0;
  let invalid = 0;
  const samples: Sample[] = [];
  const chunks = chunkArguments(leading, documents.map((d) => d.relativePath));
  for (const files of chunks) {
    const run = runProcess(process.execPath, [...leading, ...files], { cwd: corpus.releaseDir });
    if (run.exitCode !== 0 && run.exitCode !== 1) {
      throw new BenchFailure(`virtxml validate CLI failed (exit ${run.exitCode ?? run.signal}):\n${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
    }
    const summary = /(\d+) files? checked: (\d+) valid, (\d+) invalid/.exec(run.stdout);
    if (summary === null) {
      // Exit 1 is also what Node gives an uncaught exception, so show what went to stderr.
      throw new BenchFailure(`virtxml validate CLI (exit ${run.exitCode}) printed no summary line:\n${run.stdout.slice(-500)}${run.stderr.trim().split('\n').slice(-10).join('\n')}`);
    }
    valid += Number(summary[2]);
    invalid += Number(summary[3]);
    samples.push({ wallMs: run.wallMs, cpuMs: run.cpuMs, maxRssKiB: run.maxRssKiB, workMs: undefined, workCpuMs: undefined, firstRoundMs: undefined, laterRoundMs: undefined, processes: 1 });
  }
  if (valid !== expected.valid || invalid !== expected.invalid) {
    throw new BenchFailure(`virtxml validate CLI: ${valid} valid / ${invalid} invalid, the manifest expects ${expected.valid} / ${expected.invalid}`);
  }
  const sample: Sample = {
    wallMs: samples.reduce((s, x) => s + x.wallMs, 0),
    cpuMs: samples.every((x) => x.cpuMs !== undefined) ? samples.reduce((s, x) => s + x.cpuMs!, 0) : undefined,
    maxRssKiB: samples.every((x) => x.maxRssKiB !== undefined) ? Math.max(...samples.map((x) => x.maxRssKiB!)) : undefined,
    workMs: undefined,
    workCpuMs: undefined,
    firstRoundMs: undefined,
    laterRoundMs: undefined,
    processes: samples.length,
  };
  return { sample, notes: chunks.length > 1 ? [`${chunks.length} processes (argument list split at ARG_MAX)`] : [] };
}
