/** Runs the CLI in-process with captured output. */
import { readFileSync } from 'node:fs';
import { readUtf8Exactly, runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What a run may change about its surroundings: the working directory, terminals, the environment. */
export interface CliOptions {
  readonly cwd?: string;
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export async function cli(args: string[], stdin: string | Uint8Array = '', options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (p) => readFileSync(p),
    readUtf8: readUtf8Exactly,
    readStdin: () => (typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin),
    cwd: options.cwd ?? process.cwd(),
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}
