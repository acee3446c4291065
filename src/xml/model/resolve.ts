/**
 * The properties an element has once its discriminated unions are decided: the type's own
 * properties with the chosen case's properties in their schema position. The choice is made
 * from the discriminator attributes — read from the XML when parsing, from the model when
 * formatting — and memoised per type and choice, together with the lookup tables the parser
 * uses for every element of that shape.
 */
import { propName, type AnyBinding, type AttributeBinding, type ElementBinding, type TextBinding, type TypeBinding } from './binding.js';
import { typeBinding } from './registry.js';
import { collapse, decoderFor, type Decoder } from './values.js';

export type FieldBinding = AttributeBinding | ElementBinding | TextBinding | AnyBinding;

/** How the parser fills a property from an attribute. */
export interface AttributeField {
  readonly prop: string;
  readonly decode: Decoder;
}

/** How the parser fills a property from a child element. */
export interface ElementField {
  readonly prop: string;
  readonly binding: ElementBinding;
  /** The property holds a list (`*` or `+`). */
  readonly list: boolean;
  /** A bit of its own among the shape's element fields (0 past 30 of them), to tell a second occurrence. */
  readonly bit: number;
  /** The child's model type, for object children. */
  readonly type: TypeBinding | undefined;
  /** The text decoder, for leaf children holding their value. */
  readonly decode: Decoder | undefined;
}

export interface Resolved {
  /** Properties in schema order. */
  readonly props: readonly FieldBinding[];
  readonly attributes: ReadonlyMap<string, AttributeBinding>;
  readonly elements: ReadonlyMap<string, ElementBinding>;
  /** The same, as the parser reads them. */
  readonly attributeFields: FieldTable<AttributeField>;
  readonly elementFields: FieldTable<ElementField>;
  readonly text?: TextBinding;
  readonly textDecode?: Decoder;
  readonly any?: AnyBinding;
  /** Schema position of each property (for placing new children among existing ones). */
  readonly position: ReadonlyMap<string, number>;
  /** The binding of each property. */
  readonly byProp: ReadonlyMap<string, FieldBinding>;
}

/** Reads a discriminator: by XML name when parsing, by property when formatting. */
export type DiscriminatorReader = (ns: string, local: string, prop: string) => string | undefined;

/** Map key of an XML name. */
export function qkey(ns: string, local: string): string {
  return ns === '' ? local : `{${ns}}${local}`;
}

/** The property a field binding fills. */
export function fieldProp(f: FieldBinding): string {
  return f.k === 't' ? '$value' : f.k === 'x' ? '$any' : propName(f);
}

/**
 * Fields by XML name. Names in the parsed tree are fresh strings: hashing one costs more than
 * comparing it with a few keys (most differ in length), so small tables are searched in order.
 */
export class FieldTable<F> {
  private readonly keys: string[] = [];
  private readonly fields: F[] = [];
  private map: Map<string, F> | undefined;

  get size(): number {
    return this.keys.length;
  }

  get(key: string): F | undefined {
    if (this.map !== undefined) return this.map.get(key);
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return this.fields[i];
    return undefined;
  }

  set(key: string, field: F): void {
    const at = this.keys.indexOf(key);
    if (at >= 0) this.fields[at] = field;
    else {
      this.keys.push(key);
      this.fields.push(field);
    }
    if (this.map !== undefined) this.map.set(key, field);
    else if (this.keys.length > 12) this.map = new Map(this.keys.map((k, i) => [k, this.fields[i]!]));
  }
}

/** Memo of a type with unions: one node per choice made so far, the resolution at the leaves. */
interface ChoiceNode {
  resolved: Resolved | undefined;
  readonly next: (ChoiceNode | undefined)[];
}

/** One union of a type, ready to decide. */
interface Union {
  /** The discriminator attribute and its property. */
  readonly ns: string;
  readonly local: string;
  readonly prop: string;
  /** Case values, each with the index of its case. */
  readonly values: readonly string[];
  readonly caseOf: readonly number[];
  /** The case taken when the attribute is absent or names no case. */
  readonly fallback: number;
  /** The unions of each case's type, if it has any. */
  readonly nested: readonly (Unions | undefined)[];
}

/** The unions of a type in schema order, and the memo of their resolutions. */
interface Unions {
  readonly list: Union[];
  readonly memo: ChoiceNode;
}

const unionsByType = new WeakMap<TypeBinding, Unions>();

const plain = new WeakMap<TypeBinding, Resolved>();

/** The choices of the resolution under way (resolutions do not nest). */
const choices: number[] = [];

export function resolve(type: TypeBinding, read: DiscriminatorReader): Resolved {
  if (type.v === undefined) {
    // No unions: one resolution for every element of the type.
    let r = plain.get(type);
    if (r === undefined) plain.set(type, (r = index(type.p as readonly FieldBinding[])));
    return r;
  }
  const unions = unionsOf(type);
  choices.length = 0;
  const node = choose(unions, read, unions.memo);
  if (node.resolved === undefined) {
    const props: FieldBinding[] = [];
    collect(type, choices, { next: 0 }, props);
    node.resolved = index(props);
  }
  return node.resolved;
}

function unionsOf(type: TypeBinding): Unions {
  let u = unionsByType.get(type);
  if (u !== undefined) return u;
  u = { list: [], memo: { resolved: undefined, next: [] } };
  // Registered before the cases are looked at, in case a case's type contains this one.
  unionsByType.set(type, u);
  for (const p of type.p) {
    if (p.k !== 'v') continue;
    const v = type.v![p.i]!;
    const values: string[] = [];
    const caseOf: number[] = [];
    v.c.forEach((c, i) => {
      for (const value of c.v) {
        values.push(value);
        caseOf.push(i);
      }
    });
    const absent = v.c.findIndex((c) => c.a === 1);
    const nested = v.c.map((c) => {
      const t = c.t !== undefined ? typeBinding(c.t) : undefined;
      return t?.v !== undefined ? unionsOf(t) : undefined;
    });
    u.list.push({ ns: v.ns ?? '', local: v.n, prop: propName(v), values, caseOf, fallback: absent >= 0 ? absent : 0, nested });
  }
  return u;
}

function pick(u: Union, value: string | undefined): number {
  if (value === undefined) return u.fallback;
  const c = collapse(value);
  const values = u.values;
  for (let i = 0; i < values.length; i++) if (values[i] === c) return u.caseOf[i]!;
  // A value no case names (an invalid document): the case for "absent", else the first.
  return u.fallback;
}

function choose(unions: Unions, read: DiscriminatorReader, node: ChoiceNode): ChoiceNode {
  for (const u of unions.list) {
    const i = pick(u, read(u.ns, u.local, u.prop));
    choices.push(i);
    node = node.next[i] ??= { resolved: undefined, next: [] };
    const nested = u.nested[i];
    if (nested !== undefined) node = choose(nested, read, node);
  }
  return node;
}

function collect(type: TypeBinding, chosen: readonly number[], cursor: { next: number }, out: FieldBinding[]): void {
  for (const p of type.p) {
    if (p.k !== 'v') {
      out.push(p);
      continue;
    }
    const v = type.v![p.i]!;
    const t = v.c[chosen[cursor.next++]!]!.t;
    if (t !== undefined) collect(typeBinding(t), chosen, cursor, out);
  }
}

function index(props: readonly FieldBinding[]): Resolved {
  const attributes = new Map<string, AttributeBinding>();
  const elements = new Map<string, ElementBinding>();
  const attributeFields = new FieldTable<AttributeField>();
  const elementFields = new FieldTable<ElementField>();
  const position = new Map<string, number>();
  const byProp = new Map<string, FieldBinding>();
  let text: TextBinding | undefined;
  let any: AnyBinding | undefined;
  props.forEach((p, i) => {
    position.set(fieldProp(p), i);
    byProp.set(fieldProp(p), p);
    if (p.k === 'a') {
      const key = qkey(p.ns ?? '', p.n);
      attributes.set(key, p);
      attributeFields.set(key, { prop: propName(p), decode: decoderFor(p.v) });
    } else if (p.k === 'e') {
      const key = qkey(p.ns ?? '', p.n);
      elements.set(key, p);
      const slot = elementFields.size;
      elementFields.set(key, {
        prop: propName(p),
        binding: p,
        list: p.m === '*' || p.m === '+',
        bit: slot < 30 ? 1 << slot : 0,
        type: p.t !== undefined ? typeBinding(p.t) : undefined,
        decode: p.v !== undefined ? decoderFor(p.v) : undefined,
      });
    } else if (p.k === 't') text = p;
    else any = p;
  });
  return {
    props,
    attributes,
    elements,
    attributeFields,
    elementFields,
    position,
    byProp,
    ...(text ? { text, textDecode: decoderFor(text.v) } : {}),
    ...(any ? { any } : {}),
  };
}
