/**
 * virtxml: libvirt's XML as typed, immutable TypeScript values, validated against libvirt's own
 * RELAX NG grammars, parsed and formatted without losing a byte.
 *
 * @packageDocumentation
 */
export { validate, compiledValidator, CompiledValidator, formatDiagnostic } from './xml/validate/index.js';
export type { ValidateOptions, ValidationResult, Diagnostic, Severity } from './xml/validate/index.js';
export {
  LIBVIRT_RELEASES,
  PINNED_RELEASE,
  ROOT_NAMES,
  ROOT_ELEMENTS,
  type LibvirtRelease,
  type RootName,
} from './model/generated/grammar/index.js';
export { parseXml, serializeXml, scanXml, XmlSyntaxError, LineMap } from './xml/dom/index.js';
export type { XmlDocument, XmlElement, XmlAttribute, XmlNode } from './xml/dom/index.js';
export * from './model/index.js';
