/**
 * The grammar half of the pipeline (load → simplify → table) for one release, without the model
 * passes: what the runtime tools need to compile a schema folder (e.g. `virtxml schema-diff DIR`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listNames } from '../src/xml/grammar/name-class.js';
import type { Pattern } from '../src/xml/grammar/pattern.js';
import { writeGrammarTable, type GrammarTable } from '../src/xml/grammar/table.js';
import { CodegenError } from './errors.js';
import { loadGrammar } from './passes/load.js';
import { simplifyGrammar, type SimplifiedGrammar } from './passes/simplify.js';
import type { LoadedGrammar } from './rng-ast.js';
import { findRoots } from './schema-set.js';

export interface ReleaseInput {
  readonly release: string;
  /** Folder holding the release's `.rng` files. */
  readonly dir: string;
}

export interface CompiledRoot {
  readonly root: string;
  readonly file: string;
  readonly loaded: LoadedGrammar;
  readonly simplified: SimplifiedGrammar;
  readonly table: GrammarTable;
  /** Local names of the possible document elements. */
  readonly rootElements: readonly string[];
}

export function compileRoot(input: ReleaseInput, file: string): CompiledRoot {
  const loaded = loadGrammar(file, (name) => readFileSync(join(input.dir, name), 'utf8'));
  const simplified = simplifyGrammar(loaded);
  const root = file.replace(/\.rng$/, '');
  const table = writeGrammarTable(simplified.start, input.release, root);
  return { root, file, loaded, simplified, table, rootElements: startElementNames(simplified.start, file) };
}

export function compileRelease(input: ReleaseInput): CompiledRoot[] {
  return findRoots(input.dir).map((file) => compileRoot(input, file));
}

function startElementNames(start: Pattern, file: string): string[] {
  const names = new Set<string>();
  const visit = (p: Pattern): void => {
    if (p.kind === 'choice') {
      visit(p.a);
      visit(p.b);
    } else if (p.kind === 'element') {
      for (const n of listNames(p.nameClass)) names.add(n.local);
    }
  };
  visit(start);
  if (names.size === 0) throw new CodegenError('no-root-element', `${file}: the start pattern names no element`);
  return [...names].sort();
}
