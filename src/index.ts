/**
 * virtxml: libvirt's XML as typed, immutable TypeScript values, validated against libvirt's own
 * RELAX NG grammars, parsed and formatted without losing a byte.
 *
 * @packageDocumentation
 */
export * from './validate.js';
export { parseXml, serializeXml, scanXml, XmlSyntaxError, LineMap } from './xml/dom/index.js';
export type {
  XmlDocument,
  XmlElement,
  XmlAttribute,
  XmlNode,
  XmlText,
  XmlCData,
  XmlComment,
  XmlProcessingInstruction,
  XmlDeclaration,
  XmlMiscNode,
  XmlDoctype,
  SourcePosition,
  ParseXmlOptions,
  XmlSyntaxErrorCode,
} from './xml/dom/index.js';
export * from './model/index.js';
