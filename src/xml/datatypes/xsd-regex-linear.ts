/**
 * Matching XSD regular expressions in time linear in the value's length: the Thompson automaton is
 * simulated on sets of states, never by backtracking, and each set met is remembered as one state of
 * a deterministic automaton built as the input asks for it. A remembered set keeps its successors for
 * ASCII characters in a table, so a long ASCII value costs one lookup per character, and a bounded
 * number of successors for other characters.
 *
 * A character whose successor is not remembered costs one pass over the current set, at most the
 * automaton's size. At most MAX_REMEMBERED sets are kept per expression; beyond that, sets are still
 * computed, only not kept, so memory stays bounded whatever the input.
 */

import { buildNfa, CHAR, CLASS, MATCH, SPLIT, type Nfa } from './xsd-regex-nfa.js';
import type { XsdRegexNode } from './xsd-regex-syntax.js';

/** Every libvirt pattern reaches fewer sets than this (at most about 400, over all characters). */
const MAX_REMEMBERED = 1_000;
/** Successors for characters beyond ASCII kept per expression, over all its sets. */
const MAX_REMEMBERED_BEYOND_ASCII = 4_096;
const ASCII = 0x80;

/** A set of automaton states, in increasing order: the states that consume a character, and the match state. */
class StateSet {
  /** Successors by code point, filled in as characters are met; only on remembered sets. */
  readonly asciiSuccessors: (StateSet | undefined)[] | undefined;
  readonly successorsBeyondAscii: Map<number, StateSet> | undefined;
  /** No state left: nothing that follows can match. */
  readonly isDead: boolean;

  constructor(readonly states: Int32Array, readonly accepting: boolean, remembered: boolean) {
    // Filled, not holey: V8 reads a packed array without consulting the prototype chain.
    this.asciiSuccessors = remembered ? new Array<StateSet | undefined>(ASCII).fill(undefined) : undefined;
    this.successorsBeyondAscii = remembered ? new Map() : undefined;
    this.isDead = states.length === 0;
  }
}

/**
 * One expression, ready to match whole values. Its scratch buffers are shared by all calls, which is
 * safe because a call runs to its end without yielding.
 */
export class LinearXsdRegex {
  private readonly nfa: Nfa;
  private readonly remembered = new Map<string, StateSet>();
  private readonly start: StateSet;
  /** Per automaton state, the pass that last reached it; one number per pass instead of clearing a set. */
  private readonly reachedIn: Uint32Array;
  private pass = 0;
  private readonly pending: Int32Array;
  private readonly reached: Int32Array;
  private reachedCount = 0;
  private rememberedBeyondAscii = 0;
  private visited = 0;

  /** Throws XsdRegexError when the automaton would be too large (see xsd-regex-nfa.ts). */
  constructor(pattern: string, node: XsdRegexNode) {
    this.nfa = buildNfa(pattern, node);
    this.reachedIn = new Uint32Array(this.nfa.size);
    this.pending = new Int32Array(this.nfa.size);
    this.reached = new Int32Array(this.nfa.size);
    this.beginPass();
    this.reach(this.nfa.start);
    this.start = this.collect();
  }

  /** The automaton's size: the most work one character can cost. */
  get size(): number {
    return this.nfa.size;
  }

  /** Automaton states visited so far by all calls: a measure of work that does not depend on the machine. */
  get work(): number {
    return this.visited;
  }

  /** Whether the whole of `value` matches. */
  test(value: string): boolean {
    let set = this.start;
    const length = value.length;
    for (let index = 0; index < length; index++) {
      const unit = value.charCodeAt(index);
      if (unit < ASCII) {
        const table = set.asciiSuccessors;
        let successor = table?.[unit];
        if (successor === undefined) {
          successor = this.successor(set, unit);
          if (table !== undefined) table[unit] = successor;
        }
        set = successor;
      } else {
        const codePoint = value.codePointAt(index)!;
        if (codePoint > 0xffff) index++;
        set = this.successorBeyondAscii(set, codePoint);
      }
      if (set.isDead) return false;
    }
    return set.accepting;
  }

  private successorBeyondAscii(set: StateSet, codePoint: number): StateSet {
    const known = set.successorsBeyondAscii;
    let successor = known?.get(codePoint);
    if (successor === undefined) {
      successor = this.successor(set, codePoint);
      if (known !== undefined && this.rememberedBeyondAscii < MAX_REMEMBERED_BEYOND_ASCII) {
        known.set(codePoint, successor);
        this.rememberedBeyondAscii++;
      }
    }
    return successor;
  }

  /** The states reached from `set` by consuming `codePoint`. */
  private successor(set: StateSet, codePoint: number): StateSet {
    const { kinds, arguments: args, next, classes } = this.nfa;
    this.beginPass();
    const states = set.states;
    // Index loops, not iterators, here and below: the first documents of a process run this
    // before the JIT has optimised it, and an interpreted iterator costs several times a loop.
    for (let i = 0; i < states.length; i++) {
      const state = states[i]!;
      const kind = kinds[state];
      const consumes = kind === CHAR ? args[state] === codePoint : kind === CLASS && classes[args[state]!]!.has(codePoint);
      if (consumes) this.reach(next[state]!);
    }
    return this.collect(set);
  }

  private beginPass(): void {
    if (++this.pass === 0xffffffff) {
      this.reachedIn.fill(0);
      this.pass = 1;
    }
    this.reachedCount = 0;
  }

  /** Adds `state` and everything reachable from it without consuming a character. */
  private reach(state: number): void {
    const { kinds, next, alternative } = this.nfa;
    const { reachedIn, pending, reached } = this;
    const pass = this.pass;
    if (reachedIn[state] === pass) return;
    reachedIn[state] = pass;
    let pendingCount = 0;
    pending[pendingCount++] = state;
    while (pendingCount > 0) {
      const current = pending[--pendingCount]!;
      this.visited++;
      if (kinds[current] !== SPLIT) {
        reached[this.reachedCount++] = current;
        continue;
      }
      const first = next[current]!;
      const second = alternative[current]!;
      if (reachedIn[first] !== pass) {
        reachedIn[first] = pass;
        pending[pendingCount++] = first;
      }
      if (reachedIn[second] !== pass) {
        reachedIn[second] = pass;
        pending[pendingCount++] = second;
      }
    }
  }

  /**
   * The set reached in this pass, shared with an equal set met before. `previous` is compared first:
   * inside a loop such as `.+` the set stays the same, and that needs no lookup.
   */
  private collect(previous?: StateSet): StateSet {
    const count = this.reachedCount;
    const reached = this.reached;
    sortPrefix(reached, count);
    if (previous !== undefined && equalsPrefix(previous.states, reached, count)) return previous;
    const states = reached.slice(0, count);
    const key = states.join(',');
    const known = this.remembered.get(key);
    if (known !== undefined) return known;
    const kinds = this.nfa.kinds;
    let accepting = false;
    for (let i = 0; i < count && !accepting; i++) accepting = kinds[states[i]!] === MATCH;
    const remember = this.remembered.size < MAX_REMEMBERED;
    const set = new StateSet(states, accepting, remember);
    if (remember) this.remembered.set(key, set);
    return set;
  }
}

/** Sorts the first `count` numbers in place; sets are mostly a handful of states, where insertion sort is quickest. */
function sortPrefix(numbers: Int32Array, count: number): void {
  if (count > 16) {
    numbers.subarray(0, count).sort();
    return;
  }
  for (let index = 1; index < count; index++) {
    const value = numbers[index]!;
    let position = index - 1;
    while (position >= 0 && numbers[position]! > value) {
      numbers[position + 1] = numbers[position]!;
      position--;
    }
    numbers[position + 1] = value;
  }
}

function equalsPrefix(states: Int32Array, numbers: Int32Array, count: number): boolean {
  if (states.length !== count) return false;
  for (let index = 0; index < count; index++) if (states[index] !== numbers[index]) return false;
  return true;
}
