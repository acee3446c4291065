/**
 * Throughput of the model layer over the libvirt corpus, and what freezing costs.
 * Run: npx tsx test/model/speed.script.ts [release] [rounds] [only: a label prefix]
 *
 * Each measure is the median of the rounds (after one warm-up round), as wall time and as this
 * process's CPU time, which is steadier on a machine shared with other work. "format" rows
 * format models parsed just before the round (untimed), as a program does after parsing; the
 * "again" rows format the same models once more, when what the first format learnt about them
 * is reused. "parse" rows drop each model once made, as the bench does (keeping every model of
 * the corpus alive costs far more in garbage collection). For the numbers the bench sees, run
 * the compiled JavaScript rather than tsx.
 */
import { parseXml } from '../../src/xml/dom/index.js';
import { format, parse, type FormatOptions, type ModelRoot, type Parsed } from '../../src/model/index.js';
import { readCorpusFile, readManifest, type Release } from '../support/corpus.js';

const release = (process.argv[2] ?? '11.3.0') as Release;
const rounds = Number(process.argv[3] ?? 5);
const only = process.argv[4];
const docs = readManifest(release).map((e) => ({ xml: readCorpusFile(release, e), schema: e.schema.replace(/\.rng$/, '') as ModelRoot }));
const megabytes = docs.reduce((n, d) => n + d.xml.length, 0) / 1e6;

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Times `run` over rounds; `prepare` runs untimed before each and hands its result to `run`. */
function measure<T>(label: string, prepare: () => T, run: (input: T) => void): Timing | undefined {
  if (only !== undefined && !label.startsWith(only)) return undefined;
  run(prepare());
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const input = prepare();
    const c = process.cpuUsage();
    const t = performance.now();
    run(input);
    walls.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpus.push((used.user + used.system) / 1000);
  }
  const wall = median(walls);
  const cpu = median(cpus);
  const rate = (ms: number) => (megabytes / (ms / 1000)).toFixed(1).padStart(7);
  console.log(`${label.padEnd(46)} wall ${wall.toFixed(0).padStart(5)} ms ${rate(wall)} MB/s   cpu ${cpu.toFixed(0).padStart(5)} ms ${rate(cpu)} MB/s`);
  return { wall, cpu };
}

const nothing = (): undefined => undefined;
const parseAll = (freeze: boolean) => (): Parsed[] => docs.map((d) => parse(d.xml, { schema: d.schema, freeze }));
const formatAll =
  (options: FormatOptions) =>
  (models: Parsed[]): void => {
    for (const m of models) format(m, options);
  };
const LIBVIRT: FormatOptions = { style: 'libvirt' };
const PRESERVE: FormatOptions = { style: 'preserve' };

console.log(`libvirt ${release}: ${docs.length} documents, ${megabytes.toFixed(2)} MB; median of ${rounds}`);
measure('parseXml (XML tree only)', nothing, () => docs.forEach((d) => parseXml(d.xml)));
const frozen = measure('parse to model, frozen (default)', nothing, () => docs.forEach((d) => parse(d.xml, { schema: d.schema })));
const thawed = measure('parse to model, freeze: false', nothing, () => docs.forEach((d) => parse(d.xml, { schema: d.schema, freeze: false })));
measure('format libvirt (default), frozen models', parseAll(true), formatAll(LIBVIRT));
let again = parseAll(true)();
formatAll(LIBVIRT)(again);
measure('format libvirt again, frozen models', () => again, formatAll(LIBVIRT));
again = [];
measure('format libvirt, unfrozen (every element)', parseAll(false), formatAll(LIBVIRT));
measure('format preserve, frozen models', parseAll(true), formatAll(PRESERVE));
measure('format preserve, unfrozen (every element)', parseAll(false), formatAll(PRESERVE));
measure('parse + format libvirt (default)', nothing, () => docs.forEach((d) => format(parse(d.xml, { schema: d.schema }), LIBVIRT)));
measure('parse + format preserve', nothing, () => docs.forEach((d) => format(parse(d.xml, { schema: d.schema }), PRESERVE)));
if (frozen !== undefined && thawed !== undefined) {
  const cost = frozen.cpu - thawed.cpu;
  console.log(`freezing costs ${cost.toFixed(0)} ms CPU of ${frozen.cpu.toFixed(0)} ms (${((cost / frozen.cpu) * 100).toFixed(1)}% of parsing)`);
}
