/**
 * The properties an element has once its discriminated unions are decided: the type's own
 * properties with the chosen case's properties in their schema position. The choice is made
 * from the discriminator attributes — read from the XML when parsing, from the model when
 * formatting — and memoised per type and choice.
 */
import { propName, type AnyBinding, type AttributeBinding, type ElementBinding, type TextBinding, type TypeBinding, type VariantBinding } from './binding.js';
import { typeBinding } from './registry.js';
import { collapse } from './values.js';

export type FieldBinding = AttributeBinding | ElementBinding | TextBinding | AnyBinding;

export interface Resolved {
  /** Properties in schema order. */
  readonly props: readonly FieldBinding[];
  readonly attributes: ReadonlyMap<string, AttributeBinding>;
  readonly elements: ReadonlyMap<string, ElementBinding>;
  readonly text?: TextBinding;
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

const memo = new WeakMap<TypeBinding, Map<string, Resolved>>();

const plain = new WeakMap<TypeBinding, Resolved>();

export function resolve(type: TypeBinding, read: DiscriminatorReader): Resolved {
  if (type.v === undefined) {
    // No unions: one resolution for every element of the type.
    let r = plain.get(type);
    if (r === undefined) plain.set(type, (r = index(type.p as readonly FieldBinding[])));
    return r;
  }
  const choices: number[] = [];
  choose(type, read, choices);
  const key = choices.join(',');
  let byChoice = memo.get(type);
  if (byChoice === undefined) memo.set(type, (byChoice = new Map()));
  let r = byChoice.get(key);
  if (r === undefined) {
    const props: FieldBinding[] = [];
    collect(type, choices, { next: 0 }, props);
    r = index(props);
    byChoice.set(key, r);
  }
  return r;
}

function pick(v: VariantBinding, value: string | undefined): number {
  const absent = v.c.findIndex((c) => c.a === 1);
  if (value === undefined) return absent >= 0 ? absent : 0;
  const c = collapse(value);
  const i = v.c.findIndex((k) => k.v.includes(c));
  if (i >= 0) return i;
  // A value no case names (an invalid document): the case for "absent", else the first.
  return absent >= 0 ? absent : 0;
}

function choose(type: TypeBinding, read: DiscriminatorReader, out: number[]): void {
  if (type.v === undefined) return;
  for (const p of type.p) {
    if (p.k !== 'v') continue;
    const v = type.v[p.i]!;
    const i = pick(v, read(v.ns ?? '', v.n, propName(v)));
    out.push(i);
    const t = v.c[i]!.t;
    if (t !== undefined) choose(typeBinding(t), read, out);
  }
}

function collect(type: TypeBinding, choices: readonly number[], cursor: { next: number }, out: FieldBinding[]): void {
  for (const p of type.p) {
    if (p.k !== 'v') {
      out.push(p);
      continue;
    }
    const v = type.v![p.i]!;
    const t = v.c[choices[cursor.next++]!]!.t;
    if (t !== undefined) collect(typeBinding(t), choices, cursor, out);
  }
}

function index(props: readonly FieldBinding[]): Resolved {
  const attributes = new Map<string, AttributeBinding>();
  const elements = new Map<string, ElementBinding>();
  const position = new Map<string, number>();
  const byProp = new Map<string, FieldBinding>();
  let text: TextBinding | undefined;
  let any: AnyBinding | undefined;
  props.forEach((p, i) => {
    position.set(fieldProp(p), i);
    byProp.set(fieldProp(p), p);
    if (p.k === 'a') attributes.set(qkey(p.ns ?? '', p.n), p);
    else if (p.k === 'e') elements.set(qkey(p.ns ?? '', p.n), p);
    else if (p.k === 't') text = p;
    else any = p;
  });
  return { props, attributes, elements, position, byProp, ...(text ? { text } : {}), ...(any ? { any } : {}) };
}
