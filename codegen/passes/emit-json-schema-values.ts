/**
 * JSON Schema of attribute values and element text, following the TypeScript the model types
 * use for them (emit-types' `valueType`) and what the parser puts into the model:
 *  - any plain string part → `string` (with `number` beside it when a number is possible);
 *  - literals (aliases expanded) → one `enum`; a value that is exactly one alias → its `$ref`;
 *  - 64-bit integers → `IntegerString`, a pattern-checked decimal string, or where the type or
 *    its facets bound it, a definition of that range (emit-json-schema-integers.ts);
 *  - numbers → `integer` or `number`, with `minimum`/`maximum` from the XSD type's range and
 *    facets (not beside a plain string, which a number out of range may still be);
 *  - an XSD `string` with facets → `string` with `pattern` (the XSD regex translated, see
 *    {@link xsdPattern}) and `minLength`/`maxLength`.
 * Mixed values become `anyOf` of those branches. Beside a restricted string the parser keeps
 * every text that is not a number as it is, so a string there must match one of the string's
 * patterns or be one of the literals (whitespace collapsed, as XSD compares tokens), and a
 * number keeps its bounds only where no pattern matches a number's text.
 */
import { buildNfa, CHAR, CLASS, MATCH, SPLIT, type Nfa } from '../../src/xml/datatypes/xsd-regex-nfa.js';
import { parseXsdRegex } from '../../src/xml/datatypes/xsd-regex-syntax.js';
import { xsdRegexMatcher, xsdRegexToJsSource } from '../../src/xml/datatypes/xsd-regex.js';
import { definitionRef, type JsonSchemaPatternSource, type JsonSchemaValue } from '../../src/xml/model/validate-model-document.js';
import { integerRangeName, integerRangeSchema, integerRangeSource, type IntegerRange } from './emit-json-schema-integers.js';
import type { ShapeValue } from './shape-ir.js';
import { collapse, valueParts, type StringFacets, type ValuePart } from './shape-values.js';

/** A JSON Schema (draft 2020-12) as a plain JSON value. */
export type JsonSchema = JsonSchemaValue;

export function defRef(name: string): { readonly $ref: string } {
  return { $ref: definitionRef(name) };
}

/** The name the decimal-string definition has, as in the TypeScript model (`IntegerString`). */
export const INTEGER_STRING = 'IntegerString';

/** `emptyText`: the value of an element whose text may be left out, which then holds '' if it holds strings. */
export function valueSchema(v: ShapeValue, emptyText = false): JsonSchema {
  const parts = valueParts({ terms: v.terms.map((t) => (t.kind === 'alias' ? { kind: 'alias', define: t.name, parts: t.parts } : t)) });
  if (emptyText && parts.some((p) => p.kind === 'string') && !parts.some((p) => p.kind === 'literal' && p.value === '')) parts.push({ kind: 'literal', value: '' });
  if (parts.length === 0) return false;
  const numbers = parts.flatMap((p) => (p.kind === 'number' ? [p] : []));
  const numberType = numbers.length === 0 ? undefined : numbers.every((p) => p.integer) ? 'integer' : 'number';
  const string = parts.find((p) => p.kind === 'string');
  if (string?.facets !== undefined) {
    const restricted = restrictedStringSchema(parts, string.facets, numberType, numbers);
    if (restricted !== undefined) return restricted;
  }
  // Beside a plain string, a number outside the range may still be that string's value: no bounds.
  if (string !== undefined) return { type: numberType === undefined ? 'string' : [numberType, 'string'] };

  const branches: JsonSchema[] = [];
  const literalTerms = v.terms.filter((t) => t.kind === 'alias' || t.kind === 'literal');
  const only = literalTerms.length === 1 ? literalTerms[0] : undefined;
  if (only?.kind === 'alias') branches.push(defRef(only.name));
  else if (literalTerms.length > 0) {
    const literals = parts.flatMap((p) => (p.kind === 'literal' ? [p.value] : []));
    branches.push({ enum: literals });
  }
  const int64 = parts.find((p) => p.kind === 'int64');
  if (int64 !== undefined) branches.push(int64.min === undefined && int64.max === undefined && int64.signs === undefined ? defRef(INTEGER_STRING) : integerRangeRef(int64));
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

/** Whether the empty string is one of a value's texts. */
export function allowsEmpty(v: ShapeValue): boolean {
  return valueParts({ terms: v.terms.map((t) => (t.kind === 'alias' ? { kind: 'alias', define: t.name, parts: t.parts } : t)) }).some((p) => {
    if (p.kind === 'literal') return collapse(p.value) === '';
    if (p.kind !== 'string') return false;
    return p.facets === undefined || p.facets.some((f) => (f.length ?? f.minLength ?? 0) === 0 && (f.pattern === undefined || xsdRegexMatcher(f.pattern).test('')));
  });
}

/**
 * A value with a restricted string: the string's facets, and, for a mixed value, one `pattern`
 * for every string it may hold (the literals and the string's patterns) beside its numbers.
 * Undefined where that cannot be said in one schema (lengths or 64-bit integers beside other
 * forms: libvirt has neither); the value is then a plain string.
 */
function restrictedStringSchema(
  parts: readonly ValuePart[],
  facets: readonly StringFacets[],
  numberType: 'integer' | 'number' | undefined,
  numbers: readonly { readonly min?: number; readonly max?: number }[],
): JsonSchema | undefined {
  if (parts.length === 1) {
    if (facets.length > 1 && facets.every(onlyPattern)) return { type: 'string', pattern: xsdPattern({ xsd: facets.map((f) => f.pattern!) }) };
    const branches = facets.map(facetSchema);
    return branches.length === 1 ? branches[0]! : { anyOf: branches };
  }
  if (!facets.every(onlyPattern) || parts.some((p) => p.kind === 'int64')) return undefined;
  const literals = parts.flatMap((p) => (p.kind === 'literal' ? [p.value] : []));
  const pattern = xsdPattern({ xsd: facets.map((f) => f.pattern!), ...(literals.length > 0 ? { literals } : {}) });
  if (numberType === undefined) return { type: 'string', pattern };
  // A number is written as its decimal text: where a pattern or a literal can be such a text,
  // the number is valid as that too, so the bounds must take it in.
  const range = numberRange(numbers);
  const texts = facets.map((f) => numberTexts(f.pattern!, numberType === 'integer'));
  for (const l of literals) texts.push(literalNumber(l, numberType === 'integer'));
  const low = texts.reduce<number | undefined>((m, t) => (t === 'none' || m === undefined ? m : t === 'any' || t.min === undefined ? undefined : Math.min(m, t.min)), range.minimum);
  const high = texts.reduce<number | undefined>((m, t) => (t === 'none' || m === undefined ? m : t === 'any' || t.max === undefined ? undefined : Math.max(m, t.max)), range.maximum);
  return { type: [numberType, 'string'], ...(low === undefined ? {} : { minimum: low }), ...(high === undefined ? {} : { maximum: high }), pattern };
}

function onlyPattern(f: StringFacets): boolean {
  return f.pattern !== undefined && f.length === undefined && f.minLength === undefined && f.maxLength === undefined;
}

function facetSchema(f: StringFacets): JsonSchema {
  return {
    type: 'string',
    ...(f.pattern === undefined ? {} : { pattern: xsdPattern({ xsd: [f.pattern] }) }),
    ...(f.length === undefined ? {} : { minLength: f.length, maxLength: f.length }),
    ...(f.minLength === undefined ? {} : { minLength: f.minLength }),
    ...(f.maxLength === undefined ? {} : { maxLength: f.maxLength }),
  };
}

const translations = new Map<string, JsonSchemaPatternSource>();

const integerRanges = new Map<string, IntegerRange>();

/** The `$ref` to the definition of a bounded 64-bit integer range, remembered for {@link integerRangeDefinitions}. */
function integerRangeRef(range: IntegerRange): JsonSchema {
  const name = integerRangeName(range);
  integerRanges.set(name, { ...(range.min === undefined ? {} : { min: range.min }), ...(range.max === undefined ? {} : { max: range.max }), ...(range.signs === undefined ? {} : { signs: range.signs }) });
  return defRef(name);
}

/**
 * The definitions of the integer ranges `schemas` refer to, by name (a process may generate
 * several models, so {@link valueSchema} may have met ranges these schemas do not use).
 */
export function integerRangeDefinitions(schemas: Iterable<JsonSchema>): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  const names = new Map([...integerRanges.keys()].map((name) => [defRef(name).$ref, name]));
  for (const ref of stringsUnder(schemas, '$ref', (r) => names.has(r))) {
    const name = names.get(ref)!;
    const range = integerRanges.get(name)!;
    const schema = integerRangeSchema(range) as { pattern: string };
    translations.set(schema.pattern, integerRangeSource(range));
    out.set(name, schema);
  }
  return out;
}

/**
 * The JSON Schema `pattern` (ECMA-262 with the `u` flag) of strings that match one of the XSD
 * patterns or, whitespace collapsed, are one of the literals. Each is remembered with its source
 * (see {@link patternSources}), so that validateModel can match it in linear time.
 */
export function xsdPattern(source: JsonSchemaPatternSource): string {
  const alternatives = source.xsd.map(xsdRegexToJsSource);
  if (source.literals !== undefined && source.literals.length > 0) {
    const space = '[\\t\\n\\r ]';
    const words = source.literals.map(collapse);
    const listed = words.filter((l) => l !== '').map((l) => l.split(' ').map(escapeRegExp).join(`${space}+`));
    // Each run of spaces has one place to go, so a backtracking engine fails in linear time too.
    if (listed.length === 0) alternatives.push(`^${space}*$`);
    else if (listed.length < words.length) alternatives.push(`^${space}*(?:(?:${listed.join('|')})${space}*)?$`);
    else alternatives.push(`^${space}*(?:${listed.join('|')})${space}*$`);
  }
  const js = alternatives.join('|');
  translations.set(js, source);
  return js;
}

/** The sources of the `pattern`s {@link xsdPattern} wrote, by pattern, for those `schemas` hold. */
export function patternSources(schemas: Iterable<JsonSchema>): Record<string, JsonSchemaPatternSource> {
  const found = stringsUnder(schemas, 'pattern', (p) => translations.has(p));
  return Object.fromEntries([...found].sort().map((p) => [p, translations.get(p)!]));
}

/** Every string value of `key`, at any depth of the schemas, that `wanted` accepts. */
function stringsUnder(schemas: Iterable<JsonSchema>, key: string, wanted: (value: string) => boolean): Set<string> {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === key && typeof x === 'string' && wanted(x)) found.add(x);
        else visit(x);
      }
    }
  };
  for (const s of schemas) visit(s);
  return found;
}

function escapeRegExp(s: string): string {
  // Only the characters the `u` flag lets be escaped.
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => `\\${c}`);
}

/** The numbers some texts can be: none, any, or those from `min` to `max` (unbounded where absent). */
type NumberTexts = 'none' | 'any' | { readonly min?: number; readonly max?: number };

/** What a literal is as a number, read as the parser reads it (src/xml/model/values.ts). */
function literalNumber(literal: string, integer: boolean): NumberTexts {
  const c = collapse(literal);
  if (integer ? !/^[+-]?[0-9]+$/.test(c) : !/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(c)) return 'none';
  const n = Number(c);
  return Number.isFinite(n) ? { min: n, max: n } : 'none';
}

/**
 * Which numbers an XSD pattern matches the text of, as `String(n)` writes them: for integers,
 * a range holding all it matches (from 0 or from its least negative one, to its greatest one),
 * found on the automaton restricted to digits and a leading '-'; decimals, whose texts also
 * hold points and exponents, are `any` as soon as the pattern matches one such text.
 */
export function numberTexts(pattern: string, integer: boolean): NumberTexts {
  const dfa = new DigitAutomaton(pattern, integer ? '0123456789-' : '0123456789+-.eE');
  if (!integer) return dfa.accepts(dfa.start) ? 'any' : 'none';
  const positive = dfa.greatest(dfa.start);
  const afterMinus = dfa.step(dfa.start, '-');
  const negative = afterMinus === undefined ? null : dfa.greatest(afterMinus);
  if (positive === null && negative === null) return 'none';
  const max = positive === undefined ? undefined : positive === null ? 0 : Number(positive);
  const min = negative === undefined ? undefined : negative === null ? 0 : -Number(negative);
  return {
    ...(min !== undefined && Number.isSafeInteger(min) ? { min } : {}),
    ...(max !== undefined && Number.isSafeInteger(max) ? { max } : {}),
  };
}

/** An XSD pattern's automaton on sets of states (a DFA built as it is explored) over a few characters. */
class DigitAutomaton {
  private readonly nfa: Nfa;
  private readonly sets = new Map<string, readonly number[]>();
  readonly start: string;

  constructor(pattern: string, private readonly alphabet: string) {
    this.nfa = buildNfa(pattern, parseXsdRegex(pattern));
    this.start = this.intern(this.closure([this.nfa.start]));
  }

  /** The set reached from `set` by `c`, or undefined when none is. */
  step(set: string, c: string): string | undefined {
    const code = c.codePointAt(0)!;
    const { kinds, arguments: args, next, classes } = this.nfa;
    const moved: number[] = [];
    for (const s of this.sets.get(set)!) {
      const consumes = kinds[s] === CHAR ? args[s] === code : kinds[s] === CLASS && classes[args[s]!]!.has(code);
      if (consumes) moved.push(next[s]!);
    }
    const reached = this.closure(moved);
    return reached.length === 0 ? undefined : this.intern(reached);
  }

  /** Whether some non-empty text over the alphabet leads from `set` to a match. */
  accepts(set: string): boolean {
    const seen = new Set<string>([set]);
    const queue = [set];
    for (let i = 0; i < queue.length; i++) {
      for (const c of this.alphabet) {
        const n = this.step(queue[i]!, c);
        if (n === undefined) continue;
        if (this.matches(n)) return true;
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
      }
    }
    return false;
  }

  /**
   * The greatest number whose digits lead from `set` to a match, as a digit string: null when
   * there is none, undefined when there is no greatest (a loop on the way to a match).
   */
  greatest(set: string): string | null | undefined {
    // Per set, the greatest digit string of each length that ends in a match.
    const memo = new Map<string, Map<number, string> | undefined>();
    const onPath = new Set<string>();
    const visit = (s: string): Map<number, string> | undefined => {
      if (memo.has(s)) return memo.get(s);
      if (onPath.has(s)) return undefined;
      onPath.add(s);
      let out: Map<number, string> | undefined = new Map();
      if (this.matches(s)) out.set(0, '');
      for (const d of '0123456789') {
        const n = this.step(s, d);
        if (n === undefined) continue;
        const rest = visit(n);
        if (rest === undefined) {
          // A loop: unbounded only if the loop can still end in a match.
          if (onPath.has(n) ? this.accepts(n) || this.matches(n) : true) {
            out = undefined;
            break;
          }
          continue;
        }
        for (const [length, digits] of rest) {
          const candidate = d + digits;
          const known = out.get(length + 1);
          if (known === undefined || candidate > known) out.set(length + 1, candidate);
        }
      }
      onPath.delete(s);
      memo.set(s, out);
      return out;
    };
    const lengths = visit(set);
    if (lengths === undefined) return undefined;
    let best: string | null = null;
    for (const [length, digits] of lengths) {
      if (length === 0) continue;
      if (best === null || BigInt(digits) > BigInt(best)) best = digits;
    }
    return best;
  }

  private matches(set: string): boolean {
    return this.sets.get(set)!.some((s) => this.nfa.kinds[s] === MATCH);
  }

  private closure(states: Iterable<number>): number[] {
    const seen = new Set<number>();
    const stack = [...states];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (s < 0 || seen.has(s)) continue;
      seen.add(s);
      if (this.nfa.kinds[s] === SPLIT) stack.push(this.nfa.next[s]!, this.nfa.alternative[s]!);
    }
    return [...seen].sort((a, b) => a - b);
  }

  private intern(states: readonly number[]): string {
    const key = states.join(',');
    if (!this.sets.has(key)) this.sets.set(key, states);
    return key;
  }
}
