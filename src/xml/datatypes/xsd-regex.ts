/**
 * XSD regular expressions (XML Schema Part 2, Appendix F): matchers for values, and translations into
 * JavaScript RegExps.
 *
 * Validation uses xsdRegexMatcher, whose time is linear in the value's length. The translation
 * re-emits every construct of the parsed expression in a form whose meaning is the same under the
 * `u` flag, anchored, since an XSD regex always matches the whole value; V8 runs it by backtracking,
 * which a long value can make quadratic or worse.
 *
 * Known difference: Unicode categories come from the JavaScript engine's Unicode version rather than
 * Unicode 3.1, so a few characters assigned since then match `\p{L}`, `\w` and friends.
 */

import { LinearXsdRegex } from './xsd-regex-linear.js';
import { literalOutsideClass, parseXsdRegex, XsdRegexError, type XsdRegexNode } from './xsd-regex-syntax.js';

export { XsdRegexError } from './xsd-regex-syntax.js';

/** Decides whether a whole value matches an XSD regular expression. */
export interface XsdRegexMatcher {
  test(value: string): boolean;
}

const matchers = new Map<string, XsdRegexMatcher>();
const compiled = new Map<string, RegExp>();

/**
 * The matcher validation uses: the same verdicts as translateXsdRegex's RegExp, in time linear in the
 * value's length. Results are cached. Throws XsdRegexError (a DatatypeError with code `bad-regex`) for
 * an invalid expression, or one whose counted repeats would make the automaton too large
 * (see xsd-regex-nfa.ts; libvirt's patterns are far below the limits).
 */
export function xsdRegexMatcher(pattern: string): XsdRegexMatcher {
  let matcher = matchers.get(pattern);
  if (matcher === undefined) {
    matcher = new LinearXsdRegex(pattern, parseXsdRegex(pattern));
    matchers.set(pattern, matcher);
  }
  return matcher;
}

/**
 * Compiles an XSD regular expression into an anchored JavaScript RegExp with the `u` flag.
 * Results are cached; RegExps without the `g` or `y` flag keep no state, so sharing them is safe.
 * Throws XsdRegexError (a DatatypeError with code `bad-regex`) for an invalid expression.
 * Its time on a long value can be quadratic or worse; match untrusted values with xsdRegexMatcher.
 */
export function translateXsdRegex(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = jsRegexFor(pattern, parseXsdRegex(pattern));
    compiled.set(pattern, regex);
  }
  return regex;
}

/** The JavaScript source (for the `u` flag, anchored with `^(?:…)$`) equivalent to an XSD regex. */
export function xsdRegexToJsSource(pattern: string): string {
  return jsSourceFor(parseXsdRegex(pattern));
}

function jsRegexFor(pattern: string, node: XsdRegexNode): RegExp {
  const source = jsSourceFor(node);
  try {
    return new RegExp(source, 'u');
  } catch (error) {
    // The translation only emits constructs valid under `u`; reaching this is a defect, reported with the cause.
    const cause = error instanceof Error ? error.message : String(error);
    throw new XsdRegexError(pattern, 0, `its translation ${source} does not compile (${cause})`);
  }
}

function jsSourceFor(node: XsdRegexNode): string {
  return `^(?:${emit(node)})$`;
}

function emit(node: XsdRegexNode): string {
  switch (node.kind) {
    case 'char': return literalOutsideClass(node.codePoint);
    case 'class': return node.source;
    case 'sequence': return node.items.map(emit).join('');
    case 'choice': return node.branches.map(emit).join('|');
    case 'group': return `(?:${emit(node.body)})`;
    case 'repeat': return emit(node.body) + node.written;
  }
}
