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

export function elementPath(scope: ElementScope, siblings?: SiblingIndexes): string {
  const segments: string[] = [];
  for (let s: ElementScope | undefined = scope; s !== undefined; s = s.parent) {
    segments.push(segment(s, siblings));
  }
  return `/${segments.reverse().join('/')}`;
}

export function attributePath(scope: ElementScope, attributeName: string, siblings?: SiblingIndexes): string {
  return `${elementPath(scope, siblings)}/@${attributeName}`;
}

export function textPath(scope: ElementScope, siblings?: SiblingIndexes): string {
  return `${elementPath(scope, siblings)}/text()`;
}

/** The path of a child element that has no scope of its own (it was skipped). */
export function childPath(parent: ElementScope | undefined, child: XmlElement, indexInParent: number, siblings?: SiblingIndexes): string {
  const scope: ElementScope = { element: child, parent, indexInParent };
  return elementPath(scope, siblings);
}

function segment(s: ElementScope, siblings: SiblingIndexes | undefined): string {
  const name = s.element.name;
  if (s.parent === undefined) return name;
  const { before, total } = (siblings ?? NO_INDEXES).of(s.parent.element).byName(name, s.indexInParent);
  return total > 1 ? `${name}[${before + 1}]` : name;
}

/** How many of a parent's child elements carry a name before a position, and in all. */
export interface NameCount {
  readonly before: number;
  readonly total: number;
}

/**
 * Questions about one element's child elements by name. Asked once per diagnostic, a scan of the
 * children is cheapest; an element with thousands of children, each reported, needs a table,
 * or its diagnostics take time quadratic in their number.
 */
export interface SiblingNames {
  /** Children whose qualified name (prefix included) is `name`. */
  byName(name: string, index: number): NameCount;
  /** Children with this namespace and local name. */
  byExpandedName(ns: string, local: string, index: number): NameCount;
  /** The index of the first child element, or -1. */
  readonly firstElement: number;
}

/** Children up to this many are scanned; beyond, indexed. */
const SCANNED_CHILDREN = 32;

/** The sibling questions of one validation, with tables for the parents that need them. */
export class SiblingIndexes {
  private readonly indexed = new Map<XmlElement, SiblingNames>();

  of(parent: XmlElement): SiblingNames {
    if (parent.children.length <= SCANNED_CHILDREN) return new ScannedSiblings(parent);
    let index = this.indexed.get(parent);
    if (index === undefined) {
      index = new IndexedSiblings(parent);
      this.indexed.set(parent, index);
    }
    return index;
  }
}

/** Without a validation's tables (a path asked for on its own), children are scanned. */
const NO_INDEXES: Pick<SiblingIndexes, 'of'> = { of: (parent) => new ScannedSiblings(parent) };

class ScannedSiblings implements SiblingNames {
  constructor(private readonly parent: XmlElement) {}

  byName(name: string, index: number): NameCount {
    return this.count((c) => c.name === name, index);
  }

  byExpandedName(ns: string, local: string, index: number): NameCount {
    return this.count((c) => c.local === local && c.ns === ns, index);
  }

  get firstElement(): number {
    return this.parent.children.findIndex((c) => c.kind === 'element');
  }

  private count(matches: (c: XmlElement) => boolean, index: number): NameCount {
    let before = 0;
    let total = 0;
    const children = this.parent.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (c.kind === 'element' && matches(c)) {
        total++;
        if (i < index) before++;
      }
    }
    return { before, total };
  }
}

class IndexedSiblings implements SiblingNames {
  /** Child indexes, ascending, by qualified name and by `ns NUL local`. */
  private readonly names = new Map<string, number[]>();
  private readonly expandedNames = new Map<string, number[]>();
  readonly firstElement: number = -1;

  constructor(parent: XmlElement) {
    const children = parent.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (c.kind !== 'element') continue;
      if (this.firstElement < 0) this.firstElement = i;
      append(this.names, c.name, i);
      append(this.expandedNames, `${c.ns}\u0000${c.local}`, i);
    }
  }

  byName(name: string, index: number): NameCount {
    return countIn(this.names.get(name), index);
  }

  byExpandedName(ns: string, local: string, index: number): NameCount {
    return countIn(this.expandedNames.get(`${ns}\u0000${local}`), index);
  }
}

function append(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else list.push(index);
}

/** How many of the ascending `positions` lie below `index` (binary search), and how many in all. */
function countIn(positions: readonly number[] | undefined, index: number): NameCount {
  if (positions === undefined) return { before: 0, total: 0 };
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (positions[middle]! < index) low = middle + 1;
    else high = middle;
  }
  return { before: low, total: positions.length };
}
