/**
 * Run by memory-budget.test.ts in a process of its own (`node --expose-gc`): validates distinct
 * random domains (see test/support/random-domains.ts) through the shipped domain validator and
 * prints, as JSON, how many were valid, the patterns the validator holds and the heap in use
 * after a full collection. The first argument is the number of documents.
 */
import { compiledValidator, validate } from '../../../src/xml/validate/index.js';
import { randomDomain, seededRandom } from '../../support/random-domains.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const count = Number(process.argv[2] ?? 10_000);
const random = seededRandom(18);
let valid = 0;
for (let i = 0; i < count; i++) if (validate(randomDomain(i, random)).valid) valid++;
gc();
const validator = compiledValidator('11.3.0', 'domain')!;
const patterns = validator.patternCount;
const derived = validator.streamGrammar.cx.builder.derivedCount;
process.stdout.write(JSON.stringify({ count, valid, patterns, derived, heapUsed: process.memoryUsage().heapUsed }) + '\n');
