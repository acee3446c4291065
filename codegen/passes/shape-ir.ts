/**
 * The shape pass's output: every model type with its name, module and source, and for each
 * its properties in schema order. The TypeScript declarations and the runtime binding table are
 * both printed from this one structure, so they cannot disagree.
 */
import type { ValuePart } from './shape-values.js';

export interface ShapeModel {
  /** The libvirt release the types describe. */
  readonly release: string;
  /** All declarations, sorted by module then name. */
  readonly declarations: readonly Declaration[];
  readonly roots: readonly RootShape[];
  /** Foreign namespaces used by the model: URI → prefix. */
  readonly namespaces: ReadonlyMap<string, string>;
}

export interface RootShape {
  /** The root's name, e.g. `domain`. */
  readonly root: string;
  /** Its schema file, e.g. `domain.rng`. */
  readonly file: string;
  /** The document elements the root accepts, each with its model type. */
  readonly elements: readonly { readonly ns: string; readonly local: string; readonly type: string }[];
}

/** Where a declaration comes from, as its TSDoc `@generated from` line says. */
export type Source =
  | { readonly kind: 'define'; readonly define: string; readonly file: string }
  | { readonly kind: 'element'; readonly path: string; readonly file: string }
  | { readonly kind: 'merged'; readonly path: string; readonly file: string; readonly from: readonly string[] }
  | { readonly kind: 'case'; readonly path: string; readonly file: string };

interface DeclarationBase {
  readonly name: string;
  /** The schema file whose module holds the declaration (`domaincommon.rng`). */
  readonly module: string;
  readonly source: Source;
}

/** The type of an element: an object type extending the model's element base. */
export interface ObjectDeclaration extends DeclarationBase {
  readonly kind: 'object';
  readonly ns: string;
  readonly local: string;
  readonly content: ShapeContent;
}

/** One branch of a discriminated union: the properties a discriminator value brings. */
export interface CaseDeclaration extends DeclarationBase {
  readonly kind: 'case';
  readonly content: ShapeContent;
}

/** A discriminated union that is a define of its own (`diskSource`). */
export interface UnionDeclaration extends DeclarationBase {
  readonly kind: 'union';
  readonly variant: ShapeVariant;
}

/** A define holding only literal values (`virYesNo` → `'yes' | 'no'`). */
export interface AliasDeclaration extends DeclarationBase {
  readonly kind: 'alias';
  readonly literals: readonly string[];
}

export type Declaration = ObjectDeclaration | CaseDeclaration | UnionDeclaration | AliasDeclaration;

export interface ShapeContent {
  readonly entries: readonly ShapeEntry[];
}

export type ShapeEntry = { readonly kind: 'field'; readonly field: ShapeField } | { readonly kind: 'variant'; readonly variant: ShapeVariant };

export interface ShapeField {
  readonly kind: 'attribute' | 'element' | 'text' | 'any';
  /** The property name (`$value` for text, `$any` for wildcard elements). */
  readonly prop: string;
  readonly ns: string;
  readonly local: string;
  readonly optional: boolean;
  readonly repeated: boolean;
  /** Attribute value or element text. */
  readonly value?: ShapeValue;
  /** What a child element becomes. */
  readonly element?: ElementShape;
}

export type ElementShape =
  | { readonly kind: 'object'; readonly type: string }
  /**
   * A text-only element without attributes: its value. `optional`: the text may be left out,
   * and an element without it holds '' where the value may be a string.
   */
  | { readonly kind: 'leaf'; readonly value: ShapeValue; readonly optional?: true }
  /** An element without attributes or content: `true`. */
  | { readonly kind: 'empty' }
  /** Any element (`anyName`): a generic element. */
  | { readonly kind: 'any' };

export type ShapeValueTerm = ValuePart | { readonly kind: 'alias'; readonly name: string; readonly parts: readonly ValuePart[] };

export interface ShapeValue {
  readonly terms: readonly ShapeValueTerm[];
}

export interface ShapeVariant {
  /** The discriminator attribute's property. */
  readonly prop: string;
  readonly ns: string;
  readonly local: string;
  readonly cases: readonly ShapeCase[];
  /** The named union, when the choice is a define of its own. */
  readonly union?: string;
}

export interface ShapeCase {
  readonly values: readonly string[];
  readonly absent: boolean;
  /** The case's type; undefined for the empty "attribute absent" case. */
  readonly type?: string;
}
