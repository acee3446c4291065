/**
 * `virtxml schema-diff OLD NEW [--format text|json] [--root NAME]`: what changed between two
 * libvirt grammars. OLD and NEW are shipped release names or folders of `.rng` files, which
 * are compiled with the codegen passes. Exit 1 when anything was removed or narrowed.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileRelease } from '../../codegen/compile.js';
import { diffGrammarTables, hasNarrowing } from '../compat/schema-diff.js';
import { isShippedRelease, releaseTables } from '../compat/release-grammars.js';
import { renderDiffText } from '../compat/render-diff.js';
import type { GrammarTable } from '../xml/grammar/table.js';
import { LIBVIRT_RELEASES } from '../model/generated/grammar/index.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './io.js';

export const SCHEMA_DIFF_USAGE = `usage: virtxml schema-diff OLD NEW [--format text|json] [--root NAME]
  OLD, NEW   a shipped libvirt release (${LIBVIRT_RELEASES.join(', ')}) or a folder of .rng schemas
  --format   text (default) or json
  --root     compare only this schema root (e.g. domain); may be repeated
exit status: 0 nothing removed or narrowed, 1 something was, 2 usage or schema error`;

interface SchemaDiffArgs {
  readonly old: string;
  readonly new: string;
  readonly format: 'text' | 'json';
  readonly roots: readonly string[];
}

export const schemaDiffCommand: Command = (args, io) => {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(`${SCHEMA_DIFF_USAGE}\n`);
    return EXIT_OK;
  }
  try {
    const options = parseArgs(args);
    const oldTables = filterRoots(grammarTables(options.old, io), options.roots);
    const newTables = filterRoots(grammarTables(options.new, io), options.roots);
    for (const root of options.roots) {
      if (!oldTables.has(root) && !newTables.has(root)) throw new UsageError(`neither ${options.old} nor ${options.new} has a schema root "${root}"`);
    }
    const diff = diffGrammarTables(options.old, oldTables, options.new, newTables);
    io.stdout(options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffText(diff));
    return hasNarrowing(diff) ? EXIT_FINDINGS : EXIT_OK;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`virtxml schema-diff: ${e.message}\n${SCHEMA_DIFF_USAGE}\n`);
    return EXIT_USAGE;
  }
};

function parseArgs(args: readonly string[]): SchemaDiffArgs {
  const positional: string[] = [];
  const roots: string[] = [];
  let format: 'text' | 'json' = 'text';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
      format = f;
    } else if (flag === '--root') roots.push(value());
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 2) throw new UsageError(`expected OLD and NEW, got ${positional.length} argument${positional.length === 1 ? '' : 's'}`);
  return { old: positional[0]!, new: positional[1]!, format, roots };
}

/** A shipped release's tables, or a schema folder compiled on the spot. */
function grammarTables(operand: string, io: CliIO): Map<string, GrammarTable> {
  if (isShippedRelease(operand)) return releaseTables(operand);
  const dir = resolve(io.cwd, operand);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`"${operand}" is neither a shipped release (${LIBVIRT_RELEASES.join(', ')}) nor a folder`);
  }
  let compiled;
  try {
    compiled = compileRelease({ release: operand, dir });
  } catch (e) {
    throw new UsageError(`cannot compile the schemas in ${operand}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (compiled.length === 0) throw new UsageError(`${operand} holds no schema with a <start> (no .rng root)`);
  return new Map(compiled.map((c) => [c.root, c.table]));
}

function filterRoots(tables: Map<string, GrammarTable>, roots: readonly string[]): Map<string, GrammarTable> {
  if (roots.length === 0) return tables;
  return new Map([...tables].filter(([root]) => roots.includes(root)));
}
