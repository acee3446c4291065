/** Comparing models across a format/parse round trip. */

/** The model without `$layout`, the part that records how a document was written. */
export function withoutLayout(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLayout);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$layout').map(([k, v]) => [k, withoutLayout(v)]));
}
