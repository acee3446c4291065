/**
 * `virtxml/validate`: validation alone. The same functions as the package root, without the
 * model, its formatter and its JSON Schema support, so a process that only checks documents
 * (a CI step, a request filter) loads about half as much code before its first document.
 *
 * @packageDocumentation
 */
export {
  validate,
  validateAsync,
  loadGrammar,
  GrammarNotLoadedError,
  compiledValidator,
  CompiledValidator,
  formatDiagnostic,
} from './xml/validate/index.js';
export type { ValidateOptions, ValidationResult, Diagnostic, DiagnosticCode, ValidationCode, Severity, CompiledValidatorOptions, MemoBudget } from './xml/validate/index.js';
export { decodeXmlBytes, isExactUtf8Reading, XmlEncodingError, type DecodedXml } from './xml/dom/decode.js';
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH } from './xml/dom/options.js';
export {
  LIBVIRT_RELEASES,
  PINNED_RELEASE,
  ROOT_NAMES,
  ROOT_ELEMENTS,
  type LibvirtRelease,
  type RootName,
} from './model/generated/grammar/index.js';
