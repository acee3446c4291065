/**
 * Expands CLI operands into input documents: files as given, directories walked for `*.xml`
 * (sorted, so output order is stable), `-` for standard input.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface InputRef {
  /** The name shown in output: the path as given or found, or `<stdin>`. */
  readonly name: string;
  /** Path to read, or undefined for standard input. */
  readonly path: string | undefined;
}

export interface ExpandedInputs {
  readonly inputs: InputRef[];
  /** Operands that could not be opened, with the reason. */
  readonly errors: { readonly name: string; readonly message: string }[];
}

export function expandInputs(operands: readonly string[]): ExpandedInputs {
  const inputs: InputRef[] = [];
  const errors: { name: string; message: string }[] = [];
  for (const op of operands) {
    if (op === '-') {
      inputs.push({ name: '<stdin>', path: undefined });
      continue;
    }
    try {
      if (statSync(op).isDirectory()) inputs.push(...walkXml(op).map((p) => ({ name: p, path: p })));
      else inputs.push({ name: op, path: op });
    } catch (e) {
      errors.push({ name: op, message: ioMessage(e) });
    }
  }
  return { inputs, errors };
}

function walkXml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...walkXml(path));
    else if (name.endsWith('.xml')) out.push(path);
  }
  return out;
}

/** A one-line reason for a failed file operation, without a stack trace. */
export function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return err.message ?? String(e);
  }
}

/** What {@link readEachInput} saw: whether any operand or file could not be read. */
export interface ReadOutcome {
  readonly ioFailed: boolean;
  /** How many inputs were read and handed on. */
  readonly count: number;
}

/**
 * Expands the operands and hands each readable input's text to `handle`, in order. Operands and
 * files that cannot be read are reported on stderr, one line each, and the rest go on.
 */
export function readEachInput(
  operands: readonly string[],
  io: { readonly stderr: (t: string) => void; readonly readFile: (p: string) => string; readonly readStdin: () => string },
  handle: (input: InputRef, text: string) => void,
): ReadOutcome {
  const { inputs, errors } = expandInputs(operands);
  let ioFailed = errors.length > 0;
  for (const e of errors) io.stderr(`${e.name}: error: ${e.message}\n`);
  let count = 0;
  for (const input of inputs) {
    let text: string;
    try {
      text = input.path === undefined ? io.readStdin() : io.readFile(input.path);
    } catch (e) {
      io.stderr(`${input.name}: error: ${ioMessage(e)}\n`);
      ioFailed = true;
      continue;
    }
    count++;
    handle(input, text);
  }
  return { ioFailed, count };
}
