/** Builds an in-memory schema folder from RELAX NG snippets for pass tests. */
import type { SchemaReader } from '../../codegen/passes/load.js';

export const RNG = 'xmlns="http://relaxng.org/ns/structure/1.0"';

export function schemaFiles(files: Record<string, string>): SchemaReader {
  return (name) => {
    const text = files[name];
    if (text === undefined) throw new Error(`no such file ${name}`);
    return text;
  };
}
