import { parseXml, XmlSyntaxError } from '../src/xml/dom/index.js';
import type { XmlDocument } from '../src/xml/dom/types.js';
import type { SourceLocation } from './rng-ast.js';

/** A schema problem codegen cannot handle; always names the place in the schema. */
export class CodegenError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly loc?: SourceLocation,
  ) {
    super(loc ? `${loc.file}:${loc.line}:${loc.column}: ${message} [${code}]` : `${message} [${code}]`);
    this.name = 'CodegenError';
  }
}

/** A schema file's XML; a file that is not well-formed is a CodegenError at its file, line and column. */
export function parseSchemaXml(text: string, file: string): XmlDocument {
  try {
    return parseXml(text);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    throw new CodegenError('schema-not-well-formed', e.detail, { file, line: e.line, column: e.column });
  }
}
