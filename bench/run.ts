/**
 * `npm run bench [-- --runs N] [--quick] [--scales 1,4,16] [--only ROW,…] [--profile]`
 *
 * Measures virtxml against xmllint and jing on every document of the libvirt 11.3.0 manifest, at
 * 1×, 4× and 16× the corpus, prints medians and target verdicts, and writes bench/results.json.
 * Exits non-zero when a virtxml run gives a wrong result, so no speed is reported for it.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { costOf, cpuCostOf, evaluateTargets, marginalCosts } from './analysis.js';
import { measureBrowserBundle, type BrowserBundle } from './browser.js';
import { buildForBench, modelIsBuilt, type BuildOutput } from './build.js';
import { DEFAULT_RELEASE_DIR, loadCorpus, scaledDocuments, smallestValid, warmPageCache, type Corpus, type CorpusDocument } from './corpus.js';
import { cpuModel, loadAverage, median, medianDefined, megabytesPerSecond, nproc, runProcess, scratchDir } from './measure.js';
import { runLintRow } from './lint.js';
import { profileWorkload, type WorkloadProfile } from './profile.js';
import { printReport } from './report.js';
import { formatMs } from './table.js';
import { runExternalTool, toolVersion } from './tools.js';
import { BenchFailure, type Machine, type Measured, type Options, type RowResult, type RowSpec, type Sample, type Startup } from './types.js';
import { checkWorkerReport, jobFile, jobFor, rowSpecs, runCli, runWorker } from './virtxml.js';
import type { WorkerReport, WorkloadName } from './worker.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_FILE = join(here, 'results.json');

const USAGE = `usage: npm run bench -- [--runs N] [--quick] [--scales 1,4,16] [--only ROW,...] [--profile] [--commit REV] [--release DIR]
  --runs N        runs per measurement, median reported (default 5)
  --quick         smoke test: 1 run, 1× only
  --scales LIST   corpus multiples (default 1,4,16)
  --only LIST     row ids to run (see the Row column's ids in results.json)
  --profile       also run the main workloads under --cpu-prof and list the top self-time functions
  --commit REV    measure the code of a commit instead of the working tree
  --release DIR   libvirt release directory with manifest.json (default ../shared/libvirt/11.3.0)`;

function parseOptions(argv: readonly string[]): Options {
  let runs = 5;
  let scales: number[] = [1, 4, 16];
  let only: Set<string> | undefined;
  let profile = false;
  let releaseDir = DEFAULT_RELEASE_DIR;
  let commit: string | undefined;
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
    else if (arg === '--commit') commit = value();
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new BenchFailure(`unknown option ${arg}\n${USAGE}`);
  }
  if (quick) {
    if (!runsGiven) runs = 1;
    if (!scalesGiven) scales = [1];
  }
  return { runs, scales, only, profile, releaseDir, commit };
}

function measureRows(options: Options, build: BuildOutput, corpus: Corpus, specs: readonly RowSpec[]): Measured {
  const unavailable = specs.filter((s) => s.unavailable !== undefined).map((s) => ({ id: s.id, label: s.label, reason: s.unavailable! }));
  let active = specs.filter((s) => s.unavailable === undefined);
  const failures: Measured['failures'] = [];
  const results: RowResult[] = [];
  for (const scale of options.scales) {
    const documents = scaledDocuments(corpus, scale);
    const jobPath = jobFile(jobFor(corpus, scale), `x${scale}`);
    const samples = new Map<string, Sample[]>(active.map((s) => [s.id, []]));
    const notes = new Map<string, Set<string>>(active.map((s) => [s.id, new Set()]));
    const bytesByRow = new Map<string, number>();
    const documentsByRow = new Map<string, number>();
    const atScale = (spec: RowSpec): boolean => spec.scales === undefined || spec.scales.includes(scale);
    // Runs are interleaved across rows so that a burst of load on the host hits all of them alike.
    for (let run = 1; run <= options.runs; run++) {
      for (const spec of active.filter(atScale)) {
        process.stderr.write(`[${scale}×] run ${run}/${options.runs} ${spec.id} …`);
        try {
          const sample = measureSample(build, corpus, spec, scale, jobPath, documents, notes.get(spec.id)!, bytesByRow, documentsByRow);
          samples.get(spec.id)!.push(sample);
          process.stderr.write(` ${formatMs(sample.workMs ?? sample.wallMs)}\n`);
        } catch (e) {
          if (!(e instanceof BenchFailure)) throw e;
          // A wrong result: no speed for this row from here on, the others go on.
          process.stderr.write(` FAILED\n${e.message}\n`);
          failures.push({ id: spec.id, label: spec.label, scale, message: e.message });
        }
      }
      active = active.filter((spec) => !failures.some((f) => f.id === spec.id));
    }
    for (const spec of active.filter(atScale)) {
      if (samples.get(spec.id)!.length === 0) continue;
      results.push(summariseRow(spec, scale, documentsByRow.get(spec.id) ?? documents.length, samples.get(spec.id)!, notes.get(spec.id)!, bytesByRow.get(spec.id) ?? corpus.bytes * scale));
    }
  }
  for (const r of results) {
    const one = results.find((x) => x.id === r.id && x.scale === 1);
    if (one === undefined) continue;
    r.costVsOne = costOf(r) / costOf(one);
    const [cpu, cpuOne] = [cpuCostOf(r), cpuCostOf(one)];
    r.cpuCostVsOne = cpu === undefined || cpuOne === undefined ? undefined : cpu / cpuOne;
  }
  return { results, unavailable, failures };
}

/** One run of one row at one scale; throws BenchFailure when virtxml's result is wrong. */
function measureSample(
  build: BuildOutput,
  corpus: Corpus,
  spec: RowSpec,
  scale: number,
  jobPath: string,
  documents: readonly CorpusDocument[],
  notes: Set<string>,
  bytesByRow: Map<string, number>,
  documentsByRow: Map<string, number>,
): Sample {
  if (spec.kind === 'lint') {
    const run = runLintRow(build, corpus, spec.lint!);
    run.notes.forEach((n) => notes.add(n));
    bytesByRow.set(spec.id, run.bytes);
    documentsByRow.set(spec.id, run.documents);
    return run.sample;
  }
  if (spec.kind === 'worker') {
    const { sample, report } = runWorker(build, spec.workload!, jobPath);
    checkWorkerReport(corpus, spec.workload!, report);
    bytesByRow.set(spec.id, report.bytes);
    if (report.rejected.length > 0) notes.add(`${report.rejected.length} invalid documents rejected by throwing`);
    return sample;
  }
  if (spec.kind === 'cli') {
    const { sample, notes: cliNotes } = runCli(build, corpus, scale);
    cliNotes.forEach((n) => notes.add(n));
    return sample;
  }
  const ext = runExternalTool(spec.tool!, corpus, documents);
  if (ext.failure !== undefined) notes.add(`did not complete: ${ext.failure}`);
  if (ext.verdictMismatches.length > 0) {
    notes.add(`${ext.verdictMismatches.length} verdicts differ from the manifest (e.g. ${ext.verdictMismatches[0]})`);
  }
  notes.add(`${ext.processes} processes`);
  return {
    wallMs: ext.wallMs,
    cpuMs: ext.cpuMs,
    maxRssKiB: ext.maxRssKiB,
    workMs: undefined,
    workCpuMs: undefined,
    firstRoundMs: undefined,
    laterRoundMs: undefined,
    processes: ext.processes,
  };
}

/** Medians of one row at one scale; peak RSS is the highest of the runs. */
function summariseRow(spec: RowSpec, scale: number, documents: number, list: readonly Sample[], notes: ReadonlySet<string>, bytes: number): RowResult {
  const wallMs = median(list.map((s) => s.wallMs));
  const workMs = medianDefined(list.map((s) => s.workMs));
  const cpuMs = medianDefined(list.map((s) => s.cpuMs));
  const workCpuMs = medianDefined(list.map((s) => s.workCpuMs));
  const rssValues = list.map((s) => s.maxRssKiB).filter((v): v is number => v !== undefined);
  const basis = spec.timing === 'process' ? wallMs : (workMs ?? wallMs);
  const cpuBasis = spec.timing === 'process' ? cpuMs : workCpuMs;
  return {
    id: spec.id,
    label: spec.label,
    scale,
    documents,
    bytes,
    timing: spec.timing,
    samples: [...list],
    wallMs,
    cpuMs,
    workMs,
    workCpuMs,
    firstRoundMs: medianDefined(list.map((s) => s.firstRoundMs)),
    laterRoundMs: medianDefined(list.map((s) => s.laterRoundMs)),
    maxRssKiB: rssValues.length > 0 ? Math.max(...rssValues) : undefined,
    megabytesPerSecond: megabytesPerSecond(bytes, basis),
    megabytesPerCpuSecond: cpuBasis === undefined ? undefined : megabytesPerSecond(bytes, cpuBasis),
    costVsOne: undefined,
    cpuCostVsOne: undefined,
    notes: [...notes],
  };
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
      importCpuMs: detail('importCpuMs'),
      loadCpuMs: detail('loadCpuMs'),
      firstDocumentMs: detail('firstDocumentMs'),
      otherRootsMs: detail('otherRootsMs'),
      otherRoots: detail('otherRoots'),
      processMs: median(processMs),
      patterns: detail('patterns'),
    },
    smallFile: { path: small.relativePath, bytes: small.bytes, wallMs: median(cliWall), maxRssKiB: medianDefined(cliRss) },
  };
}

/** The id `--only` takes for the startup measurements. */
const STARTUP_ROW = 'startup';
/** The id `--only` takes for the size of a browser page's bundle. */
const BROWSER_ROW = 'browser';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const corpus = loadCorpus(options.releaseDir);
  const loadAverageBefore = loadAverage();
  process.stderr.write(`building ${options.commit ?? 'the working tree'} …\n`);
  const build = await buildForBench(options.commit);
  if (build.typeErrors.length > 0) {
    process.stderr.write(`warning: tsc reported ${build.typeErrors.length} type errors (JavaScript emitted anyway), first: ${build.typeErrors[0]}\n`);
  }
  warmPageCache(corpus);
  const specs = rowSpecs(modelIsBuilt(build)).filter((s) => options.only === undefined || options.only.has(s.id));
  const toolVersions: Record<string, string> = {};
  for (const s of specs) if (s.tool !== undefined && s.unavailable === undefined) toolVersions[s.tool.name] = toolVersion(s.tool);

  const measured = measureRows(options, build, corpus, specs);
  let startup: Startup | undefined;
  if (options.only === undefined || options.only.has(STARTUP_ROW)) {
    try {
      startup = measureStartup(options, build, corpus);
    } catch (e) {
      if (!(e instanceof BenchFailure)) throw e;
      process.stderr.write(`[startup] FAILED\n${e.message}\n`);
      measured.failures.push({ id: STARTUP_ROW, label: 'startup', scale: 1, message: e.message });
    }
  }
  const profiles: WorkloadProfile[] = [];
  if (options.profile) {
    const job = jobFor(corpus, 1);
    const workloads: WorkloadName[] = ['validate', ...(modelIsBuilt(build) ? (['model-roundtrip', 'model-roundtrip-libvirt'] as const) : (['dom-roundtrip'] as const)), 'grammar-load'];
    for (const w of workloads) {
      process.stderr.write(`[profile] ${w} …\n`);
      profiles.push(profileWorkload(build, w, w === 'grammar-load' ? jobFor(corpus, 1, [smallestValid(corpus, 'domain')]) : job, scratchDir()));
    }
  }
  // What a web page that validates domains downloads, from the bundles just built.
  let browser: BrowserBundle | undefined;
  if (options.only === undefined || options.only.has(BROWSER_ROW)) browser = await measureBrowserBundle({ distDir: join(build.dir, 'dist') });
  const targets = evaluateTargets(measured, startup, options.scales, browser);
  const machine: Machine = { nproc: nproc(), cpu: cpuModel(), node: process.version, loadAverageBefore, loadAverageAfter: loadAverage() };

  printReport(corpus, machine, measured, startup, targets, profiles, options, toolVersions, build.source);
  writeFileSync(
    RESULTS_FILE,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        options: { ...options, only: options.only === undefined ? undefined : [...options.only] },
        corpus: { release: corpus.release, documents: corpus.documents.length, bytes: corpus.bytes },
        toolVersions,
        code: build.source,
        typeErrors: build.typeErrors.length,
        results: measured.results,
        marginal: marginalCosts(measured.results, options.scales),
        unavailable: measured.unavailable,
        failures: measured.failures,
        startup,
        browser,
        targets,
        profiles,
      },
      null,
      2,
    ) + '\n',
  );
  process.stderr.write(`results written to ${RESULTS_FILE}\n`);
  if (measured.failures.length > 0) {
    const rows = measured.failures.map((f) => `${f.id} at ${f.scale}×`).join(', ');
    process.stderr.write(`\nbench failed: wrong results from ${rows}; those rows have no speed figures\n`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  if (e instanceof BenchFailure) {
    process.stderr.write(`\nbench failed: ${e.message}\n`);
  } else {
    process.stderr.write(`\nbench failed: ${(e as Error).stack ?? String(e)}\n`);
  }
  process.exit(1);
});
