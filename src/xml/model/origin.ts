/**
 * What the formatter needs to know about parsed objects that the objects themselves do not
 * show: which objects are exactly as parsed, which XML node each `$unknown` entry came from, and
 * which XML nodes the parser put in `$unknown`. Weak collections, so nothing outlives its model.
 */
import type { Layout } from '../../model/base.js';
import type { XmlAttribute, XmlNode } from '../dom/types.js';

/** Frozen objects exactly as the parser made them: the formatter may copy their source text. */
const pristine = new WeakSet<object>();
/** `$unknown` entries and generic elements → the XML node they were read from. */
const origins = new WeakMap<object, XmlNode | XmlAttribute>();
/** XML nodes the parser kept in `$unknown` (they have no property). */
const keptAsUnknown = new WeakSet<object>();

export function markPristine(obj: object): void {
  pristine.add(obj);
}

/** True for a frozen object as parsed: nothing in it can have changed. */
export function isPristine(obj: object): boolean {
  return pristine.has(obj) && Object.isFrozen(obj);
}

export function setOrigin(entry: object, node: XmlNode | XmlAttribute): void {
  origins.set(entry, node);
}

export function originOf(entry: object): XmlNode | XmlAttribute | undefined {
  return origins.get(entry);
}

export function markKeptAsUnknown(node: XmlNode | XmlAttribute): void {
  keptAsUnknown.add(node);
}

export function wasKeptAsUnknown(node: XmlNode | XmlAttribute): boolean {
  return keptAsUnknown.has(node);
}

/** Sets the non-enumerable `$layout` slot. */
export function attachLayout(obj: object, layout: Layout): void {
  Object.defineProperty(obj, '$layout', { value: layout, enumerable: false });
}

export function layoutOf(obj: object): Layout | undefined {
  return (obj as { $layout?: Layout }).$layout;
}
