/**
 * What a CLI command may touch, passed in so commands can be tested without a process:
 * output streams, files, and standard input.
 */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  /** Reads all of standard input (for the `-` argument). */
  readonly readStdin: () => string;
  readonly cwd: string;
}

/** Exit codes shared by all commands. */
export const EXIT_OK = 0;
/** Some input is invalid (or, for schema-diff, something was removed). */
export const EXIT_FINDINGS = 1;
/** Usage or I/O error. */
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A command: takes its own arguments (after the command name), returns the exit code. */
export type Command = (args: readonly string[], io: CliIO) => number | Promise<number>;
