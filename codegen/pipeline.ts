/**
 * The order of the codegen passes, written down once:
 *   load (rng files → LoadedGrammar) → simplify (→ interned patterns) → emit-grammar (→ tables)
 *   and, for the pinned release, shape (all roots' LoadedGrammars → ShapeModel: types, names,
 *   unions) → emit-types (→ model types and binding tables per schema file) and, from the same
 *   ShapeModel, emit-json-schema (→ a JSON Schema per root and all definitions for validateModel).
 */
import { emitGrammarModule, emitGrammarRegistry, emitGrammarSources, type GeneratedFile, type ReleaseRoots } from './passes/emit-grammar.js';
import { emitJsonSchemas } from './passes/emit-json-schema.js';
import { emitTypes } from './passes/emit-types.js';
import { shapeModel } from './passes/shape.js';
import { compileRelease, type ReleaseInput } from './compile.js';

export { compileRelease, compileRoot, type CompiledRoot, type ReleaseInput } from './compile.js';

/** Every generated file for the given releases, in a deterministic order. */
export function generate(releases: readonly ReleaseInput[], pinned: string): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const registry: ReleaseRoots[] = [];
  for (const input of releases) {
    const compiled = compileRelease(input);
    for (const c of compiled) files.push(emitGrammarModule(c.table, c.file));
    if (input.release === pinned) {
      const model = shapeModel(input.release, compiled.map((c) => ({ root: c.root, grammar: c.loaded })));
      files.push(...emitTypes(model), ...emitJsonSchemas(model));
    }
    registry.push({ release: input.release, roots: new Map(compiled.map((c) => [c.root, c.rootElements])) });
  }
  files.push(emitGrammarRegistry(registry, pinned), ...emitGrammarSources(registry));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
