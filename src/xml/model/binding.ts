/**
 * The binding table: how each model type maps to XML. Codegen writes one per schema file (as
 * JSON text in the generated module); the parser and formatters read nothing else.
 *
 * Keys are short because the tables ship to browsers; each is documented here.
 */

export const BINDING_FORMAT = 'virtxml-binding/1';

/** How a value is written and read. Parsing tries, in order: literal, number, 64-bit, string. */
export interface ValueBinding {
  /** Summary for people and tools: `flag` is a yes/no or on/off choice. */
  readonly k: 'string' | 'number' | 'int64' | 'enum' | 'flag' | 'union';
  /** Literal values (compared after collapsing whitespace). */
  readonly e?: readonly string[];
  /** A `number`: `i` integer, `f` decimal. */
  readonly n?: 'i' | 'f';
  /** A 64-bit integer held as its decimal string. */
  readonly b?: 1;
  /** Any string. */
  readonly s?: 1;
}

export interface AttributeBinding {
  readonly k: 'a';
  /** XML local name. */
  readonly n: string;
  /** Namespace URI, when not ''. */
  readonly ns?: string;
  /** Property name, when not equal to `n`. */
  readonly p?: string;
  /** 1 when the schema requires it. */
  readonly r?: 1;
  readonly v: ValueBinding;
}

export interface ElementBinding {
  readonly k: 'e';
  readonly n: string;
  readonly ns?: string;
  readonly p?: string;
  /** Multiplicity: `1` one, `?` optional, `+` one or more, `*` any number. */
  readonly m: '1' | '?' | '+' | '*';
  /** Model type of the child (an object). */
  readonly t?: string;
  /** Value of a text-only child without attributes (the property holds the value itself). */
  readonly v?: ValueBinding;
  /** 1 for a child without attributes or content (the property holds `true`). */
  readonly x?: 1;
  /**
   * Written after an item of another property rather than in property order, where libvirt pairs
   * the two by value (see codegen/conventions.ts): `[leader property, own property naming the
   * leader's value]`. Only models without layout are written this way.
   */
  readonly f?: readonly [leader: string, key: string];
}

/** The element's text, held in `$value`. */
export interface TextBinding {
  readonly k: 't';
  readonly r?: 1;
  readonly v: ValueBinding;
}

/** Elements of any name (`anyName`), held as generic elements in `$any`. */
export interface AnyBinding {
  readonly k: 'x';
  readonly m: '1' | '?' | '+' | '*';
}

/** Where the properties of variant `i`'s chosen case stand in schema order. */
export interface VariantMarker {
  readonly k: 'v';
  readonly i: number;
}

export type PropBinding = AttributeBinding | ElementBinding | TextBinding | AnyBinding | VariantMarker;

/** A choice told apart by an attribute's value. */
export interface VariantBinding {
  /** Discriminator attribute: local name, namespace, property name when different. */
  readonly n: string;
  readonly ns?: string;
  readonly p?: string;
  readonly c: readonly CaseBinding[];
}

export interface CaseBinding {
  /** Discriminator values that select the case. */
  readonly v: readonly string[];
  /** 1 when the case applies if the attribute is absent. */
  readonly a?: 1;
  /** The case's type (its properties and nested variants); none for an empty case. */
  readonly t?: string;
}

export interface TypeBinding {
  /** Element types: namespace and local name of the element. Cases have neither. */
  readonly ns?: string;
  readonly n?: string;
  /** Properties in schema order, with markers where variants' cases fit in. */
  readonly p: readonly PropBinding[];
  readonly v?: readonly VariantBinding[];
}

export interface BindingModule {
  readonly format: typeof BINDING_FORMAT;
  readonly libvirt: string;
  /** The schema file the module mirrors. */
  readonly source: string;
  /** Foreign namespaces of the module's properties: URI → the prefix libvirt writes (and property names use). */
  readonly namespaces?: Readonly<Record<string, string>>;
  readonly types: Readonly<Record<string, TypeBinding>>;
}

export interface RootBinding {
  /** The schema file, e.g. `domain.rng`. */
  readonly file: string;
  /** Document elements accepted: [namespace, local name, model type]. */
  readonly elements: readonly (readonly [string, string, string])[];
  /** Binding modules the root's types live in. */
  readonly modules: readonly string[];
}

/** The model property of an attribute or element binding. */
export function propName(p: AttributeBinding | ElementBinding | VariantBinding): string {
  return p.p ?? p.n;
}
