/**
 * A choice told apart by one property's value, as JSON Schema: an `if`/`then`/`else` chain
 * that picks the case the way the model runtime does (the first case naming the value; the
 * "absent" case when the property is missing).
 *
 * A chain rather than `oneOf`: only the chosen case is checked, so a wrong property inside a
 * disk's source gives one diagnostic about that property, not one per disk type. A value no
 * case names gives one `enum` diagnostic on the discriminator.
 */
import type { JsonSchema } from './emit-json-schema-values.js';

export interface ChoiceCase {
  /** Discriminator values selecting the case. */
  readonly values: readonly string[];
  /** Whether the case applies when the discriminator is missing. */
  readonly absent: boolean;
  /** What the case requires of the object (`true` for a case with nothing more). */
  readonly schema: JsonSchema;
}

export function discriminated(prop: string, cases: readonly ChoiceCase[]): { readonly [keyword: string]: unknown } {
  const all = [...new Set(cases.flatMap((k) => k.values))];
  const unnamed = { properties: { [prop]: { enum: all } } };
  const absent = cases.find((k) => k.absent);
  let chain: { readonly [keyword: string]: unknown } = absent
    ? { if: { required: [prop] }, then: unnamed, else: absent.schema }
    : { required: [prop], ...unnamed };
  for (const k of [...cases].reverse()) {
    if (k.values.length === 0) continue;
    chain = { if: { properties: { [prop]: { enum: k.values } }, required: [prop] }, then: k.schema, else: chain };
  }
  return { type: 'object', ...chain };
}
