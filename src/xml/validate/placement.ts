/**
 * Where the grammar allows each name: for every element name, the elements that may contain it;
 * for every attribute name, the elements that may carry it. Messages use it to turn "<disk> is
 * not allowed in <domain>" into "it belongs in <devices>", and "cache is not allowed on <disk>"
 * into "it belongs on <driver>, inside <disk>".
 *
 * Built once per grammar, on the first diagnostic that asks: from the rows of a grammar table
 * (validators of the shipped grammars), or else by walking every element the start pattern
 * reaches. Names are local names: a hint, not a proof. Elements whose content is notAllowed can
 * never be valid and are left out.
 */
import type { PatternBuilder } from '../grammar/builder.js';
import type { NameClass } from '../grammar/name-class.js';
import type { ElementPattern, Pattern } from '../grammar/pattern.js';
import type { GrammarTable } from '../grammar/table.js';
import { assertNever } from './assert-never.js';

export interface Placement {
  /** Names of the elements that may contain an element named `local`. */
  parentsOf(local: string): ReadonlySet<string>;
  /** Names of the elements that may carry an attribute named `local`. */
  carriersOf(local: string): ReadonlySet<string>;
  /** Names of the elements an element named `local` may contain. */
  childrenOf(local: string): ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();
const built = new WeakMap<Pattern, Placement>();

/** The placement of the grammar whose start pattern is `start` (built on first use). */
export function placementOf(builder: PatternBuilder, start: Pattern): Placement {
  let placement = built.get(start);
  if (placement === undefined) {
    placement = buildPlacement(builder, start);
    built.set(start, placement);
  }
  return placement;
}

const fromTables = new WeakMap<GrammarTable, Placement>();

/**
 * The placement of a grammar table, read off its rows: what validators of a table use, since
 * walking the patterns would build every element's content of a lazily read grammar (about
 * 100 ms for the domain grammar, against a few for the rows).
 */
export function placementOfTable(table: GrammarTable): Placement {
  let placement = fromTables.get(table);
  if (placement === undefined) {
    placement = buildPlacementFromRows(table);
    fromTables.set(table, placement);
  }
  return placement;
}

function buildPlacementFromRows(table: GrammarTable): Placement {
  const index = new PlacementIndex();
  const rows = table.patterns;
  const names = (nc: number): string[] => {
    const row = table.nameClasses[nc];
    if (row === undefined) return [];
    if (row[0] === 'name') return [row[2]];
    if (row[0] === 'choice') return [...names(row[1]), ...names(row[2])];
    return [];
  };
  const possible = (element: number) => {
    const row = rows[element];
    return row !== undefined && row[0] === 'element' && rows[row[2]]?.[0] !== 'notAllowed';
  };
  const seen = new Set<number>();
  const stack: number[] = [];
  for (let e = 0; e < rows.length; e++) {
    const row = rows[e]!;
    if (row[0] !== 'element' || !possible(e)) continue;
    const elementNames = names(row[1]);
    seen.clear();
    stack.push(row[2]);
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (seen.has(i)) continue;
      seen.add(i);
      const r = rows[i];
      if (r === undefined) continue;
      switch (r[0]) {
        case 'element':
          if (possible(i)) for (const child of names(r[1])) for (const parent of elementNames) index.child(parent, child);
          break;
        case 'attribute':
          if (rows[r[2]]?.[0] !== 'notAllowed') for (const name of names(r[1])) for (const carrier of elementNames) index.attribute(carrier, name);
          break;
        case 'choice': case 'group': case 'interleave':
          stack.push(r[2], r[1]);
          break;
        case 'oneOrMore': case 'list':
          stack.push(r[1]);
          break;
        default:
          break;
      }
    }
  }
  return index;
}

class PlacementIndex implements Placement {
  private readonly parents = new Map<string, Set<string>>();
  private readonly carriers = new Map<string, Set<string>>();
  private readonly children = new Map<string, Set<string>>();

  child(parent: string, child: string): void {
    add(this.parents, child, parent);
    add(this.children, parent, child);
  }

  attribute(carrier: string, name: string): void {
    add(this.carriers, name, carrier);
  }

  parentsOf(local: string): ReadonlySet<string> {
    return this.parents.get(local) ?? NONE;
  }

  carriersOf(local: string): ReadonlySet<string> {
    return this.carriers.get(local) ?? NONE;
  }

  childrenOf(local: string): ReadonlySet<string> {
    return this.children.get(local) ?? NONE;
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (set === undefined) map.set(key, (set = new Set()));
  set.add(value);
}

function buildPlacement(builder: PatternBuilder, start: Pattern): Placement {
  const index = new PlacementIndex();
  const seenElements = new Set<ElementPattern>();
  const pending: ElementPattern[] = [];
  const possible = (el: ElementPattern) => builder.contentOf(el).kind !== 'notAllowed';
  // The document elements.
  walkContent(start, (el) => {
    if (!seenElements.has(el) && possible(el)) {
      seenElements.add(el);
      pending.push(el);
    }
  }, () => {});
  while (pending.length > 0) {
    const el = pending.pop()!;
    const names = localNames(el.nameClass);
    walkContent(builder.contentOf(el), (child) => {
      if (!possible(child)) return;
      for (const parent of names) for (const name of localNames(child.nameClass)) index.child(parent, name);
      if (!seenElements.has(child)) {
        seenElements.add(child);
        pending.push(child);
      }
    }, (attribute) => {
      for (const carrier of names) for (const name of localNames(attribute.nameClass)) index.attribute(carrier, name);
    });
  }
  return index;
}

/** Calls `element` for each element pattern directly in `p` and `attribute` for each attribute pattern. */
function walkContent(p: Pattern, element: (el: ElementPattern) => void, attribute: (a: Extract<Pattern, { kind: 'attribute' }>) => void): void {
  const seen = new Set<number>();
  const stack: Pattern[] = [p];
  while (stack.length > 0) {
    const q = stack.pop()!;
    if (seen.has(q.id)) continue;
    seen.add(q.id);
    switch (q.kind) {
      case 'element':
        element(q);
        break;
      case 'attribute':
        if (q.content.kind !== 'notAllowed') attribute(q);
        break;
      case 'choice': case 'group': case 'interleave': case 'after':
        stack.push(q.b, q.a);
        break;
      case 'oneOrMore': case 'list':
        stack.push(q.p);
        break;
      case 'empty': case 'notAllowed': case 'text': case 'data': case 'value':
        break;
      default:
        assertNever(q);
    }
  }
}

/** The finite local names of a name class (wildcards have none). */
function localNames(nc: NameClass): string[] {
  switch (nc.kind) {
    case 'name':
      return [nc.local];
    case 'choice':
      return [...localNames(nc.a), ...localNames(nc.b)];
    case 'anyName': case 'nsName':
      return [];
  }
  return assertNever(nc);
}

/** At most this many places are named in a hint; more say nothing useful. */
const MAX_PLACES = 3;

/**
 * Where element `local`, found in `parent`, belongs: the element(s) among `parent`'s possible
 * children that may hold it (`<devices>`), or else the few elements anywhere that may. Undefined
 * when `parent` itself may hold it elsewhere in the grammar, or the places are too many to help.
 */
export function elementPlace(placement: Placement, local: string, parent: string): { readonly places: string[]; readonly inside?: string } | undefined {
  const all = placement.parentsOf(local);
  if (all.size === 0 || all.has(parent)) return undefined;
  const near = [...placement.childrenOf(parent)].filter((c) => all.has(c)).sort();
  if (near.length > 0 && near.length <= MAX_PLACES) return { places: near, inside: parent };
  return all.size <= MAX_PLACES ? { places: [...all].sort() } : undefined;
}

/**
 * Where attribute `local`, found on `element` (whose parent is `parent`), belongs: a child of
 * `element` that may carry it (`<driver>` inside `<disk>`), the parent, or else the few
 * elements anywhere that may. Undefined as {@link elementPlace} is.
 */
export function attributePlace(
  placement: Placement,
  local: string,
  element: string,
  parent: string | undefined,
): { readonly places: string[]; readonly inside?: string } | undefined {
  const all = placement.carriersOf(local);
  if (all.size === 0 || all.has(element)) return undefined;
  const near = [...placement.childrenOf(element)].filter((c) => all.has(c)).sort();
  if (near.length > 0 && near.length <= MAX_PLACES) return { places: near, inside: element };
  if (parent !== undefined && all.has(parent)) return { places: [parent] };
  return all.size <= MAX_PLACES ? { places: [...all].sort() } : undefined;
}
