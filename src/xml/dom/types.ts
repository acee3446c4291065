/**
 * The lossless XML tree produced by {@link parseXml}.
 *
 * Every byte of the source can be recovered from this tree: nodes keep their decoded values
 * (what validation and the model read) and their raw spellings (what the `preserve` formatter
 * writes back). Positions are stored as UTF-16 offsets; {@link LineMap} turns them into
 * 1-based line and column numbers only when a diagnostic needs them.
 */

/** A 1-based line and column (column counted in UTF-16 code units) plus the 0-based offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export type XmlNode = XmlElement | XmlText | XmlCData | XmlComment | XmlProcessingInstruction;

/** Nodes that may stand before or after the root element. */
export type XmlMiscNode = XmlText | XmlComment | XmlProcessingInstruction | XmlDoctype;

export interface XmlAttribute {
  /** The qualified name as written, e.g. `xmlns:qemu` or `type`. */
  readonly name: string;
  /** Prefix as written ('' when none). */
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI; '' for unprefixed attributes; the XMLNS namespace for declarations. */
  readonly ns: string;
  /** Value after entity expansion and attribute-value normalisation (XML 1.0 §3.3.3). */
  readonly value: string;
  /** The text between the quotes exactly as written. */
  readonly raw: string;
  readonly quote: '"' | "'";
  /** Whitespace before the name, as written. */
  readonly before: string;
  /** Everything between the name and the opening quote, e.g. `=` or ` = `. */
  readonly eq: string;
  /** Offset of the first character of the name. */
  readonly offset: number;
}

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI in scope for the element ('' for none). */
  readonly ns: string;
  /** All attributes in source order, namespace declarations (`xmlns`, `xmlns:p`) included. */
  readonly attributes: XmlAttribute[];
  readonly children: XmlNode[];
  /** True for `<a/>`. */
  readonly selfClosing: boolean;
  /** Whitespace between the last attribute (or name) and `>` or `/>`. */
  readonly startTagTail: string;
  /** Whitespace between the name and `>` in the end tag (`</a  >`), '' when self-closing. */
  readonly endTagTail: string;
  /** Offset of `<` of the start tag. */
  readonly offset: number;
  /** Offset just after `>` of the start tag. */
  readonly startTagEnd: number;
  /** Offset just after the end tag (or the self-closing start tag). */
  readonly end: number;
}

export interface XmlText {
  readonly kind: 'text';
  /** Decoded text (entity and character references expanded, line ends normalised to LF). */
  readonly value: string;
  /** The text exactly as written. */
  readonly raw: string;
  readonly offset: number;
}

export interface XmlCData {
  readonly kind: 'cdata';
  /** The section's content with line ends normalised to LF. */
  readonly value: string;
  /**
   * The content between `<![CDATA[` and `]]>` exactly as written. Set by the parser; nodes made
   * by hand may leave it out, and `value` is written instead.
   */
  readonly raw?: string;
  readonly offset: number;
}

export interface XmlComment {
  readonly kind: 'comment';
  /** Text between `<!--` and `-->`, exactly as written (line ends are not normalised). */
  readonly value: string;
  readonly offset: number;
}

export interface XmlProcessingInstruction {
  readonly kind: 'pi';
  readonly target: string;
  /** Everything after the target up to `?>`, leading whitespace included, exactly as written. */
  readonly data: string;
  readonly offset: number;
}

export interface XmlDoctype {
  readonly kind: 'doctype';
  /** The whole declaration as written, from `<!DOCTYPE` to the final `>`. */
  readonly raw: string;
  readonly offset: number;
}

export interface XmlDeclaration {
  /** The whole declaration as written, from `<?xml` to `?>`. */
  readonly raw: string;
  readonly version: string;
  readonly encoding?: string;
  readonly standalone?: string;
}

export interface XmlDocument {
  /** True when the source starts with a byte-order mark (U+FEFF), which is not part of any node. */
  readonly bom?: boolean;
  readonly declaration?: XmlDeclaration;
  /** Whitespace, comments, PIs and the doctype before the root element, in order. */
  readonly prolog: XmlMiscNode[];
  readonly root: XmlElement;
  /** Whitespace, comments and PIs after the root element, in order. */
  readonly epilog: XmlMiscNode[];
  /** The source text the offsets refer to. */
  readonly source: string;
}
