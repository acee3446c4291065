/**
 * The order of the codegen passes, written down once:
 *   load (rng files → LoadedGrammar) → simplify (→ interned patterns) → emit-grammar (→ tables)
 *   and, for the pinned release, shape (all roots' LoadedGrammars → ShapeModel: types, names,
 *   unions) → emit-types (→ model types and binding tables per schema file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listNames } from '../src/xml/grammar/name-class.js';
import type { Pattern } from '../src/xml/grammar/pattern.js';
import { writeGrammarTable, type GrammarTable } from '../src/xml/grammar/table.js';
import { CodegenError } from './errors.js';
import { emitGrammarModule, emitGrammarRegistry, type GeneratedFile, type ReleaseRoots } from './passes/emit-grammar.js';
import { emitTypes } from './passes/emit-types.js';
import { loadGrammar } from './passes/load.js';
import { shapeModel } from './passes/shape.js';
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

/** Every generated file for the given releases, in a deterministic order. */
export function generate(releases: readonly ReleaseInput[], pinned: string): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const registry: ReleaseRoots[] = [];
  for (const input of releases) {
    const compiled = compileRelease(input);
    for (const c of compiled) files.push(emitGrammarModule(c.table, c.file));
    if (input.release === pinned) files.push(...emitTypes(shapeModel(input.release, compiled.map((c) => ({ root: c.root, grammar: c.loaded })))));
    registry.push({ release: input.release, roots: new Map(compiled.map((c) => [c.root, c.rootElements])) });
  }
  files.push(emitGrammarRegistry(registry, pinned));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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
