/**
 * The only place patterns are created. Every constructor applies the algebraic identities of
 * RELAX NG §4.20 (`notAllowed` absorbs, `empty` is the unit of group and interleave) and interns
 * the result, so equal patterns are `===` and derivative memo tables can key on `id`.
 *
 * Choices are kept as a canonical, duplicate-free, right-nested list sorted by operand id: this is
 * what stops derivatives from growing without bound on libvirt's large interleaves.
 *
 * Patterns are of two lifetimes. Those of the grammar (built while no derivation is under way, or
 * while an element's content is loaded) are permanent. Those made between
 * {@link PatternBuilder.beginDerivations} and {@link PatternBuilder.endDerivations} are derived:
 * states of documents, interned like the others so that memo tables can share them, but dropped
 * all together by {@link PatternBuilder.dropDerived} when a long-running validator's budget is
 * spent. Their ids are then reused, so ids stay small however many documents are validated.
 */
import { NameClassBuilder, type NameClass } from './name-class.js';
import type {
  AttributePattern,
  DatatypeSpec,
  DataPattern,
  ElementOrigin,
  ElementPattern,
  EmptyPattern,
  NotAllowedPattern,
  Pattern,
  TextPattern,
  ValuePattern,
} from './pattern.js';
import { datatypeKey } from './pattern.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class PatternBuilder {
  readonly names = new NameClassBuilder();
  /** Patterns keyed by strings: the constants, data and value (rare, mostly while loading). */
  private readonly table = new Map<string, Pattern>();
  // Patterns keyed by their operands' ids, one table per kind: no key strings to build and hash.
  private readonly choices = new PairTable<Pattern>();
  private readonly rawChoices = new PairTable<Pattern>();
  private readonly groups = new PairTable<Pattern>();
  private readonly interleaves = new PairTable<Pattern>();
  private readonly afters = new PairTable<Pattern>();
  private readonly attributes = new PairTable<Pattern>();
  private readonly oneOrMores = new PairTable<Pattern>();
  private readonly lists = new PairTable<Pattern>();
  private readonly datatypes = new Map<string, DatatypeSpec>();
  private nextId = 0;
  /** Ids of dropped derived patterns, for reuse. */
  private freeIds: number[] = [];
  /** Derived patterns made since the last drop (promoted ones included, skipped when dropping). */
  private derived: PatternNode[] = [];
  private derivations = 0;
  private loading = 0;
  /** Whether new patterns are derived: a derivation is under way and no content is being loaded. */
  private deriving = false;
  private generation = 0;

  readonly empty: EmptyPattern;
  readonly notAllowed: NotAllowedPattern;
  readonly text: TextPattern;

  constructor() {
    this.empty = this.intern('empty', (id) => leaf('empty', id, true)) as EmptyPattern;
    this.notAllowed = this.intern('notAllowed', (id) => leaf('notAllowed', id, false)) as NotAllowedPattern;
    this.text = this.intern('text', (id) => leaf('text', id, true)) as TextPattern;
  }

  /** How many patterns exist (element patterns included). */
  get size(): number {
    return this.nextId - this.freeIds.length;
  }

  /** How many derived patterns exist (see {@link beginDerivations}): what {@link dropDerived} would free. */
  get derivedCount(): number {
    return this.derived.length;
  }

  /** Counts the drops: memo tables keyed by pattern id made before a drop must be discarded. */
  get epoch(): number {
    return this.generation;
  }

  /**
   * From now until the matching {@link endDerivations}, new patterns are derived (states of a
   * document), except those built while an element's content is loaded. Calls nest.
   */
  beginDerivations(): void {
    this.derivations++;
    this.deriving = this.loading === 0;
  }

  endDerivations(): void {
    if (this.derivations === 0) throw new Error('endDerivations without beginDerivations');
    this.derivations--;
    this.deriving = this.derivations > 0 && this.loading === 0;
  }

  /**
   * Forgets every derived pattern: interning no longer returns them and their ids are reused.
   * Only allowed while no derivation is under way, when nothing but memo tables (which the
   * caller discards, see {@link epoch}) can refer to them. Costs one pass over the interning
   * tables; the grammar's own patterns are kept as they are.
   */
  dropDerived(): void {
    if (this.derivations > 0) throw new Error('dropDerived during a derivation');
    if (this.derived.length === 0) return;
    const dead = new Uint8Array(this.nextId);
    for (const p of this.derived) {
      if (!p.derived) continue;
      dead[p.id] = 1;
      this.freeIds.push(p.id);
    }
    this.derived = [];
    const deadPattern = (id: number): boolean => dead[id] === 1;
    const never = (): boolean => false;
    for (const t of [this.choices, this.rawChoices, this.groups, this.interleaves, this.afters]) t.retain(deadPattern, deadPattern, dead);
    this.attributes.retain(never, deadPattern, dead); // keyed by name class and content
    this.oneOrMores.retain(deadPattern, never, dead);
    this.lists.retain(deadPattern, never, dead);
    for (const [key, p] of this.table) if (dead[p.id] === 1) this.table.delete(key);
    this.generation++;
  }

  choice(a: Pattern, b: Pattern): Pattern {
    if (a === b || b.kind === 'notAllowed') return a;
    if (a.kind === 'notAllowed') return b;
    const low = a.id < b.id ? a.id : b.id;
    const high = a.id < b.id ? b.id : a.id;
    const known = this.choices.get(low, high);
    if (known !== undefined) return this.deriving || !(known as unknown as PatternNode).derived ? known : this.kept(known);
    let result: Pattern;
    if (a.kind !== 'choice' && b.kind !== 'choice') {
      // Two plain operands (the common case): the canonical list is just the pair in id order.
      result = a.id < b.id ? this.rawChoice(a, b) : this.rawChoice(b, a);
    } else {
      const members = mergeChoiceMembers(choiceMembers(a), choiceMembers(b));
      result = members[members.length - 1]!;
      for (let i = members.length - 2; i >= 0; i--) result = this.rawChoice(members[i]!, result);
    }
    this.choices.set(low, high, result);
    return result;
  }

  /** Choice over many operands (order does not matter). */
  choiceOf(patterns: readonly Pattern[]): Pattern {
    let result: Pattern = this.notAllowed;
    for (const p of patterns) result = this.choice(result, p);
    return result;
  }

  group(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    let p = this.groups.get(a.id, b.id);
    if (p === undefined) {
      p = this.made(binary('group', this.newId(), a.nullable && b.nullable, a, b));
      this.groups.set(a.id, b.id, p);
    }
    return this.deriving || !(p as unknown as PatternNode).derived ? p : this.kept(p);
  }

  interleave(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    let p = this.interleaves.get(a.id, b.id);
    if (p === undefined) {
      p = this.made(binary('interleave', this.newId(), a.nullable && b.nullable, a, b));
      this.interleaves.set(a.id, b.id, p);
    }
    return this.deriving || !(p as unknown as PatternNode).derived ? p : this.kept(p);
  }

  oneOrMore(p: Pattern): Pattern {
    if (p.kind === 'notAllowed' || p.kind === 'empty' || p.kind === 'oneOrMore') return p;
    let o = this.oneOrMores.get(p.id, 0);
    if (o === undefined) {
      o = this.made(unary('oneOrMore', this.newId(), p.nullable, p));
      this.oneOrMores.set(p.id, 0, o);
    }
    return this.deriving || !(o as unknown as PatternNode).derived ? o : this.kept(o);
  }

  zeroOrMore(p: Pattern): Pattern {
    return this.choice(this.empty, this.oneOrMore(p));
  }

  optional(p: Pattern): Pattern {
    return this.choice(this.empty, p);
  }

  list(p: Pattern): Pattern {
    if (p.kind === 'notAllowed') return p;
    let l = this.lists.get(p.id, 0);
    if (l === undefined) {
      l = this.made(unary('list', this.newId(), false, p));
      this.lists.set(p.id, 0, l);
    }
    return this.deriving || !(l as unknown as PatternNode).derived ? l : this.kept(l);
  }

  datatype(library: string, name: string, params: readonly { name: string; value: string }[] = []): DatatypeSpec {
    const key = datatypeKey(library, name, params);
    let spec = this.datatypes.get(key);
    if (spec === undefined) {
      spec = { library, name, params: params.map((p) => ({ name: p.name, value: p.value })), key };
      this.datatypes.set(key, spec);
    }
    return spec;
  }

  data(datatype: DatatypeSpec, except?: Pattern): Pattern {
    const ex = except === undefined || except.kind === 'notAllowed' ? undefined : except;
    return this.intern(`d${datatype.key}\u0001${ex?.id ?? ''}`, (id) =>
      new PatternNode('data', id, false, undefined, undefined, undefined, undefined, undefined, datatype, ex, undefined, undefined, undefined) as unknown as DataPattern);
  }

  value(datatype: DatatypeSpec, value: string, ns: string): Pattern {
    return this.intern(`v${datatype.key}\u0001${ns}\u0001${value}`, (id) =>
      new PatternNode('value', id, false, undefined, undefined, undefined, undefined, undefined, datatype, undefined, value, ns, undefined) as unknown as ValuePattern);
  }

  attribute(nameClass: NameClass, content: Pattern): Pattern {
    if (content.kind === 'notAllowed') return this.notAllowed;
    let p = this.attributes.get(nameClass.id, content.id);
    if (p === undefined) {
      p = this.made(new PatternNode('attribute', this.newId(), false, undefined, undefined, undefined, nameClass, content, undefined, undefined, undefined, undefined, undefined) as unknown as AttributePattern);
      this.attributes.set(nameClass.id, content.id, p);
    }
    return this.deriving || !(p as unknown as PatternNode).derived ? p : this.kept(p);
  }

  /** A new element node; its content is set later with {@link setElementContent} (the graph may be cyclic). */
  element(nameClass: NameClass, origin?: ElementOrigin): ElementPattern {
    // Elements are nodes of the grammar, never derived.
    return new PatternNode('element', this.newId(), false, undefined, undefined, undefined, nameClass, this.notAllowed, undefined, undefined, undefined, undefined, origin) as unknown as ElementPattern;
  }

  setElementContent(element: ElementPattern, content: Pattern): void {
    this.promote(content);
    (element as Mutable<ElementPattern>).content = content;
  }

  /** Builds the content of a lazily created element; set by the grammar's reader. */
  private contentLoader: ((element: ElementPattern) => Pattern) | undefined = undefined;

  /** Whether elements are created with their content still to be built (see {@link contentOf}). */
  get loadsLazily(): boolean {
    return this.contentLoader !== undefined;
  }

  /**
   * From now on, elements made with {@link lazyElement} get their content from `load` the first
   * time {@link contentOf} asks for it.
   */
  loadContentWith(load: (element: ElementPattern) => Pattern): void {
    this.contentLoader = load;
  }

  /** A new element node whose content is built on first use by the loader. */
  lazyElement(nameClass: NameClass, origin?: ElementOrigin): ElementPattern {
    return new PatternNode('element', this.newId(), false, undefined, undefined, undefined, nameClass, undefined, undefined, undefined, undefined, undefined, origin) as unknown as ElementPattern;
  }

  /** An element's content, built now if the element was made lazily and this is its first use. */
  contentOf(element: ElementPattern): Pattern {
    const content = element.content as Pattern | undefined;
    if (content !== undefined) return content;
    // What the loader builds is grammar, even when a derivation asks for it.
    this.loading++;
    this.deriving = false;
    let loaded: Pattern;
    try {
      loaded = this.contentLoader!(element);
    } finally {
      this.loading--;
      this.deriving = this.derivations > 0 && this.loading === 0;
    }
    this.setElementContent(element, loaded);
    return loaded;
  }

  after(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    let p = this.afters.get(a.id, b.id);
    if (p === undefined) {
      p = this.made(binary('after', this.newId(), false, a, b));
      this.afters.set(a.id, b.id, p);
    }
    return this.deriving || !(p as unknown as PatternNode).derived ? p : this.kept(p);
  }

  private rawChoice(a: Pattern, b: Pattern): Pattern {
    let p = this.rawChoices.get(a.id, b.id);
    if (p === undefined) {
      p = this.made(binary('choice', this.newId(), a.nullable || b.nullable, a, b));
      this.rawChoices.set(a.id, b.id, p);
    }
    return this.deriving || !(p as unknown as PatternNode).derived ? p : this.kept(p);
  }

  private intern(key: string, make: (id: number) => Pattern): Pattern {
    let p = this.table.get(key);
    if (p === undefined) {
      p = this.made(make(this.newId()));
      this.table.set(key, p);
    }
    return this.deriving || !(p as unknown as PatternNode).derived ? p : this.kept(p);
  }

  private newId(): number {
    const free = this.freeIds;
    return free.length > 0 ? free.pop()! : this.nextId++;
  }

  /** Registers a new pattern: derived during a derivation; otherwise grammar, and so are its parts. */
  private made<P extends Pattern>(p: P): P {
    if (this.deriving) {
      const node = p as unknown as PatternNode;
      node.derived = true;
      this.derived.push(node);
    } else if (hasDerivedPart(p as unknown as PatternNode)) {
      this.promoteParts(p as unknown as PatternNode);
    }
    return p;
  }

  /** A pattern the tables returned: outside derivations it joins the grammar if it was derived. */
  private kept<P extends Pattern>(p: P): P {
    if (!this.deriving && (p as unknown as PatternNode).derived) this.promote(p);
    return p;
  }

  /** Makes a derived pattern, and every derived pattern it is built of, permanent. */
  private promote(p: Pattern): void {
    if (!(p as unknown as PatternNode).derived) return;
    (p as unknown as PatternNode).derived = false;
    this.promoteParts(p as unknown as PatternNode);
  }

  /** Promotes the derived parts of `node`, with a stack of its own: derived patterns may nest deeply. */
  private promoteParts(node: PatternNode): void {
    const stack: PatternNode[] = [node];
    const visit = (q: Pattern | undefined): void => {
      const n = q as unknown as PatternNode | undefined;
      if (n === undefined || !n.derived) return;
      n.derived = false;
      stack.push(n);
    };
    while (stack.length > 0) {
      const n = stack.pop()!;
      // Elements are never derived; their content is promoted when it is set.
      if (n.kind === 'element') continue;
      visit(n.a);
      visit(n.b);
      visit(n.p);
      visit(n.content);
      visit(n.except);
    }
  }
}

/** The operands of a canonical choice, in ascending id order. */
export function choiceMembers(p: Pattern): Pattern[] {
  const out: Pattern[] = [];
  let cur = p;
  while (cur.kind === 'choice') {
    out.push(cur.a);
    cur = cur.b;
  }
  out.push(cur);
  return out;
}

function mergeChoiceMembers(x: Pattern[], y: Pattern[]): Pattern[] {
  const out: Pattern[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const a = x[i];
    const b = y[j];
    let next: Pattern;
    if (b === undefined || (a !== undefined && a.id < b.id)) {
      next = a!;
      i++;
    } else if (a === undefined || b.id < a.id) {
      next = b;
      j++;
    } else {
      next = a;
      i++;
      j++;
    }
    out.push(next);
  }
  return out;
}

/**
 * Every pattern object, whatever its kind, has the fields of all kinds in one order (unused
 * ones undefined): code that reads `kind`, `a` or `nullable` from patterns of many kinds then
 * meets one object layout, which V8 optimises once instead of deoptimising as new kinds appear.
 */
class PatternNode {
  /**
   * Made during a derivation and not (yet) part of the grammar: see {@link PatternBuilder.dropDerived}.
   * Assigned in the constructor, after the others: a class field would be defined before them.
   */
  declare derived: boolean;

  constructor(
    readonly kind: Pattern['kind'],
    readonly id: number,
    readonly nullable: boolean,
    readonly a: Pattern | undefined,
    readonly b: Pattern | undefined,
    readonly p: Pattern | undefined,
    readonly nameClass: NameClass | undefined,
    readonly content: Pattern | undefined,
    readonly datatype: DatatypeSpec | undefined,
    readonly except: Pattern | undefined,
    readonly value: string | undefined,
    readonly ns: string | undefined,
    readonly origin: ElementOrigin | undefined,
  ) {
    this.derived = false;
  }
}

/** Whether a new pattern is built of a derived one (checked without allocating: grammars build thousands of patterns). */
function hasDerivedPart(n: PatternNode): boolean {
  return isDerived(n.a) || isDerived(n.b) || isDerived(n.p) || isDerived(n.content) || isDerived(n.except);
}

function isDerived(p: Pattern | undefined): boolean {
  return p !== undefined && (p as unknown as PatternNode).derived;
}

function leaf(kind: 'empty' | 'notAllowed' | 'text', id: number, nullable: boolean): Pattern {
  return new PatternNode(kind, id, nullable, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined) as unknown as Pattern;
}

function binary<K extends 'choice' | 'group' | 'interleave' | 'after'>(kind: K, id: number, nullable: boolean, a: Pattern, b: Pattern): Extract<Pattern, { kind: K }> {
  return new PatternNode(kind, id, nullable, a, b, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined) as unknown as Extract<Pattern, { kind: K }>;
}

function unary<K extends 'oneOrMore' | 'list'>(kind: K, id: number, nullable: boolean, p: Pattern): Extract<Pattern, { kind: K }> {
  return new PatternNode(kind, id, nullable, undefined, undefined, p, undefined, undefined, undefined, undefined, undefined, undefined, undefined) as unknown as Extract<Pattern, { kind: K }>;
}

/**
 * A table from a pair of ids (non-negative integers below 2^30) to a value: open addressing
 * over an Int32Array of key pairs. A native Map would need one number key per pair, and a
 * packed pair outgrows V8's small integers once ids pass 2^5 with room for the second id: every
 * lookup would then allocate the key. Here a lookup allocates nothing.
 */
class PairTable<V> {
  /** Key pairs, two slots per entry; -1 marks an empty entry. */
  private keys = new Int32Array(2 * 64).fill(-1);
  private values: (V | undefined)[] = new Array<V | undefined>(64).fill(undefined);
  private mask = 63;
  private size = 0;

  get(first: number, second: number): V | undefined {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = pairHash(first, second) & mask; ; i = (i + 1) & mask) {
      const k = keys[2 * i]!;
      if (k === -1) return undefined;
      if (k === first && keys[2 * i + 1] === second) return this.values[i];
    }
  }

  set(first: number, second: number, value: V): void {
    if (first >= PAIR_LIMIT || second >= PAIR_LIMIT) throw new RangeError(`pattern id ${Math.max(first, second)} is too large`);
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    this.insert(first, second, value);
  }

  private insert(first: number, second: number, value: V): void {
    const keys = this.keys;
    const mask = this.mask;
    let i = pairHash(first, second) & mask;
    for (; ; i = (i + 1) & mask) {
      const k = keys[2 * i]!;
      if (k === -1) break;
      if (k === first && keys[2 * i + 1] === second) {
        this.values[i] = value;
        return;
      }
    }
    keys[2 * i] = first;
    keys[2 * i + 1] = second;
    this.values[i] = value;
    this.size++;
  }

  /**
   * Removes every entry whose first key (when `firstDead` says so), second key (`secondDead`) or
   * value is dead. Rebuilds the table at its capacity, since open addressing cannot leave holes.
   */
  retain(firstDead: (id: number) => boolean, secondDead: (id: number) => boolean, dead: Uint8Array): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length).fill(-1);
    this.values = new Array<V | undefined>(oldValues.length).fill(undefined);
    this.size = 0;
    for (let i = 0; i < oldValues.length; i++) {
      const first = oldKeys[2 * i]!;
      if (first === -1) continue;
      const second = oldKeys[2 * i + 1]!;
      const value = oldValues[i] as V & { id: number };
      if (firstDead(first) || secondDead(second) || dead[value.id] === 1) continue;
      this.insert(first, second, value);
    }
  }

  /** Doubles the capacity, so that at most half the entries are used. */
  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const capacity = 2 * (this.mask + 1);
    this.keys = new Int32Array(2 * capacity).fill(-1);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    this.size = 0;
    for (let i = 0; i < oldValues.length; i++) {
      const first = oldKeys[2 * i]!;
      if (first !== -1) this.insert(first, oldKeys[2 * i + 1]!, oldValues[i] as V);
    }
  }
}

const PAIR_LIMIT = 2 ** 30;

/** Mixes both ids so that neighbouring pairs spread over the table. */
function pairHash(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) >>> 0;
}
