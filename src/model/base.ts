/**
 * What every generated model type is built on: the reserved `$` slots that keep a document
 * lossless, and the generic element used for content the schema leaves open.
 *
 * `$`-names never clash with schema names (XML names cannot start with `$`).
 */
import type { XmlDocument, XmlElement } from '../xml/dom/types.js';

/**
 * A 64-bit (or unbounded) integer as its decimal digits, e.g. `'17179869184'`: libvirt's
 * `unsignedLong`, `long` and unbounded `integer` values do not all fit a `number` exactly.
 */
export type IntegerString = string;

/** An attribute the schema does not describe (or whose value does not fit its property). */
export interface UnknownAttribute {
  readonly kind: 'attribute';
  /** The qualified name as written, e.g. `foo` or `app:foo`. */
  readonly name: string;
  /** Namespace URI; '' for none. */
  readonly ns: string;
  readonly value: string;
}

/** Text where the schema allows none, or that does not fit its property's type. */
export interface AnyText {
  readonly kind: 'text';
  readonly value: string;
}

export interface AnyComment {
  readonly kind: 'comment';
  readonly value: string;
}

export interface AnyProcessingInstruction {
  readonly kind: 'pi';
  readonly target: string;
  readonly data: string;
}

/**
 * An element kept as it is: foreign content such as `<metadata>` children, and elements the
 * schema does not describe.
 */
export interface AnyElement extends ElementBase {
  readonly kind: 'element';
  /** The qualified name as written, e.g. `app1:foo`. */
  readonly name: string;
  /** Namespace URI; '' for none. */
  readonly ns: string;
  /** Attributes in order, namespace declarations included (`xmlns:app1`). */
  readonly attributes: readonly { readonly name: string; readonly ns: string; readonly value: string }[];
  readonly children: readonly AnyNode[];
}

export type AnyNode = AnyElement | AnyText | AnyComment | AnyProcessingInstruction;

/** Content kept in `$unknown`, in document order. */
export type UnknownNode = UnknownAttribute | AnyElement | AnyText;

/**
 * How a parsed element was written: the parsed XML element itself (attribute order, quotes,
 * whitespace, comments, processing instructions) and the text its offsets point into. The
 * `preserve` formatter writes unchanged parts back byte for byte; objects built in code have no
 * layout and are written in libvirt's style.
 */
export interface Layout {
  readonly element: XmlElement;
  readonly source: string;
  /** On the document element only: the XML declaration, prolog and epilog. */
  readonly document?: XmlDocument;
}

/** The base of every element object of the model. */
export interface ElementBase {
  /**
   * Attributes, elements and text the schema does not describe here (or that do not fit their
   * property's type), in document order; the layout records where they stood.
   */
  readonly $unknown?: readonly UnknownNode[];
  /** How the element was written (parsed objects only; not enumerable, so not in JSON). */
  readonly $layout?: Layout;
}
