/**
 * validateModel: checks a model value — typically one received as JSON — against the JSON
 * Schema codegen writes from the same plan as the model types, with ajv.
 *
 * Each root's validator is compiled once, on its first use, and cached; all roots share one
 * ajv instance holding every definition once, so `domainsnapshot` reuses what `domain`
 * compiled. Ahead-of-time (standalone) code was measured and not chosen: it is 4.3 MB of
 * JavaScript for all roots in one module (2.7 MB for `domain` alone), against about 1 s of CPU
 * to compile `domain` on first use. Compiling needs `new Function`, so pages whose
 * Content-Security-Policy forbids `unsafe-eval` cannot validate models; parse and format do
 * not depend on it.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types/index.js';
import { xsdRegexMatcher } from '../datatypes/xsd-regex.js';
import { MODEL_JSON_SCHEMA_JSON } from '../../model/generated/json-schema/index.js';
import { compileUnlessEvalForbidden } from './eval-unavailable.js';
import type { ModelRoot } from '../../model/generated/types/index.js';
import { MODEL_MAX_DEPTH } from './limits.js';
import { escapePointer, modelDiagnostics, type ModelDiagnostic } from './validate-model-diagnostics.js';
import { rootJsonSchema, type JsonSchemaPatternSource, type ModelJsonSchemaSet } from './validate-model-document.js';
import { collapse } from './values.js';

export type { ModelDiagnostic, ModelValidationCode } from './validate-model-diagnostics.js';

export interface ModelValidationResult {
  readonly valid: boolean;
  /** Every problem found, in the order the validator met them; empty when valid. */
  readonly diagnostics: ModelDiagnostic[];
}

/** The `$id` under which the definitions are known to the shared ajv instance. */
const MODEL_ID = 'urn:virtxml:model';

let schemaSet: ModelJsonSchemaSet | undefined;
let ajv: InstanceType<typeof Ajv2020.default> | undefined;
const validators = new Map<string, ValidateFunction>();

function modelSchemaSet(): ModelJsonSchemaSet {
  schemaSet ??= JSON.parse(MODEL_JSON_SCHEMA_JSON) as ModelJsonSchemaSet;
  return schemaSet;
}

function validatorFor(root: ModelRoot): ValidateFunction {
  let v = validators.get(root);
  if (v !== undefined) return v;
  const set = modelSchemaSet();
  const r = set.roots[root];
  if (r === undefined) throw new RangeError(`"${String(root)}" is not a schema root; known: ${Object.keys(set.roots).join(', ')}`);
  if (ajv === undefined) {
    // Messages are written from the error parameters (validate-model-diagnostics), so ajv's own
    // are not compiled in. The generated schemas are checked against the meta-schema by the
    // tests, which saves doing it here on every first use.
    ajv = new Ajv2020.default({
      allErrors: true,
      allowUnionTypes: true,
      messages: false,
      validateSchema: false,
      code: { process: appendErrorsInPlace, regExp: patternEngine(set.patterns) },
    });
    ajv.addSchema({ $id: MODEL_ID, $defs: set.defs });
  }
  const top = r.types.map((t) => ({ $ref: `${MODEL_ID}#/$defs/${t}` }));
  const compiler = ajv;
  v = compileUnlessEvalForbidden(() => compiler.compile(top.length === 1 ? top[0]! : { anyOf: top }));
  validators.set(root, v);
  return v;
}

/**
 * How ajv matches the schema's `pattern`s. Those translated from libvirt's XSD patterns are
 * matched by the XSD matcher the document validator uses, in time linear in the value: their
 * ECMAScript translations run by backtracking, which a long value can make quadratic or worse.
 * Any other pattern (the decimal strings') is a RegExp.
 *
 * @internal Its type is ajv's, which the package bundles and does not install.
 */
export function patternEngine(sources: Readonly<Record<string, JsonSchemaPatternSource>>): RegExpEngine {
  const engine = (pattern: string, flags: string): RegExpLike => {
    const source = Object.hasOwn(sources, pattern) ? sources[pattern] : undefined;
    return source === undefined ? new RegExp(pattern, flags) : new XsdPatternMatcher(pattern, source);
  };
  // `code` names the engine in ajv's standalone code, which validateModel does not generate.
  return Object.assign(engine, { code: 'xsdPatternMatcher' });
}

class XsdPatternMatcher implements RegExpLike {
  private readonly matchers: readonly { test(value: string): boolean }[];
  private readonly literals: readonly string[] | undefined;

  constructor(private readonly pattern: string, source: JsonSchemaPatternSource) {
    this.matchers = [...source.xsd.map(xsdRegexMatcher), ...(source.integers !== undefined ? [integerRangeMatcher(source.integers)] : [])];
    this.literals = source.literals?.map(collapse);
  }

  test(value: string): boolean {
    return this.matchers.some((m) => m.test(value)) || (this.literals !== undefined && this.literals.includes(collapse(value)));
  }

  /** ajv keeps one matcher per distinct `toString()`. */
  toString(): string {
    return `/${this.pattern}/u`;
  }
}

/**
 * Whether a string is an XSD integer text (`[+-]?[0-9]+`) with an allowed sign inside a range: compared as numbers
 * with BigInt, which is exact where the schema's regular expression is long, and linear. Texts
 * longer than a bound's digits by much are rejected by length alone.
 */
function integerRangeMatcher(range: NonNullable<JsonSchemaPatternSource['integers']>): { test(value: string): boolean } {
  const min = range.min === undefined ? undefined : BigInt(range.min);
  const max = range.max === undefined ? undefined : BigInt(range.max);
  return {
    test(value: string): boolean {
      if (!/^[+-]?[0-9]+$/.test(value)) return false;
      if ((value[0] === '+' && range.signs !== undefined) || (value[0] === '-' && range.signs === '')) return false;
      // Leading zeros do not count; past 40 significant digits no 64-bit bound can hold it.
      const digits = value.replace(/^[+-]?0*/, '');
      if (digits.length > 40) return value.startsWith('-') ? min === undefined : max === undefined;
      const n = BigInt(value);
      return (min === undefined || n >= min) && (max === undefined || n <= max);
    },
  };
}

/**
 * ajv gathers the errors of a referenced definition with `vErrors = vErrors.concat(f.errors)`,
 * copying every error found so far each time: an array of 8000 invalid disks took 0.6 s, one
 * of 32 000 ten seconds. The generated source is rewritten to append in place, as ajv already
 * does for its own errors (`vErrors.push(err)`), which makes the cost linear in the errors.
 */
const CONCAT_ERRORS = /vErrors = vErrors === null \? ([\w$]+)\.errors : vErrors\.concat\(\1\.errors\);/g;
const APPEND_ERRORS_FUNCTION =
  'function appendErrors(into, from) { for (let i = 0; i < from.length; i++) into.push(from[i]); return into; }\n';

/** ajv's `code.process` hook: the source of one compiled function, with appends instead of copies. @internal */
export function appendErrorsInPlace(source: string): string {
  const rewritten = source.replace(CONCAT_ERRORS, 'vErrors = vErrors === null ? $1.errors : appendErrors(vErrors, $1.errors);');
  return rewritten === source ? source : APPEND_ERRORS_FUNCTION + rewritten;
}

/**
 * Checks that `value` is a model of a `schema` document: the shape of the generated types,
 * with the enums, integer and decimal-string checks the types stand for. Objects from `parse`
 * can be checked as they are or after a JSON round trip (`$layout` is not enumerable).
 *
 * Compiles a validator per root on first use with `new Function`: under a Content Security
 * Policy without `'unsafe-eval'` it throws `ModelValidationUnavailableError` (check
 * `validate(format(value))` there instead).
 *
 * @example
 * ```ts
 * import { validateModel } from 'virtxml';
 *
 * // A model received as JSON, e.g. in a request body.
 * const body = JSON.parse('{"type":"kvm","name":"web01","devices":{"disk":[{"type":"file","device":"cdromm"}]}}');
 * const result = validateModel(body, 'domain');
 * console.log(result.valid, result.diagnostics[0]?.path); // false /devices/disk/0/device
 * ```
 */
export function validateModel(value: unknown, schema: ModelRoot): ModelValidationResult {
  const validate = validatorFor(schema);
  const tooDeep = firstTooDeep(value);
  if (tooDeep !== undefined) {
    const message = `the value nests deeper than ${MAX_VALUE_NESTING} objects and arrays (or contains itself); a model has at most ${MODEL_MAX_DEPTH} levels of elements`;
    return { valid: false, diagnostics: [{ severity: 'error', code: 'too-deep', message, path: tooDeep }] };
  }
  if (validate(value)) return { valid: true, diagnostics: [] };
  return { valid: false, diagnostics: modelDiagnostics(validate.errors ?? [], value, modelSchemaSet().patterns) };
}

/**
 * The self-contained JSON Schema (draft 2020-12) of a root's model, e.g. to publish or to give other tools.
 *
 * @example
 * ```ts
 * import { modelJsonSchema } from 'virtxml';
 *
 * const schema = modelJsonSchema('secret');
 * console.log(schema['$schema']); // https://json-schema.org/draft/2020-12/schema
 * ```
 */
export function modelJsonSchema(schema: ModelRoot): { readonly [keyword: string]: unknown } {
  // A copy: the definitions are shared with the compiled validators.
  return structuredClone(rootJsonSchema(modelSchemaSet(), schema));
}

/**
 * How deep objects and arrays may nest in a value given to validateModel. An element is an
 * object, and a list of elements an array in it, so the deepest model parse can make nests
 * about twice MODEL_MAX_DEPTH. ajv checks by recursion, about 400 bytes of stack per level: a
 * value from a request nested thousands deep (or one that contains itself) exhausted the stack.
 */
const MAX_VALUE_NESTING = 2 * MODEL_MAX_DEPTH + 32;

/** The JSON Pointer of an object or array nested past MAX_VALUE_NESTING, if there is one; without recursion. */
function firstTooDeep(value: unknown): string | undefined {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_VALUE_NESTING) return pointerToDepth(value, depth);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child !== 'object' || child === null) continue;
      values.push(child);
      depths.push(depth + 1);
    }
  }
  return undefined;
}

/** The pointer of the first object or array found at `depth` (only asked for when there is one). */
function pointerToDepth(value: unknown, depth: number): string {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  for (;;) {
    const at = stack.pop()!;
    if (at.depth === depth) return at.path;
    for (const [key, child] of Object.entries(at.value as object)) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, path: `${at.path}/${escapePointer(key)}`, depth: at.depth + 1 });
    }
  }
}
