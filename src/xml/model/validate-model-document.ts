/**
 * The model's JSON Schema as codegen writes it — every definition once, keyed by the
 * TypeScript type name — and the self-contained JSON Schema document of one root built from it
 * (the root's type as `$ref`, the definitions it reaches under `$defs`, sorted by name).
 *
 * Codegen writes each root's document with this same function, so the published per-root
 * schemas and the definitions the validator compiles cannot differ.
 */

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** A JSON Schema as JSON: `true`, `false` or an object of keywords. */
export type JsonSchemaValue = boolean | { readonly [keyword: string]: unknown };

export interface JsonSchemaRoot {
  /** The schema file, e.g. `domain.rng`. */
  readonly file: string;
  /** Local names of the document elements. */
  readonly elements: readonly string[];
  /** Their model types, without duplicates. */
  readonly types: readonly string[];
}

/** All roots' JSON Schema in one: what `src/model/generated/json-schema/index.ts` holds. */
export interface ModelJsonSchemaSet {
  /** The libvirt release the model describes. */
  readonly libvirt: string;
  readonly roots: Readonly<Record<string, JsonSchemaRoot>>;
  /** Every definition, by type name. */
  readonly defs: Readonly<Record<string, JsonSchemaValue>>;
  /**
   * What each `pattern` of the definitions translated from libvirt's schema says, keyed by the
   * pattern: validateModel matches these in time linear in the value (see validate-model.ts).
   */
  readonly patterns: Readonly<Record<string, JsonSchemaPatternSource>>;
}

/**
 * The source of a JSON Schema `pattern`: a string matches when it matches one of the XSD
 * regular expressions `xsd` (whole, as XSD patterns do) or, its whitespace collapsed, is one of
 * the `literals`, or is a decimal integer in the range `integers`.
 */
export interface JsonSchemaPatternSource {
  readonly xsd: readonly string[];
  readonly literals?: readonly string[];
  /**
   * For the pattern of a bounded 64-bit integer (a decimal string): its inclusive range, as
   * decimal texts (an absent side is unbounded), and the signs its text may carry ('' none,
   * '-' only minus; absent: '+' or '-'). The string matches when it is an XSD integer text
   * inside the range with an allowed sign.
   */
  readonly integers?: { readonly min?: string; readonly max?: string; readonly signs?: '' | '-' };
}

const LOCAL_REF = /^#\/\$defs\/(.+)$/;

/** The `$ref` to a definition of the same document. */
export function definitionRef(name: string): string {
  return `#/$defs/${name}`;
}

/** The self-contained JSON Schema of one root's documents. */
export function rootJsonSchema(set: ModelJsonSchemaSet, root: string): { readonly [keyword: string]: unknown } {
  const r = set.roots[root];
  if (r === undefined) throw new RangeError(`"${root}" is not a schema root; known: ${Object.keys(set.roots).join(', ')}`);
  const top = r.types.length === 1 ? { $ref: definitionRef(r.types[0]!) } : { anyOf: r.types.map((t) => ({ $ref: definitionRef(t) })) };
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: `${root} (${r.file}, libvirt ${set.libvirt})`,
    description: `The JSON form of the virtxml model of a ${r.elements.map((e) => `<${e}>`).join(' or ')} document.`,
    ...top,
    $defs: Object.fromEntries(reachableDefinitions(set.defs, r.types).map((name) => [name, set.defs[name]!])),
  };
}

/** The definitions reachable from `names` through local `$ref`s, sorted. */
export function reachableDefinitions(defs: Readonly<Record<string, JsonSchemaValue>>, names: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = [...names];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    if (!Object.hasOwn(defs, name)) throw new Error(`JSON Schema definition ${name} is referenced but not defined`);
    seen.add(name);
    collectRefs(defs[name], stack);
  }
  return [...seen].sort();
}

function collectRefs(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') {
        const m = LOCAL_REF.exec(v);
        if (m) out.push(m[1]!);
      } else collectRefs(v, out);
    }
  }
}
