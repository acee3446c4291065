/**
 * Value shapes: what an attribute value or an element's text becomes in TypeScript.
 *
 * `<value>` choices become string-literal unions, XSD numbers become `number`, integers whose
 * range does not fit a double exactly (above 2^53: `long`, `unsignedLong`, unbounded `integer`)
 * become decimal strings, everything else a `string`. A define whose body is only literals is
 * kept as a named alias (`virYesNo` → `VirYesNo`) so the types read like the schema.
 */
import { CodegenError } from '../errors.js';
import type { DataNode, RngNode } from '../rng-ast.js';
import type { CanonDefine } from './shape-canonical.js';

export type ValuePart =
  | { readonly kind: 'literal'; readonly value: string }
  /** `min` and `max` are inclusive bounds, from the type's range and its facets; absent: unbounded. */
  | { readonly kind: 'number'; readonly integer: boolean; readonly min?: number; readonly max?: number }
  /**
   * An integer whose range does not fit a double exactly, kept as its decimal text. `min` and
   * `max` are inclusive bounds as canonical decimal texts; absent: unbounded.
   */
  | { readonly kind: 'int64'; readonly min?: string; readonly max?: string; readonly signs?: IntegerSigns }
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

/**
 * Which signs an integer's text may carry where a `pattern` facet narrows XSD's `[+-]?[0-9]+`:
 * libvirt's `[0-9]+` allows none, `-?[0-9]+` only '-'. Absent: both.
 */
export type IntegerSigns = '' | '-';

/** The sign policies of the integer patterns libvirt's schemas use. */
const INTEGER_PATTERN_SIGNS: Readonly<Record<string, IntegerSigns | undefined>> = { '[0-9]+': '', '-?[0-9]+': '-', '[+-]?[0-9]+': undefined };

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
  if (a.kind === 'int64' && b.kind === 'int64') return widenInt64(a, b) as P;
  if (a.kind !== 'number' || b.kind !== 'number') return a;
  const min = a.min === undefined || b.min === undefined ? undefined : Math.min(a.min, b.min);
  const max = a.max === undefined || b.max === undefined ? undefined : Math.max(a.max, b.max);
  if (min === a.min && max === a.max) return a;
  return { kind: 'number', integer: a.integer, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) } as P;
}

function widenInt64(a: ValuePart & { kind: 'int64' }, b: ValuePart & { kind: 'int64' }): ValuePart {
  const min = a.min === undefined || b.min === undefined ? undefined : BigInt(a.min) < BigInt(b.min) ? a.min : b.min;
  const max = a.max === undefined || b.max === undefined ? undefined : BigInt(a.max) > BigInt(b.max) ? a.max : b.max;
  const signs = a.signs === undefined || b.signs === undefined ? undefined : a.signs === '-' || b.signs === '-' ? '-' : '';
  if (min === a.min && max === a.max && signs === a.signs) return a;
  return { kind: 'int64', ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), ...(signs === undefined ? {} : { signs }) };
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

/** The value ranges of XSD's integer types (absent: unbounded on that side). */
const INTEGER_RANGES: Readonly<Record<string, readonly [bigint | undefined, bigint | undefined]>> = {
  byte: [-128n, 127n],
  short: [-32768n, 32767n],
  int: [-2147483648n, 2147483647n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsignedByte: [0n, 255n],
  unsignedShort: [0n, 65535n],
  unsignedInt: [0n, 4294967295n],
  unsignedLong: [0n, 2n ** 64n - 1n],
  integer: [undefined, undefined],
  negativeInteger: [undefined, -1n],
  nonPositiveInteger: [undefined, 0n],
  positiveInteger: [1n, undefined],
  nonNegativeInteger: [0n, undefined],
};

const SAFE_BIG = BigInt(SAFE);

function dataParts(node: DataNode): ValuePart[] {
  if (node.datatypeLibrary !== XSD) return [{ kind: 'string' }];
  const param = (name: string): number | undefined => {
    const p = node.params.find((x) => x.name === name);
    if (p === undefined) return undefined;
    const n = Number(p.value.trim());
    return Number.isFinite(n) ? n : undefined;
  };
  /** An integer type's facet as the nearest integer inside the range (exact for integer texts). */
  const integerParam = (name: string, round: 'up' | 'down'): bigint | undefined => {
    const text = node.params.find((x) => x.name === name)?.value.trim();
    if (text === undefined) return undefined;
    if (/^[+-]?[0-9]+$/.test(text)) return BigInt(text);
    const n = Number(text);
    return Number.isFinite(n) ? BigInt(round === 'up' ? Math.ceil(n) : Math.floor(n)) : undefined;
  };
  const range = INTEGER_RANGES[node.type];
  if (range !== undefined) {
    // Inclusive bounds: the type's own range narrowed by its facets (exclusive facets become
    // the next integer inside).
    const minExclusive = integerParam('minExclusive', 'down');
    const maxExclusive = integerParam('maxExclusive', 'up');
    const lows = [range[0], integerParam('minInclusive', 'up'), minExclusive === undefined ? undefined : minExclusive + 1n].filter((n) => n !== undefined);
    const highs = [range[1], integerParam('maxInclusive', 'down'), maxExclusive === undefined ? undefined : maxExclusive - 1n].filter((n) => n !== undefined);
    const low = lows.length === 0 ? undefined : lows.reduce((a, b) => (a > b ? a : b));
    const high = highs.length === 0 ? undefined : highs.reduce((a, b) => (a < b ? a : b));
    const fits = low !== undefined && high !== undefined && low >= -SAFE_BIG && high <= SAFE_BIG;
    if (fits) return [{ kind: 'number', integer: true, min: Number(low), max: Number(high) }];
    // A decimal string keeps its text: a pattern facet may narrow which signs it takes.
    const pattern = node.params.find((x) => x.name === 'pattern')?.value;
    if (pattern !== undefined && !Object.hasOwn(INTEGER_PATTERN_SIGNS, pattern)) {
      throw new CodegenError('integer-pattern', `the pattern ${pattern} of a ${node.type} beyond 2^53 is not one the model can check (${Object.keys(INTEGER_PATTERN_SIGNS).join(', ')})`, node.loc);
    }
    const signs = pattern === undefined ? undefined : INTEGER_PATTERN_SIGNS[pattern];
    return [{ kind: 'int64', ...(low === undefined ? {} : { min: String(low) }), ...(high === undefined ? {} : { max: String(high) }), ...(signs === undefined ? {} : { signs }) }];
  }
  switch (node.type) {
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
