/**
 * The `virtxml` command: dispatches to one module per subcommand. Every failure ends as a
 * one-line message and an exit code, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { isExactUtf8Reading } from '../xml/dom/decode.js';
import { suggest } from '../xml/validate/suggest.js';
import { packageInfo } from './package-info.js';
import { EXIT_USAGE, UsageError, type CliIO, type Command } from './io.js';

/** Each command's module is imported only when that command runs, so `validate` loads no model code. */
const COMMANDS: Readonly<Record<string, { load: () => Promise<Command>; summary: string }>> = {
  validate: { load: async () => (await import('./validate.js')).validateCommand, summary: 'check documents against libvirt\'s grammar' },
  format: { load: async () => (await import('./format.js')).formatCommand, summary: 'write documents in libvirt\'s style (or check that they are)' },
  'schema-diff': { load: async () => (await import('./schema-diff.js')).schemaDiffCommand, summary: 'list what changed between two libvirt releases\' grammars' },
  lint: { load: async () => (await import('./lint.js')).lintCommand, summary: 'check documents against libvirt\'s define-time rules, for CI' },
  migrate: { load: async () => (await import('./migrate.js')).migrateCommand, summary: 'upgrade legacy forms and runtime state as libvirt would (a diff, or --write)' },
  rules: { load: async () => (await import('./rules.js')).rulesCommand, summary: 'list the lint rules' },
  explain: { load: async () => (await import('./rules.js')).explainCommand, summary: 'explain one lint rule: what, why, examples, libvirt\'s message' },
};

export const USAGE = `usage: virtxml COMMAND [OPTIONS] [ARGS]

commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`).join('\n')}

options:
  -V, --version  print virtxml's version
  -h, --help     print this help

Run \`virtxml help COMMAND\` (or \`virtxml COMMAND --help\`) for a command's options.
exit status: 0 success, 1 findings (invalid documents, lint errors, files that would change), 2 usage or I/O error`;

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...afterFirst] = argv;
  if (first === '--version' || first === '-V') {
    io.stdout(`virtxml ${packageInfo().version}\n`);
    return 0;
  }
  // `virtxml help COMMAND` is `virtxml COMMAND --help`.
  const [name, ...rest] = first === 'help' && afterFirst.length > 0 ? [afterFirst[0]!, '--help'] : argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE + '\n');
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    const close = suggest(name, Object.keys(COMMANDS));
    io.stderr(`virtxml: unknown command "${name}"${close === undefined ? '' : `; did you mean "${close}"?`}\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`virtxml ${name}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // An internal failure still ends as one line; set VIRTXML_DEBUG=1 to see the stack.
    io.stderr(`virtxml ${name}: internal error: ${(e as Error).message ?? String(e)}\n`);
    if (process.env.VIRTXML_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return 70;
  }
}

/**
 * Read options as one object: given the string 'utf8', Node builds an options object on every
 * call; reading the 3473 corpus files took 26–35 ms this way against 31–48 ms.
 */
const AS_TEXT = { encoding: 'utf8' } as const;

/**
 * A file's text through Node's UTF-8 reading, which skips the Buffer (the corpus's 3473 files:
 * 26–33 ms, against 39–60 ms for reading bytes and decoding them), when that reading is exact.
 */
export function readUtf8Exactly(path: string): string | undefined {
  const text = readFileSync(path, AS_TEXT);
  return isExactUtf8Reading(text) ? text : undefined;
}

/** Set when output could not be written for another reason than its reader going away. */
let writeFailure: string | undefined;

/** Why the process's output could not be written (a full disk, a closed descriptor), if it could not. */
export function outputWriteFailure(): string | undefined {
  return writeFailure;
}

/**
 * Writes to a standard stream until it fails. When its reader goes away (`virtxml validate DIR |
 * head`) output stops quietly, as with Unix tools, and the command keeps its own exit code; any
 * other failure stops output too and is remembered, so that the run ends as an I/O error.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let failed = false;
  let listening = false;
  return (text) => {
    // Valid files report nothing: an empty write would still cost a system call per file.
    if (failed || text === '') return;
    if (!listening) {
      listening = true;
      stream.on('error', (e: NodeJS.ErrnoException) => {
        failed = true;
        if (e.code !== 'EPIPE') writeFailure ??= e.message;
      });
    }
    stream.write(text);
  };
}

export const processIO: CliIO = {
  stdout: writerTo(process.stdout),
  stderr: writerTo(process.stderr),
  readFile: (path) => readFileSync(path),
  readUtf8: readUtf8Exactly,
  readStdin: () => readFileSync(0),
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
};
