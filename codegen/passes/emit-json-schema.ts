/**
 * emit-json-schema: prints the {@link ShapeModel} — the same plan the model types come from —
 * as JSON Schema (draft 2020-12): one self-contained document per root under
 * `src/model/generated/json-schema/<root>.ts`, and an index holding every definition once with
 * each root's document types, which `validateModel` compiles.
 */
import { rootJsonSchema, type JsonSchemaRoot, type ModelJsonSchemaSet } from '../../src/xml/model/validate-model-document.js';
import { generatedHeader } from '../version.js';
import type { GeneratedFile } from './emit-grammar.js';
import { modelDefinitions } from './emit-json-schema-defs.js';
import { patternSources } from './emit-json-schema-values.js';
import type { ShapeModel } from './shape-ir.js';

export const JSON_SCHEMA_DIR = 'src/model/generated/json-schema';

export function modelJsonSchemaSet(model: ShapeModel): ModelJsonSchemaSet {
  const roots: Record<string, JsonSchemaRoot> = {};
  for (const r of model.roots) {
    roots[r.root] = { file: r.file, elements: r.elements.map((e) => e.local), types: [...new Set(r.elements.map((e) => e.type))] };
  }
  const defs = modelDefinitions(model);
  return { libvirt: model.release, roots, defs: Object.fromEntries(defs), patterns: patternSources(defs.values()) };
}

export function emitJsonSchemas(model: ShapeModel): GeneratedFile[] {
  const set = modelJsonSchemaSet(model);
  const files: GeneratedFile[] = model.roots.map((r) => ({
    path: `${JSON_SCHEMA_DIR}/${r.root}.ts`,
    content:
      generatedHeader(model.release, r.file) +
      `/** The JSON Schema (draft 2020-12) of the model of \`${r.file}\` documents, as JSON text. */\n` +
      `export const jsonSchemaJson: string = ${JSON.stringify(JSON.stringify(rootJsonSchema(set, r.root)))};\n`,
  }));
  files.push({
    path: `${JSON_SCHEMA_DIR}/index.ts`,
    content:
      generatedHeader(model.release, 'schemas (all roots)') +
      `/** Every JSON Schema definition of the model, keyed by type name, with each root's document types (JSON text). */\n` +
      `export const MODEL_JSON_SCHEMA_JSON: string = ${JSON.stringify(JSON.stringify(set))};\n`,
  });
  return files;
}
