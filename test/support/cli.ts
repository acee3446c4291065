/** Runs the CLI in-process with captured output. */
import { readFileSync } from 'node:fs';
import { readUtf8Exactly, runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(args: string[], stdin: string | Uint8Array = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (p) => readFileSync(p),
    readUtf8: readUtf8Exactly,
    readStdin: () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}
