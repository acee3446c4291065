/** Comparing models across a format/parse round trip. */

/** The model without `$layout`, the part that records how a document was written. */
export function withoutLayout(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLayout);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$layout').map(([k, v]) => [k, withoutLayout(v)]));
}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * The same, also without what formatting changes in kept foreign elements (known bugs, see
 * test/corpus/regressions/model-foreign-*.xml and model-preserve-unformatted.xml): namespace
 * declarations move onto them, and whitespace-only text appears between their children. Drop
 * each allowance when its regression entry loses `knownBug`.
 */
export function withoutLayoutOrForeignFormatting(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLayoutOrForeignFormatting);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$layout').map(([k, v]) => {
    if (k === 'attributes' && Array.isArray(v)) {
      return [k, v.filter((a: { ns?: unknown }) => a.ns !== XMLNS_NS).map(withoutLayoutOrForeignFormatting)];
    }
    if (k === 'children' && Array.isArray(v)) {
      return [k, v.filter((c: { kind?: unknown; value?: unknown }) => !(c.kind === 'text' && typeof c.value === 'string' && c.value.trim() === '')).map(withoutLayoutOrForeignFormatting)];
    }
    return [k, withoutLayoutOrForeignFormatting(v)];
  }));
}
