/**
 * fast-check arbitraries for documents valid by construction under a compiled grammar (any
 * root, any release). The generator walks the simplified pattern graph: choices pick a branch,
 * interleaves shuffle their two sides, `oneOrMore` repeats a little, attributes and data get
 * values their datatypes allow.
 *
 * Size is bounded two ways: optional content is likelier to be left out the deeper it is, and
 * below `maxDepth` every choice takes a branch needing the fewest elements (computed once per
 * grammar as a fixpoint), so generation always ends. Shrinking goes towards those branches too.
 */
import fc from 'fast-check';
import { choiceMembers } from '../../../src/xml/grammar/builder.js';
import { nameClassContains, type NameClass } from '../../../src/xml/grammar/name-class.js';
import type { ElementPattern, Pattern } from '../../../src/xml/grammar/pattern.js';
import { datatypeValues } from './datatype-values.js';
import { makeElement, type GenElement, type GenItem } from './document-tree.js';

export interface GrammarArbitraryOptions {
  /** Element depth below which choices only take their smallest branches (default 6). */
  readonly maxDepth?: number;
  /** Chance that optional content of the document element is present (default 0.35). */
  readonly presence?: number;
  /** Factor applied to that chance per level of depth (default 0.75). */
  readonly decay?: number;
  /** Most repetitions of a `oneOrMore` (default 2). */
  readonly maxRepeat?: number;
  /**
   * How the two sides of an `interleave` are ordered. `swap` (default) puts one side's content
   * before the other's, in either order; `shuffle` mixes them freely. libxml2 rejects some
   * freely mixed documents that are valid (elements of a nested interleave separated by others,
   * see test/corpus/regressions), so properties that consult it use `swap`.
   */
  readonly interleave?: 'swap' | 'shuffle';
}

/** Names for wildcard name classes (`<anyName/>`, `<nsName/>`), tried in order. */
const WILDCARD_NAMESPACES = ['http://example.org/virtxml/ext', ''];
const WILDCARD_LOCALS = ['item', 'note', 'x-data'];

export class GrammarDocuments {
  private readonly maxDepth: number;
  private readonly presence: number;
  private readonly maxRepeat: number;
  private readonly decay: number;
  private readonly shuffle: boolean;
  private readonly cost: (p: Pattern) => number;
  private readonly memo = new Map<string, fc.Arbitrary<GenItem[]>>();
  private readonly hasAttributeMemo = new Map<number, boolean>();

  constructor(private readonly start: Pattern, options: GrammarArbitraryOptions = {}) {
    this.maxDepth = options.maxDepth ?? 6;
    this.presence = options.presence ?? 0.35;
    this.maxRepeat = options.maxRepeat ?? 2;
    this.decay = options.decay ?? 0.75;
    this.shuffle = options.interleave === 'shuffle';
    this.cost = minimumElementCost(start);
    if (this.cost(start) === Infinity) throw new Error('the grammar accepts no finite document');
  }

  /** Whole documents: the document element with everything below it. */
  documents(): fc.Arbitrary<GenElement> {
    return this.content(this.start, 0).map((items) => {
      const root = items.find((i): i is GenElement => i.kind === 'element');
      if (root === undefined) throw new Error('the start pattern produced no element');
      return root;
    });
  }

  private content(p: Pattern, depth: number): fc.Arbitrary<GenItem[]> {
    const level = Math.min(depth, this.maxDepth);
    const key = `${p.id}:${level}`;
    let arb = this.memo.get(key);
    if (arb === undefined) {
      arb = this.build(p, level);
      this.memo.set(key, arb);
    }
    return arb;
  }

  private build(p: Pattern, depth: number): fc.Arbitrary<GenItem[]> {
    switch (p.kind) {
      case 'empty':
        return fc.constant([]);
      case 'text':
        return textValues().map((value) => [{ kind: 'text', value }]);
      case 'data': case 'value': case 'list':
        return this.value(p).map((value) => [{ kind: 'text', value }]);
      case 'choice':
        return this.choice(p, depth, (m) => this.content(m, depth));
      case 'group':
        return fc.tuple(this.content(p.a, depth), this.content(p.b, depth)).map(([a, b]) => [...a, ...b]);
      case 'interleave':
        if (!this.shuffle) {
          return fc.tuple(this.content(p.a, depth), this.content(p.b, depth), fc.boolean()).map(([a, b, swap]) => (swap ? [...b, ...a] : [...a, ...b]));
        }
        return fc.tuple(this.content(p.a, depth), this.content(p.b, depth), fc.array(fc.boolean(), { maxLength: 16 }))
          .map(([a, b, picks]) => shuffleMerge(a, b, picks));
      case 'oneOrMore': {
        const item = this.content(p.p, depth);
        // Repeating attributes would repeat a name, which XML forbids.
        if (depth >= this.maxDepth || this.hasAttribute(p.p)) return item;
        return fc.array(item, { minLength: 1, maxLength: this.maxRepeat }).map((runs) => runs.flat());
      }
      case 'attribute':
        return fc.tuple(names(p.nameClass), this.value(p.content)).map(([[ns, local], value]) => [{ kind: 'attribute', ns, local, value }]);
      case 'element':
        return this.element(p, depth);
      case 'notAllowed': case 'after':
        throw new Error(`cannot generate content for a ${p.kind} pattern`);
    }
  }

  private element(p: ElementPattern, depth: number): fc.Arbitrary<GenItem[]> {
    // Built on first use: the element graph is cyclic.
    const inner = new LazyArbitrary(() => this.content(p.content, depth + 1));
    return fc.tuple(names(p.nameClass), inner).map(([[ns, local], items]) => [makeElement(ns, local, p, items)]);
  }

  private choice<T>(p: Pattern, depth: number, arbitraryOf: (member: Pattern) => fc.Arbitrary<T>): fc.Arbitrary<T> {
    const members = choiceMembers(p).filter((m) => this.cost(m) < Infinity).sort((a, b) => this.cost(a) - this.cost(b));
    if (members.length === 0) throw new Error('a choice with no finite branch');
    if (depth >= this.maxDepth) {
      const cheapest = this.cost(members[0]!);
      return fc.oneof(...members.filter((m) => this.cost(m) === cheapest).map(arbitraryOf));
    }
    const present = this.presence * this.decay ** Math.max(0, depth - 1);
    const absentWeight = Math.max(1, Math.round(((1 - present) / present) * (members.length - 1)));
    return fc.oneof(...members.map((m) => ({ arbitrary: arbitraryOf(m), weight: m.kind === 'empty' ? absentWeight : 1 })));
  }

  /** The string an attribute or text-only content holds. */
  private value(p: Pattern): fc.Arbitrary<string> {
    switch (p.kind) {
      case 'empty': return fc.constant('');
      case 'text': return textValues();
      case 'value': return fc.constant(p.value);
      case 'data':
        return datatypeValues(p.datatype, p.except === undefined ? [] : choiceMembers(p.except).flatMap((m) => (m.kind === 'value' ? [m.value] : [])));
      case 'list':
        return this.value(p.p).map((v) => v.trim());
      case 'choice':
        return this.choice(p, this.maxDepth, (m) => this.value(m));
      case 'group': case 'interleave':
        return fc.tuple(this.value(p.a), this.value(p.b)).map(([a, b]) => [a, b].filter((s) => s !== '').join(' '));
      case 'oneOrMore':
        return fc.array(this.value(p.p), { minLength: 1, maxLength: this.maxRepeat }).map((vs) => vs.join(' '));
      default:
        throw new Error(`a ${p.kind} pattern where a value was expected`);
    }
  }

  private hasAttribute(p: Pattern): boolean {
    let known = this.hasAttributeMemo.get(p.id);
    if (known === undefined) {
      switch (p.kind) {
        case 'attribute': known = true; break;
        case 'choice': case 'group': case 'interleave': known = this.hasAttribute(p.a) || this.hasAttribute(p.b); break;
        case 'oneOrMore': known = this.hasAttribute(p.p); break;
        default: known = false;
      }
      this.hasAttributeMemo.set(p.id, known);
    }
    return known;
  }
}

/** Valid documents of the grammar whose start pattern is `start`. */
export function grammarDocuments(start: Pattern, options?: GrammarArbitraryOptions): fc.Arbitrary<GenElement> {
  return new GrammarDocuments(start, options).documents();
}

/** Short free text; sometimes empty, sometimes with characters XML must escape. */
function textValues(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('', 'x', 'some text', 'a<b & "c"'), fc.string({ maxLength: 8 }).filter(isXmlText));
}

function isXmlText(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/.test(s);
}

function names(nc: NameClass): fc.Arbitrary<readonly [string, string]> {
  switch (nc.kind) {
    case 'name':
      return fc.constant([nc.ns, nc.local] as const);
    case 'choice':
      return fc.oneof(names(nc.a), names(nc.b));
    case 'anyName': case 'nsName': {
      const namespaces = nc.kind === 'nsName' ? [nc.ns] : WILDCARD_NAMESPACES;
      const options = namespaces.flatMap((ns) => WILDCARD_LOCALS.map((local) => [ns, local] as const))
        .filter(([ns, local]) => nameClassContains(nc, ns, local));
      if (options.length === 0) throw new Error('no generated name fits a wildcard name class');
      return fc.constantFrom(...options);
    }
  }
}

/** Merges two item lists in an order `picks` chooses, keeping each list's own order. */
function shuffleMerge(a: GenItem[], b: GenItem[], picks: boolean[]): GenItem[] {
  const out: GenItem[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out.push(picks[k++ % Math.max(1, picks.length)] ?? true ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/**
 * The fewest elements a match of each pattern needs (`Infinity`: no finite match). Element
 * costs are found by iterating to a fixpoint, since elements refer to each other in cycles.
 */
export function minimumElementCost(start: Pattern): (p: Pattern) => number {
  const elements: ElementPattern[] = [];
  const seen = new Set<number>();
  const collect = (p: Pattern): void => {
    if (seen.has(p.id)) return;
    seen.add(p.id);
    switch (p.kind) {
      case 'element': elements.push(p); collect(p.content); return;
      case 'choice': case 'group': case 'interleave': case 'after': collect(p.a); collect(p.b); return;
      case 'oneOrMore': case 'list': collect(p.p); return;
      case 'attribute': collect(p.content); return;
      default: return;
    }
  };
  collect(start);
  const elementCost = new Map<ElementPattern, number>(elements.map((e) => [e, Infinity]));
  let memo = new Map<number, number>();
  const cost = (p: Pattern): number => {
    if (p.kind === 'element') return elementCost.get(p) ?? Infinity;
    const known = memo.get(p.id);
    if (known !== undefined) return known;
    let c: number;
    switch (p.kind) {
      case 'notAllowed': c = Infinity; break;
      case 'choice': c = Math.min(cost(p.a), cost(p.b)); break;
      case 'group': case 'interleave': case 'after': c = cost(p.a) + cost(p.b); break;
      case 'oneOrMore': c = cost(p.p); break;
      case 'attribute': c = cost(p.content); break;
      default: c = 0;
    }
    memo.set(p.id, c);
    return c;
  };
  for (let changed = true; changed;) {
    changed = false;
    memo = new Map();
    for (const e of elements) {
      const c = 1 + cost(e.content);
      if (c < elementCost.get(e)!) {
        elementCost.set(e, c);
        changed = true;
      }
    }
  }
  memo = new Map();
  return cost;
}

/** An arbitrary whose definition is produced on first use, for recursive grammars. */
class LazyArbitrary<T> extends fc.Arbitrary<T> {
  private target: fc.Arbitrary<T> | undefined;

  constructor(private readonly make: () => fc.Arbitrary<T>) {
    super();
  }

  private get inner(): fc.Arbitrary<T> {
    this.target ??= this.make();
    return this.target;
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    return this.inner.generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.inner.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.inner.shrink(value, context);
  }
}
