/**
 * Comparing two datatype uses: which facets moved in which direction, and whether one use
 * accepts everything another does. Decisions are made on the facets as written; a rewritten
 * regular expression cannot be ordered, so it is reported as `changed`.
 */
import type { DataUse } from './value-space.js';

/** `widened` accepts more, `narrowed` accepts less, `changed` cannot be ordered either way. */
export type Effect = 'widened' | 'narrowed' | 'changed';

export interface FacetChange {
  readonly facet: string;
  readonly old: string | undefined;
  readonly new: string | undefined;
  readonly effect: Effect;
}

const XSD = 'http://www.w3.org/2001/XMLSchema-datatypes';
const UPPER_BOUNDS = new Set(['maxInclusive', 'maxExclusive', 'maxLength', 'totalDigits', 'fractionDigits']);
const LOWER_BOUNDS = new Set(['minInclusive', 'minExclusive', 'minLength']);

/** Facet-by-facet changes between two uses of the same datatype name. */
export function compareFacets(oldUse: DataUse, newUse: DataUse): FacetChange[] {
  const before = facetMap(oldUse);
  const after = facetMap(newUse);
  const changes: FacetChange[] = [];
  for (const facet of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const o = before.get(facet);
    const n = after.get(facet);
    if (o === n) continue;
    let effect: Effect;
    if (o === undefined) effect = 'narrowed';
    else if (n === undefined) effect = 'widened';
    else if (UPPER_BOUNDS.has(facet)) effect = orderedEffect(compareNumbers(n, o));
    else if (LOWER_BOUNDS.has(facet)) effect = orderedEffect(compareNumbers(o, n));
    else if (facet === 'pattern') effect = compareQuantifierBounds(o, n);
    else effect = 'changed';
    changes.push({ facet, old: o, new: n, effect });
  }
  const excludedBefore = new Set(oldUse.excluded);
  const excludedAfter = new Set(newUse.excluded);
  for (const v of excludedAfter) if (!excludedBefore.has(v)) changes.push({ facet: 'except', old: undefined, new: v, effect: 'narrowed' });
  for (const v of excludedBefore) if (!excludedAfter.has(v)) changes.push({ facet: 'except', old: v, new: undefined, effect: 'widened' });
  return changes;
}

/** True when `wider` accepts every string `narrower` accepts (as far as the facets tell). */
export function subsumes(wider: DataUse, narrower: DataUse): boolean {
  if (!wider.excluded.every((v) => narrower.excluded.includes(v))) return false;
  if (acceptsAnyString(wider)) return true;
  if (wider.spec.library === narrower.spec.library && wider.spec.name === narrower.spec.name) {
    return compareFacets(narrower, wider).every((c) => c.effect === 'widened');
  }
  const w = integerInterval(wider);
  const n = integerInterval(narrower);
  if (w === undefined || n === undefined) return false;
  // Every pattern of the wider use must also constrain the narrower one.
  const narrowerPatterns = new Set(patterns(narrower));
  if (!patterns(wider).every((p) => narrowerPatterns.has(p))) return false;
  return (w.min === undefined || (n.min !== undefined && n.min >= w.min))
    && (w.max === undefined || (n.max !== undefined && n.max <= w.max));
}

/**
 * The effect of replacing one datatype use by another: `widened` when the new one accepts all
 * the old one did, `narrowed` when that is decidably not so (integer ranges), else `changed`.
 */
export function replacementEffect(oldUse: DataUse, newUse: DataUse): Effect {
  if (subsumes(newUse, oldUse)) return 'widened';
  if (integerInterval(oldUse) !== undefined && integerInterval(newUse) !== undefined) return 'narrowed';
  return 'changed';
}

/** A string or token datatype without facets: any string is in its lexical space. */
export function acceptsAnyString(use: DataUse): boolean {
  if (use.excluded.length > 0 || use.spec.params.length > 0) return false;
  if (use.spec.library === '') return use.spec.name === 'string' || use.spec.name === 'token';
  return use.spec.library === XSD && ['string', 'normalizedString', 'token'].includes(use.spec.name);
}

function facetMap(use: DataUse): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of use.spec.params) {
    // Several patterns all apply (RELAX NG ANDs them); compare them as one set.
    const known = map.get(p.name);
    map.set(p.name, known === undefined ? p.value : [known, p.value].sort().join(' & '));
  }
  return map;
}

function patterns(use: DataUse): string[] {
  return use.spec.params.filter((p) => p.name === 'pattern').map((p) => p.value);
}

function orderedEffect(sign: number): Effect {
  return sign > 0 ? 'widened' : sign < 0 ? 'narrowed' : 'changed';
}

/** Compares decimal numerals; integers exactly, anything else as doubles. */
export function compareNumbers(a: string, b: string): number {
  const integer = /^[+-]?\d+$/;
  if (integer.test(a.trim()) && integer.test(b.trim())) {
    const x = BigInt(a.trim());
    const y = BigInt(b.trim());
    return x > y ? 1 : x < y ? -1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return 0;
  return x > y ? 1 : x < y ? -1 : 0;
}

const INTEGER_TYPES: Readonly<Record<string, readonly [bigint | undefined, bigint | undefined]>> = {
  integer: [undefined, undefined],
  nonNegativeInteger: [0n, undefined],
  positiveInteger: [1n, undefined],
  nonPositiveInteger: [undefined, 0n],
  negativeInteger: [undefined, -1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  short: [-32768n, 32767n],
  byte: [-128n, 127n],
  unsignedLong: [0n, 2n ** 64n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  unsignedShort: [0n, 65535n],
  unsignedByte: [0n, 255n],
};

interface Interval {
  readonly min: bigint | undefined;
  readonly max: bigint | undefined;
}

/** The integer range an XSD integer type with bound facets allows; undefined for other types. */
function integerInterval(use: DataUse): Interval | undefined {
  if (use.spec.library !== XSD) return undefined;
  const base = INTEGER_TYPES[use.spec.name];
  if (base === undefined) return undefined;
  let [min, max] = base;
  for (const p of use.spec.params) {
    if (!/^[+-]?\d+$/.test(p.value.trim())) continue;
    const v = BigInt(p.value.trim());
    if (p.name === 'minInclusive' && (min === undefined || v > min)) min = v;
    if (p.name === 'minExclusive' && (min === undefined || v + 1n > min)) min = v + 1n;
    if (p.name === 'maxInclusive' && (max === undefined || v < max)) max = v;
    if (p.name === 'maxExclusive' && (max === undefined || v - 1n < max)) max = v - 1n;
  }
  return { min, max };
}

const BOUNDED_QUANTIFIER = /\{(\d+)(,(\d*))?\}/g;

/**
 * Two regular expressions that differ only in the bounds of `{n,m}` quantifiers can be
 * ordered: `[ -~]{0,16}` → `[ -~]{0,40}` accepts more. Anything else is `changed`.
 */
export function compareQuantifierBounds(oldRegex: string, newRegex: string): Effect {
  const skeleton = (r: string): string => r.replace(BOUNDED_QUANTIFIER, '{}');
  if (skeleton(oldRegex) !== skeleton(newRegex)) return 'changed';
  const bounds = (r: string): [number, number][] =>
    [...r.matchAll(BOUNDED_QUANTIFIER)].map((m) => [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3])]);
  const before = bounds(oldRegex);
  const after = bounds(newRegex);
  let wider = false;
  let narrower = false;
  before.forEach(([oMin, oMax], i) => {
    const [nMin, nMax] = after[i]!;
    if (nMin < oMin || nMax > oMax) wider = true;
    if (nMin > oMin || nMax < oMax) narrower = true;
  });
  return wider && !narrower ? 'widened' : narrower && !wider ? 'narrowed' : 'changed';
}
