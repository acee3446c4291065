/** Reads an expected-failures list: `<release> <path>  # reason` lines; every entry needs a reason. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './corpus.js';

export interface ExpectedFailure {
  readonly release: string;
  readonly path: string;
  readonly reason: string;
}

export function readExpectedFailures(file: string): ExpectedFailure[] {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  const out: ExpectedFailure[] = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^(\S+)\s+(\S+)\s+#\s*(\S.*)$/.exec(trimmed);
    if (!m) throw new Error(`${file}:${i + 1}: expected "<release> <path>  # reason", got "${trimmed}"`);
    out.push({ release: m[1]!, path: m[2]!, reason: m[3]! });
  });
  return out;
}
