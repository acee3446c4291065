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
