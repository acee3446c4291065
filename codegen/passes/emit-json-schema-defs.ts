/**
 * JSON Schema definitions of the model types, one per declaration of the {@link ShapeModel} and
 * keyed by the same TypeScript name:
 *  - an element type → a closed object: its properties (arrays for repeated children, `true`
 *    for empty elements, `$value` for text, `$any` for wildcard elements) plus `$unknown`, with
 *    its discriminated unions under `allOf`; properties a case brings are listed as `true`
 *    (accepted here, checked by the case);
 *  - a case → the properties its discriminator value brings, checked inside the element that
 *    holds it; the chain choosing it forbids (`not: {}`) what only its sibling cases bring;
 *  - a named union → the discriminator chain of its cases;
 *  - a literal alias → an `enum`.
 */
import { CodegenError } from '../errors.js';
import { baseDefinitions, UNKNOWN_PROP, UNKNOWN_SCHEMA } from './emit-json-schema-base.js';
import { discriminated } from './emit-json-schema-choice.js';
import { PropertyClosure, unionKey, variantKey } from './emit-json-schema-closure.js';
import { allowsEmpty, defRef, integerRangeDefinitions, valueSchema, type JsonSchema } from './emit-json-schema-values.js';
import type { Declaration, ElementShape, ShapeContent, ShapeField, ShapeModel, ShapeVariant, Source } from './shape-ir.js';

/** Every definition of the model (fixed types included), sorted by name. */
export function modelDefinitions(model: ShapeModel): Map<string, JsonSchema> {
  const defs = new Map(baseDefinitions());
  const closure = new PropertyClosure(model.declarations);
  for (const d of model.declarations) {
    if (defs.has(d.name)) throw new CodegenError('json-schema-name', `model type ${d.name} has the name of a fixed model type`);
    defs.set(d.name, declarationSchema(d, closure));
  }
  // The bounded 64-bit ranges the declarations refer to.
  for (const [name, schema] of integerRangeDefinitions(defs.values())) {
    if (defs.has(name)) throw new CodegenError('json-schema-name', `model type ${name} has the name of an integer range definition`);
    defs.set(name, schema);
  }
  return new Map([...defs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

function declarationSchema(d: Declaration, closure: PropertyClosure): JsonSchema {
  const description = describe(d.source);
  switch (d.kind) {
    case 'object': {
      const c = contentSchema(d.name, d.content, closure);
      const properties: Record<string, JsonSchema> = { ...c.properties };
      for (const p of closure.properties(d.content)) properties[p] ??= true;
      properties[UNKNOWN_PROP] = UNKNOWN_SCHEMA;
      return { type: 'object', description, properties, ...required(c.required), ...allOf(c.variants), additionalProperties: false };
    }
    case 'case': {
      const c = contentSchema(d.name, d.content, closure);
      return { type: 'object', description, properties: c.properties, ...required(c.required), ...allOf(c.variants) };
    }
    case 'union':
      return { description, ...variantSchema(unionKey(d.name), d.variant, closure) };
    case 'alias':
      return { description, enum: d.literals };
  }
}

interface ContentSchema {
  readonly properties: Record<string, JsonSchema>;
  readonly required: string[];
  readonly variants: JsonSchema[];
}

function contentSchema(owner: string, c: ShapeContent, closure: PropertyClosure): ContentSchema {
  const out: ContentSchema = { properties: {}, required: [], variants: [] };
  for (const [i, e] of c.entries.entries()) {
    if (e.kind === 'variant') {
      out.variants.push(e.variant.union !== undefined ? defRef(e.variant.union) : variantSchema(variantKey(owner, i, e.variant), e.variant, closure));
      continue;
    }
    const f = e.field;
    if (Object.hasOwn(out.properties, f.prop)) throw new CodegenError('json-schema-property', `${owner} has two properties named ${f.prop}`);
    out.properties[f.prop] = fieldSchema(f);
    // An element without text has no `$value`, which its value may well allow (an empty string).
    if (!f.optional && !(f.kind === 'text' && allowsEmpty(f.value!))) out.required.push(f.prop);
  }
  return out;
}

function fieldSchema(f: ShapeField): JsonSchema {
  const item = f.kind === 'element' || f.kind === 'any' ? elementSchema(f.element!) : valueSchema(f.value!);
  if (!f.repeated) return item;
  return { type: 'array', items: item, ...(f.optional ? {} : { minItems: 1 }) };
}

function elementSchema(e: ElementShape): JsonSchema {
  switch (e.kind) {
    case 'object':
      return defRef(e.type);
    case 'leaf':
      return valueSchema(e.value, e.optional === true);
    case 'empty':
      return { const: true };
    case 'any':
      return defRef('AnyElement');
  }
}

function variantSchema(key: string, v: ShapeVariant, closure: PropertyClosure): { readonly [keyword: string]: unknown } {
  const forbidden = closure.forbidden(key, v);
  return discriminated(
    v.prop,
    v.cases.map((k, i) => {
      const others = forbidden[i]!;
      const absentOthers = others.length > 0 ? { properties: Object.fromEntries(others.map((p) => [p, { not: {} }])) } : {};
      const schema: JsonSchema = k.type === undefined ? (others.length > 0 ? absentOthers : true) : { ...defRef(k.type), ...absentOthers };
      return { values: k.values, absent: k.absent, schema };
    }),
  );
}

function required(names: readonly string[]): { required?: readonly string[] } {
  return names.length > 0 ? { required: names } : {};
}

function allOf(schemas: readonly JsonSchema[]): { allOf?: readonly JsonSchema[] } {
  return schemas.length > 0 ? { allOf: schemas } : {};
}

/** Where a definition comes from, worded as in the TypeScript declarations' doc comments. */
function describe(s: Source): string {
  switch (s.kind) {
    case 'define':
      return `From define "${s.define}" (${s.file}).`;
    case 'element':
      return `From element ${s.path} (${s.file}).`;
    case 'merged':
      return `From element ${s.path} (${s.file}), any of: ${s.from.join('; ')}.`;
    case 'case':
      return `From the branch ${s.path} of a choice (${s.file}).`;
  }
}
