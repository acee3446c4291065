/**
 * What a CLI command may touch, passed in so commands can be tested without a process:
 * output streams, files, and standard input.
 */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** A file's bytes: commands decode them as XML says (see decodeXmlBytes), never with replacement characters. */
  readonly readFile: (path: string) => Uint8Array;
  /**
   * A faster way to the same text for most files: the file read as UTF-8 by the platform when
   * that reading is exact (see isExactUtf8Reading), else undefined and the bytes are decoded.
   */
  readonly readUtf8?: (path: string) => string | undefined;
  /** Reads all of standard input (for the `-` argument). */
  readonly readStdin: () => Uint8Array;
  readonly cwd: string;
  /** Whether standard output / error is a terminal (colours, progress); false when absent. */
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  /** The environment (`NO_COLOR`, …); the process's when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
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
