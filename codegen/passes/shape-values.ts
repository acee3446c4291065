/**
 * Value shapes: what an attribute value or an element's text becomes in TypeScript.
 *
 * `<value>` choices become string-literal unions, XSD numbers become `number`, integers whose
 * range does not fit a double exactly (above 2^53: `long`, `unsignedLong`, unbounded `integer`)
 * become decimal strings, everything else a `string`. A define whose body is only literals is
 * kept as a named alias (`virYesNo` → `VirYesNo`) so the types read like the schema.
 */
import type { DataNode, RngNode } from '../rng-ast.js';
import type { CanonDefine } from './shape-canonical.js';

export type ValuePart =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'number'; readonly integer: boolean }
  | { readonly kind: 'int64' }
  | { readonly kind: 'string' };

/** One term of a value union as written in TypeScript: a primitive part or a named alias. */
export type ValueTerm = ValuePart | { readonly kind: 'alias'; readonly define: string; readonly parts: readonly ValuePart[] };

export interface Value {
  readonly terms: readonly ValueTerm[];
}

export const XSD = 'http://www.w3.org/2001/XMLSchema-datatypes';
const SAFE = 2 ** 53 - 1;

const STRING_VALUE: Value = { terms: [{ kind: 'string' }] };

export function stringValue(): Value {
  return STRING_VALUE;
}

/** The primitive parts of a value, aliases expanded, without duplicates. */
export function valueParts(v: Value): ValuePart[] {
  const out: ValuePart[] = [];
  const seen = new Set<string>();
  const add = (p: ValuePart): void => {
    const k = partKey(p);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(p);
    }
  };
  for (const t of v.terms) {
    if (t.kind === 'alias') t.parts.forEach(add);
    else add(t);
  }
  return out;
}

function partKey(p: ValuePart): string {
  return p.kind === 'literal' ? `=${p.value}` : p.kind === 'number' ? `n${p.integer ? 'i' : 'f'}` : p.kind;
}

function termKey(t: ValueTerm): string {
  return t.kind === 'alias' ? `&${t.define}` : partKey(t);
}

/** The union of values, terms in first-seen order without duplicates. */
export function unionValues(values: readonly Value[]): Value {
  if (values.length === 1) return values[0]!;
  const terms: ValueTerm[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    for (const t of v.terms) {
      const k = termKey(t);
      if (!seen.has(k)) {
        seen.add(k);
        terms.push(t);
      }
    }
  }
  return { terms };
}

/** The literal values when the value is a finite set of them, else undefined. */
export function literalValues(v: Value): string[] | undefined {
  const parts = valueParts(v);
  if (parts.length === 0 || parts.some((p) => p.kind !== 'literal')) return undefined;
  return parts.map((p) => (p as { value: string }).value);
}

export function sameValue(a: Value, b: Value): boolean {
  return a.terms.map(termKey).join('|') === b.terms.map(termKey).join('|');
}

/** Computes value shapes of patterns that hold no elements or attributes. */
export class ValueAnalyser {
  private readonly cache = new Map<string, Value>();

  constructor(private readonly defines: ReadonlyMap<string, CanonDefine>) {}

  /** The value a pattern matches; patterns holding markup count as strings. */
  value(node: RngNode): Value {
    switch (node.kind) {
      case 'value':
        return { terms: [{ kind: 'literal', value: node.datatypeLibrary === '' && node.type === 'token' ? collapse(node.value) : node.value }] };
      case 'data':
        return { terms: dataParts(node) };
      case 'text':
      case 'list':
        return STRING_VALUE;
      case 'empty':
        return { terms: [{ kind: 'literal', value: '' }] };
      case 'notAllowed':
        return { terms: [] };
      case 'choice':
        return unionValues(node.items.map((i) => this.value(i)));
      case 'ref':
        return this.ref(node.target);
      case 'group':
      case 'interleave':
      case 'optional':
      case 'zeroOrMore':
      case 'oneOrMore':
      case 'mixed':
        // A sequence of several values only arises inside list; as text it is a string.
        return node.items.length === 1 && node.kind === 'group' ? this.value(node.items[0]!) : STRING_VALUE;
      case 'element':
      case 'attribute':
        return STRING_VALUE;
    }
  }

  private ref(id: string): Value {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const define = this.defines.get(id);
    if (define === undefined) throw new Error(`unknown define ${id}`);
    const inner = this.value(define.body);
    const parts = valueParts(inner);
    const isEnum = parts.length > 0 && parts.every((p) => p.kind === 'literal');
    const v: Value = isEnum ? { terms: [{ kind: 'alias', define: id, parts }] } : inner;
    this.cache.set(id, v);
    return v;
  }
}

export function collapse(s: string): string {
  return s.replace(/[\t\n\r ]+/g, ' ').trim();
}

function dataParts(node: DataNode): ValuePart[] {
  if (node.datatypeLibrary !== XSD) return [{ kind: 'string' }];
  const param = (name: string): number | undefined => {
    const p = node.params.find((x) => x.name === name);
    if (p === undefined) return undefined;
    const n = Number(p.value.trim());
    return Number.isFinite(n) ? n : undefined;
  };
  const bounded = (lowDefault: number | undefined, highDefault: number | undefined): ValuePart => {
    const low = param('minInclusive') ?? param('minExclusive') ?? lowDefault;
    const high = param('maxInclusive') ?? param('maxExclusive') ?? highDefault;
    const fits = low !== undefined && high !== undefined && low >= -SAFE && high <= SAFE;
    return fits ? { kind: 'number', integer: true } : { kind: 'int64' };
  };
  switch (node.type) {
    case 'byte':
    case 'short':
    case 'int':
    case 'unsignedByte':
    case 'unsignedShort':
    case 'unsignedInt':
      return [{ kind: 'number', integer: true }];
    case 'long':
    case 'integer':
      return [bounded(undefined, undefined)];
    case 'negativeInteger':
    case 'nonPositiveInteger':
      return [bounded(undefined, 0)];
    case 'unsignedLong':
    case 'nonNegativeInteger':
    case 'positiveInteger':
      return [bounded(0, undefined)];
    case 'decimal':
    case 'double':
    case 'float':
      return [{ kind: 'number', integer: false }];
    case 'boolean':
      return ['true', 'false', '1', '0'].map((value) => ({ kind: 'literal', value }));
    default:
      return [{ kind: 'string' }];
  }
}
