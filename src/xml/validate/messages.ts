/**
 * The catalogue of validation messages: one template per stable code. Every diagnostic the
 * validator emits is built here, so codes stay unique and the wording stays consistent.
 */
import { MAX_SHOWN, quoteValue, shortName } from '../shown.js';

export { MAX_SHOWN, quoteValue, shortName, trimXmlSpace } from '../shown.js';

/** What would have been accepted, already rendered (`<source>`, `"cdrom"`, `an unsignedInt`). */
export interface Expectation {
  /** Names or values, sorted. */
  readonly items: readonly string[];
  /** Descriptions that are not names or values: `an unsignedInt`, `any element`. */
  readonly others?: readonly string[];
}

/**
 * Where the grammar allows a misplaced element or attribute: elements (by name) that may hold
 * it, and the element they are inside of when they are its possible children.
 */
export interface Place {
  readonly places: readonly string[];
  readonly inside?: string;
}

/** Lists longer than this are cut in messages (the diagnostic's `expected` keeps them whole). */
export const MAX_LISTED = 12;

/**
 * Datatype patterns (regular expressions) longer than this many characters are quoted by their
 * start and end in messages; the diagnostic's `patterns` keeps them whole.
 */
export const MAX_PATTERN = 60;
const PATTERN_HEAD = 40;

export const messages = {
  'unknown-root': (a: { root: string; suggestion?: string; known: readonly string[] }) =>
    clauses(`root element <${a.root}> is not a libvirt document`, words(didYouMean(a.suggestion, element), expected({ items: a.known.map(element) }))),
  'unknown-schema': (a: { schema: string; known: readonly string[] }) =>
    clauses(`there is no schema "${a.schema}"`, expected({ items: a.known.map(quote) })),
  'unexpected-root': (a: { root: string; schema: string; expected: Expectation }) =>
    clauses(`root element <${a.root}> is not allowed by the ${a.schema} schema`, expected(a.expected)),
  'unexpected-element': (a: { element: string; parent: string; suggestion?: string; missing?: string; place?: Place; expected: Expectation; after?: boolean }) =>
    clauses(`element <${a.element}> is not allowed in <${a.parent}>${a.missing === undefined ? '' : `, which lacks required element <${a.missing}>`}`,
      belongs(a.place, 'in'), words(didYouMean(a.suggestion, element), expected(a.expected, a.after === true ? 'no more elements are' : 'no elements are'))),
  'repeated-element': (a: { element: string; parent: string; expected: Expectation }) =>
    clauses(`element <${a.element}> is not allowed again in <${a.parent}> at this point`, expected(a.expected, 'no more elements are')),
  'element-too-early': (a: { element: string; parent: string; missing: readonly string[]; missingText?: boolean }) => {
    const parts = [
      ...(a.missing.length > 0 ? [`${plural(a.missing.length, 'element')} ${list(a.missing.map(element), 'and')}`] : []),
      ...(a.missingText === true ? ['text'] : []),
    ];
    return clauses(`element <${a.element}> is not allowed yet in <${a.parent}>`,
      parts.length === 0 ? 'something required must come before it' : `missing required ${parts.join(' and ')} before it`);
  },
  'unexpected-attribute': (a: { attribute: string; element: string; suggestion?: string; missing?: string; place?: Place; expected: Expectation; after?: boolean }) =>
    clauses(`attribute "${a.attribute}" is not allowed on <${a.element}>${a.missing === undefined ? '' : `, which lacks required attribute "${a.missing}"`}`,
      belongs(a.place, 'on'), words(didYouMean(a.suggestion, quote), expected(a.expected, a.after === true ? 'no more attributes are' : 'no attributes are'))),
  'conflicting-attribute': (a: { attribute: string; value?: string; element: string; conflicts: readonly string[]; expected: Expectation }) => {
    const others = a.conflicts.length > 0 ? list(a.conflicts, 'and') : 'the attributes before it';
    return a.value === undefined
      ? clauses(`attribute "${a.attribute}" is not allowed on <${a.element}> together with ${others}`, expected(a.expected, 'no more attributes are'))
      : clauses(`value ${quoteValue(a.value)} of attribute "${a.attribute}" on <${a.element}> is not allowed together with ${others}`, expected(a.expected));
  },
  'invalid-attribute-value': (a: { value: string; attribute: string; element: string; reason?: string; suggestion?: string; expected: Expectation }) =>
    clauses(`value ${quoteValue(a.value)} of attribute "${a.attribute}" on <${a.element}> is not allowed${reason(a.reason)}`,
      a.reason === undefined ? expected(a.expected) : '', didYouMean(a.suggestion, quote)),
  'missing-attribute': (a: { element: string; missing: readonly string[]; expected: Expectation }) =>
    a.missing.length > 0
      ? `<${a.element}> is missing required ${plural(a.missing.length, 'attribute')} ${list(a.missing.map(quote), 'and')}`
      : clauses(`<${a.element}> is missing a required attribute`, expected(a.expected)),
  'unexpected-text': (a: { text: string; element: string; expected: Expectation }) =>
    clauses(`text ${quoteValue(a.text)} is not allowed in <${a.element}>`, expected(a.expected, 'no text is')),
  'invalid-text': (a: { text: string; element: string; reason?: string; suggestion?: string; expected: Expectation }) =>
    clauses(`text ${quoteValue(a.text)} in <${a.element}> is not allowed${reason(a.reason)}`,
      a.reason === undefined ? expected(a.expected) : '', didYouMean(a.suggestion, quote)),
  'missing-element': (a: { element: string; missing: readonly string[]; expected: Expectation }) =>
    a.missing.length > 0
      ? `<${a.element}> is missing required ${plural(a.missing.length, 'element')} ${list(a.missing.map(element), 'and')}`
      : clauses(`<${a.element}> is missing a required element`, expected(a.expected)),
  'missing-text': (a: { element: string; expected: Expectation }) =>
    clauses(`<${a.element}> must contain text`, expected(a.expected)),
  'incomplete-content': (a: { element: string; expected: Expectation }) =>
    clauses(`content of <${a.element}> is incomplete`, expected(a.expected)),
  'too-many-errors': (a: { total: number; counts: readonly (readonly [string, number])[] }) =>
    `and ${a.total} more ${a.total === 1 ? 'error' : 'errors'} not shown (${a.counts.map(([code, n]) => `${n} ${code}`).join(', ')})`,
} as const;

export type ValidationCode = keyof typeof messages;
export type MessageArgs<C extends ValidationCode> = Parameters<(typeof messages)[C]>[0];

export function message<C extends ValidationCode>(code: C, args: MessageArgs<C>): string {
  return (messages[code] as (a: MessageArgs<C>) => string)(withShortNames(args));
}

/**
 * Names from the document (element, attribute, root) shown in a message are cut to
 * {@link MAX_SHOWN} characters, as values are: a name may be megabytes long, and a message
 * should not be. The diagnostic's path keeps the names whole.
 */
function withShortNames<A>(args: A): A {
  const a = args as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const key of DOCUMENT_NAMES) {
    const v = a[key];
    if (typeof v === 'string' && v.length > MAX_SHOWN) (out ??= { ...a })[key] = shortName(v);
  }
  return (out ?? a) as A;
}

const DOCUMENT_NAMES = ['root', 'element', 'parent', 'attribute'] as const;

export function element(name: string): string {
  return `<${name}>`;
}

export function quote(s: string): string {
  return `"${s}"`;
}

/**
 * A pattern as quoted in a message: whole up to {@link MAX_PATTERN} characters, else its first
 * 40 and last 19 characters around `…` (the result is {@link MAX_PATTERN} long).
 */
export function shortPattern(source: string): string {
  const chars = Array.from(source);
  if (chars.length <= MAX_PATTERN) return source;
  const tail = MAX_PATTERN - PATTERN_HEAD - 1;
  return `${chars.slice(0, PATTERN_HEAD).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** `text` with every pattern of `patterns` in it quoted as {@link shortPattern} does. */
export function shortenPatterns(text: string, patterns: readonly string[]): string {
  let out = text;
  // Longest first, so a long pattern that contains another is replaced whole.
  for (const p of [...patterns].sort((a, b) => b.length - a.length)) {
    const short = shortPattern(p);
    if (short !== p) out = out.split(p).join(short);
  }
  return out;
}

/** `a`, `a and b`, `a, b and c`, cut after {@link MAX_LISTED} items. */
export function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length > MAX_LISTED) return `${items.slice(0, MAX_LISTED).join(', ')}, … (${items.length - MAX_LISTED} more)`;
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]!}`;
}

/** `expected X`, `expected one of X, Y or Z`, or `<nothing> allowed here` when nothing is possible. */
function expected(e: Expectation, nothing?: string): string {
  const others = e.others ?? [];
  const count = e.items.length + others.length;
  if (count === 0) return nothing === undefined ? '' : `${nothing} allowed here`;
  if (count === 1) return `expected ${[...e.items, ...others][0]!}`;
  if (e.items.length > MAX_LISTED) return `expected one of ${list(e.items, 'or')}${others.map((o) => ` or ${o}`).join('')}`;
  return `expected one of ${list([...e.items, ...others], 'or')}`;
}

/** `it belongs in <devices>, inside <domain>`, or `it is allowed in <a> or <b>`. */
function belongs(place: Place | undefined, preposition: 'in' | 'on'): string {
  if (place === undefined || place.places.length === 0) return '';
  const where = list(place.places.map(element), 'or');
  return place.inside === undefined
    ? `it is allowed ${preposition} ${where}`
    : `it belongs ${preposition} ${where}, inside <${place.inside}>`;
}

function didYouMean(suggestion: string | undefined, render: (s: string) => string): string {
  return suggestion === undefined ? '' : `did you mean ${render(suggestion)}?`;
}

function reason(r: string | undefined): string {
  return r === undefined ? '' : `: ${r}`;
}

/** Clauses of one message, separated by semicolons; empty ones are left out. */
function clauses(head: string, ...rest: string[]): string {
  return [head, ...rest.filter((c) => c !== '')].join('; ');
}

/** Parts of one clause, separated by spaces; empty ones are left out. */
function words(...parts: string[]): string {
  return parts.filter((c) => c !== '').join(' ');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
