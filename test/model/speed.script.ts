/**
 * Throughput of the model layer over the libvirt corpus, and what freezing costs.
 * Run: npx tsx test/model/speed.script.ts [release] [rounds] [only: a label prefix]
 * Each measure is the best of the rounds; run one measure per process for steadier numbers.
 */
import { parseXml } from '../../src/xml/dom/index.js';
import { format, parse, type ModelRoot, type Parsed } from '../../src/model/index.js';
import { readCorpusFile, readManifest, type Release } from '../support/corpus.js';

const release = (process.argv[2] ?? '11.3.0') as Release;
const rounds = Number(process.argv[3] ?? 5);
const only = process.argv[4];
const docs = readManifest(release).map((e) => ({ xml: readCorpusFile(release, e), schema: e.schema.replace(/\.rng$/, '') as ModelRoot }));
const megabytes = docs.reduce((n, d) => n + d.xml.length, 0) / 1e6;

function best(label: string, run: () => void): number {
  if (only !== undefined && !label.startsWith(only)) return NaN;
  let fastest = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - t);
  }
  console.log(`${label.padEnd(44)} ${fastest.toFixed(0).padStart(6)} ms  ${(megabytes / (fastest / 1000)).toFixed(1).padStart(6)} MB/s`);
  return fastest;
}

console.log(`libvirt ${release}: ${docs.length} documents, ${megabytes.toFixed(2)} MB; best of ${rounds}`);
best('parseXml (XML tree only)', () => docs.forEach((d) => parseXml(d.xml)));
const frozen = best('parse to model, frozen (default)', () => docs.forEach((d) => parse(d.xml, { schema: d.schema })));
const thawed = best('parse to model, freeze: false', () => docs.forEach((d) => parse(d.xml, { schema: d.schema, freeze: false })));
const parsed: Parsed[] = docs.map((d) => parse(d.xml, { schema: d.schema }));
const parsedThawed: Parsed[] = docs.map((d) => parse(d.xml, { schema: d.schema, freeze: false }));
best('format preserve, unchanged frozen models', () => parsed.forEach((p) => format(p)));
best('format preserve, unfrozen (every element planned)', () => parsedThawed.forEach((p) => format(p)));
best('format libvirt style', () => parsed.forEach((p) => format(p, { style: 'libvirt' })));
best('parse + format preserve (frozen)', () => docs.forEach((d) => format(parse(d.xml, { schema: d.schema }))));
best('parse + format libvirt style', () => docs.forEach((d) => format(parse(d.xml, { schema: d.schema }), { style: 'libvirt' })));
if (only === undefined) console.log(`freezing costs ${(frozen - thawed).toFixed(0)} ms of ${frozen.toFixed(0)} ms (${(((frozen - thawed) / frozen) * 100).toFixed(1)}% of parsing)`);
