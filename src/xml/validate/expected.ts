/**
 * What a state could accept next, read off the pattern for error messages: element names that
 * may start, attribute names, attribute or text values, and what is still required. Only used
 * after an error, so these walk the pattern instead of being memoised.
 */
import type { NameClass } from '../grammar/name-class.js';
import type { DatatypeSpec, ElementPattern, Pattern } from '../grammar/pattern.js';
import { assertNever } from './assert-never.js';
import { nameClassContains } from '../grammar/name-class.js';

export interface QualifiedName {
  readonly ns: string;
  readonly local: string;
}

/** Names a state accepts: the finite ones, plus the wildcard classes (anyName, nsName) if any. */
export interface ExpectedNames {
  readonly names: QualifiedName[];
  readonly wildcards: NameClass[];
}

/** Values a state accepts as text or as an attribute value. */
export interface ExpectedValues {
  /** Literal `<value>`s. */
  readonly values: string[];
  /** `<data>` patterns (with their except patterns left out). */
  readonly datatypes: DatatypeSpec[];
  /** True when any text is accepted (`<text/>`). */
  anyText: boolean;
  /** True when a `<list>` is accepted (values and datatypes then include its items). */
  list: boolean;
}

/** Patterns the first-set walk does not look inside: they are what can come first. */
type FirstLeaf = Exclude<Pattern, { readonly kind: 'choice' | 'interleave' | 'group' | 'oneOrMore' | 'after' }>;

/**
 * Calls `leaf` once for each leaf pattern that can come first in `p` (a group's second operand
 * only when its first may be empty), in operand order. `leaf` may walk on into a leaf's own
 * content (a list's items) with the `visit` it is given, sharing the visited set.
 */
function forEachFirst(p: Pattern, leaf: (q: FirstLeaf, visit: (r: Pattern) => void) => void): void {
  const seen = new Set<number>();
  const visit = (q: Pattern): void => {
    if (seen.has(q.id)) return;
    seen.add(q.id);
    switch (q.kind) {
      case 'choice': case 'interleave':
        visit(q.a);
        visit(q.b);
        return;
      case 'group':
        visit(q.a);
        if (q.a.nullable) visit(q.b);
        return;
      case 'oneOrMore':
        visit(q.p);
        return;
      case 'after':
        visit(q.a);
        return;
      case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'attribute': case 'element':
        leaf(q, visit);
        return;
    }
    assertNever(q);
  };
  visit(p);
}

/**
 * Element names that may start in state `p` (the first set of its content). With `contentOf`,
 * elements whose content is notAllowed are left out: no document can hold them (libvirt's
 * `<privateData>` outside status XML), so they are never worth suggesting.
 */
export function possibleStartTagNames(p: Pattern, contentOf?: (el: ElementPattern) => Pattern): ExpectedNames {
  const out: ExpectedNames = { names: [], wildcards: [] };
  forEachFirst(p, (q) => {
    if (q.kind === 'element' && (contentOf === undefined || contentOf(q).kind !== 'notAllowed')) addNames(q.nameClass, out);
  });
  return out;
}

/** Attribute names that state `p` (before the start tag closes) may still accept. */
export function possibleAttributeNames(p: Pattern): ExpectedNames {
  const out: ExpectedNames = { names: [], wildcards: [] };
  const seen = new Set<number>();
  const visit = (q: Pattern): void => {
    if (seen.has(q.id)) return;
    seen.add(q.id);
    switch (q.kind) {
      case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'element':
        return;
      case 'attribute':
        addNames(q.nameClass, out);
        return;
      case 'choice': case 'interleave': case 'group':
        visit(q.a);
        visit(q.b);
        return;
      case 'oneOrMore':
        visit(q.p);
        return;
      case 'after':
        visit(q.a);
        return;
    }
    assertNever(q);
  };
  visit(p);
  return out;
}

/** Values that may come first in `p`: an attribute's value pattern, or text in element content. */
export function possibleValues(p: Pattern): ExpectedValues {
  const out: ExpectedValues = { values: [], datatypes: [], anyText: false, list: false };
  forEachFirst(p, (q, visit) => {
    switch (q.kind) {
      case 'empty': case 'notAllowed': case 'element': case 'attribute':
        return;
      case 'text':
        out.anyText = true;
        return;
      case 'value':
        out.values.push(q.value);
        return;
      case 'data':
        out.datatypes.push(q.datatype);
        return;
      case 'list':
        out.list = true;
        visit(q.p);
        return;
    }
    assertNever(q);
  });
  return out;
}

/** Something a state still requires before it can end. */
export type RequiredItem =
  | { readonly kind: 'element'; readonly name: QualifiedName }
  | { readonly kind: 'attribute'; readonly name: QualifiedName }
  | { readonly kind: 'text' };

/**
 * The items every way of completing `p` must contain (choices intersect, sequences unite).
 * `attributes` selects attribute requirements (before the start tag closes) or content ones.
 */
export function requiredItems(p: Pattern, attributes: boolean): RequiredItem[] {
  const memo = new Map<number, Map<string, RequiredItem> | null>();
  // null stands for "everything" (notAllowed can never complete), the unit of intersection.
  const visit = (q: Pattern): Map<string, RequiredItem> | null => {
    const known = memo.get(q.id);
    if (known !== undefined) return known;
    memo.set(q.id, new Map()); // breaks cycles through `after` chains defensively
    const result = compute(q);
    memo.set(q.id, result);
    return result;
  };
  const single = (nc: NameClass): QualifiedName | undefined => (nc.kind === 'name' ? { ns: nc.ns, local: nc.local } : undefined);
  const compute = (q: Pattern): Map<string, RequiredItem> | null => {
    switch (q.kind) {
      case 'empty': case 'text':
        return new Map();
      case 'notAllowed':
        return null;
      case 'element': {
        const name = single(q.nameClass);
        return !attributes && name ? new Map([[`e${name.ns}\u0000${name.local}`, { kind: 'element', name }]]) : new Map();
      }
      case 'attribute': {
        const name = single(q.nameClass);
        return attributes && name ? new Map([[`a${name.ns}\u0000${name.local}`, { kind: 'attribute', name }]]) : new Map();
      }
      case 'data': case 'value': case 'list':
        return attributes ? new Map() : new Map([['t', { kind: 'text' }]]);
      case 'choice': {
        const a = visit(q.a);
        const b = visit(q.b);
        if (a === null) return b;
        if (b === null) return a;
        return new Map([...a].filter(([k]) => b.has(k)));
      }
      case 'group': case 'interleave': {
        const a = visit(q.a);
        const b = visit(q.b);
        if (a === null || b === null) return null;
        return new Map([...a, ...b]);
      }
      case 'oneOrMore':
        return visit(q.p);
      case 'after':
        return visit(q.a);
    }
    return assertNever(q);
  };
  const result = visit(p);
  return result === null ? [] : [...result.values()];
}

/**
 * What must come before element `{ns}local` can appear in `p`: the required content of every
 * group operand the name can only follow.
 */
export function requiredBefore(p: Pattern, ns: string, local: string): RequiredItem[] {
  const found = new Map<string, RequiredItem>();
  const reach = new Map<number, boolean>();
  const reachable = (q: Pattern): boolean => {
    const known = reach.get(q.id);
    if (known !== undefined) return known;
    reach.set(q.id, false);
    const r = reachableOf(q);
    reach.set(q.id, r);
    return r;
  };
  const reachableOf = (q: Pattern): boolean => {
    switch (q.kind) {
      case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'attribute':
        return false;
      case 'element':
        return nameClassContains(q.nameClass, ns, local);
      case 'choice': case 'interleave': case 'group':
        return reachable(q.a) || reachable(q.b);
      case 'oneOrMore':
        return reachable(q.p);
      case 'after':
        return reachable(q.a);
    }
    return assertNever(q);
  };
  const visit = (q: Pattern): void => {
    switch (q.kind) {
      case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'attribute': case 'element':
        return;
      case 'choice': case 'interleave':
        if (reachable(q.a)) visit(q.a);
        if (reachable(q.b)) visit(q.b);
        return;
      case 'group':
        if (reachable(q.a)) visit(q.a);
        else if (reachable(q.b)) {
          for (const item of requiredItems(q.a, false)) found.set(item.kind === 'text' ? 't' : `e${item.name.ns}\u0000${item.name.local}`, item);
          visit(q.b);
        }
        return;
      case 'oneOrMore':
        visit(q.p);
        return;
      case 'after':
        visit(q.a);
        return;
    }
    assertNever(q);
  };
  visit(p);
  return [...found.values()];
}

function addNames(nc: NameClass, out: ExpectedNames): void {
  switch (nc.kind) {
    case 'name':
      out.names.push({ ns: nc.ns, local: nc.local });
      return;
    case 'choice':
      addNames(nc.a, out);
      addNames(nc.b, out);
      return;
    case 'anyName': case 'nsName':
      out.wildcards.push(nc);
      return;
  }
  assertNever(nc);
}
