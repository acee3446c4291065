/** Runs the CLI in-process with captured output. */
import { readFileSync } from 'node:fs';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(args: string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (p) => readFileSync(p, 'utf8'),
    readStdin: () => stdin,
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}
