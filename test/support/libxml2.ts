/**
 * libxml2 (through libxmljs2, a dev dependency) as a reference validator: libvirt's own
 * `virt-xml-validate` uses the same engine. Absent when the native module failed to build;
 * tests then skip with the reason.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

interface LibxmlDocument {
  rngValidate(schema: LibxmlDocument): boolean;
}
interface Libxmljs {
  parseXml(text: string, options?: { baseUrl?: string; nonet?: boolean; noent?: boolean }): LibxmlDocument;
}

let loaded: Libxmljs | undefined;
let loadError: string | undefined;
try {
  loaded = createRequire(import.meta.url)('libxmljs2') as Libxmljs;
} catch (e) {
  loadError = `libxmljs2 is not available (${(e as Error).message.split('\n')[0]}); run npm ci with a C++ compiler`;
}

export const libxml2Missing: string | undefined = loadError;

/** Validates documents against one schema file; the schema is compiled once. */
export class Libxml2Validator {
  private readonly schema: LibxmlDocument;
  constructor(schemaDir: string, schemaFile: string) {
    if (loaded === undefined) throw new Error(loadError);
    this.schema = loaded.parseXml(readFileSync(join(schemaDir, schemaFile), 'utf8'), { baseUrl: join(schemaDir, '/'), nonet: true });
  }
  /** True when libxml2 accepts the document; a document that is not well-formed is invalid. */
  isValid(xml: string): boolean {
    let doc: LibxmlDocument;
    try {
      doc = loaded!.parseXml(xml, { nonet: true });
    } catch {
      return false;
    }
    try {
      return doc.rngValidate(this.schema);
    } catch {
      return false;
    }
  }
}

/** One validator per (schema folder, schema file), shared within a test file. */
export function libxml2For(schemaDir: string): (schemaFile: string) => Libxml2Validator {
  const cache = new Map<string, Libxml2Validator>();
  return (schemaFile) => {
    let v = cache.get(schemaFile);
    if (v === undefined) cache.set(schemaFile, (v = new Libxml2Validator(schemaDir, schemaFile)));
    return v;
  };
}
