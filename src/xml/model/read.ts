/**
 * Reads a parsed XML tree into model objects by the binding tables.
 *
 * Nothing is dropped: what the schema describes goes into typed properties; what it does not
 * (unknown attributes and elements, foreign namespaces, values that do not fit their type,
 * stray text) goes into `$unknown` in document order; comments, processing instructions and
 * formatting stay in the element's `$layout`, which is the parsed element itself.
 */
import type { AnyElement, AnyNode, AnyText, UnknownAttribute, UnknownNode } from '../../model/base.js';
import { XMLNS_NAMESPACE } from '../dom/namespaces.js';
import type { XmlAttribute, XmlCData, XmlDocument, XmlElement, XmlNode, XmlText } from '../dom/types.js';
import { propName, type ElementBinding, type TypeBinding } from './binding.js';
import { attachLayout, parsedLayout, setOrigin, type PrefixScope } from './origin.js';
import { typeBinding } from './registry.js';
import { qkey, resolve } from './resolve.js';
import { decodeValue, NO_FIT } from './values.js';

export interface ReadOptions {
  /** Freeze every object and array (default true). */
  readonly freeze: boolean;
}

export function isNamespaceDeclaration(a: XmlAttribute): boolean {
  return a.ns === XMLNS_NAMESPACE;
}

export function isWhitespace(s: string): boolean {
  return /^[\t\n\r ]*$/.test(s);
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
  let s = '';
  for (const c of el.children) if (c.kind === 'text' || c.kind === 'cdata') s += c.value;
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

/** Whether the text nodes of an element hold its `$value` (not just indentation between children). */
export function textIsValue(hasElements: boolean, texts: readonly (XmlText | XmlCData)[]): boolean {
  return !hasElements || texts.some((t) => t.kind === 'cdata' || !isWhitespace(t.value));
}

const NO_PREFIXES: PrefixScope = new Map();

/** The prefixes in scope inside `el`: those around it plus its own declarations. */
function declaredIn(el: XmlElement, around: PrefixScope): PrefixScope {
  let out: Map<string, string> | undefined;
  for (const a of el.attributes) {
    if (!isNamespaceDeclaration(a)) continue;
    out ??= new Map(around);
    out.set(a.prefix === '' ? '' : a.local, a.value);
  }
  return out ?? around;
}

export class ModelReader {
  /** Prefixes declared by the ancestors of the element being read. */
  private scope: PrefixScope = NO_PREFIXES;

  constructor(
    private readonly source: string,
    private readonly options: ReadOptions,
  ) {}

  readonly element = (el: XmlElement, type: TypeBinding, document?: XmlDocument): object => {
    const around = this.scope;
    this.scope = declaredIn(el, around);
    try {
      return this.read(el, type, around, document);
    } finally {
      this.scope = around;
    }
  };

  private read(el: XmlElement, type: TypeBinding, around: PrefixScope, document?: XmlDocument): object {
    const res = resolve(type, (ns, local) => attributeValue(el, ns, local));
    const obj: Record<string, unknown> = {};
    let unknown: UnknownNode[] | undefined;
    let kept: Set<XmlNode | XmlAttribute> | undefined;
    let arrays: unknown[][] | undefined;

    for (const a of el.attributes) {
      if (isNamespaceDeclaration(a)) continue;
      const b = res.attributes.get(qkey(a.ns, a.local));
      if (b !== undefined) {
        const p = propName(b);
        if (obj[p] === undefined) {
          const v = decodeValue(a.value, b.v);
          if (v !== NO_FIT) {
            obj[p] = v;
            continue;
          }
        }
      }
      (unknown ??= []).push(this.unknownAttribute(a));
      (kept ??= new Set()).add(a);
    }

    let texts: (XmlText | XmlCData)[] | undefined;
    let hasElements = false;
    let any: AnyElement[] | undefined;
    for (const c of el.children) {
      if (c.kind === 'text' || c.kind === 'cdata') {
        (texts ??= []).push(c);
        continue;
      }
      if (c.kind !== 'element') continue;
      hasElements = true;
      const b = res.elements.get(qkey(c.ns, c.local));
      if (b !== undefined) {
        const v = childValue(c, b, this.element);
        if (v !== NO_FIT) {
          const p = propName(b);
          if (b.m === '*' || b.m === '+') {
            let list = obj[p] as unknown[] | undefined;
            if (list === undefined) {
              obj[p] = list = [];
              (arrays ??= []).push(list);
            }
            list.push(v);
            continue;
          }
          if (obj[p] === undefined) {
            obj[p] = v;
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

    if (texts !== undefined) {
      const asValue = res.text !== undefined && textIsValue(hasElements, texts);
      const v = asValue ? decodeValue(texts.map((t) => t.value).join(''), res.text!.v) : NO_FIT;
      if (v !== NO_FIT) obj['$value'] = v;
      else {
        for (const t of texts) {
          if (!asValue && t.kind === 'text' && isWhitespace(t.value)) continue;
          (unknown ??= []).push(this.unknownText(t));
          (kept ??= new Set()).add(t);
        }
      }
    }

    if (any !== undefined) obj['$any'] = this.seal(any);
    if (unknown !== undefined) obj['$unknown'] = this.seal(unknown);
    if (arrays !== undefined) for (const a of arrays) this.seal(a);
    return this.finish(obj, el, around, document, kept);
  }

  private finish<T extends object>(obj: T, el: XmlElement, around: PrefixScope, document?: XmlDocument, kept?: Set<XmlNode | XmlAttribute>): T {
    attachLayout(obj, parsedLayout(el, this.source, document, kept, this.options.freeze, around));
    return this.options.freeze ? Object.freeze(obj) : obj;
  }

  private seal<T>(list: T[]): T[] {
    return this.options.freeze ? Object.freeze(list) as T[] : list;
  }

  private unknownAttribute(a: XmlAttribute): UnknownAttribute {
    const entry: UnknownAttribute = { kind: 'attribute', name: a.name, ns: a.ns, value: a.value };
    setOrigin(entry, a);
    return this.options.freeze ? Object.freeze(entry) : entry;
  }

  private unknownText(t: XmlText | XmlCData): AnyText {
    const entry: AnyText = { kind: 'text', value: t.value };
    setOrigin(entry, t);
    return this.options.freeze ? Object.freeze(entry) : entry;
  }

  /** An element as a generic tree. */
  anyElement(el: XmlElement): AnyElement {
    const around = this.scope;
    this.scope = declaredIn(el, around);
    const children: AnyNode[] = [];
    for (const c of el.children) {
      switch (c.kind) {
        case 'element':
          children.push(this.anyElement(c));
          break;
        case 'text':
        case 'cdata':
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
    const attributes = el.attributes.map((a) => this.freezeNode({ name: a.name, ns: a.ns, value: a.value }));
    this.scope = around;
    const obj: AnyElement = { kind: 'element', name: el.name, ns: el.ns, attributes: this.seal(attributes), children: this.seal(children) };
    setOrigin(obj, el);
    return this.finish(obj, el, around);
  }

  private freezeNode<T extends object>(n: T): T {
    return this.options.freeze ? Object.freeze(n) : n;
  }
}
