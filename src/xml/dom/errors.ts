import type { SourcePosition } from './types.js';

/**
 * Stable identifiers for every way a document can fail to be well-formed (or be refused for
 * safety). Tools may switch on these; the wording of messages may change, the codes do not.
 */
export type XmlSyntaxErrorCode =
  /** A start tag has no matching end tag before the input ends. */
  | 'unclosed-tag'
  /** An end tag names a different element than the one that is open. */
  | 'mismatched-end-tag'
  /** An end tag appears where no element is open. */
  | 'unexpected-end-tag'
  /** The input ends inside a tag, declaration or reference. */
  | 'unexpected-eof'
  /** A character that cannot appear at this place in markup. */
  | 'unexpected-char'
  /** A name was expected (element, attribute, target, entity) but none starts here. */
  | 'invalid-name'
  /** A name breaks the Namespaces in XML rules for colons (`a:b:c`, `:a`, `a:`). */
  | 'invalid-qname'
  /** Two attributes without whitespace between them, or a PI target glued to its data. */
  | 'missing-whitespace'
  /** An attribute name not followed by `=`. */
  | 'missing-equals'
  /** An attribute value not enclosed in quotes. */
  | 'unquoted-attribute-value'
  /** `<` inside an attribute value (directly or through an entity). */
  | 'lt-in-attribute'
  /** The same attribute twice on one element, by name or by namespace and local name. */
  | 'duplicate-attribute'
  /** A prefix used without an `xmlns:prefix` declaration in scope. */
  | 'unbound-prefix'
  /** An element named with the `xmlns` prefix. */
  | 'reserved-prefix'
  /** A namespace declaration the Namespaces in XML rules forbid (`xmlns:p=""`, rebinding `xml`, …). */
  | 'invalid-namespace-declaration'
  /** A character that XML does not allow anywhere (control characters, lone surrogates, U+FFFE/U+FFFF). */
  | 'invalid-char'
  /** Bytes that are not valid in the document's encoding, or an encoding that is not supported (decodeXmlBytes). */
  | 'invalid-encoding'
  /** A character reference with bad digits or naming a character XML does not allow. */
  | 'invalid-char-ref'
  /** `&` not followed by a well-formed reference. */
  | 'malformed-reference'
  /** A reference to an entity that is neither predefined nor declared in the internal subset. */
  | 'undefined-entity'
  /** A reference to an entity declared with SYSTEM or PUBLIC; external resources are never loaded. */
  | 'external-entity'
  /** An entity that refers to itself, directly or through others. */
  | 'recursive-entity'
  /** Entity expansion went past the configured size or nesting bounds. */
  | 'entity-expansion-limit'
  /** Elements nest deeper than the bound set by the `maxDepth` option (257 levels by default, as libxml2). */
  | 'too-deep'
  /** The document is longer than the bound set by the `maxLength` option (32 MiB by default). */
  | 'too-large'
  /** An entity used in content whose replacement text holds markup; only text entities are supported. */
  | 'unsupported-entity-markup'
  /** `]]>` in text, where it must be escaped. */
  | 'cdata-end-in-text'
  /** `--` inside a comment. */
  | 'comment-double-hyphen'
  /** A comment without its closing `-->`. */
  | 'unclosed-comment'
  /** A CDATA section without its closing `]]>`. */
  | 'unclosed-cdata'
  /** A processing instruction without its closing `?>`. */
  | 'unclosed-pi'
  /** A processing instruction whose target is `xml` in any case, other than the declaration at the start. */
  | 'reserved-pi-target'
  /** A malformed `<?xml …?>` declaration. */
  | 'invalid-xml-declaration'
  /** A malformed DOCTYPE declaration or internal subset. */
  | 'invalid-doctype'
  /** A DOCTYPE after the root element, or a second one. */
  | 'misplaced-doctype'
  /** Non-whitespace text (or a CDATA section) before the root element. */
  | 'text-before-root'
  /** Anything but whitespace, comments and PIs after the root element. */
  | 'junk-after-root'
  /** The document has no root element. */
  | 'no-root';

/** A document is not well-formed XML, or was refused because it needs something unsafe. */
export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
  readonly code: XmlSyntaxErrorCode;
  /** The problem without the position, for callers that print positions themselves. */
  readonly detail: string;
  /** 0-based UTF-16 offset of the offending character. */
  readonly offset: number;
  /** 1-based line of the offending character. */
  readonly line: number;
  /** 1-based column (UTF-16 code units) of the offending character. */
  readonly column: number;

  constructor(code: XmlSyntaxErrorCode, detail: string, position: SourcePosition) {
    super(`${position.line}:${position.column}: ${detail}`);
    this.code = code;
    this.detail = detail;
    this.offset = position.offset;
    this.line = position.line;
    this.column = position.column;
  }
}
