/**
 * What every derivative needs: the builder that interns the patterns it creates, the memo tables
 * and the datatype objects. One context belongs to one loaded grammar and outlives documents.
 *
 * What it keeps across documents is bounded: each document is validated between
 * {@link DerivContext.beginDocument} and {@link DerivContext.endDocument}, and when the states
 * derived so far ({@link MAX_DERIVED_PATTERNS}) or the memo entries keyed by strings
 * ({@link MAX_MEMO_COST}) pass their budget, the next document starts from the grammar alone:
 * derived patterns are dropped and every memo is discarded. Nothing is evicted one by one, so a
 * hit costs what it did; a miss costs one derivative, linear in the pattern as before.
 */
import type { PatternBuilder } from '../grammar/builder.js';
import type { DatatypeSpec, Pattern } from '../grammar/pattern.js';
import type { Datatype } from '../datatypes/types.js';
import { PatternMemo } from './memo.js';

export type DatatypeFactory = (spec: DatatypeSpec) => Datatype;

/**
 * What a validator may keep of past documents (see {@link DerivContext}): derived patterns, and
 * the cost of its string-keyed memo entries. Defaults: {@link MAX_DERIVED_PATTERNS} and
 * {@link MAX_MEMO_COST}.
 */
export interface MemoBudget {
  readonly patterns?: number;
  readonly memoCost?: number;
}

export class DerivContext {
  /**
   * Starts with a slot so that it holds objects from the start: an empty array literal holds small
   * integers, and its first store would change its kind and discard the code optimised for it.
   */
  private memos: (PatternMemo | undefined)[] = [undefined];
  /** The builder's epoch the memos belong to (pattern ids are reused after a drop). */
  private epoch: number;
  /** Memo entries keyed by strings made since the memos were last discarded, weighed by key length. */
  memoCost = 0;
  private readonly datatypes = new Map<string, Datatype>();
  private readonly nameBits = new Map<string, number>();

  constructor(
    readonly builder: PatternBuilder,
    private readonly createDatatype: DatatypeFactory,
    private readonly budget: MemoBudget = {},
  ) {
    this.epoch = builder.epoch;
  }

  /**
   * Before a document's derivatives: drops what earlier documents derived if it is over budget,
   * then marks new patterns as derived until {@link endDocument}.
   */
  beginDocument(): void {
    const b = this.builder;
    const patterns = this.budget.patterns ?? MAX_DERIVED_PATTERNS;
    if (this.memoCost > (this.budget.memoCost ?? MAX_MEMO_COST) || b.derivedCount > patterns) {
      this.discardMemos();
      // Only between documents: nothing else may hold a derived pattern then.
      if (b.derivedCount > patterns) b.dropDerived();
    }
    if (this.epoch !== b.epoch) this.discardMemos();
    b.beginDerivations();
  }

  endDocument(): void {
    this.builder.endDerivations();
  }

  private discardMemos(): void {
    this.memos = [undefined];
    this.memoCost = 0;
    this.epoch = this.builder.epoch;
  }

  memo(p: Pattern): PatternMemo {
    const memos = this.memos;
    let m = memos[p.id];
    if (m === undefined) {
      // Fill the gap so the array stays dense (pattern ids are small consecutive integers).
      while (memos.length < p.id) memos.push(undefined);
      m = new PatternMemo();
      memos[p.id] = m;
    }
    return m;
  }

  /** The bit of a grammar's name in first-name masks (see first-names.ts); names take the 32 bits in turn. */
  nameBit(key: string): number {
    let bit = this.nameBits.get(key);
    if (bit === undefined) {
      bit = 1 << (this.nameBits.size & 31);
      this.nameBits.set(key, bit);
    }
    return bit;
  }

  /**
   * The bit of a name read from a document: its grammar name's bit, or, for a name no name class
   * of the grammar holds (only wildcards, whose masks have every bit, can match it), one fixed
   * bit. Names from documents are never remembered, so they neither accumulate in a validator
   * that runs for long nor keep their documents' text alive.
   */
  documentNameBit(ns: string, local: string, key: string): number {
    const bit = this.nameBits.get(key);
    if (bit !== undefined) return bit;
    const known = this.builder.names.lookupName(ns, local);
    return known === undefined ? NAME_NOT_IN_GRAMMAR : this.nameBit(nameKey(known.ns, known.local));
  }

  /** @internal How many names have a bit: the grammar's, at most. */
  get namesWithBits(): number {
    return this.nameBits.size;
  }

  /** The datatype of a spec, created on first use and cached by the spec's key. */
  datatype(spec: DatatypeSpec): Datatype {
    let dt = this.datatypes.get(spec.key);
    if (dt === undefined) {
      dt = this.createDatatype(spec);
      this.datatypes.set(spec.key, dt);
    }
    return dt;
  }
}

/**
 * The budget of derived patterns a grammar keeps across documents. Validating all 3,473 documents
 * of libvirt 11.3.0's corpus builds about 24,000 patterns for the domain grammar, its largest
 * (grammar and derivatives): a budget four times that is never reached by documents that
 * resemble each other, and each pattern with its memo takes about 300 bytes, 30 MB in all.
 */
export const MAX_DERIVED_PATTERNS = 100_000;

/**
 * The budget of string-keyed memo entries (derivatives by name or value, datatype verdicts),
 * each weighed 1 plus 1 per 16 characters of key, so that long keys count for what they hold.
 */
export const MAX_MEMO_COST = 200_000;

/** Any bit will do: it only has to be among a wildcard's (all of them). */
const NAME_NOT_IN_GRAMMAR = 1;

/** The key under which derivatives by a name are memoised (local names cannot contain NUL). */
export function nameKey(ns: string, local: string): string {
  return ns === '' ? local : `${ns}\u0000${local}`;
}
