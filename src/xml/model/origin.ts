/**
 * What the formatter needs to know about parsed objects beyond what they show: whether an
 * object is exactly as the parser made it, which XML nodes of an element the parser kept in
 * `$unknown`, and which XML node each `$unknown` entry came from.
 *
 * The first two live on the layout record under private symbols (the layout is not enumerable,
 * so they never show in JSON or comparisons); entry origins are a weak map.
 */
import type { Layout } from '../../model/base.js';
import type { XmlAttribute, XmlDocument, XmlElement, XmlNode } from '../dom/types.js';

const PRISTINE = Symbol('parsed and frozen by the parser');
const KEPT = Symbol('XML nodes kept in $unknown');
const AMBIENT = Symbol('namespace prefixes declared around the element');

type Kept = ReadonlySet<XmlNode | XmlAttribute>;
/** Prefix → namespace URI. */
export type PrefixScope = ReadonlyMap<string, string>;

interface InternalLayout extends Layout {
  readonly [PRISTINE]?: true;
  readonly [KEPT]?: Kept;
  readonly [AMBIENT]?: PrefixScope;
}

/** `$unknown` entries and generic elements → the XML node they were read from. */
const origins = new WeakMap<object, XmlNode | XmlAttribute>();

/**
 * The layout the parser gives an object; `frozen` when it froze the object; `ambient` the
 * prefixes its ancestors declared, which its source text may rely on.
 */
export function parsedLayout(element: XmlElement, source: string, document: XmlDocument | undefined, kept: Kept | undefined, frozen: boolean, ambient: PrefixScope | undefined): Layout {
  const layout: InternalLayout = {
    element,
    source,
    ...(document ? { document } : {}),
    ...(kept ? { [KEPT]: kept } : {}),
    ...(frozen ? { [PRISTINE]: true as const } : {}),
    ...(ambient && ambient.size > 0 ? { [AMBIENT]: ambient } : {}),
  };
  return layout;
}

/** Whether an element's source text can be copied where `scope` is in force: it relies on no prefix bound otherwise. */
export function fitsScope(layout: Layout, scope: PrefixScope): boolean {
  const ambient = (layout as InternalLayout)[AMBIENT];
  if (ambient === undefined) return true;
  for (const [prefix, uri] of ambient) if (scope.get(prefix) !== uri) return false;
  return true;
}

/** The layout for a changed copy: the same element and source, no longer pristine. */
export function derivedLayout(layout: Layout): Layout {
  const l = layout as InternalLayout;
  const copy: InternalLayout = {
    element: l.element,
    source: l.source,
    ...(l.document ? { document: l.document } : {}),
    ...(l[KEPT] ? { [KEPT]: l[KEPT] } : {}),
    ...(l[AMBIENT] ? { [AMBIENT]: l[AMBIENT] } : {}),
  };
  return copy;
}

/** True for an object exactly as parsed and frozen: its source text is what to write. */
export function isPristine(obj: object): boolean {
  return (layoutOf(obj) as InternalLayout | undefined)?.[PRISTINE] === true && Object.isFrozen(obj);
}

/** Whether the parser kept an XML node of the layout's element in `$unknown`. */
export function wasKeptAsUnknown(layout: Layout, node: XmlNode | XmlAttribute): boolean {
  return (layout as InternalLayout)[KEPT]?.has(node) === true;
}

export function setOrigin(entry: object, node: XmlNode | XmlAttribute): void {
  origins.set(entry, node);
}

export function originOf(entry: object): XmlNode | XmlAttribute | undefined {
  return origins.get(entry);
}

/** Sets the non-enumerable `$layout` slot. */
export function attachLayout(obj: object, layout: Layout): void {
  Object.defineProperty(obj, '$layout', { value: layout, enumerable: false });
}

export function layoutOf(obj: object): Layout | undefined {
  return (obj as { $layout?: Layout }).$layout;
}
