/**
 * A problem found in a document, positioned for people (line and column) and for tools (path).
 * Shared by validation, parsing and the model layer.
 */
import type { XmlSyntaxErrorCode } from '../dom/errors.js';
import type { ValidationCode } from './messages.js';

export type Severity = 'error' | 'warning';

/**
 * Every code a {@link Diagnostic} can carry, each described in docs/diagnostics.md: validation
 * against the grammar ({@link ValidationCode}), well-formedness ({@link XmlSyntaxErrorCode}),
 * `wrong-root` from `parse` with a schema the document element does not fit, and
 * `unsupported-encoding` from `virtxml format` for a document it does not rewrite.
 */
export type DiagnosticCode = ValidationCode | XmlSyntaxErrorCode | 'wrong-root' | 'unsupported-encoding';

export interface Diagnostic {
  readonly severity: Severity;
  /**
   * Stable kebab-case identifier, e.g. `invalid-attribute-value`; tools switch on it. The
   * catalogue is docs/diagnostics.md.
   */
  readonly code: DiagnosticCode;
  /** One sentence for people; its wording may change between versions, the code does not. */
  readonly message: string;
  /** 1-based line of the offending node. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) of the offending node. */
  readonly column: number;
  /** Where in the tree, e.g. `/domain/devices/disk[2]/@device` (`[n]` only among same-named siblings). */
  readonly path: string;
  /**
   * What would have been accepted at that point, sorted and without duplicates: element names
   * (qualified as in the document), attribute names, or literal values, as the code implies.
   * Complete even when the message shows only the first few.
   */
  readonly expected?: string[];
  /**
   * The regular expressions (`<param name="pattern">` of a `<data>`) that the message quotes, in
   * full and in the order it quotes them; the message shortens those longer than 60 characters.
   * Absent when the message quotes none.
   */
  readonly patterns?: string[];
  /**
   * Only on `too-many-errors`, the last diagnostic of a document that had more than 100: how
   * many errors of each code were left out after the first 100.
   */
  readonly omitted?: Readonly<Record<string, number>>;
}

/**
 * `12:5: error: message [code]`, the one-line form used by the CLI and in test output.
 *
 * @example
 * ```ts
 * import { formatDiagnostic, validate } from 'virtxml/validate';
 *
 * const { diagnostics } = validate("<secret ephemeral='maybe' private='yes'/>");
 * console.log(formatDiagnostic(diagnostics[0]!)); // 1:9: error: value "maybe" of attribute "ephemeral" on <secret> is not allowed; expected one of "no" or "yes" [invalid-attribute-value]
 * ```
 */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`;
}
