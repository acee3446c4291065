/**
 * What every derivative needs: the builder that interns the patterns it creates, the memo tables
 * and the datatype objects. One context belongs to one loaded grammar and outlives documents.
 */
import type { PatternBuilder } from '../grammar/builder.js';
import type { DatatypeSpec, Pattern } from '../grammar/pattern.js';
import type { Datatype } from '../datatypes/types.js';
import { PatternMemo } from './memo.js';

export type DatatypeFactory = (spec: DatatypeSpec) => Datatype;

export class DerivContext {
  /**
   * Starts with a slot so that it holds objects from the start: an empty array literal holds small
   * integers, and its first store would change its kind and discard the code optimised for it.
   */
  private readonly memos: (PatternMemo | undefined)[] = [undefined];
  private readonly datatypes = new Map<string, Datatype>();
  private readonly nameBits = new Map<string, number>();

  constructor(
    readonly builder: PatternBuilder,
    private readonly createDatatype: DatatypeFactory,
  ) {}

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

/** Any bit will do: it only has to be among a wildcard's (all of them). */
const NAME_NOT_IN_GRAMMAR = 1;

/** The key under which derivatives by a name are memoised (local names cannot contain NUL). */
export function nameKey(ns: string, local: string): string {
  return ns === '' ? local : `${ns}\u0000${local}`;
}
