/**
 * `npm run stress:memory [-- --count N --ceiling-mb M --every K --seed S]`: validates N distinct
 * generated domain documents (default 1,000,000) in one process and checks that the heap in use
 * after a full garbage collection stays under M MB (default 200) at every K documents (default
 * 50,000). Each document holds a random half of 32 optional children of `<domain>`, shuffled
 * (test/support/random-domains.ts), so nearly every one walks states of the domain's interleave
 * that no earlier one reached; one in ten is made invalid, so diagnostics are computed too.
 * Exits 1 when the ceiling is passed, printing the figures either way.
 */
import { parseArgs } from 'node:util';
import { compiledValidator, validate } from '../src/xml/validate/index.js';
import { OPTIONAL_DOMAIN_CHILDREN, randomDomain, seededRandom } from '../test/support/random-domains.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  process.stderr.write('stress-memory: run with node --expose-gc (npm run stress:memory does)\n');
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    'ceiling-mb': { type: 'string', default: '200' },
    every: { type: 'string', default: '50000' },
    seed: { type: 'string', default: '18' },
  },
});
const count = Number(values.count);
const ceiling = Number(values['ceiling-mb']) * 1e6;
const every = Number(values.every);
const random = seededRandom(Number(values.seed));

function document(i: number): string {
  const xml = randomDomain(i, random);
  if (i % 10 !== 9) return xml;
  // An invalid one: a child given twice and a bad value, so the tree walk and its messages run too.
  const child = OPTIONAL_DOMAIN_CHILDREN[i % OPTIONAL_DOMAIN_CHILDREN.length]!;
  return xml.replace('</domain>', `${child}${child}<clock offset='x${i}'/></domain>`);
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
const started = performance.now();
let valid = 0;
let invalid = 0;
let peak = 0;
let failed = false;
gc();
const baseline = process.memoryUsage().heapUsed;
process.stdout.write(`heap before: ${mb(baseline)} MB; ceiling ${mb(ceiling)} MB after GC\n`);
for (let i = 0; i < count; i++) {
  const r = validate(document(i));
  if (r.valid) valid++;
  else invalid++;
  if ((i + 1) % every === 0 || i + 1 === count) {
    gc();
    const heap = process.memoryUsage().heapUsed;
    peak = Math.max(peak, heap);
    const seconds = (performance.now() - started) / 1000;
    const patterns = compiledValidator('11.3.0', 'domain')!.patternCount;
    process.stdout.write(
      `${String(i + 1).padStart(8)} documents  ${seconds.toFixed(0).padStart(5)} s  ` +
        `${((i + 1) / seconds).toFixed(0).padStart(6)} docs/s  heap ${mb(heap).padStart(6)} MB  ` +
        `rss ${mb(process.memoryUsage().rss).padStart(6)} MB  patterns ${patterns}\n`,
    );
    if (heap > ceiling) failed = true;
  }
}
const expectedInvalid = Math.floor(count / 10);
process.stdout.write(`${valid} valid, ${invalid} invalid (expected ${expectedInvalid} invalid); peak heap after GC ${mb(peak)} MB\n`);
if (invalid !== expectedInvalid) {
  process.stdout.write('FAIL: verdicts differ from what the generator made\n');
  process.exit(1);
}
if (failed) {
  process.stdout.write(`FAIL: heap after GC passed the ceiling of ${mb(ceiling)} MB\n`);
  process.exit(1);
}
process.stdout.write('ok\n');
