/**
 * Corpus validation time against `xmllint --relaxng` in the same run (libxml2, libvirt's engine).
 * xmllint runs once per schema over all of that schema's documents; we validate the same
 * documents in this process from text (parse included), first with cold memos, then warm.
 * CPU time (this process, all threads: the JIT compiles in the background) is shown beside wall
 * time, since the machine may be shared. tsx adds its own overhead: for exact figures run the
 * same loop over the compiled JavaScript.
 * Usage: npx tsx test/xml/validate/speed.script.ts [11.3.0|7.0.0]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RootName } from '../../../src/model/generated/grammar/index.js';
import { validate } from '../../../src/xml/validate/index.js';
import { corpusPath, readCorpusFile, readManifest, releaseDir, type Release } from '../../support/corpus.js';

const release = (process.argv[2] ?? '11.3.0') as Release;
const entries = readManifest(release);
const texts = entries.map((e) => readCorpusFile(release, e));

const bySchema = new Map<string, string[]>();
for (const e of entries) bySchema.set(e.schema, [...(bySchema.get(e.schema) ?? []), corpusPath(release, e)]);
let t = performance.now();
for (const [schema, files] of bySchema) {
  spawnSync('xmllint', ['--noout', '--relaxng', join(releaseDir(release), 'schemas', schema), ...files], { stdio: 'ignore' });
}
const xmllintMs = performance.now() - t;

interface Timing { wall: number; cpu: number }

const pass = (): Timing => {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  entries.forEach((e, i) => validate(texts[i]!, { schema: e.schema.replace(/\.rng$/, '') as RootName, libvirt: release }));
  const cpu = process.cpuUsage(cpuStart);
  return { wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 };
};
const cold = pass();
const warm = pass();
const show = (t: Timing): string => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms, ${(xmllintMs / t.wall).toFixed(2)}x)`;
console.log(`libvirt ${release}, ${entries.length} documents: xmllint ${xmllintMs.toFixed(0)} ms; virtxml cold ${show(cold)}, warm ${show(warm)}`);
