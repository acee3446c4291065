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
