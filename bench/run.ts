/**
 * `npm run bench [-- --runs N] [--quick] [--scales 1,4,16] [--only ROW,…] [--profile]`
 *
 * Measures virtxml against xmllint and jing on every document of the libvirt 11.3.0 manifest, at
 * 1×, 4× and 16× the corpus, prints medians and target verdicts, and writes bench/results.json.
 * Exits non-zero when a virtxml run gives a wrong result, so no speed is reported for it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_DIR, buildForBench, type BuildOutput } from './build.js';
import { countExpected, DEFAULT_RELEASE_DIR, loadCorpus, scaledDocuments, smallestValid, warmPageCache, type Corpus } from './corpus.js';
import { GNU_TIME_INSTALL_HINT, hasGnuTime, loadAverage, median, medianDefined, megabytesPerSecond, runProcess, scratchDir } from './measure.js';
import { profileWorkload, type WorkloadProfile } from './profile.js';
import { formatFactor, formatMiB, formatMs, formatRate, formatSpeedup, heading, renderTable } from './table.js';
import { chunkArguments, EXTERNAL_TOOLS, findExecutable, runExternalTool, toolVersion, type ExternalTool } from './tools.js';
import type { WorkerJob, WorkerReport, WorkloadName } from './worker.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_FILE = join(here, 'results.json');

/** A failure that makes the measurements meaningless: reported, then exit 1. */
class BenchFailure extends Error {}

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  readonly runs: number;
  readonly scales: readonly number[];
  readonly only: ReadonlySet<string> | undefined;
  readonly profile: boolean;
  readonly releaseDir: string;
}

const USAGE = `usage: npm run bench -- [--runs N] [--quick] [--scales 1,4,16] [--only ROW,...] [--profile] [--release DIR]
  --runs N        runs per measurement, median reported (default 5)
  --quick         smoke test: 1 run, 1× only
  --scales LIST   corpus multiples (default 1,4,16)
  --only LIST     row ids to run (see the Row column's ids in results.json)
  --profile       also run the main workloads under --cpu-prof and list the top self-time functions
  --release DIR   libvirt release directory with manifest.json (default ../shared/libvirt/11.3.0)`;

function parseOptions(argv: readonly string[]): Options {
  let runs = 5;
  let scales: number[] = [1, 4, 16];
  let only: Set<string> | undefined;
  let profile = false;
  let releaseDir = DEFAULT_RELEASE_DIR;
  let quick = false;
  let runsGiven = false;
  let scalesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new BenchFailure(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--runs') {
      runs = Number(value());
      runsGiven = true;
      if (!Number.isInteger(runs) || runs < 1) throw new BenchFailure('--runs must be a positive integer');
    } else if (arg === '--quick') quick = true;
    else if (arg === '--scales') {
      scales = value().split(',').map(Number);
      scalesGiven = true;
      if (scales.some((s) => !Number.isInteger(s) || s < 1)) throw new BenchFailure('--scales must be positive integers');
    } else if (arg === '--only') only = new Set(value().split(','));
    else if (arg === '--profile') profile = true;
    else if (arg === '--release') releaseDir = resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new BenchFailure(`unknown option ${arg}\n${USAGE}`);
  }
  if (quick) {
    if (!runsGiven) runs = 1;
    if (!scalesGiven) scales = [1];
  }
  return { runs, scales, only, profile, releaseDir };
}

// ---------------------------------------------------------------------------------------------
// Rows

type RowKind = 'worker' | 'cli' | 'external';

interface RowSpec {
  readonly id: string;
  readonly label: string;
  readonly kind: RowKind;
  readonly workload?: WorkloadName;
  readonly tool?: ExternalTool;
  /** Validation rows are timed as whole processes; parse/format rows by the loop inside. */
  readonly timing: 'process' | 'in-process';
  /** Why the row cannot run, shown instead of numbers (a missing tool, the model not built). */
  readonly unavailable?: string;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number | undefined;
  readonly maxRssKiB: number | undefined;
  readonly workMs: number | undefined;
  readonly processes: number;
}

interface RowResult {
  readonly id: string;
  readonly label: string;
  readonly scale: number;
  readonly documents: number;
  readonly bytes: number;
  readonly timing: RowSpec['timing'];
  readonly samples: Sample[];
  readonly wallMs: number;
  readonly cpuMs: number | undefined;
  readonly workMs: number | undefined;
  /** The highest peak RSS over the runs. */
  readonly maxRssKiB: number | undefined;
  readonly megabytesPerSecond: number;
  /** Median cost at this scale divided by the median cost at 1×. */
  costVsOne: number | undefined;
  readonly notes: string[];
}

function rowSpecs(modelAvailable: boolean): RowSpec[] {
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
    { id: 'model-parse', label: 'virtxml parse (model)', kind: 'worker', workload: 'model-parse', timing: 'in-process', ...(modelMissing ? { unavailable: modelMissing } : {}) },
    { id: 'model-format', label: 'virtxml format (model)', kind: 'worker', workload: 'model-format', timing: 'in-process', ...(modelMissing ? { unavailable: modelMissing } : {}) },
    { id: 'model-roundtrip', label: 'virtxml parse + format (model)', kind: 'worker', workload: 'model-roundtrip', timing: 'in-process', ...(modelMissing ? { unavailable: modelMissing } : {}) },
    { id: 'dom-parse', label: 'DOM parseXml', kind: 'worker', workload: 'dom-parse', timing: 'in-process' },
    { id: 'dom-serialize', label: 'DOM serializeXml', kind: 'worker', workload: 'dom-serialize', timing: 'in-process' },
    { id: 'dom-roundtrip', label: 'DOM parseXml + serializeXml', kind: 'worker', workload: 'dom-roundtrip', timing: 'in-process' },
    { id: 'scan', label: 'floor: scanXml (well-formedness only)', kind: 'worker', workload: 'scan', timing: 'in-process' },
  ];
}

function modelIsBuilt(): boolean {
  return existsSync(join(BUILD_DIR, 'src/model/index.js'));
}

// ---------------------------------------------------------------------------------------------
// Running one sample of one row

function jobFor(corpus: Corpus, scale: number, documents = corpus.documents): WorkerJob {
  return {
    release: corpus.release,
    scale,
    documents: documents.map((d) => ({ path: d.absolutePath, root: d.root, expect: d.expect })),
  };
}

const jobFiles = new Map<string, string>();
function jobFile(job: WorkerJob, key: string): string {
  let path = jobFiles.get(key);
  if (path === undefined) {
    path = join(scratchDir(), `job-${key}.json`);
    writeFileSync(path, JSON.stringify(job));
    jobFiles.set(key, path);
  }
  return path;
}

function runWorker(build: BuildOutput, workload: WorkloadName, jobPath: string, extraNodeArgs: readonly string[] = []): { sample: Sample; report: WorkerReport } {
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
      processes: 1,
    },
  };
}

/** A wrong result makes timing meaningless: stop the bench. */
function checkWorkerReport(corpus: Corpus, workload: WorkloadName, report: WorkerReport): void {
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

function runCli(build: BuildOutput, corpus: Corpus, scale: number): { sample: Sample; notes: string[] } {
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
    if (summary === null) throw new BenchFailure(`virtxml validate CLI printed no summary line:\n${run.stdout.slice(-500)}`);
    valid += Number(summary[2]);
    invalid += Number(summary[3]);
    samples.push({ wallMs: run.wallMs, cpuMs: run.cpuMs, maxRssKiB: run.maxRssKiB, workMs: undefined, processes: 1 });
  }
  if (valid !== expected.valid || invalid !== expected.invalid) {
    throw new BenchFailure(`virtxml validate CLI: ${valid} valid / ${invalid} invalid, the manifest expects ${expected.valid} / ${expected.invalid}`);
  }
  const sample: Sample = {
    wallMs: samples.reduce((s, x) => s + x.wallMs, 0),
    cpuMs: samples.every((x) => x.cpuMs !== undefined) ? samples.reduce((s, x) => s + x.cpuMs!, 0) : undefined,
    maxRssKiB: samples.every((x) => x.maxRssKiB !== undefined) ? Math.max(...samples.map((x) => x.maxRssKiB!)) : undefined,
    workMs: undefined,
    processes: samples.length,
  };
  return { sample, notes: chunks.length > 1 ? [`${chunks.length} processes (argument list split at ARG_MAX)`] : [] };
}

// ---------------------------------------------------------------------------------------------
// Measuring all rows at all scales

interface Measured {
  readonly results: RowResult[];
  readonly unavailable: { id: string; label: string; reason: string }[];
}

function measureRows(options: Options, build: BuildOutput, corpus: Corpus, specs: readonly RowSpec[]): Measured {
  const unavailable = specs.filter((s) => s.unavailable !== undefined).map((s) => ({ id: s.id, label: s.label, reason: s.unavailable! }));
  const active = specs.filter((s) => s.unavailable === undefined);
  const results: RowResult[] = [];
  for (const scale of options.scales) {
    const documents = scaledDocuments(corpus, scale);
    const job = jobFor(corpus, scale);
    const jobPath = jobFile(job, `x${scale}`);
    const samples = new Map<string, Sample[]>(active.map((s) => [s.id, []]));
    const notes = new Map<string, Set<string>>(active.map((s) => [s.id, new Set()]));
    const bytesByRow = new Map<string, number>();
    // Runs are interleaved across rows so that a burst of load on the host hits all of them alike.
    for (let run = 1; run <= options.runs; run++) {
      for (const spec of active) {
        const label = `[${scale}×] run ${run}/${options.runs} ${spec.id}`;
        process.stderr.write(`${label} …`);
        let sample: Sample;
        if (spec.kind === 'worker') {
          const { sample: s, report } = runWorker(build, spec.workload!, jobPath);
          checkWorkerReport(corpus, spec.workload!, report);
          bytesByRow.set(spec.id, report.bytes);
          if (report.rejected.length > 0) notes.get(spec.id)!.add(`${report.rejected.length} invalid documents rejected by throwing`);
          sample = s;
        } else if (spec.kind === 'cli') {
          const { sample: s, notes: n } = runCli(build, corpus, scale);
          n.forEach((x) => notes.get(spec.id)!.add(x));
          sample = s;
        } else {
          const ext = runExternalTool(spec.tool!, corpus, documents);
          if (ext.failure !== undefined) notes.get(spec.id)!.add(`did not complete: ${ext.failure}`);
          if (ext.verdictMismatches.length > 0) {
            notes.get(spec.id)!.add(`${ext.verdictMismatches.length} verdicts differ from the manifest (e.g. ${ext.verdictMismatches[0]})`);
          }
          notes.get(spec.id)!.add(`${ext.processes} processes`);
          sample = { wallMs: ext.wallMs, cpuMs: ext.cpuMs, maxRssKiB: ext.maxRssKiB, workMs: undefined, processes: ext.processes };
        }
        samples.get(spec.id)!.push(sample);
        process.stderr.write(` ${formatMs(sample.workMs ?? sample.wallMs)}\n`);
      }
    }
    for (const spec of active) {
      const list = samples.get(spec.id)!;
      const bytes = bytesByRow.get(spec.id) ?? corpus.bytes * scale;
      const wallMs = median(list.map((s) => s.wallMs));
      const workMs = medianDefined(list.map((s) => s.workMs));
      const rssValues = list.map((s) => s.maxRssKiB).filter((v): v is number => v !== undefined);
      const basis = spec.timing === 'process' ? wallMs : (workMs ?? wallMs);
      results.push({
        id: spec.id,
        label: spec.label,
        scale,
        documents: documents.length,
        bytes,
        timing: spec.timing,
        samples: list,
        wallMs,
        cpuMs: medianDefined(list.map((s) => s.cpuMs)),
        workMs,
        maxRssKiB: rssValues.length > 0 ? Math.max(...rssValues) : undefined,
        megabytesPerSecond: megabytesPerSecond(bytes, basis),
        costVsOne: undefined,
        notes: [...notes.get(spec.id)!],
      });
    }
  }
  for (const r of results) {
    const one = results.find((x) => x.id === r.id && x.scale === 1);
    if (one !== undefined) r.costVsOne = costOf(r) / costOf(one);
  }
  return { results, unavailable };
}

function costOf(r: RowResult): number {
  return r.timing === 'process' ? r.wallMs : (r.workMs ?? r.wallMs);
}

interface MarginalCost {
  readonly id: string;
  readonly label: string;
  readonly fixedMs: number;
  readonly perCorpusMs: number;
  readonly steadyMegabytesPerSecond: number;
}

/**
 * Splits each row's cost into a fixed part and a part per copy of the corpus, by the line through
 * its smallest and largest scale. Startup and warm-up land in the fixed part.
 */
function marginalCosts(results: readonly RowResult[], scales: readonly number[]): MarginalCost[] {
  const low = Math.min(...scales);
  const high = Math.max(...scales);
  if (low === high) return [];
  const out: MarginalCost[] = [];
  for (const small of results.filter((r) => r.scale === low)) {
    const large = find(results, small.id, high);
    if (large === undefined) continue;
    const perCorpusMs = (costOf(large) - costOf(small)) / (high - low);
    out.push({
      id: small.id,
      label: small.label,
      fixedMs: costOf(small) - perCorpusMs * low,
      perCorpusMs,
      steadyMegabytesPerSecond: megabytesPerSecond(small.bytes / low, perCorpusMs),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Startup: grammar loading and one small file end to end

interface Startup {
  readonly nodeBootMs: number;
  readonly grammar: { bootMs: number; importMs: number; grammarMs: number; loadMs: number; firstDocumentMs: number; processMs: number; patterns: number };
  readonly smallFile: { path: string; bytes: number; wallMs: number; maxRssKiB: number | undefined };
}

function measureStartup(options: Options, build: BuildOutput, corpus: Corpus): Startup {
  const small = smallestValid(corpus, 'domain');
  const job = jobFor(corpus, 1, [small]);
  const jobPath = jobFile(job, 'small-domain');
  const bare: number[] = [];
  const reports: WorkerReport[] = [];
  const processMs: number[] = [];
  const cliWall: number[] = [];
  const cliRss: (number | undefined)[] = [];
  for (let run = 1; run <= Math.max(options.runs, 5); run++) {
    process.stderr.write(`[startup] run ${run} …\n`);
    bare.push(runProcess(process.execPath, ['-e', '0']).wallMs);
    const { report, sample } = runWorker(build, 'grammar-load', jobPath);
    checkWorkerReport(corpus, 'validate', report);
    reports.push(report);
    processMs.push(sample.wallMs);
    const cli = runProcess(process.execPath, [build.cliScript, 'validate', small.relativePath], { cwd: corpus.releaseDir });
    if (cli.exitCode !== 0) throw new BenchFailure(`virtxml validate ${small.relativePath} exited ${cli.exitCode}:\n${cli.stdout}${cli.stderr}`);
    cliWall.push(cli.wallMs);
    cliRss.push(cli.maxRssKiB);
  }
  const detail = (key: string): number => median(reports.map((r) => Number(r.detail[key])));
  return {
    nodeBootMs: median(bare),
    grammar: {
      bootMs: median(reports.map((r) => r.bootMs)),
      importMs: detail('importMs'),
      grammarMs: detail('grammarMs'),
      loadMs: median(reports.map((r) => r.workMs)),
      firstDocumentMs: detail('firstDocumentMs'),
      processMs: median(processMs),
      patterns: detail('patterns'),
    },
    smallFile: { path: small.relativePath, bytes: small.bytes, wallMs: median(cliWall), maxRssKiB: medianDefined(cliRss) },
  };
}

// ---------------------------------------------------------------------------------------------
// Targets

interface TargetResult {
  readonly target: string;
  readonly measured: string;
  /** undefined: not measured in this invocation. */
  readonly pass: boolean | undefined;
}

function find(results: readonly RowResult[], id: string, scale: number): RowResult | undefined {
  return results.find((r) => r.id === id && r.scale === scale);
}

/** xmllint (or jing) time over virtxml time at a scale: above 1 means virtxml is faster. */
function speedup(results: readonly RowResult[], tool: string, scale: number, basis: 'wall' | 'cpu'): number | undefined {
  const ours = find(results, 'virtxml-validate', scale);
  const theirs = find(results, tool, scale);
  if (ours === undefined || theirs === undefined || theirs.notes.some((n) => n.startsWith('did not complete'))) return undefined;
  if (basis === 'wall') return theirs.wallMs / ours.wallMs;
  return ours.cpuMs === undefined || theirs.cpuMs === undefined ? undefined : theirs.cpuMs / ours.cpuMs;
}

function evaluateTargets(results: readonly RowResult[], startup: Startup | undefined, scales: readonly number[]): TargetResult[] {
  const targets: TargetResult[] = [];
  const baseScale = scales.includes(1) ? 1 : scales[0]!;
  for (const [tool, factor] of [['xmllint', 2], ['jing', 10]] as const) {
    const ratio = speedup(results, tool, baseScale, 'wall');
    targets.push({
      target: `validation ≥ ${factor}× faster than ${tool} (${baseScale}×, wall)`,
      measured: ratio === undefined ? 'not measured' : formatSpeedup(ratio),
      pass: ratio === undefined ? undefined : ratio >= factor,
    });
  }
  const roundtrip = find(results, 'model-roundtrip', baseScale) ?? find(results, 'dom-roundtrip', baseScale);
  targets.push({
    target: `parse + format ≥ 60 MB/s (${baseScale}×)`,
    measured: roundtrip === undefined ? 'not measured' : `${formatRate(roundtrip.megabytesPerSecond)} MB/s${roundtrip.id === 'dom-roundtrip' ? ' (DOM stand-in: model not built)' : ''}`,
    pass: roundtrip === undefined ? undefined : roundtrip.megabytesPerSecond >= 60,
  });
  const at16 = results.filter((r) => r.scale === 16 && r.id !== 'xmllint' && r.id !== 'jing');
  const peak = at16.reduce<RowResult | undefined>((best, r) => (r.maxRssKiB !== undefined && (best === undefined || r.maxRssKiB > best.maxRssKiB!) ? r : best), undefined);
  targets.push({
    target: 'peak RSS < 300 MB at 16× (every virtxml run)',
    measured: peak === undefined ? 'not measured' : `${formatMiB(peak.maxRssKiB)} (${peak.id})`,
    pass: peak === undefined ? undefined : peak.maxRssKiB! * 1024 < 300e6,
  });
  const growth = at16.filter((r) => r.costVsOne !== undefined);
  const worst = growth.reduce<RowResult | undefined>((w, r) => (w === undefined || r.costVsOne! > w.costVsOne! ? r : w), undefined);
  targets.push({
    target: '16× corpus costs ≤ 17× of 1× (every virtxml row)',
    measured: worst === undefined ? 'not measured' : `worst ${formatFactor(worst.costVsOne)} (${worst.id})`,
    pass: worst === undefined ? undefined : worst.costVsOne! <= 17,
  });
  targets.push({
    target: 'grammar loading for one root (domain) < 50 ms',
    measured: startup === undefined ? 'not measured' : `${formatMs(startup.grammar.loadMs)} (import ${formatMs(startup.grammar.importMs)} + grammar ${formatMs(startup.grammar.grammarMs)})`,
    pass: startup === undefined ? undefined : startup.grammar.loadMs < 50,
  });
  return targets;
}

// ---------------------------------------------------------------------------------------------
// Report

interface Machine {
  readonly nproc: number;
  readonly cpu: string;
  readonly node: string;
  readonly loadAverageBefore: number | undefined;
  readonly loadAverageAfter: number | undefined;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line !== undefined) return line.split(':').slice(1).join(':').trim();
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown';
}

function nproc(): number {
  const out = spawnSync('nproc', { encoding: 'utf8' }).stdout;
  const n = Number(out?.trim());
  return Number.isInteger(n) && n > 0 ? n : cpus().length;
}

function printReport(
  corpus: Corpus,
  machine: Machine,
  measured: Measured,
  startup: Startup | undefined,
  targets: readonly TargetResult[],
  profiles: readonly WorkloadProfile[],
  options: Options,
  toolVersions: Record<string, string>,
): void {
  const out: string[] = [];
  out.push(heading('virtxml bench'));
  out.push(`corpus: libvirt ${corpus.release}, ${corpus.documents.length} documents, ${(corpus.bytes / 1e6).toFixed(2)} MB`);
  out.push(`machine: ${machine.cpu}, nproc ${machine.nproc}, node ${machine.node}, load average ${machine.loadAverageBefore ?? '?'} → ${machine.loadAverageAfter ?? '?'}`);
  out.push(`tools: ${Object.entries(toolVersions).map(([k, v]) => `${k} (${v})`).join(', ') || 'none'}`);
  out.push(`medians over ${options.runs} run${options.runs === 1 ? '' : 's'}; virtxml runs compiled JS of the working tree${hasGnuTime() ? '' : `; no GNU time, so no CPU time or external RSS (${GNU_TIME_INSTALL_HINT})`}`);

  out.push(heading('Throughput'));
  out.push(
    renderTable(
      [
        { header: 'Row' },
        { header: 'Scale', align: 'right' },
        { header: 'Docs', align: 'right' },
        { header: 'MB', align: 'right' },
        { header: 'Wall', align: 'right' },
        { header: 'CPU', align: 'right' },
        { header: 'Timed loop', align: 'right' },
        { header: 'MB/s', align: 'right' },
        { header: 'Peak RSS', align: 'right' },
        { header: 'Cost vs 1×', align: 'right' },
      ],
      measured.results.map((r) => [
        r.label,
        `${r.scale}×`,
        String(r.documents),
        (r.bytes / 1e6).toFixed(1),
        formatMs(r.wallMs),
        formatMs(r.cpuMs),
        r.timing === 'in-process' ? formatMs(r.workMs) : '–',
        formatRate(r.megabytesPerSecond),
        formatMiB(r.maxRssKiB),
        formatFactor(r.costVsOne),
      ]),
    ),
  );
  out.push('MB/s: validation rows over the process wall time; parse/format rows over the timed loop (inputs in memory).');
  for (const u of measured.unavailable) out.push(`${u.label}: ${u.reason}`);
  for (const r of measured.results) for (const n of r.notes) out.push(`note: ${r.id} ${r.scale}×: ${n}`);

  const marginal = marginalCosts(measured.results, options.scales);
  if (marginal.length > 0) {
    out.push(heading('Fixed and per-corpus cost (from the smallest and largest scale)'));
    out.push(
      renderTable(
        [
          { header: 'Row' },
          { header: 'Fixed cost', align: 'right' },
          { header: 'Per 1× corpus', align: 'right' },
          { header: 'Steady MB/s', align: 'right' },
        ],
        marginal.map((m) => [m.label, formatMs(m.fixedMs), formatMs(m.perCorpusMs), formatRate(m.steadyMegabytesPerSecond)]),
      ),
    );
    out.push('A straight line through the two scales: what one more copy of the corpus costs once startup, JIT warm-up and memo filling are paid.');
  }

  const compared = measured.results.some((r) => r.id === 'virtxml-validate' || r.id === 'xmllint' || r.id === 'jing');
  if (compared) {
    out.push(heading('virtxml validate vs xmllint and jing'));
    out.push(
      renderTable(
        [
          { header: 'Scale', align: 'right' },
          { header: 'virtxml', align: 'right' },
          { header: 'xmllint', align: 'right' },
          { header: 'jing', align: 'right' },
          { header: 'vs xmllint (wall)', align: 'right' },
          { header: 'vs jing (wall)', align: 'right' },
          { header: 'vs xmllint (CPU)', align: 'right' },
          { header: 'vs jing (CPU)', align: 'right' },
        ],
        options.scales.map((scale) => [
          `${scale}×`,
          formatMs(find(measured.results, 'virtxml-validate', scale)?.wallMs),
          formatMs(find(measured.results, 'xmllint', scale)?.wallMs),
          formatMs(find(measured.results, 'jing', scale)?.wallMs),
          formatSpeedup(speedup(measured.results, 'xmllint', scale, 'wall')),
          formatSpeedup(speedup(measured.results, 'jing', scale, 'wall')),
          formatSpeedup(speedup(measured.results, 'xmllint', scale, 'cpu')),
          formatSpeedup(speedup(measured.results, 'jing', scale, 'cpu')),
        ]),
      ),
    );
  }

  if (startup !== undefined) {
    out.push(heading('Startup'));
    out.push(
      renderTable(
        [{ header: 'What' }, { header: 'Median', align: 'right' }],
        [
          ['node itself (`node -e 0`, spawn to exit)', formatMs(startup.nodeBootMs)],
          ['node boot inside the worker (time origin → first line of our code)', formatMs(startup.grammar.bootMs)],
          ['grammar loading for one root (domain): import validator modules', formatMs(startup.grammar.importMs)],
          ['  + build the domain validator from its table', formatMs(startup.grammar.grammarMs)],
          ['  = grammar loading for one root', formatMs(startup.grammar.loadMs)],
          ['first small document through the fresh validator', formatMs(startup.grammar.firstDocumentMs)],
          ['cold process to loaded domain validator, spawn to exit', formatMs(startup.grammar.processMs)],
          [`\`virtxml validate\` on one small file end to end (${startup.smallFile.bytes} B)`, formatMs(startup.smallFile.wallMs)],
          ['  peak RSS of that run', formatMiB(startup.smallFile.maxRssKiB)],
        ],
      ),
    );
  }

  out.push(heading('Targets'));
  out.push(
    renderTable(
      [{ header: 'Target' }, { header: 'Measured' }, { header: 'Result' }],
      targets.map((t) => [t.target, t.measured, t.pass === undefined ? 'not measured' : t.pass ? 'pass' : 'FAIL']),
    ),
  );

  for (const p of profiles) {
    out.push(heading(`Profile: ${p.workload} (1×, self time, ${formatMs(p.totalMs)} sampled)`));
    out.push(
      renderTable(
        [{ header: 'Function' }, { header: 'Where' }, { header: 'Self', align: 'right' }, { header: '%', align: 'right' }],
        p.top.map((e) => [e.function, e.location, formatMs(e.selfMs), e.percent.toFixed(1)]),
      ),
    );
    out.push('');
    out.push(
      renderTable(
        [{ header: 'Area' }, { header: 'Self', align: 'right' }, { header: '%', align: 'right' }],
        p.byArea.filter((a) => a.percent >= 0.5).map((a) => [a.area, formatMs(a.selfMs), a.percent.toFixed(1)]),
      ),
    );
  }
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------

const STARTUP_ROW = 'startup';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const corpus = loadCorpus(options.releaseDir);
  const loadAverageBefore = loadAverage();
  process.stderr.write(`compiling the working tree with tsc …\n`);
  const build = buildForBench();
  if (build.typeErrors.length > 0) {
    process.stderr.write(`warning: tsc reported ${build.typeErrors.length} type errors (JavaScript emitted anyway), first: ${build.typeErrors[0]}\n`);
  }
  warmPageCache(corpus);
  const specs = rowSpecs(modelIsBuilt()).filter((s) => options.only === undefined || options.only.has(s.id));
  const toolVersions: Record<string, string> = {};
  for (const s of specs) if (s.tool !== undefined && s.unavailable === undefined) toolVersions[s.tool.name] = toolVersion(s.tool);

  const measured = measureRows(options, build, corpus, specs);
  const startup = options.only === undefined || options.only.has(STARTUP_ROW) ? measureStartup(options, build, corpus) : undefined;
  const profiles: WorkloadProfile[] = [];
  if (options.profile) {
    const job = jobFor(corpus, 1);
    const workloads: WorkloadName[] = ['validate', modelIsBuilt() ? 'model-roundtrip' : 'dom-roundtrip', 'grammar-load'];
    for (const w of workloads) {
      process.stderr.write(`[profile] ${w} …\n`);
      profiles.push(profileWorkload(build.workerScript, w, w === 'grammar-load' ? jobFor(corpus, 1, [smallestValid(corpus, 'domain')]) : job, scratchDir()));
    }
  }
  const targets = evaluateTargets(measured.results, startup, options.scales);
  const machine: Machine = { nproc: nproc(), cpu: cpuModel(), node: process.version, loadAverageBefore, loadAverageAfter: loadAverage() };

  printReport(corpus, machine, measured, startup, targets, profiles, options, toolVersions);
  writeFileSync(
    RESULTS_FILE,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        options: { ...options, only: options.only === undefined ? undefined : [...options.only] },
        corpus: { release: corpus.release, documents: corpus.documents.length, bytes: corpus.bytes },
        toolVersions,
        typeErrors: build.typeErrors.length,
        results: measured.results,
        marginal: marginalCosts(measured.results, options.scales),
        unavailable: measured.unavailable,
        startup,
        targets,
        profiles,
      },
      null,
      2,
    ) + '\n',
  );
  process.stderr.write(`results written to ${RESULTS_FILE}\n`);
}

main().catch((e: unknown) => {
  if (e instanceof BenchFailure) {
    process.stderr.write(`\nbench failed: ${e.message}\n`);
  } else {
    process.stderr.write(`\nbench failed: ${(e as Error).stack ?? String(e)}\n`);
  }
  process.exit(1);
});
