/**
 * Throughput of the model layer over the libvirt corpus, and what freezing costs.
 * Run: npx tsx test/model/speed.script.ts [release] [rounds] [only: a label prefix]
 * Each measure is the median of the rounds, as wall time and as this process's CPU time (the
 * latter is steadier on a machine shared with other work).
 */
import { parseXml } from '../../src/xml/dom/index.js';
import { format, parse, type ModelRoot, type Parsed } from '../../src/model/index.js';
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

function measure(label: string, run: () => void): Timing | undefined {
  if (only !== undefined && !label.startsWith(only)) return undefined;
  run(); // warm-up
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    run();
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

console.log(`libvirt ${release}: ${docs.length} documents, ${megabytes.toFixed(2)} MB; median of ${rounds}`);
measure('parseXml (XML tree only)', () => docs.forEach((d) => parseXml(d.xml)));
const frozen = measure('parse to model, frozen (default)', () => docs.forEach((d) => parse(d.xml, { schema: d.schema })));
const thawed = measure('parse to model, freeze: false', () => docs.forEach((d) => parse(d.xml, { schema: d.schema, freeze: false })));
const parsed: Parsed[] = docs.map((d) => parse(d.xml, { schema: d.schema }));
const parsedThawed: Parsed[] = docs.map((d) => parse(d.xml, { schema: d.schema, freeze: false }));
measure('format libvirt (default), frozen models', () => parsed.forEach((p) => format(p, { style: 'libvirt' })));
measure('format libvirt, unfrozen (every element)', () => parsedThawed.forEach((p) => format(p, { style: 'libvirt' })));
measure('format preserve, frozen models', () => parsed.forEach((p) => format(p, { style: 'preserve' })));
measure('format preserve, unfrozen (every element)', () => parsedThawed.forEach((p) => format(p, { style: 'preserve' })));
measure('parse + format libvirt (default)', () => docs.forEach((d) => format(parse(d.xml, { schema: d.schema }), { style: 'libvirt' })));
measure('parse + format preserve', () => docs.forEach((d) => format(parse(d.xml, { schema: d.schema }), { style: 'preserve' })));
if (frozen !== undefined && thawed !== undefined) {
  const cost = frozen.cpu - thawed.cpu;
  console.log(`freezing costs ${cost.toFixed(0)} ms CPU of ${frozen.cpu.toFixed(0)} ms (${((cost / frozen.cpu) * 100).toFixed(1)}% of parsing)`);
}
