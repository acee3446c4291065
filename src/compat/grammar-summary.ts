/**
 * A per-path summary of a grammar: for every element path reachable from the start (e.g.
 * `/domain/devices/disk`), the attributes with their value spaces and whether they are required,
 * the child element names with how often they may occur and which may come before which, the
 * element's own text content, and which names always come together.
 *
 * The walk descends through element patterns. Recursion is cut where an element pattern is
 * already open on the path (`backingStore` inside `backingStore`): the deeper path is recorded
 * as an alias of the ancestor's, so lookups of arbitrarily deep document paths still resolve.
 * Each (path, element pattern) pair is visited once; when several patterns share a path (a
 * `disk` per `type` branch) their summaries are merged.
 */
import type { ElementPattern, Pattern } from '../xml/grammar/pattern.js';
import { displayNames, segmentLocalName } from './names.js';
import { addToValueSpace, emptyValueSpace, mergeValueSpace, type ValueSpace } from './value-space.js';

export interface AttributeSummary {
  /** Every match of the element has this attribute. */
  required: boolean;
  readonly values: ValueSpace;
}

export interface ChildSummary {
  /** The fewest children of this name a match of the parent has (0: optional). */
  min: number;
  /** The most children of this name a match of the parent may have (`Infinity`: unbounded). */
  max: number;
}

export interface ElementSummary {
  readonly path: string;
  /** The last path segment, e.g. `disk` or `qemu:commandline`. */
  readonly name: string;
  /** The parent's path; undefined for the document element. */
  readonly parent: string | undefined;
  readonly attributes: Map<string, AttributeSummary>;
  readonly children: Map<string, ChildSummary>;
  /**
   * For an attribute (`@name`) or child name: the other names every match containing it also
   * contains (`@socket_id` comes with `@core_id`); required names are included.
   */
  readonly together: Map<string, Set<string>>;
  /** Child names `a` → names `b` such that some match has an `a` child before a `b` child. */
  readonly order: Map<string, Set<string>>;
  /** The element's own character content; empty when it holds only elements or nothing. */
  readonly text: ValueSpace;
}

export interface GrammarSummary {
  /** Names of the possible document elements. */
  readonly roots: readonly string[];
  readonly elements: ReadonlyMap<string, ElementSummary>;
  /**
   * Paths cut by recursion → the ancestor path whose element pattern they repeat. A path may
   * be both here and in `elements` when another pattern of the same name also occurs there.
   */
  readonly recursion: ReadonlyMap<string, string>;
}

/** What one element pattern's content says, independent of where it occurs. */
interface ContentFacts {
  readonly attributes: ReadonlyMap<string, AttributeSummary>;
  readonly children: ReadonlyMap<string, ChildSummary & { readonly patterns: readonly ElementPattern[] }>;
  readonly together: ReadonlyMap<string, ReadonlySet<string>>;
  readonly order: ReadonlyMap<string, ReadonlySet<string>>;
  readonly text: ValueSpace;
}

/** Child element names a pattern may contain, and which may come before which. */
interface Order {
  readonly names: ReadonlySet<string>;
  readonly before: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Occurrence bounds by name (`@attr` or `child`); names not in the map occur 0 times. */
type Counts = ReadonlyMap<string, readonly [min: number, max: number]>;
/** Names every match (containing some name) has; `all` when there is no such match. */
type NameSet = ReadonlySet<string> | 'all';

export function summarizeGrammar(start: Pattern): GrammarSummary {
  return new Summarizer().run(start);
}

class Summarizer {
  private readonly facts = new Map<ElementPattern, ContentFacts>();
  private readonly countMemo = new Map<number, Counts>();
  private readonly togetherMemo = new Map<string, NameSet>();
  private readonly requiredMemo = new Map<number, ReadonlySet<string>>();
  private readonly orderMemo = new Map<number, Order>();
  private readonly elements = new Map<string, ElementSummary>();
  private readonly recursion = new Map<string, string>();
  private readonly visited = new Set<string>();
  private readonly open = new Map<ElementPattern, string>();

  run(start: Pattern): GrammarSummary {
    const roots = new Map<string, ElementPattern[]>();
    collectElements(start, roots, new Set());
    for (const [name, patterns] of roots) for (const p of patterns) this.visit(undefined, name, p);
    return { roots: [...roots.keys()].sort(), elements: this.elements, recursion: this.recursion };
  }

  private visit(parent: string | undefined, name: string, pattern: ElementPattern): void {
    const path = `${parent ?? ''}/${name}`;
    const ancestorPath = this.open.get(pattern);
    if (ancestorPath !== undefined) {
      if (!this.recursion.has(path)) this.recursion.set(path, ancestorPath);
      return;
    }
    const key = `${path}\u0000${pattern.id}`;
    if (this.visited.has(key)) return;
    this.visited.add(key);
    const facts = this.contentFacts(pattern);
    this.merge(path, name, parent, facts);
    this.open.set(pattern, path);
    for (const [childName, child] of facts.children) {
      for (const p of child.patterns) this.visit(path, childName, p);
    }
    this.open.delete(pattern);
  }

  private merge(path: string, name: string, parent: string | undefined, facts: ContentFacts): void {
    const known = this.elements.get(path);
    if (known === undefined) {
      const attributes = new Map<string, AttributeSummary>();
      for (const [attribute, a] of facts.attributes) attributes.set(attribute, { required: a.required, values: copyValueSpace(a.values) });
      const children = new Map<string, ChildSummary>();
      for (const [child, c] of facts.children) children.set(child, { min: c.min, max: c.max });
      const together = new Map<string, Set<string>>();
      for (const [n, set] of facts.together) together.set(n, new Set(set));
      const order = new Map<string, Set<string>>();
      for (const [n, set] of facts.order) order.set(n, new Set(set));
      this.elements.set(path, { path, name, parent, attributes, children, together, order, text: copyValueSpace(facts.text) });
      return;
    }
    // Several patterns at one path: a name is required only when every pattern requires it.
    for (const [attribute, a] of known.attributes) if (!facts.attributes.has(attribute)) a.required = false;
    for (const [attribute, a] of facts.attributes) {
      const mine = known.attributes.get(attribute);
      if (mine === undefined) known.attributes.set(attribute, { required: false, values: copyValueSpace(a.values) });
      else {
        mine.required &&= a.required;
        mergeValueSpace(mine.values, a.values);
      }
    }
    for (const [child, c] of known.children) if (!facts.children.has(child)) c.min = 0;
    for (const [child, c] of facts.children) {
      const mine = known.children.get(child);
      if (mine === undefined) known.children.set(child, { min: 0, max: c.max });
      else {
        mine.min = Math.min(mine.min, c.min);
        mine.max = Math.max(mine.max, c.max);
      }
    }
    // A name comes with another only if it does so in every pattern that has it.
    for (const [n, set] of facts.together) {
      const mine = known.together.get(n);
      if (mine === undefined) known.together.set(n, new Set(set));
      else for (const other of mine) if (!set.has(other)) mine.delete(other);
    }
    for (const [n, set] of facts.order) {
      const mine = known.order.get(n);
      if (mine === undefined) known.order.set(n, new Set(set));
      else for (const later of set) mine.add(later);
    }
    mergeValueSpace(known.text, facts.text);
  }

  private contentFacts(element: ElementPattern): ContentFacts {
    const known = this.facts.get(element);
    if (known !== undefined) return known;
    const content = element.content;
    const counts = this.counts(content);

    const attributes = new Map<string, AttributeSummary>();
    const attributePatterns: Pattern[] = [];
    collectAttributes(content, attributePatterns, new Set());
    for (const a of attributePatterns) {
      if (a.kind !== 'attribute') continue;
      for (const name of displayNames(a.nameClass)) {
        let summary = attributes.get(name);
        if (summary === undefined) {
          summary = { required: (counts.get(`@${name}`)?.[0] ?? 0) > 0, values: emptyValueSpace() };
          attributes.set(name, summary);
        }
        addToValueSpace(a.content, summary.values);
      }
    }

    const childPatterns = new Map<string, ElementPattern[]>();
    collectElements(content, childPatterns, new Set());
    const children = new Map<string, ChildSummary & { patterns: ElementPattern[] }>();
    for (const [name, patterns] of childPatterns) {
      const [min, max] = counts.get(name) ?? [0, 0];
      children.set(name, { min, max, patterns });
    }

    const together = new Map<string, Set<string>>();
    for (const [name, [, max]] of counts) {
      if (max === 0) continue;
      const withIt = this.together(content, name);
      if (withIt !== 'all') together.set(name, new Set([...withIt].filter((n) => n !== name)));
    }

    const text = emptyValueSpace();
    addToValueSpace(content, text);
    const facts = { attributes, children, together, order: this.order(content).before, text };
    this.facts.set(element, facts);
    return facts;
  }

  /** How often each attribute (`@name`) and child name occurs in matches of `p`. */
  private counts(p: Pattern): Counts {
    const known = this.countMemo.get(p.id);
    if (known !== undefined) return known;
    const result = new Map<string, [number, number]>();
    switch (p.kind) {
      case 'choice': {
        const a = this.counts(p.a);
        const b = this.counts(p.b);
        for (const n of new Set([...a.keys(), ...b.keys()])) {
          const [aMin, aMax] = a.get(n) ?? [0, 0];
          const [bMin, bMax] = b.get(n) ?? [0, 0];
          result.set(n, [Math.min(aMin, bMin), Math.max(aMax, bMax)]);
        }
        break;
      }
      case 'group': case 'interleave': case 'after': {
        const a = this.counts(p.a);
        const b = this.counts(p.b);
        for (const n of new Set([...a.keys(), ...b.keys()])) {
          const [aMin, aMax] = a.get(n) ?? [0, 0];
          const [bMin, bMax] = b.get(n) ?? [0, 0];
          result.set(n, [aMin + bMin, aMax + bMax]);
        }
        break;
      }
      case 'oneOrMore':
        for (const [n, [min, max]] of this.counts(p.p)) result.set(n, [min, max > 0 ? Infinity : 0]);
        break;
      case 'attribute': case 'element': {
        const names = displayNames(p.nameClass).map((n) => (p.kind === 'attribute' ? `@${n}` : n));
        // With several possible names, each one alone is optional.
        for (const n of names) result.set(n, [names.length === 1 ? 1 : 0, 1]);
        break;
      }
      default:
        break;
    }
    this.countMemo.set(p.id, result);
    return result;
  }

  /** Which child names may precede which in matches of `p` (an over-approximation). */
  private order(p: Pattern): Order {
    const known = this.orderMemo.get(p.id);
    if (known !== undefined) return known;
    let result: Order;
    switch (p.kind) {
      case 'element':
        result = { names: new Set(displayNames(p.nameClass)), before: new Map() };
        break;
      case 'choice': {
        const a = this.order(p.a);
        const b = this.order(p.b);
        result = { names: new Set([...a.names, ...b.names]), before: unionOrders(a.before, b.before) };
        break;
      }
      case 'group': case 'interleave': case 'after': {
        const a = this.order(p.a);
        const b = this.order(p.b);
        const before = unionOrders(a.before, b.before);
        addPairs(before, a.names, b.names);
        if (p.kind === 'interleave') addPairs(before, b.names, a.names);
        result = { names: new Set([...a.names, ...b.names]), before };
        break;
      }
      case 'oneOrMore': {
        const inner = this.order(p.p);
        const before = unionOrders(inner.before, new Map());
        addPairs(before, inner.names, inner.names);
        result = { names: inner.names, before };
        break;
      }
      default:
        result = { names: new Set(), before: new Map() };
    }
    this.orderMemo.set(p.id, result);
    return result;
  }

  private requiredNames(p: Pattern): ReadonlySet<string> {
    let known = this.requiredMemo.get(p.id);
    if (known === undefined) {
      known = new Set([...this.counts(p)].filter(([, [min]]) => min > 0).map(([n]) => n));
      this.requiredMemo.set(p.id, known);
    }
    return known;
  }

  /** The names present in every match of `p` that contains `name`. */
  private together(p: Pattern, name: string): NameSet {
    const key = `${p.id}\u0000${name}`;
    const known = this.togetherMemo.get(key);
    if (known !== undefined) return known;
    const has = (q: Pattern): boolean => (this.counts(q).get(name)?.[1] ?? 0) > 0;
    const required = (q: Pattern): ReadonlySet<string> => this.requiredNames(q);
    let result: NameSet;
    if (!has(p)) result = 'all';
    else {
      switch (p.kind) {
        case 'choice':
          result = intersect(has(p.a) ? this.together(p.a, name) : 'all', has(p.b) ? this.together(p.b, name) : 'all');
          break;
        case 'group': case 'interleave': case 'after': {
          const inA = has(p.a) ? union(this.together(p.a, name), required(p.b)) : 'all';
          const inB = has(p.b) ? union(this.together(p.b, name), required(p.a)) : 'all';
          result = intersect(inA, inB);
          break;
        }
        case 'oneOrMore':
          result = this.together(p.p, name);
          break;
        default:
          result = new Set([name]);
      }
    }
    this.togetherMemo.set(key, result);
    return result;
  }
}

function intersect(a: NameSet, b: NameSet): NameSet {
  if (a === 'all') return b;
  if (b === 'all') return a;
  return new Set([...a].filter((n) => b.has(n)));
}

function union(a: NameSet, b: ReadonlySet<string>): NameSet {
  return a === 'all' ? 'all' : new Set([...a, ...b]);
}

function unionOrders(a: ReadonlyMap<string, ReadonlySet<string>>, b: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of [a, b]) {
    for (const [n, set] of m) {
      const mine = out.get(n);
      if (mine === undefined) out.set(n, new Set(set));
      else for (const x of set) mine.add(x);
    }
  }
  return out;
}

function addPairs(into: Map<string, Set<string>>, first: ReadonlySet<string>, then: ReadonlySet<string>): void {
  if (then.size === 0) return;
  for (const a of first) {
    let set = into.get(a);
    if (set === undefined) into.set(a, (set = new Set()));
    for (const b of then) set.add(b);
  }
}

function copyValueSpace(vs: ValueSpace): ValueSpace {
  const copy = emptyValueSpace();
  mergeValueSpace(copy, vs);
  return copy;
}

/** The element patterns directly in `p` (not inside other elements), by display name. */
function collectElements(p: Pattern, out: Map<string, ElementPattern[]>, seen: Set<number>): void {
  if (seen.has(p.id)) return;
  seen.add(p.id);
  switch (p.kind) {
    case 'element':
      for (const name of displayNames(p.nameClass)) {
        const list = out.get(name);
        if (list === undefined) out.set(name, [p]);
        else if (!list.includes(p)) list.push(p);
      }
      return;
    case 'choice': case 'group': case 'interleave': case 'after':
      collectElements(p.a, out, seen);
      collectElements(p.b, out, seen);
      return;
    case 'oneOrMore':
      collectElements(p.p, out, seen);
      return;
    default:
      return;
  }
}

function collectAttributes(p: Pattern, out: Pattern[], seen: Set<number>): void {
  if (seen.has(p.id)) return;
  seen.add(p.id);
  switch (p.kind) {
    case 'attribute':
      out.push(p);
      return;
    case 'choice': case 'group': case 'interleave': case 'after':
      collectAttributes(p.a, out, seen);
      collectAttributes(p.b, out, seen);
      return;
    case 'oneOrMore':
      collectAttributes(p.p, out, seen);
      return;
    default:
      return;
  }
}

/**
 * The summary paths a document path may stand for. Document paths are compared by local name
 * (prefixes in documents are arbitrary), positions like `disk[2]` are ignored, wildcards match
 * any name, and recursion aliases lead back to the ancestor they repeat.
 */
export function resolveElementPath(summary: GrammarSummary, documentPath: string): string[] {
  const segments = splitPath(documentPath).map(segmentLocalName);
  const first = segments[0];
  if (first === undefined) return [];
  let current = summary.roots.filter((r) => nameMatches(r, first)).map((r) => `/${r}`).filter((p) => summary.elements.has(p));
  for (const segment of segments.slice(1)) {
    const next = new Set<string>();
    for (const path of current) {
      const el = summary.elements.get(path);
      if (el === undefined) continue;
      for (const child of el.children.keys()) {
        if (!nameMatches(child, segment)) continue;
        const childPath = `${path}/${child}`;
        if (summary.elements.has(childPath)) next.add(childPath);
        const ancestor = summary.recursion.get(childPath);
        if (ancestor !== undefined) next.add(ancestor);
      }
    }
    current = [...next];
  }
  return current;
}

/** Splits `/a/b/{http://x/y}c` at slashes outside Clark braces. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '/' && depth === 0) {
      if (i > start) out.push(path.slice(start, i));
      start = i + 1;
    }
  }
  if (path.length > start) out.push(path.slice(start));
  return out;
}

function nameMatches(summaryName: string, local: string): boolean {
  const own = segmentLocalName(summaryName);
  return own === '*' || own === local;
}
