/**
 * Reading the lossless XML tree directly, for rules that look at attributes as written (numbers
 * in libvirt's base-0 syntax, attributes the model sets aside) or walk every element of a document.
 */
import type { XmlElement } from '../../../xml/dom/types.js';

/** The XML element a model object was read from. */
export function elementOf(node: object | undefined): XmlElement | undefined {
  if (node === undefined) return undefined;
  if ((node as XmlElement).kind === 'element' && typeof (node as XmlElement).startTagEnd === 'number') return node as XmlElement;
  return (node as { $layout?: { element: XmlElement } }).$layout?.element;
}

/** An attribute's value as written (after entity expansion), or undefined. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.attributes.find((a) => a.name === name)?.value;
}

/** The child elements of `el`, optionally only those with a local name (in no namespace). */
export function children(el: XmlElement | undefined, local?: string): XmlElement[] {
  if (el === undefined) return [];
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.kind !== 'element') continue;
    if (local === undefined || (c.local === local && c.ns === '')) out.push(c);
  }
  return out;
}

export function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return children(el, local)[0];
}

/** The element's text content (text and CDATA of its own children). */
export function text(el: XmlElement | undefined): string | undefined {
  if (el === undefined) return undefined;
  let s = '';
  for (const c of el.children) if (c.kind === 'text' || c.kind === 'cdata') s += c.value;
  return s;
}

/** Every element below `root` (not `root` itself), in document order, with its parent. */
export function* descendants(root: XmlElement): Generator<{ el: XmlElement; parent: XmlElement }> {
  const stack: { el: XmlElement; parent: XmlElement }[] = [];
  const push = (parent: XmlElement): void => {
    for (let i = parent.children.length - 1; i >= 0; i--) {
      const c = parent.children[i]!;
      if (c.kind === 'element') stack.push({ el: c, parent });
    }
  };
  push(root);
  while (stack.length > 0) {
    const top = stack.pop()!;
    yield top;
    push(top.el);
  }
}

/**
 * An unsigned integer in C's base-0 syntax (`0x1f` hex, `017` octal, `15` decimal), as libvirt reads
 * PCI address parts; undefined when it is not one.
 */
export function parseUintBase0(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  if (/^0[0-7]*$/.test(t)) return parseInt(t, 8);
  if (/^[1-9][0-9]*$/.test(t)) return parseInt(t, 10);
  return undefined;
}
