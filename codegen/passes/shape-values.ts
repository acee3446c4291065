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
  /** `min` and `max` are inclusive bounds, from the type's range and its facets; absent: unbounded. */
  | { readonly kind: 'number'; readonly integer: boolean; readonly min?: number; readonly max?: number }
  | { readonly kind: 'int64' }
  /** `facets`: the value must satisfy one of these (a union of restricted strings); absent: any string. */
  | { readonly kind: 'string'; readonly facets?: readonly StringFacets[] };

/**
 * The facets of an XSD `string` (whose whitespace is preserved, so they apply to the text as it
 * is): an XSD regular expression and lengths in characters.
 */
export interface StringFacets {
  readonly pattern?: string;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

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
  const seen = new Map<string, number>();
  const add = (p: ValuePart): void => {
    const k = partKey(p);
    const at = seen.get(k);
    if (at === undefined) {
      seen.set(k, out.length);
      out.push(p);
    } else {
      out[at] = widen(out[at]!, p);
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
  const seen = new Map<string, number>();
  for (const v of values) {
    for (const t of v.terms) {
      const k = termKey(t);
      const at = seen.get(k);
      if (at === undefined) {
        seen.set(k, terms.length);
        terms.push(t);
      } else if (t.kind !== 'alias') {
        terms[at] = widen(terms[at] as ValuePart, t);
      }
    }
  }
  return { terms };
}

/**
 * Two parts of the same kind as one: numbers take the range covering both and restricted
 * strings either's facets (the union allows whatever either allows), everything else is the
 * same either way.
 */
function widen<P extends ValuePart>(a: P, b: ValuePart): P {
  if (a.kind === 'string' && b.kind === 'string') return widenString(a, b) as P;
  if (a.kind !== 'number' || b.kind !== 'number') return a;
  const min = a.min === undefined || b.min === undefined ? undefined : Math.min(a.min, b.min);
  const max = a.max === undefined || b.max === undefined ? undefined : Math.max(a.max, b.max);
  if (min === a.min && max === a.max) return a;
  return { kind: 'number', integer: a.integer, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) } as P;
}

function widenString(a: ValuePart & { kind: 'string' }, b: ValuePart & { kind: 'string' }): ValuePart {
  if (a.facets === undefined) return a;
  if (b.facets === undefined) return b;
  const keys = new Set(a.facets.map((f) => JSON.stringify(f)));
  const added = b.facets.filter((f) => !keys.has(JSON.stringify(f)));
  return added.length === 0 ? a : { kind: 'string', facets: [...a.facets, ...added] };
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

/** The value ranges of XSD's bounded integer types. */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
  unsignedByte: [0, 255],
  unsignedShort: [0, 65535],
  unsignedInt: [0, 4294967295],
};

function dataParts(node: DataNode): ValuePart[] {
  if (node.datatypeLibrary !== XSD) return [{ kind: 'string' }];
  const param = (name: string): number | undefined => {
    const p = node.params.find((x) => x.name === name);
    if (p === undefined) return undefined;
    const n = Number(p.value.trim());
    return Number.isFinite(n) ? n : undefined;
  };
  // Inclusive bounds: the type's own range narrowed by its facets (exclusive facets of
  // integers become the next integer inside).
  const integerBounds = (lowDefault: number | undefined, highDefault: number | undefined): { low?: number; high?: number } => {
    const minExclusive = param('minExclusive');
    const maxExclusive = param('maxExclusive');
    const lows = [lowDefault, param('minInclusive'), minExclusive === undefined ? undefined : Math.floor(minExclusive) + 1].filter((n) => n !== undefined);
    const highs = [highDefault, param('maxInclusive'), maxExclusive === undefined ? undefined : Math.ceil(maxExclusive) - 1].filter((n) => n !== undefined);
    return { ...(lows.length > 0 ? { low: Math.max(...lows) } : {}), ...(highs.length > 0 ? { high: Math.min(...highs) } : {}) };
  };
  const integer = (lowDefault: number | undefined, highDefault: number | undefined): ValuePart => {
    const { low, high } = integerBounds(lowDefault, highDefault);
    const fits = low !== undefined && high !== undefined && low >= -SAFE && high <= SAFE;
    return fits ? { kind: 'number', integer: true, min: low, max: high } : { kind: 'int64' };
  };
  const range = INTEGER_RANGES[node.type];
  if (range !== undefined) return [integer(range[0], range[1])];
  switch (node.type) {
    case 'long':
    case 'integer':
      return [integer(undefined, undefined)];
    case 'negativeInteger':
      return [integer(undefined, -1)];
    case 'nonPositiveInteger':
      return [integer(undefined, 0)];
    case 'positiveInteger':
      return [integer(1, undefined)];
    case 'unsignedLong':
    case 'nonNegativeInteger':
      return [integer(0, undefined)];
    case 'decimal':
    case 'double':
    case 'float': {
      // Only inclusive facets: an exclusive one would need `exclusiveMinimum`, and leaving it out
      // never rejects a valid value.
      const min = param('minInclusive');
      const max = param('maxInclusive');
      return [{ kind: 'number', integer: false, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) }];
    }
    case 'boolean':
      return ['true', 'false', '1', '0'].map((value) => ({ kind: 'literal', value }));
    case 'string': {
      // Only `string`: other string types collapse or replace whitespace before their facets
      // apply, which the model's text has not had (leaving their facets out rejects nothing valid).
      const facets = stringFacets(node);
      return [facets === undefined ? { kind: 'string' } : { kind: 'string', facets: [facets] }];
    }
    default:
      return [{ kind: 'string' }];
  }
}

function stringFacets(node: DataNode): StringFacets | undefined {
  const out: { -readonly [K in keyof StringFacets]: StringFacets[K] } = {};
  for (const p of node.params) {
    if (p.name === 'pattern') {
      // Several patterns (a value must match all of them) are left out: libvirt has none.
      if (out.pattern !== undefined) return undefined;
      out.pattern = p.value;
    } else if (p.name === 'length' || p.name === 'minLength' || p.name === 'maxLength') {
      const n = Number(p.value.trim());
      if (Number.isSafeInteger(n) && n >= 0) out[p.name] = n;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
