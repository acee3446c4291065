import type { ParseXmlOptions } from './options.js';
import { readXml } from './reader.js';
import type { XmlDocument } from './types.js';

/**
 * Parses a complete XML 1.0 document (with namespaces) into a lossless tree.
 *
 * Nothing outside `text` is ever read: external entities are refused and internal entity
 * expansion is bounded (see {@link ParseXmlOptions}). Throws {@link XmlSyntaxError} on the first
 * well-formedness error.
 */
export function parseXml(text: string, options?: ParseXmlOptions): XmlDocument {
  return readXml(text, options, true)!;
}
