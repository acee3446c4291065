/**
 * Run by retention.test.ts in a process of its own (`node --expose-gc`): validates many distinct
 * documents of about 100 KB through one long-lived validator and prints the heap in use after a
 * full collection, once early and once at the end; then the same for the model reading documents
 * whose root element, each a new 2,000-character name, is not libvirt's. As JSON.
 */
import { ModelParseError, parse } from '../../../src/model/index.js';
import { validate } from '../../../src/xml/validate/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const padding = `<!-- ${'x'.repeat(100_000)} -->`;
function secret(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  // Every value here is memoised, and each is new: a UUID, a path, a usage name.
  return `<secret ephemeral='no' private='no'>${padding}<uuid>c2c5a9b0-8c3a-4e0a-9a0e-${hex}</uuid>` +
    `<usage type='volume'><volume>/var/lib/libvirt/images/volume-${hex}.qcow2</volume></usage></secret>`;
}

function heapAfter(documents: number, from: number): number {
  for (let i = from; i < from + documents; i++) {
    if (!validate(secret(i)).valid) throw new Error(`document ${i} is invalid`);
  }
  gc!();
  return process.memoryUsage().heapUsed;
}

function heapAfterUnknownRoots(documents: number, from: number): number {
  for (let i = from; i < from + documents; i++) {
    try {
      parse(`<x${i.toString().padStart(2_000, '0')}/>`);
      throw new Error('an unknown root was read');
    } catch (e) {
      if (!(e instanceof ModelParseError)) throw e;
    }
  }
  gc!();
  return process.memoryUsage().heapUsed;
}

const early = heapAfter(50, 0);
const late = heapAfter(550, 50);
const modelEarly = heapAfterUnknownRoots(100, 0);
const modelLate = heapAfterUnknownRoots(10_000, 100);
process.stdout.write(JSON.stringify({ early, late, modelEarly, modelLate }) + '\n');
