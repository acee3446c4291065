/**
 * Values for `<data>` patterns: numbers inside the type's and facets' bounds, strings from the
 * `pattern` facet's regular expression, and a small catalogue for the other XSD types. Every
 * value is checked with the datatype's own `allows`; a candidate it rejects is replaced by a
 * value found to be allowed when the arbitrary was built, so generation never fails.
 */
import fc from 'fast-check';
import { createDatatype, XSD_LIBRARY } from '../../../src/xml/datatypes/index.js';
import type { DatatypeSpec } from '../../../src/xml/grammar/pattern.js';
import { xsdRegexStrings } from './xsd-regex-strings.js';

export class NoValueError extends Error {
  constructor(readonly spec: DatatypeSpec) {
    super(`no generated value satisfies ${spec.name}${spec.params.map((p) => ` ${p.name}=${p.value}`).join('')}`);
    this.name = 'NoValueError';
  }
}

const INTEGER_BOUNDS: Readonly<Record<string, readonly [bigint | undefined, bigint | undefined]>> = {
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

/** Unbounded integer types are sampled within this magnitude. */
const INTEGER_REACH = 10n ** 21n;

const cache = new Map<string, fc.Arbitrary<string>>();

/** Values `spec` allows, never one of `excluded`. Throws NoValueError when none can be found. */
export function datatypeValues(spec: DatatypeSpec, excluded: readonly string[] = []): fc.Arbitrary<string> {
  const key = `${spec.key}\u0003${excluded.join('\u0003')}`;
  let arb = cache.get(key);
  if (arb === undefined) {
    arb = build(spec, excluded);
    cache.set(key, arb);
  }
  return arb;
}

function build(spec: DatatypeSpec, excluded: readonly string[]): fc.Arbitrary<string> {
  const datatype = createDatatype(spec.library, spec.name, spec.params);
  const ok = (v: string): boolean => datatype.allows(v) && !excluded.includes(v);
  const candidates = candidateValues(spec);
  const fallback = findAllowed(candidates, ok) ?? findAllowed(catalogueArbitrary(), ok);
  if (fallback === undefined) throw new NoValueError(spec);
  return candidates.map((v) => (ok(v) ? v : fallback));
}

function findAllowed(arb: fc.Arbitrary<string>, ok: (v: string) => boolean): string | undefined {
  return fc.sample(arb, { numRuns: 300, seed: 7 }).find(ok);
}

function candidateValues(spec: DatatypeSpec): fc.Arbitrary<string> {
  const name = spec.library === XSD_LIBRARY ? spec.name : `builtin:${spec.name}`;
  const bounds = INTEGER_BOUNDS[name];
  if (bounds !== undefined) return integers(spec, bounds);
  const pattern = spec.params.find((p) => p.name === 'pattern');
  if (pattern !== undefined) {
    try {
      return xsdRegexStrings(pattern.value);
    } catch {
      // An expression beyond the generator's subset: the catalogue and `allows` take over.
    }
  }
  switch (name) {
    case 'decimal': case 'double': case 'float':
      return fc.oneof(
        integers(spec, [undefined, undefined]),
        fc.tuple(fc.integer({ min: -999, max: 999 }), fc.integer({ min: 0, max: 99 })).map(([i, f]) => `${i}.${f}`),
      );
    case 'boolean':
      return fc.constantFrom('true', 'false', '1', '0');
    case 'NCName': case 'ID': case 'IDREF': case 'ENTITY': case 'Name': case 'QName': case 'NMTOKEN': case 'language':
      return xsdRegexStrings('[a-zA-Z_][a-zA-Z0-9._\\-]{0,10}');
    case 'anyURI':
      return fc.oneof(
        fc.constantFrom('http://example.org/x', 'file:///var/lib/libvirt/images/a.img', 'urn:uuid:0', 'relative/path'),
        xsdRegexStrings('(http|https)://[a-z]{1,8}\\.example/[a-z0-9]{0,6}'),
      );
    case 'dateTime':
      return fc.tuple(fc.integer({ min: 1970, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('', 'Z', '+02:00'))
        .map(([y, mo, d, h, mi, z]) => `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${z}`);
    case 'date':
      return fc.tuple(fc.integer({ min: 1970, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
        .map(([y, mo, d]) => `${y}-${pad(mo)}-${pad(d)}`);
    case 'hexBinary':
      return xsdRegexStrings('([0-9A-F]{2}){0,4}');
    case 'base64Binary':
      return fc.constantFrom('', 'AAAA', 'YWJj');
    default:
      return lengthBoundedText(spec);
  }
}

/** Free text for string-like types, honouring length facets. */
function lengthBoundedText(spec: DatatypeSpec): fc.Arbitrary<string> {
  const param = (n: string): number | undefined => {
    const p = spec.params.find((x) => x.name === n);
    return p === undefined ? undefined : Number(p.value);
  };
  const exact = param('length');
  const min = exact ?? param('minLength') ?? 0;
  const max = exact ?? Math.min(param('maxLength') ?? min + 12, min + 12);
  return fc.oneof(
    fc.array(fc.constantFrom(...'abcxyzABC019-_. /'.split('')), { minLength: min, maxLength: max }).map((cs) => cs.join('')),
    xsdRegexStrings(`.{${min},${max}}`),
  );
}

function integers(spec: DatatypeSpec, [typeMin, typeMax]: readonly [bigint | undefined, bigint | undefined]): fc.Arbitrary<string> {
  let min = typeMin ?? -INTEGER_REACH;
  let max = typeMax ?? INTEGER_REACH;
  for (const p of spec.params) {
    if (!/^\s*[+-]?\d+\s*$/.test(p.value)) continue;
    const v = BigInt(p.value.trim());
    if (p.name === 'minInclusive' && v > min) min = v;
    if (p.name === 'minExclusive' && v + 1n > min) min = v + 1n;
    if (p.name === 'maxInclusive' && v < max) max = v;
    if (p.name === 'maxExclusive' && v - 1n < max) max = v - 1n;
  }
  if (min > max) return fc.constant(String(min));
  const plain = fc.bigInt({ min, max }).map(String);
  // Other spellings of the same numbers, limited to those libxml2 (libvirt's validator) also
  // accepts: it refuses a sign on unsigned types, and applies a pattern facet before
  // collapsing whitespace (test/corpus/regressions holds both cases).
  const signAllowed = !spec.name.startsWith('unsigned');
  const padAllowed = !spec.params.some((p) => p.name === 'pattern');
  const spellings = ['0', ...(signAllowed ? ['+'] : []), ...(padAllowed ? [' '] : [])];
  const spelled = fc.tuple(fc.bigInt({ min, max }), fc.constantFrom(...spellings)).map(([n, how]) =>
    how === ' ' ? ` ${n} ` : n < 0n ? String(n) : `${how}${n}`);
  return fc.oneof({ arbitrary: plain, weight: 4 }, { arbitrary: spelled, weight: 1 });
}

function catalogueArbitrary(): fc.Arbitrary<string> {
  return fc.constantFrom('0', '1', 'a', 'true', 'x1', '2024-01-01', 'http://example.org/', '/var/lib/x', '0x1', 'abc', '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
