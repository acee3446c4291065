import type { Diagnostic } from '../validate/diagnostic.js';
import { formatDiagnostic } from '../validate/diagnostic.js';

/**
 * A document could not be read into the model: it is not well-formed XML, or its document
 * element is not one the schema roots accept. `diagnostics` has the details in the same shape
 * as validation's.
 */
export class ModelParseError extends Error {
  override readonly name = 'ModelParseError';
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.diagnostics = diagnostics;
  }
}

/** A model value that cannot be written as XML (a wrong type in an object built in code). */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
  constructor(
    readonly code: 'bad-value' | 'unknown-namespace' | 'not-a-model-object' | 'too-deep',
    message: string,
    /** Where in the tree, e.g. `/domain/devices/disk[2]/@device`. */
    readonly path: string,
  ) {
    super(`${path}: ${message} [${code}]`);
  }
}
