/**
 * Reading the lossless XML tree as libvirt's parser reads a document: child elements in no
 * namespace (libvirt's own; extensions live in theirs), attributes as written, an element's text.
 * Rules that need the exact attribute at fault, or numbers in the spellings libvirt accepts, read
 * the tree through these rather than the typed model.
 */
import type { XmlElement } from '../xml/dom/types.js';

/** The child elements of `el` in no namespace, optionally only those named `name`. */
export function childElements(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (el === undefined) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.kind === 'element' && c.ns === '' && (name === undefined || c.local === name)) out.push(c);
  }
  return out;
}

/** The first child element named `name` in no namespace, as libvirt's `./name` lookups take it. */
export function childElement(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (el === undefined) return undefined;
  for (const c of el.children) if (c.kind === 'element' && c.ns === '' && c.local === name) return c;
  return undefined;
}

/** The value of the attribute `name` as written, or undefined when it is absent. */
export function attributeValue(el: XmlElement | undefined, name: string): string | undefined {
  if (el === undefined) return undefined;
  for (const a of el.attributes) if (a.name === name) return a.value;
  return undefined;
}

/** The text content of an element (its text and CDATA children), or undefined without the element. */
export function textContent(el: XmlElement | undefined): string | undefined {
  if (el === undefined) return undefined;
  let s = '';
  for (const c of el.children) if (c.kind === 'text' || c.kind === 'cdata') s += c.value;
  return s;
}
