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
  /** Event codes, each followed by its numeric operands (see the constants above); the first `codeCount` are the document's. */
  readonly codes: number[] = [];
  codeCount = 0;
  /** The events' strings, in order; the first `stringCount` are the document's. */
  readonly strings: string[] = [];
  stringCount = 0;

  /**
   * Empties the log for the next document. The arrays keep their storage (setting an array's
   * length to 0 would free it, and every document would grow it again); a log that held a very
   * large document lets it go, so as not to keep that document's strings alive.
   */
  clear(): void {
    this.codeCount = 0;
    this.stringCount = 0;
    if (this.strings.length > RETAINED_STRINGS) {
      this.codes.length = 0;
      this.strings.length = 0;
    }
  }
}

/** About the strings of a 1 MB document. */
const RETAINED_STRINGS = 1 << 16;
