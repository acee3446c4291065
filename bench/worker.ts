/**
 * One measured virtxml workload, run in its own process so that its wall time, CPU time and peak
 * RSS are its own: `node worker.js WORKLOAD JOB.json`. Prints one JSON `WorkerReport` on stdout.
 *
 * Run from the tsc output of the working tree (see build.ts), so module loading costs what it
 * costs a user of the built package, not what an on-the-fly TypeScript loader costs.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Which virtxml operation a worker measures. */
export type WorkloadName =
  | 'validate'
  | 'grammar-load'
  | 'scan'
  | 'dom-parse'
  | 'dom-serialize'
  | 'dom-roundtrip'
  | 'model-parse'
  | 'model-format'
  | 'model-format-libvirt'
  | 'model-roundtrip'
  | 'model-roundtrip-libvirt';

export const WORKLOAD_NAMES: readonly WorkloadName[] = [
  'validate',
  'grammar-load',
  'scan',
  'dom-parse',
  'dom-serialize',
  'dom-roundtrip',
  'model-parse',
  'model-format',
  'model-format-libvirt',
  'model-roundtrip',
  'model-roundtrip-libvirt',
];

export interface WorkerJob {
  readonly release: string;
  /** Distinct documents; the workload goes over the list `scale` times. */
  readonly documents: readonly { path: string; root: string; expect: 'valid' | 'invalid' }[];
  readonly scale: number;
}

export interface WorkerReport {
  readonly workload: WorkloadName;
  readonly documents: number;
  readonly bytes: number;
  /** Process time origin to the start of this module's work: Node's own boot. */
  readonly bootMs: number;
  /** Time inside the measured loop only (inputs already in memory, except for `validate`). */
  readonly workMs: number;
  /** The same split per pass over the corpus: the first pays for warm-up, later ones show the steady state. */
  readonly roundMs: number[];
  /** CPU time (all threads) of the timed loop: less inflated than wall time when the host is busy. */
  readonly workCpuMs: number;
  /** Time origin to the end of the work: the whole run as seen from inside. */
  readonly totalMs: number;
  readonly maxRssKiB: number;
  /** Documents whose outcome was wrong (verdict differs from the manifest, or text not preserved). */
  readonly wrong: string[];
  /** Documents the operation rejected by throwing (expected for the model on invalid input). */
  readonly rejected: string[];
  /** Workload-specific figures, e.g. the phases of grammar loading. */
  readonly detail: Record<string, number | string>;
}

/** The model's two output styles: `preserve` reproduces the input byte for byte, `libvirt` (the default) rewrites in libvirt's layout. */
type FormatStyle = 'preserve' | 'libvirt';

/** Read options as one object, as the CLI reads files (src/cli/main.ts). */
const AS_TEXT = { encoding: 'utf8' } as const;

type Package = typeof import('../src/index.js');

/** The package as users get it: the bundle `npm run build` makes, built for this run by build.ts. */
function loadPackage(): Promise<Package> {
  return import(new URL('../dist/index.js', import.meta.url).href) as Promise<Package>;
}

/** `virtxml/validate`, the validation-only entry: what `virtxml validate` loads. */
function loadValidation(): Promise<typeof import('../src/validate.js')> {
  return import(new URL('../dist/validate.js', import.meta.url).href) as Promise<typeof import('../src/validate.js')>;
}

type Workload = (job: WorkerJob) => Promise<Omit<WorkerReport, 'workload' | 'bootMs' | 'totalMs' | 'maxRssKiB'>>;

function readTexts(job: WorkerJob): { texts: string[]; bytes: number } {
  const texts = job.documents.map((d) => readFileSync(d.path, 'utf8'));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) * job.scale;
  return { texts, bytes };
}

function elapsedSince(start: number): number {
  return performance.now() - start;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

interface Timed {
  readonly workMs: number;
  readonly roundMs: number[];
  readonly workCpuMs: number;
}

/** Repeats `body` over every document `scale` times; the time of all passes and of each pass. */
function timeOverCorpus(job: WorkerJob, body: (index: number) => void, start = performance.now(), cpuStart = process.cpuUsage()): Timed {
  const roundMs: number[] = [];
  let roundStart = start;
  for (let round = 0; round < job.scale; round++) {
    for (let i = 0; i < job.documents.length; i++) body(i);
    const now = performance.now();
    roundMs.push(now - roundStart);
    roundStart = now;
  }
  return { workMs: elapsedSince(start), roundMs, workCpuMs: cpuMsSince(cpuStart) };
}

const workloads: Record<WorkloadName, Workload> = {
  // As `virtxml validate` does it (src/cli/main.ts, readUtf8Exactly): read each file as UTF-8 text,
  // or as bytes decoded as XML says when that reading is not exact; validate; grammars load on first use.
  async validate(job) {
    // The first pass includes importing the validator, as a user's process does.
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const { validate, decodeXmlBytes, isExactUtf8Reading } = await loadValidation();
    const wrong = new Set<string>();
    let bytes = 0;
    let valid = 0;
    const timed = timeOverCorpus(
      job,
      (i) => {
        const d = job.documents[i]!;
        let text = readFileSync(d.path, AS_TEXT);
        if (!isExactUtf8Reading(text)) text = decodeXmlBytes(readFileSync(d.path)).text;
        bytes += Buffer.byteLength(text);
        const result = validate(text, { schema: d.root as never, libvirt: job.release as never });
        if (result.valid) valid++;
        if (result.valid !== (d.expect === 'valid')) wrong.add(d.path);
      },
      start,
      cpuStart,
    );
    const documents = job.documents.length * job.scale;
    return { documents, bytes, ...timed, wrong: [...wrong], rejected: [], detail: { valid, invalid: documents - valid } };
  },

  // Cold process to a loaded domain validator, in phases; then one small document through it.
  async 'grammar-load'(job) {
    const small = job.documents[0];
    if (small === undefined) throw new Error('grammar-load needs one document');
    const start = performance.now();
    // CPU time too: on a busy host it is far less inflated than wall time.
    const cpuStart = process.cpuUsage();
    const validation = await loadValidation();
    const imported = performance.now();
    const cpuImported = process.cpuUsage(cpuStart);
    const validator = validation.compiledValidator(job.release as never, small.root as never);
    if (validator === undefined) throw new Error(`no ${small.root} grammar for ${job.release}`);
    const loaded = performance.now();
    const cpuLoaded = process.cpuUsage(cpuStart);
    const text = readFileSync(small.path, 'utf8');
    const result = validation.validate(text, { schema: small.root as never, libvirt: job.release as never });
    const firstDocument = performance.now();
    // Every other root of the release too: what a run over a mixed corpus pays before steady state.
    const { ROOT_NAMES } = validation;
    let allPatterns = 0;
    for (const root of ROOT_NAMES) allPatterns += validation.compiledValidator(job.release as never, root)?.patternCount ?? 0;
    const allLoaded = performance.now();
    return {
      documents: 1,
      bytes: Buffer.byteLength(text),
      workMs: loaded - start,
      roundMs: [loaded - start],
      workCpuMs: (cpuLoaded.user + cpuLoaded.system) / 1000,
      wrong: result.valid === (small.expect === 'valid') ? [] : [small.path],
      rejected: [],
      detail: {
        importMs: imported - start,
        grammarMs: loaded - imported,
        importCpuMs: (cpuImported.user + cpuImported.system) / 1000,
        loadCpuMs: (cpuLoaded.user + cpuLoaded.system) / 1000,
        firstDocumentMs: firstDocument - loaded,
        patterns: validator.patternCount,
        otherRootsMs: allLoaded - firstDocument,
        otherRoots: ROOT_NAMES.length - 1,
        allPatterns,
      },
    };
  },

  // The floor: well-formedness checking without building anything.
  async scan(job) {
    const { scanXml } = await loadPackage();
    const { texts, bytes } = readTexts(job);
    const rejected = new Set<string>();
    const timed = timeOverCorpus(job, (i) => {
      try {
        scanXml(texts[i]!);
      } catch {
        rejected.add(job.documents[i]!.path);
      }
    });
    return { documents: texts.length * job.scale, bytes, ...timed, wrong: [], rejected: [...rejected], detail: {} };
  },

  async 'dom-parse'(job) {
    const { parseXml } = await loadPackage();
    const { texts, bytes } = readTexts(job);
    let nodes = 0;
    const timed = timeOverCorpus(job, (i) => {
      nodes += parseXml(texts[i]!).root.children.length;
    });
    return { documents: texts.length * job.scale, bytes, ...timed, wrong: [], rejected: [], detail: { nodes } };
  },

  // Trees are built once outside the timed loop and serialised `scale` times.
  async 'dom-serialize'(job) {
    const { parseXml, serializeXml } = await loadPackage();
    const { texts, bytes } = readTexts(job);
    const trees = texts.map((t) => parseXml(t));
    let written = 0;
    const timed = timeOverCorpus(job, (i) => {
      written += serializeXml(trees[i]!).length;
    });
    return { documents: texts.length * job.scale, bytes, ...timed, wrong: [], rejected: [], detail: { written } };
  },

  // Parse then serialise each document; the output must equal the input (lossless).
  async 'dom-roundtrip'(job) {
    const { parseXml, serializeXml } = await loadPackage();
    const { texts, bytes } = readTexts(job);
    const wrong = new Set<string>();
    const timed = timeOverCorpus(job, (i) => {
      const text = texts[i]!;
      if (serializeXml(parseXml(text)) !== text) wrong.add(job.documents[i]!.path);
    });
    return { documents: texts.length * job.scale, bytes, ...timed, wrong: [...wrong], rejected: [], detail: {} };
  },

  async 'model-parse'(job) {
    const model = await loadPackage();
    const { texts, bytes } = readTexts(job);
    const rejected = new Set<string>();
    const timed = timeOverCorpus(job, (i) => {
      try {
        model.parse(texts[i]!);
      } catch {
        rejected.add(job.documents[i]!.path);
      }
    });
    return { documents: texts.length * job.scale, bytes, ...timed, wrong: [], rejected: [...rejected], detail: {} };
  },

  'model-format': (job) => formatParsed(job, 'preserve'),
  'model-format-libvirt': (job) => formatParsed(job, 'libvirt'),
  'model-roundtrip': (job) => parseAndFormat(job, 'preserve'),
  'model-roundtrip-libvirt': (job) => parseAndFormat(job, 'libvirt'),
};

/** Models are parsed once outside the timed loop and formatted `scale` times. */
async function formatParsed(job: WorkerJob, style: FormatStyle): ReturnType<Workload> {
  const model = await loadPackage();
  const { texts, bytes } = readTexts(job);
  const parsed = texts.map((t) => {
    try {
      return model.parse(t);
    } catch {
      return undefined;
    }
  });
  const outputs: string[] = new Array<string>(texts.length);
  const timed = timeOverCorpus(job, (i) => {
    const p = parsed[i];
    if (p !== undefined) outputs[i] = model.format(p, { style });
  });
  const rejected = job.documents.filter((_, i) => parsed[i] === undefined).map((d) => d.path);
  return { documents: texts.length * job.scale, bytes, ...timed, wrong: await wrongOutputs(job, texts, outputs, style), rejected, detail: {} };
}

/** Parse then format each document, as `format(parse(xml))` is used. */
async function parseAndFormat(job: WorkerJob, style: FormatStyle): ReturnType<Workload> {
  const model = await loadPackage();
  const { texts, bytes } = readTexts(job);
  const rejected = new Set<string>();
  const outputs: string[] = new Array<string>(texts.length);
  const timed = timeOverCorpus(job, (i) => {
    try {
      outputs[i] = model.format(model.parse(texts[i]!), { style });
    } catch {
      rejected.add(job.documents[i]!.path);
    }
  });
  return { documents: texts.length * job.scale, bytes, ...timed, wrong: await wrongOutputs(job, texts, outputs, style), rejected: [...rejected], detail: {} };
}

/**
 * Checked after timing: `preserve` output must equal the input; `libvirt` output, which may
 * legitimately differ in layout, must at least be well-formed XML again.
 */
async function wrongOutputs(job: WorkerJob, texts: readonly string[], outputs: readonly (string | undefined)[], style: FormatStyle): Promise<string[]> {
  const { scanXml } = await loadPackage();
  const wrong: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    const out = outputs[i];
    if (out === undefined) continue;
    let ok: boolean;
    if (style === 'preserve') ok = out === texts[i];
    else {
      try {
        scanXml(out);
        ok = true;
      } catch {
        ok = false;
      }
    }
    if (!ok) wrong.push(job.documents[i]!.path);
  }
  return wrong;
}

async function main(): Promise<void> {
  const bootMs = performance.now();
  const [name, jobPath] = process.argv.slice(2);
  if (name === undefined || jobPath === undefined || !(WORKLOAD_NAMES as readonly string[]).includes(name)) {
    throw new Error(`usage: worker.js (${WORKLOAD_NAMES.join('|')}) JOB.json`);
  }
  const workload = name as WorkloadName;
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as WorkerJob;
  const result = await workloads[workload](job);
  const report: WorkerReport = {
    workload,
    bootMs,
    totalMs: performance.now(),
    maxRssKiB: process.resourceUsage().maxRSS,
    ...result,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

// Runs only as a program, so run.ts can import the types and names without side effects.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
