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

/**
 * Wall-clock time is what users see; CPU time of this process is shown next to it because it is
 * steadier when other work shares the machine.
 */
function measure(label: string, run: (text: string) => unknown): void {
  const pass = (): { wall: number; cpu: number } => {
    const wallStart = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for (const text of texts) run(text);
    const cpu = process.cpuUsage(cpuStart);
    return { wall: Number(process.hrtime.bigint() - wallStart) / 1e6, cpu: (cpu.user + cpu.system) / 1000 };
  };
  for (let i = 0; i < 3; i++) pass();
  const runs = Array.from({ length: 5 }, pass);
  const median = (values: number[]): number => values.sort((a, b) => a - b)[2]!;
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const rate = (ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(1).padStart(6);
  console.log(
    `${label.padEnd(9)} ${rate(wall)} MB/s wall (median ${wall.toFixed(1)} ms)   ${rate(cpu)} MB/s CPU (median ${cpu.toFixed(1)} ms)`,
  );
}

console.log(`${texts.length} documents, ${(bytes / 1e6).toFixed(2)} MB from ${release}`);
measure('scanXml', scanXml);
measure('parseXml', parseXml);
