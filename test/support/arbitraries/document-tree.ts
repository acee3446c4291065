/**
 * The documents the grammar arbitraries build: a plain element tree that remembers which
 * element pattern produced each element, and its serialisation to XML text.
 */
import type { ElementPattern } from '../../../src/xml/grammar/pattern.js';
import { namespacePrefix } from '../../../src/compat/names.js';

export interface GenAttribute {
  readonly kind: 'attribute';
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

export interface GenText {
  readonly kind: 'text';
  readonly value: string;
}

export interface GenElement {
  readonly kind: 'element';
  readonly ns: string;
  readonly local: string;
  /** The pattern the generator expanded; undefined for elements a mutation made up. */
  readonly pattern: ElementPattern | undefined;
  readonly attributes: readonly GenAttribute[];
  readonly children: readonly (GenElement | GenText)[];
}

export type GenItem = GenAttribute | GenText | GenElement;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Builds an element from generated content items; a repeated attribute name keeps its first value. */
export function makeElement(ns: string, local: string, pattern: ElementPattern | undefined, items: readonly GenItem[]): GenElement {
  const attributes: GenAttribute[] = [];
  const children: (GenElement | GenText)[] = [];
  for (const item of items) {
    if (item.kind === 'attribute') {
      if (!attributes.some((a) => a.ns === item.ns && a.local === item.local)) attributes.push(item);
    } else if (item.kind === 'text') {
      const last = children[children.length - 1];
      // Adjacent text is one text node in XML; keep the tree that way.
      if (last?.kind === 'text') children[children.length - 1] = { kind: 'text', value: last.value + item.value };
      else if (item.value !== '') children.push(item);
    } else {
      children.push(item);
    }
  }
  return { kind: 'element', ns, local, pattern, attributes, children };
}

/**
 * XML text for a tree. Namespaces other than the empty one get prefixes (libvirt's own short
 * names where known), all declared on the document element.
 */
export function serializeDocument(root: GenElement): string {
  const prefixes = new Map<string, string>();
  const used = new Set<string>(['xml', 'xmlns']);
  const collect = (el: GenElement): void => {
    for (const ns of [el.ns, ...el.attributes.map((a) => a.ns)]) {
      if (ns === '' || ns === XML_NS || prefixes.has(ns)) continue;
      let prefix = namespacePrefix(ns) ?? 'ns';
      if (used.has(prefix)) {
        let i = 1;
        while (used.has(`${prefix}${i}`)) i++;
        prefix = `${prefix}${i}`;
      }
      used.add(prefix);
      prefixes.set(ns, prefix);
    }
    for (const c of el.children) if (c.kind === 'element') collect(c);
  };
  collect(root);
  const qname = (ns: string, local: string): string =>
    ns === '' ? local : ns === XML_NS ? `xml:${local}` : `${prefixes.get(ns)!}:${local}`;

  const out: string[] = [];
  const write = (el: GenElement, isRoot: boolean): void => {
    out.push(`<${qname(el.ns, el.local)}`);
    if (isRoot) for (const [ns, prefix] of prefixes) out.push(` xmlns:${prefix}="${escapeAttribute(ns)}"`);
    for (const a of el.attributes) out.push(` ${qname(a.ns, a.local)}="${escapeAttribute(a.value)}"`);
    if (el.children.length === 0) {
      out.push('/>');
      return;
    }
    out.push('>');
    for (const c of el.children) {
      if (c.kind === 'text') out.push(escapeText(c.value));
      else write(c, false);
    }
    out.push(`</${qname(el.ns, el.local)}>`);
  };
  write(root, true);
  return `${out.join('')}\n`;
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Every element of the tree with its parent, document order. */
export function elementsWithParents(root: GenElement): { element: GenElement; parent: GenElement | undefined; path: number[] }[] {
  const out: { element: GenElement; parent: GenElement | undefined; path: number[] }[] = [];
  const walk = (el: GenElement, parent: GenElement | undefined, path: number[]): void => {
    out.push({ element: el, parent, path });
    el.children.forEach((c, i) => {
      if (c.kind === 'element') walk(c, el, [...path, i]);
    });
  };
  walk(root, undefined, []);
  return out;
}

/** A copy of the tree with the element at `path` (child indexes from the root) replaced. */
export function replaceAt(root: GenElement, path: readonly number[], replace: (el: GenElement) => GenElement): GenElement {
  if (path.length === 0) return replace(root);
  const [first, ...rest] = path;
  const children = root.children.map((c, i) => (i === first && c.kind === 'element' ? replaceAt(c, rest, replace) : c));
  return { ...root, children };
}
