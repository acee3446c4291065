/**
 * Parse throughput on the libvirt 11.3.0 corpus, held in memory: MB/s for scanXml (checks only)
 * and parseXml (full tree), median of 5 runs after a warm-up.
 *
 *   npx tsx bench/parse-speed.ts [path/to/libvirt/<version>]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseXml, scanXml } from '../src/xml/dom/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const release = resolve(process.argv[2] ?? join(here, '../../shared/libvirt/11.3.0'));
const manifest = JSON.parse(readFileSync(join(release, 'manifest.json'), 'utf8')) as {
  documents: { path: string }[];
};
const texts = manifest.documents.map((doc) => readFileSync(join(release, 'corpus', doc.path), 'utf8'));
// Bytes of UTF-8 input; the corpus is ASCII, so this is also the character count.
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);

function measure(label: string, run: (text: string) => unknown): void {
  const pass = (): number => {
    const start = process.hrtime.bigint();
    for (const text of texts) run(text);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  for (let i = 0; i < 3; i++) pass();
  const times = Array.from({ length: 5 }, pass).sort((a, b) => a - b);
  const median = times[2]!;
  const rate = bytes / 1e6 / (median / 1000);
  console.log(`${label.padEnd(9)} ${rate.toFixed(1).padStart(7)} MB/s  (median ${median.toFixed(1)} ms; runs ${times.map((t) => t.toFixed(1)).join(', ')})`);
}

console.log(`${texts.length} documents, ${(bytes / 1e6).toFixed(2)} MB from ${release}`);
measure('scanXml', scanXml);
measure('parseXml', parseXml);
