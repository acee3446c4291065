import type { ParseXmlOptions } from './options.js';
import { readXml } from './reader.js';
import type { XmlDocument } from './types.js';

/**
 * Parses a complete XML 1.0 document (with namespaces) into a lossless tree.
 *
 * Nothing outside `text` is ever read: external entities are refused and internal entity
 * expansion is bounded (see {@link ParseXmlOptions}). Throws {@link XmlSyntaxError} on the first
 * well-formedness error.
 *
 * @example
 * ```ts
 * import { parseXml, serializeXml } from 'virtxml';
 *
 * const xml = "<disk type='file'>\n  <!-- the boot disk -->\n  <source file='/var/lib/libvirt/images/a.qcow2'/>\n</disk>\n";
 * const doc = parseXml(xml);
 * console.log(doc.root.name, doc.root.attributes[0]?.value); // disk file
 * console.log(serializeXml(doc) === xml); // true
 * ```
 */
export function parseXml(text: string, options?: ParseXmlOptions): XmlDocument {
  return readXml(text, options, true)!;
}
