export { parseXml } from './parse.js';
export { scanXml } from './scan.js';
export { serializeXml } from './serialize.js';
export { LineMap } from './line-map.js';
export { XmlSyntaxError, type XmlSyntaxErrorCode } from './errors.js';
export type { ParseXmlOptions } from './options.js';
export { DEFAULT_MAX_ENTITY_DEPTH, DEFAULT_MAX_ENTITY_EXPANSION } from './options.js';
export { XML_NAMESPACE, XMLNS_NAMESPACE } from './namespaces.js';
export type * from './types.js';
