/**
 * JSON Schema of the model's fixed types (src/model/base.ts): the 64-bit decimal string, the
 * generic element kept for open content, and the `$unknown` entries every element may carry.
 * Named as in TypeScript so a schema reads like the types.
 */
import { discriminated } from './emit-json-schema-choice.js';
import { defRef, INTEGER_STRING, type JsonSchema } from './emit-json-schema-values.js';

const STRING = { type: 'string' } as const;

/** The property holding what the schema does not describe, on every element object. */
export const UNKNOWN_PROP = '$unknown';

export const UNKNOWN_SCHEMA: JsonSchema = { type: 'array', items: defRef('UnknownNode') };

function record(description: string, kind: string, fields: Readonly<Record<string, JsonSchema>>): JsonSchema {
  const properties = { kind: { const: kind }, ...fields };
  return { type: 'object', description, properties, required: Object.keys(properties), additionalProperties: false };
}

/** The fixed definitions by name. */
export function baseDefinitions(): ReadonlyMap<string, JsonSchema> {
  return new Map<string, JsonSchema>([
    [
      INTEGER_STRING,
      {
        type: 'string',
        description: "A 64-bit (or unbounded) integer as its decimal digits, e.g. '17179869184'. Range limits of the XSD type are not checked here.",
        pattern: '^[+-]?[0-9]+$',
      },
    ],
    ['UnknownAttribute', record('An attribute the schema does not describe here.', 'attribute', { name: STRING, ns: STRING, value: STRING })],
    ['AnyText', record('Text where the schema allows none, or that does not fit its property.', 'text', { value: STRING })],
    ['AnyComment', record('A comment inside a generic element.', 'comment', { value: STRING })],
    ['AnyProcessingInstruction', record('A processing instruction inside a generic element.', 'pi', { target: STRING, data: STRING })],
    [
      'AnyElement',
      {
        type: 'object',
        description: 'An element kept as it is: foreign content and elements the schema does not describe.',
        properties: {
          kind: { const: 'element' },
          name: STRING,
          ns: STRING,
          attributes: {
            type: 'array',
            items: { type: 'object', properties: { name: STRING, ns: STRING, value: STRING }, required: ['name', 'ns', 'value'], additionalProperties: false },
          },
          children: { type: 'array', items: defRef('AnyNode') },
          [UNKNOWN_PROP]: UNKNOWN_SCHEMA,
        },
        required: ['kind', 'name', 'ns', 'attributes', 'children'],
        additionalProperties: false,
      },
    ],
    [
      'AnyNode',
      discriminated('kind', [
        { values: ['element'], absent: false, schema: defRef('AnyElement') },
        { values: ['text'], absent: false, schema: defRef('AnyText') },
        { values: ['comment'], absent: false, schema: defRef('AnyComment') },
        { values: ['pi'], absent: false, schema: defRef('AnyProcessingInstruction') },
      ]),
    ],
    [
      'UnknownNode',
      discriminated('kind', [
        { values: ['attribute'], absent: false, schema: defRef('UnknownAttribute') },
        { values: ['element'], absent: false, schema: defRef('AnyElement') },
        { values: ['text'], absent: false, schema: defRef('AnyText') },
      ]),
    ],
  ]);
}
