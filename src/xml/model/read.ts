/**
 * Reads a parsed XML tree into model objects by the binding tables.
 *
 * Nothing is dropped: what the schema describes goes into typed properties; what it does not
 * (unknown attributes and elements, foreign namespaces, values that do not fit their type,
 * stray text) goes into `$unknown` in document order; comments, processing instructions and
 * formatting stay in the element's `$layout`, which is the parsed element itself.
 *
 * One pass over each element does everything: objects are frozen as they are finished.
 */
import type { AnyElement, AnyNode, AnyText, UnknownAttribute, UnknownNode } from '../../model/base.js';
import { XMLNS_NAMESPACE } from '../dom/namespaces.js';
import type { XmlAttribute, XmlCData, XmlDocument, XmlElement, XmlNode, XmlText } from '../dom/types.js';
import type { ElementBinding, TypeBinding } from './binding.js';
import { ParsedObject, parsedLayout, setOrigin } from './origin.js';
import { PrefixScope } from './prefix-scope.js';
import { typeBinding } from './registry.js';
import { qkey, resolve, type DiscriminatorReader, type ElementField, type Resolved } from './resolve.js';
import { decodeValue, NO_FIT } from './values.js';

export interface ReadOptions {
  /** Freeze every object and array (default true). */
  readonly freeze: boolean;
}

export function isNamespaceDeclaration(a: XmlAttribute): boolean {
  return a.ns === XMLNS_NAMESPACE;
}

export function isWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** The value of an attribute of an element, by namespace and local name. */
export function attributeValue(el: XmlElement, ns: string, local: string): string | undefined {
  for (const a of el.attributes) if (a.local === local && a.ns === ns && !isNamespaceDeclaration(a)) return a.value;
  return undefined;
}

/** Whether a child element has the shape of a leaf or empty property: no attributes, no element children. */
export function isBare(el: XmlElement): boolean {
  for (const a of el.attributes) if (!isNamespaceDeclaration(a)) return false;
  for (const c of el.children) if (c.kind === 'element') return false;
  return true;
}

/** The text content of an element's direct text and CDATA children. */
export function directText(el: XmlElement): string {
  const children = el.children;
  // Most leaves hold one text node: no concatenation.
  if (children.length === 1) {
    const only = children[0]!;
    return only.kind === 'text' || only.kind === 'cdata' ? only.value : '';
  }
  let s = '';
  for (const c of children) if (c.kind === 'text' || c.kind === 'cdata') s += c.value;
  return s;
}

/** The model value of a child element for its binding, or NO_FIT when it does not have that shape. */
export function childValue(el: XmlElement, b: ElementBinding, read: (el: XmlElement, t: TypeBinding) => object): unknown {
  if (b.t !== undefined) return read(el, typeBinding(b.t));
  if (!isBare(el)) return NO_FIT;
  const text = directText(el);
  if (b.x === 1) return isWhitespace(text) ? true : NO_FIT;
  return decodeValue(text, b.v!);
}

/** The value of a leaf child (text or flag), or NO_FIT when it does not have that shape. */
function leafValue(el: XmlElement, f: ElementField): unknown {
  if (!isBare(el)) return NO_FIT;
  const text = directText(el);
  if (f.decode === undefined) return isWhitespace(text) ? true : NO_FIT;
  return f.decode(text);
}

/**
 * Text that is empty once read (an empty CDATA section, an entity that expands to nothing) holds
 * nothing: the model, the planner and the libvirt style treat it as absent, and only the layout
 * keeps it, so that the `preserve` style writes it back. Counted as text, it would make an
 * element mixed content on a first formatting and element content on the second.
 */
export function isEmptyText(node: XmlNode): boolean {
  return (node.kind === 'text' || node.kind === 'cdata') && node.value === '';
}

/** Whether the text nodes of an element hold its `$value` (not just indentation between children). */
export function textIsValue(hasElements: boolean, texts: readonly (XmlText | XmlCData)[]): boolean {
  return !hasElements || texts.some((t) => t.kind === 'cdata' ? t.value !== '' : !isWhitespace(t.value));
}

/**
 * The attributes of a generic element as its model holds them. A namespace declaration that one
 * of the element's own names needs (the element's prefix, or an attribute's, bound to the
 * namespace that name has) is left out: the writer declares what a name needs wherever it
 * writes it, so keeping the declaration would make it appear twice, or move, on a round trip.
 */
export function genericAttributes(el: XmlElement): readonly XmlAttribute[] {
  const attributes = el.attributes;
  let out: XmlAttribute[] | undefined;
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i]!;
    if (a.ns === XMLNS_NAMESPACE && isImpliedDeclaration(el, a)) out ??= attributes.slice(0, i);
    else out?.push(a);
  }
  return out ?? attributes;
}

function isImpliedDeclaration(el: XmlElement, declaration: XmlAttribute): boolean {
  const prefix = declaration.prefix === '' ? '' : declaration.local;
  if (el.prefix === prefix && el.ns === declaration.value) return true;
  // Unprefixed attributes are in no namespace, whatever the default namespace.
  return prefix !== '' && el.attributes.some((a) => a.prefix === prefix && a.ns === declaration.value);
}

/** A child of a generic element as its model holds it: text and CDATA sections alike are text. */
export type GenericChild = Exclude<XmlNode, XmlText | XmlCData> | { readonly kind: 'text'; readonly value: string };

/**
 * The children of a generic element as its model holds them. The model does not tell CDATA
 * sections from text, so adjacent ones are one text (the writer writes them as one), and empty
 * ones are none. In element content (child elements and no text but whitespace, in CDATA
 * sections or not) the whitespace is indentation, which the writer makes anew; text-only and
 * mixed content keep all their text.
 */
export function genericChildren(el: XmlElement): readonly GenericChild[] {
  const children = el.children;
  let elements = false;
  let substantial = false;
  // Whether the children are already the model's: no CDATA, no empty or adjacent text.
  let plain = true;
  let afterText = false;
  for (const c of children) {
    if (c.kind === 'text' || c.kind === 'cdata') {
      if (c.kind === 'cdata' || afterText || isEmptyText(c)) plain = false;
      if (!isWhitespace(c.value)) substantial = true;
      afterText = true;
    } else {
      if (c.kind === 'element') elements = true;
      afterText = false;
    }
  }
  if (elements && !substantial) return children.filter((c) => c.kind !== 'text' && c.kind !== 'cdata') as GenericChild[];
  if (plain) return children as readonly GenericChild[];
  const out: GenericChild[] = [];
  let text: string | undefined;
  for (const c of children) {
    if (c.kind === 'text' || c.kind === 'cdata') {
      text = (text ?? '') + c.value;
      continue;
    }
    if (text !== undefined && text !== '') out.push({ kind: 'text', value: text });
    text = undefined;
    out.push(c);
  }
  if (text !== undefined && text !== '') out.push({ kind: 'text', value: text });
  return out;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The element whose discriminators are being read. */
let discriminating: XmlElement | undefined;
const readDiscriminator: DiscriminatorReader = (ns, local) => attributeValue(discriminating!, ns, local);

/** The properties of an element of `type`, its unions decided by its own attributes. */
export function resolveParsed(type: TypeBinding, el: XmlElement): Resolved {
  if (type.v === undefined) return resolve(type, readDiscriminator);
  discriminating = el;
  const r = resolve(type, readDiscriminator);
  discriminating = undefined;
  return r;
}

export class ModelReader {
  /** Prefixes declared by the ancestors of the element being read. */
  private scope: PrefixScope = PrefixScope.ROOT;
  private readonly freeze: boolean;

  constructor(
    private readonly source: string,
    options: ReadOptions,
  ) {
    this.freeze = options.freeze;
  }

  /** The document element as an object of `type`. */
  document(doc: XmlDocument, type: TypeBinding): object {
    return this.element(doc.root, type, doc);
  }

  private element(el: XmlElement, type: TypeBinding, document?: XmlDocument): object {
    const res = resolveParsed(type, el);
    const obj = new ParsedObject() as unknown as Record<string, unknown>;
    let unknown: UnknownNode[] | undefined;
    let kept: Set<XmlNode | XmlAttribute> | undefined;
    let arrays: unknown[][] | undefined;
    const around = this.scope;
    let declares = false;

    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const a = attributes[i]!;
      if (a.ns === XMLNS_NAMESPACE) {
        declares = true;
        continue;
      }
      const f = res.attributeFields.get(qkey(a.ns, a.local));
      // XML allows an attribute once, so its property is still free.
      if (f !== undefined) {
        const v = f.decode(a.value);
        if (v !== NO_FIT) {
          obj[f.prop] = v;
          continue;
        }
      }
      (unknown ??= []).push(this.unknownAttribute(a));
      (kept ??= new Set()).add(a);
    }
    if (declares) this.scope = around.inside(el);

    const children = el.children;
    const n = children.length;
    let textCount = 0;
    let firstText: XmlText | XmlCData | undefined;
    // Text that is more than indentation: CDATA or non-blank text.
    let substantial = false;
    let hasElements = false;
    let any: AnyElement[] | undefined;
    // Single-valued element fields already filled, one bit each.
    let filled = 0;
    let listField: ElementField | undefined;
    let list: unknown[] | undefined;
    for (let i = 0; i < n; i++) {
      const c = children[i]!;
      switch (c.kind) {
        case 'text':
          // Empty text is absent (isEmptyText; checked inline on this hot path).
          if (c.value === '') continue;
          textCount++;
          firstText ??= c;
          if (!substantial && !isWhitespace(c.value)) substantial = true;
          continue;
        case 'cdata':
          if (c.value === '') continue;
          textCount++;
          firstText ??= c;
          substantial = true;
          continue;
        case 'comment':
        case 'pi':
          continue;
        case 'element':
          break;
      }
      hasElements = true;
      const f = res.elementFields.get(qkey(c.ns, c.local));
      if (f !== undefined) {
        const t = f.type;
        const v = t !== undefined ? this.element(c, t) : leafValue(c, f);
        if (v !== NO_FIT) {
          if (f.list) {
            // Items of a list mostly follow each other: keep the last list at hand.
            if (listField !== f) {
              listField = f;
              list = obj[f.prop] as unknown[] | undefined;
              if (list === undefined) {
                obj[f.prop] = list = [];
                (arrays ??= []).push(list);
              }
            }
            list!.push(v);
            continue;
          }
          if (f.bit !== 0 ? (filled & f.bit) === 0 : obj[f.prop] === undefined) {
            filled |= f.bit;
            obj[f.prop] = v;
            continue;
          }
        }
      } else if (res.any !== undefined) {
        (any ??= []).push(this.anyElement(c));
        continue;
      }
      (unknown ??= []).push(this.anyElement(c));
      (kept ??= new Set()).add(c);
    }

    if (textCount > 0) {
      const asValue = res.text !== undefined && (!hasElements || substantial);
      const v = asValue ? res.textDecode!(textCount === 1 ? firstText!.value : directText(el)) : NO_FIT;
      if (v !== NO_FIT) obj['$value'] = v;
      else if (asValue || substantial) {
        for (const t of children) {
          if ((t.kind !== 'text' && t.kind !== 'cdata') || isEmptyText(t)) continue;
          if (!asValue && t.kind === 'text' && isWhitespace(t.value)) continue;
          (unknown ??= []).push(this.unknownText(t));
          (kept ??= new Set()).add(t);
        }
      }
    }

    if (any !== undefined) obj['$any'] = this.seal(any);
    if (unknown !== undefined) obj['$unknown'] = this.seal(unknown);
    if (arrays !== undefined) for (const a of arrays) this.seal(a);
    this.scope = around;
    return this.finish(obj, el, around, document, kept);
  }

  private finish<T extends object>(obj: T, el: XmlElement, around: PrefixScope, document: XmlDocument | undefined, kept: Set<XmlNode | XmlAttribute> | undefined): T {
    ParsedObject.attach(obj as ParsedObject, parsedLayout(el, this.source, document, kept, this.freeze, around));
    return this.freeze ? Object.freeze(obj) : obj;
  }

  private seal<T>(list: T[]): T[] {
    return this.freeze ? (Object.freeze(list) as T[]) : list;
  }

  private unknownAttribute(a: XmlAttribute): UnknownAttribute {
    const entry: UnknownAttribute = { kind: 'attribute', name: a.name, ns: a.ns, value: a.value };
    setOrigin(entry, a);
    return this.freeze ? Object.freeze(entry) : entry;
  }

  private unknownText(t: XmlText | XmlCData): AnyText {
    const entry: AnyText = { kind: 'text', value: t.value };
    setOrigin(entry, t);
    return this.freeze ? Object.freeze(entry) : entry;
  }

  /** An element as a generic tree. */
  private anyElement(el: XmlElement): AnyElement {
    const around = this.scope;
    this.scope = around.inside(el);
    const attributes: { name: string; ns: string; value: string }[] = [];
    for (const a of genericAttributes(el)) attributes.push(this.freezeNode({ name: a.name, ns: a.ns, value: a.value }));
    const children: AnyNode[] = [];
    for (const c of genericChildren(el)) {
      switch (c.kind) {
        case 'element':
          children.push(this.anyElement(c));
          break;
        case 'text':
          children.push(this.freezeNode({ kind: 'text', value: c.value }));
          break;
        case 'comment':
          children.push(this.freezeNode({ kind: 'comment', value: c.value }));
          break;
        case 'pi':
          children.push(this.freezeNode({ kind: 'pi', target: c.target, data: c.data.replace(/^[\t\n\r ]+/, '') }));
          break;
      }
    }
    this.scope = around;
    const obj = new ParsedObject() as unknown as Writable<AnyElement>;
    obj.kind = 'element';
    obj.name = el.name;
    obj.ns = el.ns;
    obj.attributes = this.seal(attributes);
    obj.children = this.seal(children);
    return this.finish(obj, el, around, undefined, undefined);
  }

  private freezeNode<T extends object>(n: T): T {
    return this.freeze ? Object.freeze(n) : n;
  }
}
