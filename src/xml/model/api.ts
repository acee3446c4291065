/**
 * parse and format: between XML text and the typed model of a schema root.
 */
import type { ModelRoot, RootTypes } from '../../model/generated/types/index.js';
import { LineMap, parseXml, XmlSyntaxError } from '../dom/index.js';
import type { XmlDocument } from '../dom/types.js';
import type { Diagnostic } from '../validate/diagnostic.js';
import { ModelParseError } from './errors.js';
import { ModelReader } from './read.js';
import { loadRoot, rootBindings, rootForElement, typeBinding } from './registry.js';
import { ModelWriter, type FormatStyle } from './write.js';
import { MODEL_MAX_DEPTH } from './limits.js';
import { shortName } from '../shown.js';

export interface ParseOptions<R extends ModelRoot = ModelRoot> {
  /** The schema root the document must be; by default it is chosen from the document element. */
  readonly schema?: R;
  /**
   * Freeze every object and array of the result (default true). Unfrozen models parse faster;
   * they must not be mutated, and formatting then re-plans every element instead of copying
   * the source text of unchanged ones.
   */
  readonly freeze?: boolean;
}

/** A parsed document: which root it is and its model. */
export type Parsed<R extends ModelRoot = ModelRoot> = { [K in R]: { readonly schema: K; readonly value: RootTypes[K] } }[R];

export interface FormatOptions {
  /**
   * `libvirt` (default) writes libvirt's own style: 2-space indentation, single-quoted
   * attributes, empty elements self-closed, no XML declaration. `preserve` writes parsed parts
   * as they were (quoting, attribute order, indentation), so an edit changes only what it edits.
   */
  readonly style?: FormatStyle;
}

export { MODEL_MAX_DEPTH };

/**
 * Reads any libvirt document into its typed model: `{ schema, value }`, the schema root chosen
 * from the document element (or given as `options.schema`, which also narrows the type). The
 * model is deeply frozen and keeps the document's layout (comments, order, quoting, unknown
 * content in `$unknown`), so {@link format} writes unchanged parts back as they were. It does not
 * validate: use `validate` for that. Throws `ModelParseError` for text that is not well-formed XML,
 * nests deeper than {@link MODEL_MAX_DEPTH}, or whose document element is no libvirt root.
 *
 * @example
 * ```ts
 * import { parse } from 'virtxml';
 *
 * const doc = parse("<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n");
 * if (doc.schema === 'network') console.log(doc.value.name, doc.value.bridge?.name); // default virbr0
 * ```
 */
export function parse<R extends ModelRoot>(xml: string, options: ParseOptions<R> & { readonly schema: R }): Parsed<R>;
export function parse(xml: string, options?: ParseOptions): Parsed;
export function parse(xml: string, options: ParseOptions = {}): Parsed {
  let doc: XmlDocument;
  try {
    doc = parseXml(xml, { maxDepth: MODEL_MAX_DEPTH });
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    throw new ModelParseError([{ severity: 'error', code: e.code, message: e.detail, line: e.line, column: e.column, path: '' }]);
  }
  const root = doc.root;
  const schema = options.schema ?? rootForElement(root.ns, root.local);
  if (schema === undefined) {
    const known = knownRootElements();
    throw new ModelParseError([rootDiagnostic(doc, 'unknown-root', `<${shortName(root.name)}> is not the document element of any libvirt schema; expected one of ${known.join(', ')}`, known)]);
  }
  const binding = loadRoot(schema);
  const match = binding.elements.find((e) => e[0] === root.ns && e[1] === root.local);
  if (match === undefined) {
    const expected = binding.elements.map(([, local]) => local);
    throw new ModelParseError([rootDiagnostic(doc, 'wrong-root', `<${shortName(root.name)}> is not a ${schema} document; expected <${expected.join('> or <')}>`, expected)]);
  }
  const reader = new ModelReader(doc.source, { freeze: options.freeze ?? true });
  const value = reader.document(doc, typeBinding(match[2]));
  return { schema, value } as Parsed;
}

/**
 * The model of a document already parsed as XML, for tools that read the tree too (lint reads
 * both and parses once). Undefined when the document element is not one of `schema`'s.
 */
export function readModel(doc: XmlDocument, schema: ModelRoot, options: Omit<ParseOptions, 'schema'> = {}): Parsed | undefined {
  const binding = loadRoot(schema);
  const match = binding.elements.find((e) => e[0] === doc.root.ns && e[1] === doc.root.local);
  if (match === undefined) return undefined;
  const value = new ModelReader(doc.source, { freeze: options.freeze ?? true }).document(doc, typeBinding(match[2]));
  return { schema, value } as Parsed;
}

/**
 * Writes a parsed (or built) document.
 *
 * @example
 * ```ts
 * import { format, parse, update } from 'virtxml';
 *
 * const xml = "<network>\n  <!-- lab network -->\n  <name>default</name>\n  <bridge name=\"virbr0\"/>\n</network>\n";
 * const doc = parse(xml, { schema: 'network' });
 * console.log(format(doc, { style: 'preserve' }) === xml); // true
 * // libvirt's style (the default) rewrites what is not in it: here the double quotes.
 * console.log(format(doc).includes("<bridge name='virbr0'/>")); // true
 * const renamed = { schema: doc.schema, value: update(doc.value, { name: 'lab' }) };
 * console.log(format(renamed, { style: 'preserve' }).split('\n')[2]); //   <name>lab</name>
 * ```
 */
export function format(document: Parsed, options: FormatOptions = {}): string {
  return formatAs(document.schema, document.value, options);
}

/**
 * Writes the model of a root's document.
 *
 * @example
 * ```ts
 * import { formatAs, type Secret } from 'virtxml';
 *
 * const secret: Secret = { ephemeral: 'no', private: 'yes', usage: { type: 'volume', volume: '/var/lib/libvirt/images/a.img' } };
 * console.log(formatAs('secret', secret).split('\n')[0]); // <secret ephemeral='no' private='yes'>
 * ```
 */
export function formatAs<R extends ModelRoot>(schema: R, value: RootTypes[R], options: FormatOptions = {}): string {
  const binding = loadRoot(schema);
  const [ns, local, type] = elementFor(binding.elements, value);
  return flat(new ModelWriter(options.style ?? 'libvirt').document(value, typeBinding(type), { ns, local }));
}

/**
 * The writer builds its text by concatenation, which V8 keeps as a tree of the pieces until the
 * text is read. Reading one character makes V8 copy the tree into one string: a caller that keeps
 * results then keeps one string each rather than thousands of pieces, which the garbage
 * collector would otherwise trace and move (docs/performance.md, "What was tried").
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** The document element for a value: the one it was parsed from, else the root's first. */
function elementFor(elements: readonly (readonly [string, string, string])[], value: object): readonly [string, string, string] {
  const layout = (value as { $layout?: { element: { ns: string; local: string } } }).$layout;
  if (layout !== undefined) {
    const { ns, local } = layout.element;
    for (const e of elements) if (e[0] === ns && e[1] === local) return e;
  }
  return elements[0]!;
}

function knownRootElements(): string[] {
  return [...new Set(Object.values(rootBindings()).flatMap((r) => r.elements.map(([, local]) => local)))].sort();
}

function rootDiagnostic(doc: XmlDocument, code: 'unknown-root' | 'wrong-root', message: string, expected: string[]): Diagnostic {
  const { line, column } = new LineMap(doc.source).locate(doc.root.offset);
  return { severity: 'error', code, message, line, column, path: `/${doc.root.name}`, expected };
}
