/**
 * Content analysis: what an element's pattern allows, as fields (attributes, child elements,
 * text) with multiplicity, plus the choices that a fixed attribute value tells apart.
 *
 * Fields are keyed by XML name, so the same child appearing in several branches of a choice is
 * one field. A choice whose branches all fix one attribute to disjoint literal values (at most
 * one branch allowing it to be absent) is kept as a variant: the discriminated union of the
 * model. Any other choice is merged into optional fields. Refs are followed (the model flattens
 * the schema's fragments into the element that holds them); elements are not entered.
 */
import type { ElementNode, NameClassNode, RngNode } from '../rng-ast.js';
import { locId, type CanonGrammar } from './shape-canonical.js';
import { literalValues, sameValue, stringValue, unionValues, ValueAnalyser, type Value } from './shape-values.js';

export type FieldKind = 'attribute' | 'element' | 'text' | 'any';

export interface Field {
  /** `@{ns}local` for attributes, `<{ns}local` for elements, `#text`, `*any`. */
  readonly key: string;
  readonly kind: FieldKind;
  readonly ns: string;
  readonly local: string;
  /** 0 when the field may be absent. */
  readonly min: 0 | 1;
  /** 2 when the field may repeat. */
  readonly max: 1 | 2;
  /** For attributes and text. */
  readonly value?: Value;
  /** For elements: the ids of the element patterns the field may hold, sorted. */
  readonly elements?: readonly string[];
}

export interface Case {
  /** Discriminator values that select this case. */
  readonly values: readonly string[];
  /** The case applies when the discriminator attribute is absent. */
  readonly absent: boolean;
  readonly content: Content;
  /** The branch was a ref to this define (it names the case). */
  readonly define?: string;
}

export interface Variant {
  /** Key of the discriminator attribute (`@{ns}local`). */
  readonly key: string;
  readonly ns: string;
  readonly local: string;
  readonly cases: readonly Case[];
  /** The choice is the body of this define (it names the union). */
  readonly define?: string;
}

export type Entry = { readonly kind: 'field'; readonly field: Field } | { readonly kind: 'variant'; readonly variant: Variant };

export interface Content {
  /** Fields and variants in schema order. */
  readonly entries: readonly Entry[];
  /** The pattern can match nothing (it holds `notAllowed` outside any choice). */
  readonly impossible?: boolean;
}

const EMPTY: Content = { entries: [] };
const IMPOSSIBLE: Content = { entries: [], impossible: true };

export function fieldKey(kind: FieldKind, ns: string, local: string): string {
  return kind === 'attribute' ? `@{${ns}}${local}` : kind === 'element' ? `<{${ns}}${local}` : kind === 'text' ? '#text' : '*any';
}

export class ContentAnalyser {
  readonly values: ValueAnalyser;
  private readonly defineCache = new Map<string, Content>();
  private readonly elementCache = new Map<string, Content>();
  private readonly inProgress = new Set<string>();
  private readonly valueDefines = new Map<string, boolean>();

  constructor(readonly grammar: CanonGrammar) {
    this.values = new ValueAnalyser(grammar.defines);
  }

  /** The content of an element pattern. */
  element(id: string): Content {
    const cached = this.elementCache.get(id);
    if (cached) return cached;
    const node = this.grammar.elements.get(id);
    if (node === undefined) throw new Error(`unknown element ${id}`);
    this.inProgress.add(id);
    const c = this.sequence(node.content);
    this.inProgress.delete(id);
    this.elementCache.set(id, c);
    return c;
  }

  /**
   * The content of a field that may hold any of several element patterns of one name: the
   * choice of their contents (a variant when an attribute tells them apart).
   */
  elements(ids: readonly string[]): Content {
    if (ids.length === 1) return this.element(ids[0]!);
    const key = ids.join(',');
    const cached = this.elementCache.get(key);
    if (cached) return cached;
    const c = this.choiceOf(ids.map((id) => ({ content: this.element(id) })));
    this.elementCache.set(key, c);
    return c;
  }

  /** Whether an element can occur at all (its content is not `notAllowed`). */
  private possible(id: string): boolean {
    if (this.inProgress.has(id)) return true;
    return !this.element(id).impossible;
  }

  analyse(node: RngNode): Content {
    switch (node.kind) {
      case 'element':
        return this.elementField(node);
      case 'attribute': {
        if (node.nameClass.kind !== 'name') return EMPTY; // only customElement has these; unknown attributes are kept anyway
        const value = this.values.value(node.content);
        if (value.terms.length === 0) return IMPOSSIBLE;
        return single({ key: fieldKey('attribute', node.nameClass.ns, node.nameClass.local), kind: 'attribute', ns: node.nameClass.ns, local: node.nameClass.local, min: 1, max: 1, value });
      }
      case 'text':
        return single(textField(stringValue(), 0));
      case 'data':
      case 'value':
      case 'list':
        return single(textField(this.values.value(node), 1));
      case 'empty':
        return EMPTY;
      case 'notAllowed':
        return IMPOSSIBLE;
      case 'ref':
        return this.define(node.target);
      case 'group':
      case 'interleave':
        return this.sequence(node.items);
      case 'mixed':
        return seq(this.sequence(node.items), single(textField(stringValue(), 0)));
      case 'optional':
        return optionalise(this.sequence(node.items));
      case 'oneOrMore':
        return repeat(this.sequence(node.items));
      case 'zeroOrMore':
        return optionalise(repeat(this.sequence(node.items)));
      case 'choice':
        return this.choice(node.items);
    }
  }

  define(id: string): Content {
    const cached = this.defineCache.get(id);
    if (cached) return cached;
    const d = this.grammar.defines.get(id);
    if (d === undefined) throw new Error(`unknown define ${id}`);
    // A define of values only is text content whose type keeps the define's name.
    let c = this.isValue(d.body) ? single(textField(this.values.value({ kind: 'ref', target: id, loc: d.loc }), 1)) : this.analyse(d.body);
    const only = c.entries.length === 1 ? c.entries[0]! : undefined;
    if (only?.kind === 'variant' && only.variant.define === undefined) {
      c = { entries: [{ kind: 'variant', variant: { ...only.variant, define: id } }] };
    }
    this.defineCache.set(id, c);
    return c;
  }

  /** A pattern matching only a data value: value, data, list and choices of them. */
  private isValue(node: RngNode): boolean {
    switch (node.kind) {
      case 'value':
      case 'data':
      case 'list':
        return true;
      case 'choice':
        return node.items.every((i) => this.isValue(i));
      case 'group':
        return node.items.length === 1 && this.isValue(node.items[0]!);
      case 'ref': {
        const known = this.valueDefines.get(node.target);
        if (known !== undefined) return known;
        this.valueDefines.set(node.target, false);
        const result = this.isValue(this.grammar.defines.get(node.target)!.body);
        this.valueDefines.set(node.target, result);
        return result;
      }
      default:
        return false;
    }
  }

  private sequence(items: readonly RngNode[]): Content {
    let c = EMPTY;
    for (const i of items) c = seq(c, this.analyse(i));
    return c;
  }

  private elementField(node: ElementNode): Content {
    const id = locId(node.loc);
    if (!this.possible(id)) return IMPOSSIBLE;
    const names = nameList(node.nameClass);
    if (names === undefined) return single({ key: fieldKey('any', '', ''), kind: 'any', ns: '', local: '', min: 1, max: 1 });
    const fields = names.map((n) => single({ key: fieldKey('element', n.ns, n.local), kind: 'element', ns: n.ns, local: n.local, min: 1, max: 1, elements: [id] }));
    return fields.length === 1 ? fields[0]! : alternatives(fields);
  }

  private choice(items: readonly RngNode[]): Content {
    return this.choiceOf(items.map((item) => ({ content: this.analyse(item), ...(item.kind === 'ref' ? { define: item.target } : {}) })));
  }

  private choiceOf(all: readonly { content: Content; define?: string }[]): Content {
    const branches = all.filter((b) => !b.content.impossible);
    if (branches.length === 0) return IMPOSSIBLE;
    if (branches.length === 1) return branches[0]!.content;
    const nonEmpty = branches.filter((b) => b.content.entries.length > 0);
    if (nonEmpty.length === 1) return optionalise(nonEmpty[0]!.content);
    const variant = discriminate(branches);
    if (variant) return hoistShared(variant);
    return alternatives(branches.map((b) => b.content));
  }
}

function single(field: Field): Content {
  return { entries: [{ kind: 'field', field }] };
}

function textField(value: Value, min: 0 | 1): Field {
  return { key: '#text', kind: 'text', ns: '', local: '', min, max: 1, value };
}

function nameList(nc: NameClassNode): { ns: string; local: string }[] | undefined {
  switch (nc.kind) {
    case 'name':
      return [{ ns: nc.ns, local: nc.local }];
    case 'choice': {
      const out: { ns: string; local: string }[] = [];
      for (const i of nc.items) {
        const l = nameList(i);
        if (l === undefined) return undefined;
        out.push(...l);
      }
      return out;
    }
    case 'anyName':
    case 'nsName':
      return undefined;
  }
}

/** The fields at the top level of a content (not inside variants). */
export function topFields(c: Content): Field[] {
  const out: Field[] = [];
  for (const e of c.entries) if (e.kind === 'field') out.push(e.field);
  return out;
}

/** Every field key used by a content, variants included. */
function allKeys(c: Content, into: Set<string> = new Set()): Set<string> {
  for (const e of c.entries) {
    if (e.kind === 'field') into.add(e.field.key);
    else for (const k of e.variant.cases) allKeys(k.content, into);
  }
  return into;
}

function variantKeys(v: Variant): Set<string> {
  const keys = new Set<string>();
  for (const c of v.cases) allKeys(c.content, keys);
  return keys;
}

/** Two fields for the same name in sequence: an element may then repeat. */
function mergeSequential(a: Field, b: Field): Field {
  if (a.kind === 'element' || a.kind === 'any') {
    return { ...a, min: a.min === 1 || b.min === 1 ? 1 : 0, max: 2, elements: unionIds(a.elements, b.elements) };
  }
  return mergeAlternative(a, b);
}

/** Two fields for the same name in different branches. */
function mergeAlternative(a: Field, b: Field): Field {
  const merged: Field = {
    ...a,
    min: a.min === 1 && b.min === 1 ? 1 : 0,
    max: a.max === 2 || b.max === 2 ? 2 : 1,
    ...(a.value && b.value ? { value: unionValues([a.value, b.value]) } : {}),
    ...(a.elements || b.elements ? { elements: unionIds(a.elements, b.elements) } : {}),
  };
  return merged;
}

function unionIds(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
  return [...new Set([...(a ?? []), ...(b ?? [])])].sort();
}

export function seq(a: Content, b: Content): Content {
  if (a.impossible || b.impossible) return IMPOSSIBLE;
  if (a.entries.length === 0) return b;
  if (b.entries.length === 0) return a;
  const entries: Entry[] = [...a.entries];
  const index = new Map<string, number>();
  entries.forEach((e, i) => e.kind === 'field' && index.set(e.field.key, i));
  for (const e of b.entries) {
    if (e.kind === 'field') {
      const at = index.get(e.field.key);
      if (at !== undefined) {
        const prev = entries[at] as { kind: 'field'; field: Field };
        entries[at] = { kind: 'field', field: mergeSequential(prev.field, e.field) };
      } else {
        index.set(e.field.key, entries.length);
        entries.push(e);
      }
    } else {
      entries.push(e);
    }
  }
  return settle({ entries });
}

/**
 * Dissolves variants whose fields clash with fields outside them (a key used both at the top
 * level and inside a case, or inside two variants): such a choice is not a clean union.
 */
function settle(c: Content): Content {
  for (;;) {
    const top = new Set(topFields(c).map((f) => f.key));
    const perVariant = c.entries.map((e) => (e.kind === 'variant' ? variantKeys(e.variant) : undefined));
    let clash = -1;
    for (let i = 0; i < c.entries.length && clash < 0; i++) {
      const keys = perVariant[i];
      if (keys === undefined) continue;
      for (const k of keys) {
        if (top.has(k) || perVariant.some((o, j) => j !== i && o?.has(k))) {
          clash = i;
          break;
        }
      }
    }
    if (clash < 0) return c;
    const v = c.entries[clash] as { kind: 'variant'; variant: Variant };
    const before = { entries: c.entries.slice(0, clash) };
    const after = { entries: c.entries.slice(clash + 1) };
    c = seqFlat(seqFlat(before, dissolve(v.variant)), after);
  }
}

/** Sequence without settling (used while settling). */
function seqFlat(a: Content, b: Content): Content {
  const entries: Entry[] = [...a.entries];
  const index = new Map<string, number>();
  entries.forEach((e, i) => e.kind === 'field' && index.set(e.field.key, i));
  for (const e of b.entries) {
    if (e.kind === 'field' && index.has(e.field.key)) {
      const at = index.get(e.field.key)!;
      entries[at] = { kind: 'field', field: mergeSequential((entries[at] as { field: Field }).field, e.field) };
    } else {
      if (e.kind === 'field') index.set(e.field.key, entries.length);
      entries.push(e);
    }
  }
  return { entries };
}

/** A variant as plain optional fields: the merge of its cases. */
export function dissolve(v: Variant): Content {
  return alternatives(v.cases.map((c) => c.content));
}

/** The merge of choice branches into one set of fields. */
export function alternatives(branches: readonly Content[]): Content {
  const flat = branches.map(flatten);
  const order: string[] = [];
  const merged = new Map<string, Field>();
  const count = new Map<string, number>();
  for (const b of flat) {
    for (const f of topFields(b)) {
      const prev = merged.get(f.key);
      merged.set(f.key, prev ? mergeAlternative(prev, f) : f);
      count.set(f.key, (count.get(f.key) ?? 0) + 1);
      if (!prev) order.push(f.key);
    }
  }
  const entries: Entry[] = order.map((k) => {
    const f = merged.get(k)!;
    return { kind: 'field', field: count.get(k) === flat.length ? f : { ...f, min: 0 } };
  });
  return { entries };
}

/** All variants dissolved. */
function flatten(c: Content): Content {
  if (c.entries.every((e) => e.kind === 'field')) return c;
  let out = EMPTY;
  for (const e of c.entries) out = seqFlat(out, e.kind === 'field' ? { entries: [e] } : flatten(dissolve(e.variant)));
  return out;
}

/** The content may be absent as a whole. */
export function optionalise(c: Content): Content {
  if (c.impossible) return EMPTY;
  return {
    entries: c.entries.map((e): Entry => {
      if (e.kind === 'field') return e.field.min === 0 ? e : { kind: 'field', field: { ...e.field, min: 0 } };
      const v = e.variant;
      const absent = v.cases.findIndex((k) => k.absent);
      const cases =
        absent < 0
          ? [...v.cases, { values: [], absent: true, content: EMPTY }]
          : v.cases.map((k, i) => (i === absent ? { ...k, content: optionalise(k.content) } : k));
      return { kind: 'variant', variant: { ...v, cases } };
    }),
  };
}

/** The content may repeat: its elements become lists; a repeated choice is no longer a union. */
export function repeat(c: Content): Content {
  if (c.impossible) return c;
  return {
    entries: topFields(flatten(c)).map((f): Entry => ({ kind: 'field', field: f.kind === 'element' || f.kind === 'any' ? { ...f, max: 2 } : f })),
  };
}

/**
 * The variant for a choice whose branches are told apart by one attribute's fixed values, or
 * undefined. Needs two branches with content, one of them holding more than the attribute.
 */
export function discriminate(branches: readonly { content: Content; define?: string }[]): Variant | undefined {
  const withContent = branches.filter((b) => b.content.entries.length > 0);
  if (withContent.length < 2) return undefined;
  const first = withContent[0]!.content;
  for (const candidate of topFields(first)) {
    if (candidate.kind !== 'attribute' || candidate.value === undefined || literalValues(candidate.value) === undefined) continue;
    const cases: Case[] = [];
    const seen = new Set<string>();
    let absentCount = 0;
    let richer = false;
    let ok = true;
    for (const b of branches) {
      if (b.content.entries.length === 0) {
        absentCount++;
        cases.push({ values: [], absent: true, content: b.content, ...(b.define ? { define: b.define } : {}) });
        continue;
      }
      const f = topFields(b.content).find((x) => x.key === candidate.key);
      const values = f?.value ? literalValues(f.value) : undefined;
      if (f === undefined || values === undefined || values.some((v) => seen.has(v))) {
        ok = false;
        break;
      }
      values.forEach((v) => seen.add(v));
      if (f.min === 0) absentCount++;
      if (b.content.entries.length > 1) richer = true;
      cases.push({ values, absent: f.min === 0, content: b.content, ...(b.define ? { define: b.define } : {}) });
    }
    if (ok && absentCount <= 1 && richer) return { key: candidate.key, ns: candidate.ns, local: candidate.local, cases };
  }
  return undefined;
}

/** Fields every case has alike move out of the cases, so each case shows only what sets it apart. */
function hoistShared(v: Variant): Content {
  const [first, ...rest] = v.cases;
  const shared = topFields(first!.content).filter(
    (f) => f.key !== v.key && rest.every((c) => topFields(c.content).some((g) => sameField(f, g))),
  );
  if (shared.length === 0) return { entries: [{ kind: 'variant', variant: v }] };
  const keys = new Set(shared.map((f) => f.key));
  const cases = v.cases.map((c) => ({ ...c, content: { entries: c.content.entries.filter((e) => e.kind !== 'field' || !keys.has(e.field.key)) } }));
  // Alike, but numbers may have different ranges in different cases: the hoisted field allows all.
  const hoisted = shared.map((f): Field => {
    if (f.value === undefined) return f;
    const values = v.cases.map((c) => topFields(c.content).find((g) => g.key === f.key)!.value!);
    return { ...f, value: unionValues(values) };
  });
  return { entries: [{ kind: 'variant', variant: { ...v, cases } }, ...hoisted.map((field): Entry => ({ kind: 'field', field }))] };
}

/** Whether two fields describe the same thing (used to hoist fields shared by all cases). */
export function sameField(a: Field, b: Field): boolean {
  if (a.key !== b.key || a.min !== b.min || a.max !== b.max) return false;
  if ((a.value === undefined) !== (b.value === undefined)) return false;
  if (a.value && b.value && !sameValue(a.value, b.value)) return false;
  return (a.elements ?? []).join(',') === (b.elements ?? []).join(',');
}
