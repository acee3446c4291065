/**
 * Compiles the working tree (src and bench) with the project's own tsc into a cache directory,
 * so every measured process runs plain JavaScript as the built package would. An on-the-fly
 * TypeScript loader adds about 0.4 s and 40 MB to each process, which would swamp the rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const REPO_DIR = resolve(here, '..');
export const BUILD_DIR = join(REPO_DIR, 'node_modules/.cache/virtxml-bench');

export interface BuildOutput {
  readonly workerScript: string;
  readonly cliScript: string;
  /** Type errors tsc reported (JavaScript is emitted regardless); empty when clean. */
  readonly typeErrors: string[];
  readonly ms: number;
}

export function buildForBench(): BuildOutput {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const start = performance.now();
  const result = spawnSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.build.json')], { cwd: REPO_DIR, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.error) throw new Error(`cannot run tsc: ${result.error.message}`);
  const typeErrors = `${result.stdout}${result.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
  const workerScript = join(BUILD_DIR, 'bench/worker.js');
  const cliScript = join(BUILD_DIR, 'src/cli/bin.js');
  for (const needed of [workerScript, join(BUILD_DIR, 'src/xml/validate/index.js'), join(BUILD_DIR, 'src/xml/dom/index.js')]) {
    if (!existsSync(needed)) throw new Error(`tsc did not produce ${needed}:\n${result.stdout}${result.stderr}`);
  }
  return { workerScript, cliScript, typeErrors, ms };
}
