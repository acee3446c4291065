/**
 * ajv's errors as model diagnostics: a stable code, a sentence, and the JSON Pointer of the
 * offending value — for a missing or unknown property, of the property itself.
 *
 * The validator is compiled without ajv's messages; the sentences are written here from the
 * error's parameters and the value found at the path.
 */
import type { ErrorObject } from 'ajv';
import type { Severity } from '../validate/diagnostic.js';
import type { JsonSchemaPatternSource } from './validate-model-document.js';

export type ModelValidationCode = 'wrong-type' | 'invalid-value' | 'missing-property' | 'unknown-property' | 'too-few-items' | 'invalid-model' | 'too-deep';

/**
 * A problem found in a model value. Like the XML validator's `Diagnostic`, without line and
 * column: a JSON value has no positions once parsed, so `path` alone says where.
 */
export interface ModelDiagnostic {
  readonly severity: Severity;
  /** Stable kebab-case identifier; tools switch on it. */
  readonly code: ModelValidationCode;
  /** One sentence for people; its wording may change between versions, the code does not. */
  readonly message: string;
  /**
   * JSON Pointer (RFC 6901) into the value, e.g. `/devices/disk/0/driver/cache`; '' for the
   * value itself. For a missing or unknown property it points at that property.
   */
  readonly path: string;
  /** The allowed values, sorted, when the code is `invalid-value` and they are a finite set. */
  readonly expected?: string[];
}

const INTEGER_PATTERN = '^[+-]?[0-9]+$';

/** @internal Used by validateModel only; not part of the package's API. */
export function modelDiagnostics(
  errors: readonly ErrorObject[],
  value: unknown,
  patterns: Readonly<Record<string, JsonSchemaPatternSource>> = {},
): ModelDiagnostic[] {
  const alternatives = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: ModelDiagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // An `if` error only repeats the errors of its `then`; anyOf branches are summed up by the anyOf error.
    if (e.keyword === 'if') continue;
    if (e.keyword !== 'anyOf' && alternatives.has(e.instancePath)) continue;
    const d = diagnostic(e, errors, value, patterns);
    const key = `${d.path}\0${d.code}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

type Patterns = Readonly<Record<string, JsonSchemaPatternSource>>;

function diagnostic(e: ErrorObject, all: readonly ErrorObject[], value: unknown, patterns: Patterns): ModelDiagnostic {
  const at = e.instancePath;
  const found = valueAt(value, at);
  const subject = name(at);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return error('wrong-type', at, `${subject} must be ${typeWords(p['type'])}; found ${describe(found)}`);
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      return { ...error('invalid-value', at, `${subject} must be one of ${listed(allowed)}; found ${describe(found)}`), expected: sorted(allowed) };
    }
    case 'const':
      return p['allowedValue'] === true
        ? error('invalid-value', at, `${subject} must be true (an empty element); found ${describe(found)}`)
        : { ...error('invalid-value', at, `${subject} must be ${describe(p['allowedValue'])}; found ${describe(found)}`), expected: [String(p['allowedValue'])] };
    case 'pattern': {
      if (p['pattern'] === INTEGER_PATTERN) return error('invalid-value', at, `${subject} must be a decimal integer string (IntegerString); found ${describe(found)}`);
      const source = patternSource(patterns, p['pattern']);
      if (source?.integers !== undefined) return error('invalid-value', at, `${subject} must be ${integerWords(source.integers)}; found ${describe(found)}`);
      return source !== undefined
        ? error('invalid-value', at, `${subject} must ${patternWords(source)}; found ${describe(found)}`)
        : error('invalid-value', at, `${subject} must match /${String(p['pattern'])}/; found ${describe(found)}`);
    }
    case 'minLength':
    case 'maxLength':
      return error('invalid-value', at, `${subject} must be ${lengthWords(e.keyword, p)}; found ${describe(found)}`);
    case 'anyOf':
      return alternativesDiagnostic(e, all, found, patterns);
    case 'false schema':
      return error('invalid-value', at, `${subject} cannot hold any value here`);
    case 'required': {
      const path = `${at}/${escapePointer(String(p['missingProperty']))}`;
      return error('missing-property', path, `${name(path)} is required in ${at === '' ? 'the document' : name(at)}`);
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const prop = String(p['additionalProperty'] ?? p['unevaluatedProperty']);
      const path = `${at}/${escapePointer(prop)}`;
      return error('unknown-property', path, `${name(path)} is not a property of ${at === '' ? 'the document' : name(at)} here`);
    }
    case 'not': {
      // `not: {}` marks a property that another case of a choice brings, not the chosen one.
      const parent = at.slice(0, at.lastIndexOf('/'));
      return error('unknown-property', at, `${subject} is only allowed in another case of ${parent === '' ? 'the document' : name(parent)} (its discriminator selects a different one)`);
    }
    case 'minimum':
    case 'maximum':
      return error('invalid-value', at, `${subject} must be ${rangeWords(p)}; found ${describe(found)}`);
    case 'minItems':
      return error('too-few-items', at, `${subject} must hold at least ${String(p['limit'])} item${p['limit'] === 1 ? '' : 's'}`);
    default:
      return error('invalid-model', at, `${subject} does not satisfy "${e.keyword}" (${e.schemaPath})`);
  }
}

/** One diagnostic for a value that fits none of its forms, listing what each form allows. */
function alternativesDiagnostic(e: ErrorObject, all: readonly ErrorObject[], found: unknown, patterns: Patterns): ModelDiagnostic {
  const values: string[] = [];
  const forms: string[] = [];
  for (const b of all) {
    if (b === e || b.instancePath !== e.instancePath) continue;
    const p = b.params as Record<string, unknown>;
    if (b.keyword === 'enum') values.push(...(p['allowedValues'] as unknown[]).map(String));
    else if (b.keyword === 'type') forms.push(typeWords(p['type']));
    else if (b.keyword === 'pattern' && p['pattern'] === INTEGER_PATTERN) forms.push('a decimal integer string');
    else if (b.keyword === 'pattern') {
      const source = patternSource(patterns, p['pattern']);
      forms.push(source?.integers !== undefined ? integerWords(source.integers) : source !== undefined ? `a string that would ${patternWords(source)}` : `a string matching /${String(p['pattern'])}/`);
    } else if (b.keyword === 'minLength' || b.keyword === 'maxLength') forms.push(`a string ${lengthWords(b.keyword, p)}`);
    else if (b.keyword === 'minimum' || b.keyword === 'maximum') forms.push(`a number ${rangeWords(p)}`);
  }
  const allowed = [...(values.length > 0 ? [listed(values)] : []), ...new Set(forms)];
  const message = `${name(e.instancePath)} must be ${allowed.length > 0 ? allowed.join(' or ') : 'one of its allowed forms'}; found ${describe(found)}`;
  return { ...error('invalid-value', e.instancePath, message), ...(values.length > 0 ? { expected: sorted(values) } : {}) };
}

/** ajv's `minimum`/`maximum` parameters in words: `at least 0`, `at most 65535`. */
function rangeWords(p: Record<string, unknown>): string {
  return `${p['comparison'] === '>=' ? 'at least' : 'at most'} ${String(p['limit'])}`;
}

/** A bounded decimal string in words: `a decimal integer string from 0 to 18446744073709551615`. */
function integerWords(range: NonNullable<JsonSchemaPatternSource['integers']>): string {
  const bounds = range.min !== undefined && range.max !== undefined ? `from ${range.min} to ${range.max}` : range.min !== undefined ? `of at least ${range.min}` : `of at most ${range.max!}`;
  const signs = range.signs === '' ? ' without a sign' : range.signs === '-' ? " without '+'" : '';
  return `a decimal integer string ${bounds}${signs}`;
}

/** ajv's `minLength`/`maxLength` parameters in words: `at most 39 characters long`. */
function lengthWords(keyword: string, p: Record<string, unknown>): string {
  const n = Number(p['limit']);
  return `${keyword === 'minLength' ? 'at least' : 'at most'} ${n} character${n === 1 ? '' : 's'} long`;
}

function patternSource(patterns: Patterns, pattern: unknown): JsonSchemaPatternSource | undefined {
  return typeof pattern === 'string' && Object.hasOwn(patterns, pattern) ? patterns[pattern] : undefined;
}

/** What a translated pattern asks, after "must": `be 'root' or match the pattern mac[a-z]* of libvirt's schema`. */
function patternWords(source: JsonSchemaPatternSource): string {
  const literals = source.literals ?? [];
  const shown = source.xsd.slice(0, 3).map(shortPattern);
  const more = source.xsd.length > shown.length ? ` (or ${source.xsd.length - shown.length} more)` : '';
  const forms = [
    ...(literals.length > 0 ? [`be ${listed(literals)}`] : []),
    ...(source.xsd.length > 0 ? [`match ${source.xsd.length === 1 ? 'the pattern' : 'one of the patterns'} ${shown.join(', ')}${more} of libvirt's schema`] : []),
  ];
  return forms.join(' or ');
}

/** A pattern as messages show it: itself, cut short past 100 characters. */
function shortPattern(pattern: string): string {
  const chars = Array.from(pattern);
  return chars.length > 100 ? `${chars.slice(0, 99).join('')}…` : pattern;
}

function error(code: ModelValidationCode, path: string, message: string): ModelDiagnostic {
  return { severity: 'error', code, message, path };
}

/** How a message names the value at a path: its property, or the item of a list. */
function name(path: string): string {
  if (path === '') return 'the document';
  const parts = path.split('/').slice(1).map(unescapePointer);
  const last = parts[parts.length - 1]!;
  if (/^[0-9]+$/.test(last) && parts.length > 1) return `item ${last} of "${parts[parts.length - 2]!}"`;
  return `"${last}"`;
}

function valueAt(value: unknown, pointer: string): unknown {
  let v = value;
  for (const part of pointer.split('/').slice(1).map(unescapePointer)) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** One reference token of a JSON Pointer (RFC 6901). */
export function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function typeWords(type: unknown): string {
  const words: Record<string, string> = { string: 'a string', integer: 'an integer', number: 'a number', object: 'an object', array: 'an array', boolean: 'a boolean', null: 'null' };
  const list = Array.isArray(type) ? type : String(type).split(',');
  return list.map((t) => words[String(t)] ?? String(t)).join(' or ');
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return quote(v);
  return String(v);
}

function quote(s: string): string {
  const short = s.length > 60 ? `${s.slice(0, 57)}…` : s;
  return `'${short.replace(/\n/g, '\\n')}'`;
}

function listed(values: readonly string[]): string {
  const shown = values.slice(0, 8).map(quote).join(', ');
  return values.length > 8 ? `${shown}, … (${values.length} values)` : shown;
}

function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
