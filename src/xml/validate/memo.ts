/**
 * Per-pattern memo tables. Derivatives depend only on the (interned) pattern and the event, so
 * once a state has been seen in one document its derivatives are free in every later one. The
 * memos live in the {@link DerivContext} of a loaded grammar and are shared by all documents
 * validated against it, within the context's budget.
 */
import type { Pattern } from '../grammar/pattern.js';

/** One way an attribute name can be matched: the value must match `value`, then `next` remains. */
export interface AttributeBranch {
  readonly value: Pattern;
  readonly next: Pattern;
}

/**
 * An entered element: its content, then its parent's state `next`; or, when `next` is
 * undefined, a content state that still carries the parent's states in its `after`s.
 */
export interface SplitAfter {
  readonly content: Pattern;
  readonly next: Pattern | undefined;
}

/** Strings are memoised per pattern only up to this many, so unique values cannot grow memory unboundedly. */
export const MAX_STRING_MEMO = 512;

/**
 * Nor are strings longer than this: the values that recur are names, keywords and numbers, while a
 * long text (a description, a certificate) rarely comes twice, and keeping 512 of them per
 * pattern would hold on to megabytes of past documents in a long-running validator.
 */
export const MAX_MEMO_KEY_LENGTH = 256;

export class PatternMemo {
  elementMask: number | undefined = undefined;
  attributeMask: number | undefined = undefined;
  startTag: Map<string, Pattern> | undefined = undefined;
  startTagRecover: Map<string, Pattern> | undefined = undefined;
  startAttribute: Map<string, Pattern> | undefined = undefined;
  attributes: Map<string, readonly AttributeBranch[]> | undefined = undefined;
  startTagClose: Pattern | undefined = undefined;
  startTagCloseRecover: Pattern | undefined = undefined;
  text: Map<string, Pattern> | undefined = undefined;
  textRecover: Pattern | undefined = undefined;
  endTag: Pattern | undefined = undefined;
  endTagRecover: Pattern | undefined = undefined;
  split: SplitAfter | undefined = undefined;
  /** For data patterns: whether the datatype (and except) accepts a string. */
  valueMatches: Map<string, boolean> | undefined = undefined;
}

/** Looks `key` up in a string memo, tolerating a missing map. */
export function memoGet<V>(map: Map<string, V> | undefined, key: string): V | undefined {
  return map === undefined ? undefined : map.get(key);
}

/**
 * Stores into a string memo unless it is full; returns the (possibly new) map. `cost` is the
 * context's count of what string memos hold (see DerivContext.memoCost).
 */
export function memoSet<V>(cost: { memoCost: number }, map: Map<string, V> | undefined, key: string, value: V): Map<string, V> {
  const m = map ?? new Map<string, V>();
  if (m.size < MAX_STRING_MEMO && key.length <= MAX_MEMO_KEY_LENGTH) {
    m.set(detached(key), value);
    cost.memoCost += 1 + (key.length >> 4);
  }
  return m;
}

/**
 * The same string, holding no reference to the text it was cut from. Keys come from documents,
 * and V8 keeps a slice of 13 or more characters as a view into the whole document: a memo of
 * 512 such keys kept up to 512 past documents alive (validating 200 KB documents held 107 MB).
 * Concatenating makes a new string that the slice then views instead; shorter slices are copies.
 */
function detached(key: string): string {
  return key.length < 13 ? key : (' ' + key).slice(1);
}
