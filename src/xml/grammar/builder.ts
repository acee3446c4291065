/**
 * The only place patterns are created. Every constructor applies the algebraic identities of
 * RELAX NG §4.20 (`notAllowed` absorbs, `empty` is the unit of group and interleave) and interns
 * the result, so equal patterns are `===` and derivative memo tables can key on `id`.
 *
 * Choices are kept as a canonical, duplicate-free, right-nested list sorted by operand id: this is
 * what stops derivatives from growing without bound on libvirt's large interleaves.
 */
import { NameClassBuilder, type NameClass } from './name-class.js';
import type {
  AfterPattern,
  AttributePattern,
  DatatypeSpec,
  DataPattern,
  ElementOrigin,
  ElementPattern,
  EmptyPattern,
  ListPattern,
  NotAllowedPattern,
  OneOrMorePattern,
  Pattern,
  TextPattern,
  ValuePattern,
} from './pattern.js';
import { datatypeKey } from './pattern.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class PatternBuilder {
  readonly names = new NameClassBuilder();
  private readonly table = new Map<string, Pattern>();
  private readonly datatypes = new Map<string, DatatypeSpec>();
  private nextId = 0;

  readonly empty: EmptyPattern;
  readonly notAllowed: NotAllowedPattern;
  readonly text: TextPattern;

  constructor() {
    this.empty = this.intern('empty', (id) => ({ kind: 'empty', id, nullable: true })) as EmptyPattern;
    this.notAllowed = this.intern('notAllowed', (id) => ({ kind: 'notAllowed', id, nullable: false })) as NotAllowedPattern;
    this.text = this.intern('text', (id) => ({ kind: 'text', id, nullable: true })) as TextPattern;
  }

  /** How many patterns exist (element patterns included). */
  get size(): number {
    return this.nextId;
  }

  choice(a: Pattern, b: Pattern): Pattern {
    if (a === b || b.kind === 'notAllowed') return a;
    if (a.kind === 'notAllowed') return b;
    const memoKey = a.id < b.id ? `c${a.id},${b.id}` : `c${b.id},${a.id}`;
    const known = this.table.get(memoKey);
    if (known !== undefined) return known;
    const members = mergeChoiceMembers(choiceMembers(a), choiceMembers(b));
    let result = members[members.length - 1]!;
    for (let i = members.length - 2; i >= 0; i--) result = this.rawChoice(members[i]!, result);
    this.table.set(memoKey, result);
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
    return this.intern(`g${a.id},${b.id}`, (id) => ({ kind: 'group', id, nullable: a.nullable && b.nullable, a, b }));
  }

  interleave(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    return this.intern(`i${a.id},${b.id}`, (id) => ({ kind: 'interleave', id, nullable: a.nullable && b.nullable, a, b }));
  }

  oneOrMore(p: Pattern): Pattern {
    if (p.kind === 'notAllowed' || p.kind === 'empty' || p.kind === 'oneOrMore') return p;
    return this.intern(`o${p.id}`, (id) => ({ kind: 'oneOrMore', id, nullable: p.nullable, p }) as OneOrMorePattern);
  }

  zeroOrMore(p: Pattern): Pattern {
    return this.choice(this.empty, this.oneOrMore(p));
  }

  optional(p: Pattern): Pattern {
    return this.choice(this.empty, p);
  }

  list(p: Pattern): Pattern {
    if (p.kind === 'notAllowed') return p;
    return this.intern(`l${p.id}`, (id) => ({ kind: 'list', id, nullable: false, p }) as ListPattern);
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
      ({ kind: 'data', id, nullable: false, datatype, except: ex }) as DataPattern);
  }

  value(datatype: DatatypeSpec, value: string, ns: string): Pattern {
    return this.intern(`v${datatype.key}\u0001${ns}\u0001${value}`, (id) =>
      ({ kind: 'value', id, nullable: false, datatype, value, ns }) as ValuePattern);
  }

  attribute(nameClass: NameClass, content: Pattern): Pattern {
    if (content.kind === 'notAllowed') return this.notAllowed;
    return this.intern(`a${nameClass.id},${content.id}`, (id) =>
      ({ kind: 'attribute', id, nullable: false, nameClass, content }) as AttributePattern);
  }

  /** A new element node; its content is set later with {@link setElementContent} (the graph may be cyclic). */
  element(nameClass: NameClass, origin?: ElementOrigin): ElementPattern {
    const el: ElementPattern = { kind: 'element', id: this.nextId++, nullable: false, nameClass, content: this.notAllowed, origin };
    return el;
  }

  setElementContent(element: ElementPattern, content: Pattern): void {
    (element as Mutable<ElementPattern>).content = content;
  }

  after(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    return this.intern(`f${a.id},${b.id}`, (id) => ({ kind: 'after', id, nullable: false, a, b }) as AfterPattern);
  }

  private rawChoice(a: Pattern, b: Pattern): Pattern {
    return this.intern(`C${a.id},${b.id}`, (id) => ({ kind: 'choice', id, nullable: a.nullable || b.nullable, a, b }));
  }

  private intern(key: string, make: (id: number) => Pattern): Pattern {
    let p = this.table.get(key);
    if (p === undefined) {
      p = make(this.nextId++);
      this.table.set(key, p);
    }
    return p;
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
