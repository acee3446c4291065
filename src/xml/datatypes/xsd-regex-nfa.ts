/**
 * Thompson automata for parsed XSD regular expressions: one state per character or class to consume,
 * one per branch point, and a final match state. Counted repeats are written out copy by copy, which
 * is what lets the automaton be simulated without a counter; the size limits below bound that.
 */

import { charClass, type CharClass } from './xsd-char-class.js';
import { XsdRegexError, type XsdRegexNode, type XsdRegexRepeat } from './xsd-regex-syntax.js';

/** Consumes the code point in `argument`. */
export const CHAR = 0;
/** Consumes a code point of the class `classes[argument]`. */
export const CLASS = 1;
/** Moves to `next` and `alternative` without consuming. */
export const SPLIT = 2;
/** The whole value has matched if the input ends here. */
export const MATCH = 3;

/**
 * At most this many states: a character costs at most this much work, whatever the value. libvirt's
 * largest pattern (the IPv6 address, in 11.3.0, 9.0.0 and 7.0.0 alike) needs 897.
 */
export const MAX_STATES = 10_000;
/** Counts above this are refused before anything is written out (libvirt's largest is 255). */
export const MAX_COUNT = 1_000;

/** The states as parallel arrays indexed by state number; `next` and `alternative` are -1 where unused. */
export interface Nfa {
  readonly kinds: Uint8Array;
  readonly arguments: Int32Array;
  readonly next: Int32Array;
  readonly alternative: Int32Array;
  readonly classes: readonly CharClass[];
  readonly start: number;
  readonly size: number;
}

/** Throws XsdRegexError when a count or the whole automaton exceeds the limits above. */
export function buildNfa(pattern: string, node: XsdRegexNode): Nfa {
  return new NfaBuilder(pattern).build(node);
}

const NONE = -1;

/**
 * Builds back to front: each node is compiled with the state that follows it already known, so
 * sequences, branches and loops need no patching beyond a loop's own back edge.
 */
class NfaBuilder {
  private readonly kinds: number[] = [];
  private readonly arguments: number[] = [];
  private readonly next: number[] = [];
  private readonly alternative: number[] = [];
  private readonly classes: CharClass[] = [];
  private readonly classIndexes = new Map<string, number>();

  constructor(private readonly pattern: string) {}

  build(node: XsdRegexNode): Nfa {
    const match = this.add(MATCH, 0, NONE, NONE);
    const start = this.compile(node, match);
    return {
      kinds: Uint8Array.from(this.kinds),
      arguments: Int32Array.from(this.arguments),
      next: Int32Array.from(this.next),
      alternative: Int32Array.from(this.alternative),
      classes: this.classes,
      start,
      size: this.kinds.length,
    };
  }

  /** The first state of `node`, which continues to `next` once `node` has matched. */
  private compile(node: XsdRegexNode, next: number): number {
    switch (node.kind) {
      case 'char':
        return this.add(CHAR, node.codePoint, next, NONE);
      case 'class':
        return this.add(CLASS, this.classIndex(node.source), next, NONE);
      case 'sequence':
        return node.items.reduceRight((following, item) => this.compile(item, following), next);
      case 'choice': {
        const starts = node.branches.map((branch) => this.compile(branch, next));
        return starts.reduceRight((rest, first) => this.add(SPLIT, 0, first, rest));
      }
      case 'group':
        return this.compile(node.body, next);
      case 'repeat':
        return this.compileRepeat(node, next);
    }
  }

  /** `x{2,4}` becomes `x x (x (x)?)?`; `x{2,}` becomes `x x+` with the last copy looping back. */
  private compileRepeat(node: XsdRegexRepeat, next: number): number {
    if (node.min > MAX_COUNT || (node.max !== undefined && node.max > MAX_COUNT)) {
      this.fail(`counts above ${MAX_COUNT} are not supported (${node.written})`);
    }
    const min = Number(node.min);
    let first = next;
    let required = min;
    if (node.max === undefined) {
      const loop = this.add(SPLIT, 0, NONE, next);
      const body = this.compile(node.body, loop);
      this.next[loop] = body;
      first = min === 0 ? loop : body;
      required = Math.max(min - 1, 0);
    } else {
      for (let optional = Number(node.max) - min; optional > 0; optional--) {
        first = this.add(SPLIT, 0, this.compile(node.body, first), next);
      }
    }
    for (let copy = 0; copy < required; copy++) first = this.compile(node.body, first);
    return first;
  }

  private classIndex(source: string): number {
    let index = this.classIndexes.get(source);
    if (index === undefined) {
      index = this.classes.push(charClass(source)) - 1;
      this.classIndexes.set(source, index);
    }
    return index;
  }

  private add(kind: number, argument: number, next: number, alternative: number): number {
    if (this.kinds.length >= MAX_STATES) this.fail(`its automaton would need more than ${MAX_STATES} states`);
    this.kinds.push(kind);
    this.arguments.push(argument);
    this.next.push(next);
    this.alternative.push(alternative);
    return this.kinds.length - 1;
  }

  private fail(reason: string): never {
    throw new XsdRegexError(this.pattern, 0, reason);
  }
}
