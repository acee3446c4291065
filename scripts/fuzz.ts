/**
 * `npm run fuzz -- [--seconds N] [--seed S] [--iterations N] [--out DIR]`: mutates libvirt's
 * corpus documents and checks validation, the lossless DOM and the model on each (see
 * test/support/fuzz.ts for the mutations and invariants). Runs N seconds (default 60) from seed
 * S (default: the time), prints progress and totals, writes each failing input to DIR (default
 * fuzz-failures/) with what broke, and exits 1 when anything broke.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz, fuzzSeeds, type FuzzFailure, type FuzzTotals } from '../test/support/fuzz.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    iterations: { type: 'string' },
    out: { type: 'string', default: 'fuzz-failures' },
  },
});
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const seconds = Number(values.seconds);
const seeds = fuzzSeeds();
process.stdout.write(`fuzzing ${seeds.length} seed documents for ${seconds} s from seed ${seed}\n`);

let written = 0;
const onFailure = (f: FuzzFailure): void => {
  process.stdout.write(`FAIL ${f.invariant} at iteration ${f.iteration} (${f.source}; ${f.mutations.join(', ')}): ${f.detail}\n`);
  if (written >= 100) return;
  mkdirSync(values.out, { recursive: true });
  const base = join(values.out, `${f.seed}-${f.iteration}-${f.invariant}`);
  writeFileSync(`${base}.xml`, f.input);
  writeFileSync(`${base}.json`, JSON.stringify({ ...f, input: undefined }, null, 2) + '\n');
  written++;
};

const line = (t: FuzzTotals, elapsed: number): string =>
  `${t.inputs} inputs (${(t.inputs / elapsed).toFixed(0)}/s, ${(t.characters / 1e6).toFixed(1)} M characters): ` +
  `${t.wellFormed} well-formed, ${t.valid} valid, ${t.parsed} parsed, ${t.roundTrips} round trips (${t.tooLargeOutputs} outputs over 32 MiB), ${t.migrated} migrated; ` +
  `failures ${Object.entries(t.failures).map(([k, n]) => `${k} ${n}`).join(', ')}; slowest ${t.slowest.ms.toFixed(0)} ms (${t.slowest.length} characters)`;

const started = performance.now();
const totals = fuzz(seeds, {
  seed,
  seconds,
  ...(values.iterations === undefined ? {} : { iterations: Number(values.iterations) }),
  onFailure,
  onProgress: (t) => process.stdout.write(`  ${line(t, (performance.now() - started) / 1000)}\n`),
});
const elapsed = (performance.now() - started) / 1000;
process.stdout.write(`done in ${elapsed.toFixed(0)} s: ${line(totals, elapsed)}\n`);
process.stdout.write(`mutations: ${Object.entries(totals.mutations).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
const failed = Object.values(totals.failures).reduce((a, b) => a + b, 0);
process.exit(failed > 0 ? 1 : 0);
