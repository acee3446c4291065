/**
 * The content of a document without its tree, as a reader records it: the elements with their
 * expanded names and attribute values, and the character data inside the root, in document
 * order. Comments, processing instructions and everything outside the root are left out.
 *
 * It is a flat log rather than callbacks so that reading and consuming run as two separate
 * loops: each stays small enough for the JIT to optimise quickly and on its own.
 */

/** `[START_ELEMENT, attributeCount]`; strings: ns, local, then ns, local, value per attribute. */
export const START_ELEMENT = 0;
/** `[TEXT]`; strings: the value (a text run between markup, or a CDATA section's content). */
export const TEXT = 1;
/** `[END_ELEMENT]` (also logged right after a self-closing tag). */
export const END_ELEMENT = 2;

export class XmlEventLog {
  /** Event codes, each followed by its numeric operands (see the constants above). */
  readonly codes: number[] = [];
  /** The events' strings, in order. */
  readonly strings: string[] = [];

  /** Empties the log for the next document, keeping its storage. */
  clear(): void {
    this.codes.length = 0;
    this.strings.length = 0;
  }
}
