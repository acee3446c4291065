/**
 * The RELAX NG syntax tree after loading: one flat grammar whose `include`s, `externalRef`s,
 * nested grammars, `div`s and `combine`d defines are resolved (RELAX NG §4.1–4.18), but whose
 * patterns still read like the schema (optional, zeroOrMore, mixed, refs to named defines).
 * The shape pass names model types from this form; the simplify pass turns it into patterns.
 */

export interface SourceLocation {
  /** File name relative to the schema folder, e.g. `domaincommon.rng`. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type NameClassNode =
  | { readonly kind: 'name'; readonly ns: string; readonly local: string }
  | { readonly kind: 'anyName'; readonly except?: NameClassNode }
  | { readonly kind: 'nsName'; readonly ns: string; readonly except?: NameClassNode }
  | { readonly kind: 'choice'; readonly items: readonly NameClassNode[] };

export type RngNode =
  | ElementNode
  | AttributeNode
  | ContainerNode
  | { readonly kind: 'empty' | 'text' | 'notAllowed'; readonly loc: SourceLocation }
  | ValueNode
  | DataNode
  | RefNode;

export interface ElementNode {
  readonly kind: 'element';
  readonly nameClass: NameClassNode;
  /** The content, as a group of the element's pattern children. */
  readonly content: readonly RngNode[];
  readonly loc: SourceLocation;
}

export interface AttributeNode {
  readonly kind: 'attribute';
  readonly nameClass: NameClassNode;
  /** The value pattern; `text` when the schema gives none. */
  readonly content: RngNode;
  readonly loc: SourceLocation;
}

export interface ContainerNode {
  readonly kind: 'group' | 'interleave' | 'choice' | 'optional' | 'zeroOrMore' | 'oneOrMore' | 'mixed' | 'list';
  readonly items: readonly RngNode[];
  readonly loc: SourceLocation;
}

export interface ValueNode {
  readonly kind: 'value';
  readonly datatypeLibrary: string;
  readonly type: string;
  readonly value: string;
  readonly ns: string;
  readonly loc: SourceLocation;
}

export interface DataNode {
  readonly kind: 'data';
  readonly datatypeLibrary: string;
  readonly type: string;
  readonly params: readonly { readonly name: string; readonly value: string }[];
  readonly except?: RngNode;
  readonly loc: SourceLocation;
}

export interface RefNode {
  readonly kind: 'ref';
  /** The key of the define in {@link LoadedGrammar.defines}. */
  readonly target: string;
  readonly loc: SourceLocation;
}

export interface DefineNode {
  /** The unique key (the schema name, suffixed when a nested grammar reuses it). */
  readonly key: string;
  /** The name as written in the schema. */
  readonly name: string;
  readonly body: RngNode;
  readonly loc: SourceLocation;
}

export interface LoadedGrammar {
  /** The root schema file, e.g. `domain.rng`. */
  readonly file: string;
  readonly start: RngNode;
  /** Defines reachable or not, by unique key, in the order first seen. */
  readonly defines: ReadonlyMap<string, DefineNode>;
}
