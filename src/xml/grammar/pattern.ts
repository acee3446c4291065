/**
 * The simplified RELAX NG pattern language (RELAX NG §4 output, plus `after` for derivatives).
 *
 * Patterns are created only by {@link PatternBuilder}, which normalises and interns them: two
 * structurally equal patterns are the same object, so memo tables can be keyed by `id`.
 * Element patterns are the exception: each is a node of the grammar graph (cycles go through
 * them), created once and compared by identity.
 */
import type { NameClass } from './name-class.js';

export type Pattern =
  | EmptyPattern
  | NotAllowedPattern
  | TextPattern
  | ChoicePattern
  | GroupPattern
  | InterleavePattern
  | OneOrMorePattern
  | ListPattern
  | DataPattern
  | ValuePattern
  | AttributePattern
  | ElementPattern
  | AfterPattern;

interface PatternBase {
  readonly id: number;
  /** Whether the pattern matches the empty sequence; computed once at construction. */
  readonly nullable: boolean;
}

export interface EmptyPattern extends PatternBase { readonly kind: 'empty' }
export interface NotAllowedPattern extends PatternBase { readonly kind: 'notAllowed' }
export interface TextPattern extends PatternBase { readonly kind: 'text' }

export interface ChoicePattern extends PatternBase {
  readonly kind: 'choice';
  readonly a: Pattern;
  readonly b: Pattern;
}

export interface GroupPattern extends PatternBase {
  readonly kind: 'group';
  readonly a: Pattern;
  readonly b: Pattern;
}

export interface InterleavePattern extends PatternBase {
  readonly kind: 'interleave';
  readonly a: Pattern;
  readonly b: Pattern;
}

export interface OneOrMorePattern extends PatternBase {
  readonly kind: 'oneOrMore';
  readonly p: Pattern;
}

export interface ListPattern extends PatternBase {
  readonly kind: 'list';
  readonly p: Pattern;
}

/** A datatype by library, name and parameters; the runtime turns it into a `Datatype` lazily. */
export interface DatatypeSpec {
  readonly library: string;
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly value: string }[];
  /** A stable string identifying library, name and params; equal specs have equal keys. */
  readonly key: string;
}

export interface DataPattern extends PatternBase {
  readonly kind: 'data';
  readonly datatype: DatatypeSpec;
  readonly except: Pattern | undefined;
}

export interface ValuePattern extends PatternBase {
  readonly kind: 'value';
  readonly datatype: DatatypeSpec;
  readonly value: string;
  /** The namespace context of the `<value>` (only QName-like datatypes need it). */
  readonly ns: string;
}

export interface AttributePattern extends PatternBase {
  readonly kind: 'attribute';
  readonly nameClass: NameClass;
  readonly content: Pattern;
}

/** Where an element pattern came from in the schema, for diagnostics and for naming model types. */
export interface ElementOrigin {
  /** The `<define>` that held the element, when it was the define's whole body or a direct part of it. */
  readonly define?: string;
  readonly file: string;
  readonly line: number;
}

export interface ElementPattern extends PatternBase {
  readonly kind: 'element';
  readonly nameClass: NameClass;
  /**
   * Set exactly once, by {@link PatternBuilder.setElementContent}, after the graph is built. In
   * a grammar read lazily (`readGrammarTableLazily`) it is built on first use: read it there
   * through {@link PatternBuilder.contentOf}.
   */
  readonly content: Pattern;
  readonly origin: ElementOrigin | undefined;
}

/** Clark's `after p1 p2`: match p1, then continue with p2 after the end tag. Only derivatives create it. */
export interface AfterPattern extends PatternBase {
  readonly kind: 'after';
  readonly a: Pattern;
  readonly b: Pattern;
}

export function datatypeKey(library: string, name: string, params: readonly { name: string; value: string }[]): string {
  let key = `${library}#${name}`;
  for (const p of params) key += `\u0000${p.name}=${p.value}`;
  return key;
}
