import type { ParseXmlOptions } from './options.js';
import { readXml } from './reader.js';

/**
 * Checks that `text` is a well-formed, namespace-well-formed document without building a tree.
 * It runs every check {@link parseXml} runs and throws the same {@link XmlSyntaxError}s.
 *
 * @example
 * ```ts
 * import { scanXml, XmlSyntaxError } from 'virtxml';
 *
 * try {
 *   scanXml('<domain>\n  <name>web01</nam>\n</domain>');
 * } catch (e) {
 *   if (e instanceof XmlSyntaxError) console.log(e.code, `${e.line}:${e.column}`); // mismatched-end-tag 2:14
 * }
 * ```
 */
export function scanXml(text: string, options?: ParseXmlOptions): void {
  readXml(text, options, false);
}
