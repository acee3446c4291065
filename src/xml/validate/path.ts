/**
 * Paths for diagnostics, XPath-like: `/domain/devices/disk[2]/@device`. A position is given only
 * where the parent has more than one child of that name.
 */
import type { XmlElement } from '../dom/types.js';

/** One open element on the walk's stack, as far as paths and names are concerned. */
export interface ElementScope {
  readonly element: XmlElement;
  readonly parent: ElementScope | undefined;
  /** Index of the element in its parent's `children`. */
  readonly indexInParent: number;
}

export function elementPath(scope: ElementScope): string {
  const segments: string[] = [];
  for (let s: ElementScope | undefined = scope; s !== undefined; s = s.parent) {
    segments.push(segment(s));
  }
  return `/${segments.reverse().join('/')}`;
}

export function attributePath(scope: ElementScope, attributeName: string): string {
  return `${elementPath(scope)}/@${attributeName}`;
}

export function textPath(scope: ElementScope): string {
  return `${elementPath(scope)}/text()`;
}

/** The path of a child element that has no scope of its own (it was skipped). */
export function childPath(parent: ElementScope | undefined, child: XmlElement, indexInParent: number): string {
  const scope: ElementScope = { element: child, parent, indexInParent };
  return elementPath(scope);
}

function segment(s: ElementScope): string {
  const name = s.element.name;
  if (s.parent === undefined) return name;
  let before = 0;
  let total = 0;
  const siblings = s.parent.element.children;
  for (let i = 0; i < siblings.length; i++) {
    const c = siblings[i]!;
    if (c.kind === 'element' && c.name === name) {
      total++;
      if (i < s.indexInParent) before++;
    }
  }
  return total > 1 ? `${name}[${before + 1}]` : name;
}
