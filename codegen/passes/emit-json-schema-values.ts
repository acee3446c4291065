/**
 * JSON Schema of attribute values and element text, following the TypeScript the model types
 * use for them (emit-types' `valueType`) and what the parser puts into the model:
 *  - any plain string part → `string` (with `number` beside it when a number is possible);
 *  - literals (aliases expanded) → one `enum`; a value that is exactly one alias → its `$ref`;
 *  - 64-bit integers → `IntegerString`, a pattern-checked decimal string;
 *  - numbers → `integer` or `number`, with `minimum`/`maximum` from the XSD type's range and
 *    facets (not beside a plain string, which a number out of range may still be).
 * Mixed values become `anyOf` of those branches.
 */
import { definitionRef, type JsonSchemaValue } from '../../src/xml/model/validate-model-document.js';
import type { ShapeValue } from './shape-ir.js';
import { valueParts } from './shape-values.js';

/** A JSON Schema (draft 2020-12) as a plain JSON value. */
export type JsonSchema = JsonSchemaValue;

export function defRef(name: string): { readonly $ref: string } {
  return { $ref: definitionRef(name) };
}

/** The name the decimal-string definition has, as in the TypeScript model (`IntegerString`). */
export const INTEGER_STRING = 'IntegerString';

export function valueSchema(v: ShapeValue): JsonSchema {
  const parts = valueParts({ terms: v.terms.map((t) => (t.kind === 'alias' ? { kind: 'alias', define: t.name, parts: t.parts } : t)) });
  if (parts.length === 0) return false;
  const numbers = parts.flatMap((p) => (p.kind === 'number' ? [p] : []));
  const numberType = numbers.length === 0 ? undefined : numbers.every((p) => p.integer) ? 'integer' : 'number';
  // Beside a plain string, a number outside the range may still be that string's value: no bounds.
  if (parts.some((p) => p.kind === 'string')) return { type: numberType === undefined ? 'string' : [numberType, 'string'] };

  const branches: JsonSchema[] = [];
  const literalTerms = v.terms.filter((t) => t.kind === 'alias' || t.kind === 'literal');
  const only = literalTerms.length === 1 ? literalTerms[0] : undefined;
  if (only?.kind === 'alias') branches.push(defRef(only.name));
  else if (literalTerms.length > 0) {
    const literals = parts.flatMap((p) => (p.kind === 'literal' ? [p.value] : []));
    branches.push({ enum: literals });
  }
  if (parts.some((p) => p.kind === 'int64')) branches.push(defRef(INTEGER_STRING));
  if (numberType !== undefined) branches.push({ type: numberType, ...numberRange(numbers) });
  return branches.length === 1 ? branches[0]! : { anyOf: branches };
}

/** The range covering every number part: `minimum`/`maximum` only where all parts have one. */
function numberRange(numbers: readonly { readonly min?: number; readonly max?: number }[]): { minimum?: number; maximum?: number } {
  const mins = numbers.map((p) => p.min);
  const maxs = numbers.map((p) => p.max);
  return {
    ...(mins.every((n) => n !== undefined) ? { minimum: Math.min(...(mins as number[])) } : {}),
    ...(maxs.every((n) => n !== undefined) ? { maximum: Math.max(...(maxs as number[])) } : {}),
  };
}
