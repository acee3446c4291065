/**
 * What a reader reports to a consumer that wants the content of a document without its tree:
 * the elements with their expanded names and attribute values, and the character data inside
 * the root. Comments, processing instructions and everything outside the root are not reported.
 */
export interface XmlEventSink {
  /**
   * A start tag. `attributes` is reused from tag to tag: read it during the call only.
   * Returns false to stop reading.
   */
  startElement(ns: string, local: string, attributes: XmlEventAttributes): boolean;
  /** Character data inside the root: a text run between markup, or a CDATA section's content. */
  text(value: string): void;
  /** The end of the innermost open element (also sent right after a self-closing tag). Returns false to stop reading. */
  endElement(): boolean;
}

/** The attributes of one start tag as parallel arrays; only the first `count` entries are current. */
export interface XmlEventAttributes {
  count: number;
  readonly ns: string[];
  readonly local: string[];
  readonly value: string[];
}
