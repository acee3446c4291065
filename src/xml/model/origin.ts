/**
 * What the formatter needs to know about parsed objects beyond what they show: whether an
 * object is exactly as the parser made it, which XML nodes of an element the parser kept in
 * `$unknown`, the prefixes its source text relies on, whether that text is in libvirt's style,
 * and which XML node each `$unknown` entry came from.
 *
 * All but the last live in private fields of the layout record (the layout is not enumerable,
 * so nothing of it shows in JSON or comparisons); entry origins are a weak map.
 */
import type { Layout } from '../../model/base.js';
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode } from '../dom/types.js';
import type { PrefixScope } from './prefix-scope.js';
import { isStyledAt } from './styled.js';

type Kept = ReadonlySet<XmlNode | XmlAttribute>;

/** The layout record of a parsed object: one shape for all, built once per element. */
class ParsedLayout implements Layout {
  readonly #kept: Kept | undefined;
  readonly #pristine: boolean;
  readonly #ambient: PrefixScope | undefined;
  /** The depth the libvirt style check last ran for, and its answer. */
  #checkedDepth = -1;
  #styled = false;

  constructor(
    readonly element: XmlElement,
    readonly source: string,
    readonly document: XmlDocument | undefined,
    kept: Kept | undefined,
    pristine: boolean,
    ambient: PrefixScope | undefined,
  ) {
    this.#kept = kept;
    this.#pristine = pristine;
    this.#ambient = ambient;
  }

  static kept(l: Layout): Kept | undefined {
    return #kept in l ? l.#kept : undefined;
  }

  static pristine(l: Layout): boolean {
    return #pristine in l && l.#pristine;
  }

  static ambient(l: Layout): PrefixScope | undefined {
    return #ambient in l ? l.#ambient : undefined;
  }

  static styledAt(l: Layout, depth: number): boolean {
    if (!(#checkedDepth in l)) return isStyledAt(l.element, depth);
    if (l.#checkedDepth !== depth) {
      l.#styled = isStyledAt(l.element, depth);
      l.#checkedDepth = depth;
    }
    return l.#styled;
  }
}

/** `$unknown` entries and generic elements → the XML node they were read from. */
const origins = new WeakMap<object, XmlNode | XmlAttribute>();

/**
 * The layout the parser gives an object; `frozen` when it froze the object; `ambient` the
 * prefixes its ancestors declared, which its source text may rely on.
 */
export function parsedLayout(
  element: XmlElement,
  source: string,
  document: XmlDocument | undefined,
  kept: Kept | undefined,
  frozen: boolean,
  ambient: PrefixScope | undefined,
): Layout {
  return new ParsedLayout(element, source, document, kept, frozen, ambient);
}

/** Whether an element's source text can be copied where `scope` is in force: it relies on no prefix bound otherwise. */
export function fitsScope(layout: Layout, scope: PrefixScope): boolean {
  const ambient = ParsedLayout.ambient(layout);
  return ambient === undefined || ambient.holdsIn(scope);
}

/** The layout for a changed copy: the same element and source, no longer pristine. */
export function derivedLayout(layout: Layout): Layout {
  return new ParsedLayout(layout.element, layout.source, layout.document, ParsedLayout.kept(layout), false, ParsedLayout.ambient(layout));
}

/** True for an object exactly as parsed and frozen: its source text is what to write. */
export function isPristine(obj: object): boolean {
  const layout = layoutOf(obj);
  return layout !== undefined && ParsedLayout.pristine(layout) && Object.isFrozen(obj);
}

/**
 * Whether the source text of an element is what the libvirt style writes for it at `depth`,
 * remembered on the layout: a document formatted again is not checked again.
 */
export function styledAt(layout: Layout, depth: number): boolean {
  return ParsedLayout.styledAt(layout, depth);
}

/** Whether the parser kept an XML node of the layout's element in `$unknown`. */
export function wasKeptAsUnknown(layout: Layout, node: XmlNode | XmlAttribute): boolean {
  return ParsedLayout.kept(layout)?.has(node) === true;
}

export function setOrigin(entry: object, node: XmlNode | XmlAttribute): void {
  origins.set(entry, node);
}

export function originOf(entry: object): XmlNode | XmlAttribute | undefined {
  // Generic elements have a layout, which names their element.
  return layoutOf(entry)?.element ?? origins.get(entry);
}

/**
 * What the parser makes model objects from. Their `$layout` is a getter over a private slot:
 * like a non-enumerable property it stays out of keys, JSON and `toEqual`, but costs far less
 * than defining one on every object.
 */
export class ParsedObject {
  #layout: Layout | undefined;

  get $layout(): Layout | undefined {
    return this.#layout;
  }

  static attach(obj: ParsedObject, layout: Layout): void {
    obj.#layout = layout;
  }
}

// Parsed objects name `Object` as their constructor, as object literals do, so checks that
// compare constructors (`toStrictEqual`, plain-object tests) treat both alike.
Object.defineProperty(ParsedObject.prototype, 'constructor', { value: Object, writable: true, configurable: true, enumerable: false });

/** Sets the non-enumerable `$layout` slot of an object made in code. */
export function attachLayout(obj: object, layout: Layout): void {
  Object.defineProperty(obj, '$layout', { value: layout, enumerable: false });
}

export function layoutOf(obj: object): Layout | undefined {
  return (obj as { $layout?: Layout }).$layout;
}
