import type { ParseXmlOptions } from './options.js';
import { readXml } from './reader.js';

/**
 * Checks that `text` is a well-formed, namespace-well-formed document without building a tree.
 * It runs every check {@link parseXml} runs and throws the same {@link XmlSyntaxError}s.
 */
export function scanXml(text: string, options?: ParseXmlOptions): void {
  readXml(text, options, false);
}
