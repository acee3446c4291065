/**
 * Writes model objects as XML, in one of two styles:
 *  - `libvirt` (the default): libvirt's own output style (2-space indent, single quotes, empty
 *    elements self-closed, no XML declaration), keeping the document order, comments and
 *    processing instructions of parsed objects and using schema order for objects built in code;
 *  - `preserve`: what was parsed is written back byte for byte — unchanged objects as their
 *    source text, changed ones attribute by attribute and child by child in their old places
 *    with their old spacing — and anything new in libvirt's style.
 */
import type { AnyElement, AnyNode, Layout, UnknownNode } from '../../model/base.js';
import type { XmlElement, XmlMiscNode, XmlNode } from '../dom/types.js';
import { XMLNS_NAMESPACE } from '../dom/namespaces.js';
import type { ElementBinding, TypeBinding } from './binding.js';
import { escapeAttribute, escapeText } from './escape.js';
import { ModelFormatError } from './errors.js';
import { fitsScope, isPristine, layoutOf, styledAt, wasKeptAsUnknown } from './origin.js';
import { PrefixScope } from './prefix-scope.js';
import { checkedValue, planNew, planParsed, type AttributeItem, type ContentItem, type Plan } from './plan.js';
import { childValue, genericAttributes, genericChildren, isBare, isEmptyText, isWhitespace, resolveParsed } from './read.js';
import { preferredPrefix, typeBinding } from './registry.js';
import { qkey, resolve, type ElementField } from './resolve.js';
import { MODEL_MAX_DEPTH } from './limits.js';
import { checkGenericAttribute, checkGenericLeaf, checkQualifiedName } from './writable.js';

export type FormatStyle = 'preserve' | 'libvirt';

/** The prefixes of one element: its parent's, plus a frame for each prefix the writer declares. */
class Names {
  private frame: PrefixScope;

  constructor(base: PrefixScope) {
    this.frame = base;
  }

  get scope(): PrefixScope {
    return this.frame;
  }

  get(prefix: string): string | undefined {
    return this.frame.get(prefix);
  }

  has(prefix: string): boolean {
    return this.frame.has(prefix);
  }

  prefixOf(ns: string): string | undefined {
    return this.frame.prefixOf(ns);
  }

  set(prefix: string, ns: string): void {
    this.frame = this.frame.with(prefix, ns);
  }
}

interface Named {
  readonly ns: string;
  readonly local: string;
}

export class ModelWriter {
  /** Elements being written: bounded as the reader bounds them (see limits.ts). */
  private depth = 0;

  constructor(private readonly style: FormatStyle) {}

  /** Counts an element entered; past the bound, the value cannot be written (nor read back). */
  private enter(path: string): void {
    if (++this.depth > MODEL_MAX_DEPTH) {
      throw new ModelFormatError(
        'too-deep',
        `elements nest deeper than ${MODEL_MAX_DEPTH} levels, which the model does not read (or a value contains itself)`,
        path,
      );
    }
  }

  /** A whole document: the root object, and the prolog and epilog it was parsed with. */
  document(value: object, type: TypeBinding, name: Named): string {
    const layout = layoutOf(value);
    const doc = layout?.document;
    if (this.style === 'preserve' && doc !== undefined) {
      if (isPristine(value)) return layout!.source;
      let out = (doc.bom === true ? '\uFEFF' : '') + (doc.declaration?.raw ?? '');
      for (const n of doc.prolog) out += rawNode(n);
      out += this.object(value, type, name, '', PrefixScope.ROOT, '');
      for (const n of doc.epilog) out += rawNode(n);
      return out;
    }
    const head = doc !== undefined ? outsideRoot(doc.prolog) : '';
    const tail = doc !== undefined ? outsideRoot(doc.epilog) : '';
    if (doc !== undefined && isPristine(value) && isWholeSource(layout!.source, doc.root, head, tail) && styledAt(layout!, 0)) return layout!.source;
    const declare = layout === undefined ? usedNamespaces(value, type) : [];
    return head + this.object(value, type, name, '', PrefixScope.ROOT, '', declare) + '\n' + tail;
  }

  /** An element object; `declare` lists namespaces to declare on it (a new root declares all it uses). */
  object(obj: object, type: TypeBinding, name: Named, indent: string, scope: PrefixScope, path: string, declare: readonly string[] = []): string {
    this.enter(`${path}/${name.local}`);
    try {
      return this.objectAt(obj, type, name, indent, scope, path, declare);
    } finally {
      this.depth--;
    }
  }

  private objectAt(obj: object, type: TypeBinding, name: Named, indent: string, scope: PrefixScope, path: string, declare: readonly string[]): string {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new ModelFormatError('not-a-model-object', `expected an object, found ${Array.isArray(obj) ? 'an array' : typeof obj}`, `${path}/${name.local}`);
    }
    const layout = layoutOf(obj);
    if (layout !== undefined && isPristine(obj) && fitsScope(layout, scope)) {
      if (this.style === 'preserve' || styledAt(layout, indent.length / 2)) return slice(layout);
      const out = this.unchanged(obj as Readonly<Record<string, unknown>>, type, layout, indent, scope);
      if (out !== undefined) return out;
    }
    const here = `${path}/${name.local}`;
    const plan = layout !== undefined ? planParsed(obj as never, type, layout, indent, here) : planNew(obj as never, type, here);
    const inner = layout !== undefined ? scope.inside(layout.element) : scope;
    const decls: string[] = [];
    const local = new Names(inner);
    const qname = plan.dom !== undefined ? plan.dom.name : this.qualify(name.ns, name.local, local, decls);
    // A parsed element moved under other ancestors may lose the declaration of its prefix.
    if (plan.dom !== undefined) this.ensurePrefix(plan.dom.name, plan.dom.ns, local, decls);
    for (const ns of declare) this.prefixFor(ns, local, decls);
    const attributes = this.attributes(plan.attributes, local, decls, here);
    const content = this.content(plan, indent, local, here);
    return this.assemble(qname, attributes + decls.join(''), content, plan, indent);
  }

  /**
   * An object exactly as parsed, in libvirt's style, written straight from the element it was
   * parsed from: the same output as planning it (every attribute and child in place, indentation
   * between children dropped) without the work of looking for changes. Undefined when its
   * `$unknown` entries do not line up with the element, which planning then sorts out.
   */
  private unchanged(obj: Readonly<Record<string, unknown>>, type: TypeBinding, layout: Layout, indent: string, scope: PrefixScope): string | undefined {
    const el = layout.element;
    const res = resolveParsed(type, el);
    const local = new Names(scope.inside(el));
    const decls: string[] = [];
    this.ensurePrefix(el.name, el.ns, local, decls);
    let attributes = '';
    for (const a of el.attributes) {
      if (a.prefix !== '' && a.ns !== XMLNS_NAMESPACE) this.ensurePrefix(a.name, a.ns, local, decls);
      attributes += ` ${a.name}='${escapeAttribute(a.value)}'`;
    }
    if (decls.length > 0) attributes += decls.join('');

    // Which text is written: all of it when it is the element's value (or kept because it did
    // not fit), else all but the indentation between children.
    const children = el.children;
    let hasElements = false;
    let hasMarkup = false;
    let textCount = 0;
    let substantial = false;
    for (const c of children) {
      if (c.kind === 'text' || c.kind === 'cdata') {
        // As the reader counts them (isEmptyText).
        if (isEmptyText(c)) continue;
        textCount++;
        if (!substantial && (c.kind === 'cdata' || !isWhitespace(c.value))) substantial = true;
      } else {
        hasMarkup = true;
        if (c.kind === 'element') hasElements = true;
      }
    }
    const allText = res.text !== undefined && (!hasElements || substantial);
    const block = hasMarkup && !(allText ? textCount > 0 : substantial);
    const childIndent = `${indent}  `;
    const lead = block ? `\n${childIndent}` : '';
    const unknown = (obj['$unknown'] ?? []) as readonly UnknownNode[];
    const any = (obj['$any'] ?? []) as readonly AnyElement[];
    let unknownAt = 0;
    let anyAt = 0;
    // The next item of each list property: consecutive items need no lookup.
    let listField: ElementField | undefined;
    let listAt = 0;
    let listPositions: Map<ElementField, number> | undefined;
    let content = '';
    for (const c of children) {
      switch (c.kind) {
        case 'text':
          if (allText || !isWhitespace(c.value)) content += escapeText(c.value);
          continue;
        case 'cdata':
          content += escapeText(c.value);
          continue;
        case 'comment':
        case 'pi':
          content += lead + rawNode(c);
          continue;
        case 'element':
          break;
      }
      if (wasKeptAsUnknown(layout, c)) {
        while (unknownAt < unknown.length && unknown[unknownAt]!.kind !== 'element') unknownAt++;
        const u = unknown[unknownAt++];
        if (u === undefined || layoutOf(u)?.element !== c) return undefined;
        content += lead + this.anyElement(u as AnyElement, childIndent, local, '');
        continue;
      }
      const f = res.elementFields.get(qkey(c.ns, c.local));
      if (f === undefined) {
        const a = any[anyAt++];
        if (a === undefined || layoutOf(a)?.element !== c) return undefined;
        content += lead + this.anyElement(a, childIndent, local, '');
        continue;
      }
      let value = obj[f.prop];
      if (f.list) {
        if (listField !== f) {
          if (listField !== undefined) (listPositions ??= new Map()).set(listField, listAt);
          listField = f;
          listAt = listPositions?.get(f) ?? 0;
        }
        value = (value as readonly unknown[])[listAt++];
      }
      if (f.type !== undefined) content += lead + this.object(value as object, f.type, { ns: c.ns, local: c.local }, childIndent, local.scope, '');
      else content += lead + this.bareElement(c.name, c.children.map(libvirtNode).join(''), c, local);
    }
    if (content === '') return `<${el.name}${attributes}/>`;
    return `<${el.name}${attributes}>${content}${block ? `\n${indent}` : ''}</${el.name}>`;
  }

  private assemble(qname: string, attributes: string, content: { text: string; block: boolean }, plan: Plan, indent: string): string {
    const dom = plan.dom;
    if (this.style === 'preserve' && dom !== undefined) {
      if (content.text === '') return `<${qname}${attributes}${dom.startTagTail}${dom.selfClosing ? '/>' : `></${qname}${dom.endTagTail}>`}`;
      return `<${qname}${attributes}${dom.startTagTail}>${content.text}</${qname}${dom.endTagTail}>`;
    }
    if (content.text === '') return `<${qname}${attributes}/>`;
    return `<${qname}${attributes}>${content.text}${content.block ? `\n${indent}` : ''}</${qname}>`;
  }

  private attributes(items: readonly AttributeItem[], scope: Names, decls: string[], path: string): string {
    // Attributes of `$unknown` may repeat a name: typed ones cannot, each being one property.
    if (items.some((a) => a.kind === 'value' && a.generic === true)) checkNoRepeats(items, path);
    let out = '';
    for (const a of items) {
      if (a.kind === 'dom') {
        if (a.dom.prefix !== '' && a.dom.ns !== XMLNS_NAMESPACE) this.ensurePrefix(a.dom.name, a.dom.ns, scope, decls);
        out += this.style === 'preserve' ? `${a.dom.before}${a.dom.name}${a.dom.eq}${a.dom.quote}${a.dom.raw}${a.dom.quote}` : ` ${a.dom.name}='${escapeAttribute(a.dom.value)}'`;
        continue;
      }
      const name = a.name ?? (a.ns === '' ? a.local : this.qualify(a.ns, a.local, scope, decls));
      if (a.name !== undefined && a.ns !== '' && a.ns !== XMLNS_NAMESPACE) this.ensurePrefix(a.name, a.ns, scope, decls);
      if (this.style === 'preserve' && a.dom !== undefined) out += `${a.dom.before}${name}${a.dom.eq}${a.dom.quote}${escapeAttribute(a.value)}${a.dom.quote}`;
      else out += ` ${name}='${escapeAttribute(a.value)}'`;
    }
    return out;
  }

  private content(plan: Plan, indent: string, scope: Names, path: string): { text: string; block: boolean } {
    const items = plan.content;
    if (this.style === 'preserve' && plan.dom !== undefined) {
      let out = '';
      let childIndent = `${indent}  `;
      for (const item of items) {
        if (item.kind === 'space') {
          out += item.text;
          const nl = item.text.lastIndexOf('\n');
          if (nl >= 0) childIndent = item.text.slice(nl + 1);
          continue;
        }
        out += this.item(item, childIndent, scope, path, plan);
      }
      return { text: out, block: false };
    }
    // Empty text is not written (see isEmptyText).
    const visible = items.filter((i) => i.kind !== 'space' && !isEmptyItem(i));
    const mixed = visible.some(isText);
    const hasChildren = visible.some((i) => i.kind === 'child' || (i.kind === 'any' && i.node.kind === 'element') || (i.kind === 'dom' && (i.node.kind === 'comment' || i.node.kind === 'pi')));
    const childIndent = `${indent}  `;
    if (mixed || !hasChildren) {
      // Text (or nothing but comments around it) stays inline: indentation would change the text.
      // A child element is still one level deeper for its own content, as when it is copied.
      return { text: visible.map((i) => this.item(i, childIndent, scope, path, plan)).join(''), block: false };
    }
    return { text: visible.map((i) => `\n${childIndent}${this.item(i, childIndent, scope, path, plan)}`).join(''), block: true };
  }

  private item(item: ContentItem, indent: string, scope: Names, path: string, plan: Plan): string {
    switch (item.kind) {
      case 'space':
        return item.text;
      case 'dom':
        return this.style === 'preserve' ? rawNode(item.node) : libvirtNode(item.node);
      case 'text':
        return escapeText(item.text);
      case 'child':
        return this.child(item.binding, item.value, item.dom, indent, scope, path, plan);
      case 'any':
        return this.any(item.node, item.dom, indent, scope, path);
    }
  }

  private child(b: ElementBinding, value: unknown, dom: XmlElement | undefined, indent: string, scope: Names, path: string, plan: Plan): string {
    const name = { ns: b.ns ?? '', local: b.n };
    if (b.t !== undefined) return this.object(value as object, typeBinding(b.t), name, indent, scope.scope, path);
    const unchanged = dom !== undefined && isBare(dom) && childValue(dom, b, () => ({})) === value;
    if (unchanged) {
      const bound = dom.prefix === '' || scope.get(dom.prefix) === dom.ns;
      if (this.style === 'preserve' && plan.source !== undefined && bound) return plan.source.slice(dom.offset, dom.end);
      return this.bareElement(dom.name, dom.children.map(libvirtNode).join(''), dom, scope);
    }
    const decls: string[] = [];
    const local = new Names(scope.scope);
    const qname = dom !== undefined ? dom.name : this.qualify(name.ns, name.local, local, decls);
    const here = `${path}/${qname}`;
    let text: string;
    if (b.x === 1) {
      if (value !== true) throw new ModelFormatError('bad-value', `expected true, found ${JSON.stringify(value)}`, here);
      text = '';
    } else text = escapeText(checkedValue(value, { v: b.v! }, here));
    const declarations = dom !== undefined ? this.attributes(dom.attributes.map((a) => ({ kind: 'dom', dom: a })), local, decls, here) : '';
    return this.bareElement(qname, text, undefined, scope, declarations + decls.join(''));
  }

  private bareElement(qname: string, text: string, dom: XmlElement | undefined, scope: Names, attributes?: string): string {
    let attrs = attributes;
    if (attrs === undefined) {
      const decls: string[] = [];
      const local = new Names(scope.scope);
      attrs = dom !== undefined ? this.attributes(dom.attributes.map((a) => ({ kind: 'dom', dom: a })), local, decls, '') : '';
      if (dom !== undefined) this.ensurePrefix(dom.name, dom.ns, local, decls);
      attrs += decls.join('');
    }
    return text === '' ? `<${qname}${attrs}/>` : `<${qname}${attrs}>${text}</${qname}>`;
  }

  /** A generic element or text, as parsed when unchanged, else in libvirt's style. */
  private any(node: AnyNode, dom: XmlNode | undefined, indent: string, scope: Names, path: string): string {
    if (typeof node !== 'object' || node === null) throw new ModelFormatError('not-a-model-object', 'expected an element, text, comment or processing instruction', path);
    if (dom === undefined) checkGenericLeaf(node, path);
    switch (node.kind) {
      case 'text':
        if (this.style === 'preserve' && dom !== undefined && (dom.kind === 'text' || dom.kind === 'cdata') && dom.value === node.value) return rawNode(dom);
        return escapeText(node.value);
      case 'comment':
        return `<!--${node.value}-->`;
      case 'pi':
        return `<?${node.target}${node.data === '' ? '' : ` ${node.data}`}?>`;
      case 'element':
        return this.anyElement(node, indent, scope, path);
    }
  }

  private anyElement(el: AnyElement, indent: string, scope: Names, path: string): string {
    const here = `${path}/${typeof el.name === 'string' ? el.name : '?'}`;
    this.enter(here);
    try {
      return this.anyElementAt(el, indent, scope, here);
    } finally {
      this.depth--;
    }
  }

  private anyElementAt(el: AnyElement, indent: string, scope: Names, path: string): string {
    const layout = layoutOf(el);
    if (layout !== undefined && this.isUnchanged(el, layout, indent) && fitsScope(layout, scope.scope)) return slice(layout);
    if (layout === undefined) checkGenericElement(el, path);
    const local = new Names(scope.scope);
    for (const a of el.attributes) if (a.ns === XMLNS_NAMESPACE) local.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
    const decls: string[] = [];
    this.ensurePrefix(el.name, el.ns, local, decls);
    let attrs = '';
    for (const a of el.attributes) {
      if (a.ns !== '' && a.ns !== XMLNS_NAMESPACE) this.ensurePrefix(a.name, a.ns, local, decls);
      attrs += ` ${a.name}='${escapeAttribute(a.value)}'`;
    }
    // As the reader sees it (genericChildren): whitespace between child elements is
    // indentation, made here anew; text-only and mixed content are written as they are.
    // Empty text holds nothing (the reader leaves it out too).
    const children = el.children.filter((c) => c.kind !== 'text' || c.value !== '');
    const elements = children.some((c) => c.kind === 'element');
    const mixed = !elements || children.some((c) => c.kind === 'text' && !isWhitespace(c.value));
    const visible = mixed ? children : children.filter((c) => c.kind !== 'text');
    if (visible.length === 0) return `<${el.name}${attrs}${decls.join('')}/>`;
    const childIndent = `${indent}  `;
    if (mixed) return `<${el.name}${attrs}${decls.join('')}>${visible.map((c) => this.any(c, undefined, childIndent, local, path)).join('')}</${el.name}>`;
    return `<${el.name}${attrs}${decls.join('')}>${visible.map((c) => `\n${childIndent}${this.any(c, undefined, childIndent, local, path)}`).join('')}\n${indent}</${el.name}>`;
  }

  /** Whether a generic element's source text is what this style writes for it. */
  private isUnchanged(el: AnyElement, layout: Layout, indent: string): boolean {
    if (this.style === 'preserve') return isPristine(el) || sameAsParsed(el, layout.element);
    return isPristine(el) && styledAt(layout, indent.length / 2);
  }

  /** The qualified name of a new element or attribute, declaring its namespace when needed. */
  private qualify(ns: string, local: string, scope: Names, decls: string[]): string {
    if (ns === '') return local;
    return `${this.prefixFor(ns, scope, decls)}:${local}`;
  }

  private prefixFor(ns: string, scope: Names, decls: string[]): string {
    const known = scope.prefixOf(ns);
    if (known !== undefined) return known;
    let prefix = preferredPrefix(ns) ?? 'ns';
    for (let n = 1; scope.has(prefix); n++) prefix = `${preferredPrefix(ns) ?? 'ns'}${n}`;
    scope.set(prefix, ns);
    decls.push(` xmlns:${prefix}='${escapeAttribute(ns)}'`);
    return prefix;
  }

  /** Declares the prefix of a name written as-is (generic content) when it is not in scope. */
  private ensurePrefix(qname: string, ns: string, scope: Names, decls: string[]): void {
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    if (prefix === 'xml' || prefix === 'xmlns') return;
    if (scope.get(prefix) === ns || (prefix === '' && ns === '' && !scope.has(''))) return;
    scope.set(prefix, ns);
    decls.push(prefix === '' ? ` xmlns='${escapeAttribute(ns)}'` : ` xmlns:${prefix}='${escapeAttribute(ns)}'`);
  }
}

/** Whether a generic element still says exactly what the element it was parsed from says. */
function sameAsParsed(el: AnyElement, dom: XmlElement): boolean {
  const domAttributes = genericAttributes(dom);
  const domChildren = genericChildren(dom);
  if (el.name !== dom.name || el.attributes.length !== domAttributes.length || el.children.length !== domChildren.length) return false;
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes[i]!;
    const d = domAttributes[i]!;
    if (a.name !== d.name || a.value !== d.value) return false;
  }
  for (let i = 0; i < el.children.length; i++) {
    const c = el.children[i]!;
    const d = domChildren[i]!;
    switch (c.kind) {
      case 'element':
        if (d.kind !== 'element' || !sameAsParsed(c, d)) return false;
        break;
      case 'text':
        if (d.kind !== 'text' || d.value !== c.value) return false;
        break;
      case 'comment':
        if (d.kind !== 'comment' || d.value !== c.value) return false;
        break;
      case 'pi':
        if (d.kind !== 'pi' || d.target !== c.target || d.data.replace(/^[\t\n\r ]+/, '') !== c.data) return false;
        break;
    }
  }
  return true;
}

function isEmptyItem(i: ContentItem): boolean {
  if (i.kind === 'text') return i.text === '';
  if (i.kind === 'any') return i.node.kind === 'text' && i.node.value === '';
  return i.kind === 'dom' && isEmptyText(i.node);
}

function isText(i: ContentItem): boolean {
  if (i.kind === 'text') return true;
  if (i.kind === 'any') return i.node.kind === 'text';
  if (i.kind === 'dom') return i.node.kind === 'text' || i.node.kind === 'cdata';
  return false;
}

/** Comments, processing instructions and the doctype around the document element, a line each. */
function outsideRoot(nodes: readonly XmlMiscNode[]): string {
  let out = '';
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.kind !== 'text') out += rawNode(n) + '\n';
  }
  return out;
}

/**
 * Whether a source is exactly its document element after the `head` and before a line break
 * and the `tail` that the libvirt style writes around it (no declaration, nothing else between).
 */
function isWholeSource(source: string, root: XmlElement, head: string, tail: string): boolean {
  return (
    root.offset === head.length &&
    source.length === root.end + 1 + tail.length &&
    source.charCodeAt(root.end) === 10 &&
    source.startsWith(head) &&
    source.endsWith(tail)
  );
}

function slice(layout: Layout): string {
  return layout.source.slice(layout.element.offset, layout.element.end);
}


/** A node exactly as it was written. */
function rawNode(n: XmlNode | { kind: 'doctype'; raw: string }): string {
  switch (n.kind) {
    case 'text':
      return n.raw;
    case 'cdata':
      return `<![CDATA[${n.raw ?? n.value}]]>`;
    case 'comment':
      return `<!--${n.value}-->`;
    case 'pi':
      return `<?${n.target}${n.data}?>`;
    case 'doctype':
      return n.raw;
    case 'element':
      throw new Error('elements are written from their objects');
  }
}

/** A node in libvirt's style: text re-escaped, the rest as written. */
function libvirtNode(n: XmlNode): string {
  switch (n.kind) {
    case 'text':
    case 'cdata':
      return escapeText(n.value);
    case 'element':
      return libvirtElement(n);
    default:
      return rawNode(n);
  }
}

/** A parsed element inside a bare child (only comments and text are expected there). */
function libvirtElement(el: XmlElement): string {
  const attrs = el.attributes.map((a) => ` ${a.name}='${escapeAttribute(a.value)}'`).join('');
  const inner = el.children.map(libvirtNode).join('');
  return inner === '' ? `<${el.name}${attrs}/>` : `<${el.name}${attrs}>${inner}</${el.name}>`;
}

/**
 * Namespaces of the typed properties used anywhere in an object built in code, to declare on
 * its root as libvirt does. Generic elements declare their own prefixes where they stand.
 */
function usedNamespaces(value: object, type: TypeBinding): string[] {
  const found = new Set<string>();
  const visit = (obj: Readonly<Record<string, unknown>>, t: TypeBinding): void => {
    const res = resolve(t, (_ns, _local, prop) => (obj[prop] === undefined ? undefined : String(obj[prop])));
    for (const p of res.props) {
      if (p.k === 'a' || p.k === 'e') {
        const v = obj[p.p ?? p.n];
        if (v === undefined) continue;
        if (p.ns) found.add(p.ns);
        if (p.k === 'e' && p.t !== undefined) for (const item of Array.isArray(v) ? v : [v]) if (typeof item === 'object' && item !== null && layoutOf(item) === undefined) visit(item as Record<string, unknown>, typeBinding(p.t));
      }
    }
  };
  visit(value as Record<string, unknown>, type);
  return [...found].sort();
}

/** Checks a generic element built in code or received as JSON: names, attributes, declarations. */
function checkGenericElement(el: AnyElement, path: string): void {
  checkQualifiedName(el.name, el.ns, false, path);
  if (!Array.isArray(el.attributes) || !Array.isArray(el.children)) {
    throw new ModelFormatError('not-a-model-object', 'a generic element needs lists of attributes and children', path);
  }
  const seen = new Set<string>();
  const declared = new Map<string, string>();
  for (const a of el.attributes) {
    checkGenericAttribute(a, true, path);
    const colon = a.name.indexOf(':');
    const key = `${a.ns}\u0000${colon < 0 ? a.name : a.name.slice(colon + 1)}`;
    if (seen.has(key)) throw new ModelFormatError('bad-value', `attribute "${a.name}" appears twice`, path);
    seen.add(key);
    if (a.ns === XMLNS_NAMESPACE) declared.set(a.name === 'xmlns' ? '' : a.name.slice(6), a.value);
  }
  // Its own declarations must agree with the namespaces of its name and attributes.
  const agrees = (name: string, ns: string, attribute: boolean) => {
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    if ((attribute && prefix === '') || prefix === 'xml' || prefix === 'xmlns') return;
    const value = declared.get(prefix);
    if (value !== undefined && value !== ns) {
      throw new ModelFormatError('bad-value', `${prefix === '' ? 'xmlns' : `xmlns:${prefix}`} declares "${value}", but "${name}" is in "${ns}"`, path);
    }
  };
  agrees(el.name, el.ns, false);
  for (const a of el.attributes) if (a.ns !== XMLNS_NAMESPACE) agrees(a.name, a.ns, true);
}

/** Checks that no two attributes to write have one expanded name. */
function checkNoRepeats(items: readonly AttributeItem[], path: string): void {
  const seen = new Set<string>();
  for (const a of items) {
    const key = a.kind === 'dom' ? `${a.dom.ns}\u0000${a.dom.local}` : `${a.ns}\u0000${a.local}`;
    if (seen.has(key)) throw new ModelFormatError('bad-value', `attribute "${a.kind === 'dom' ? a.dom.name : (a.name ?? a.local)}" appears twice`, path);
    seen.add(key);
  }
}
