/**
 * Plans how one model object is written: its attributes and content items, in order.
 *
 * An object built in code is planned in schema order. A parsed object (it has a `$layout`) is
 * planned by walking the element it was parsed from: every attribute and child keeps its place
 * and spelling; changed values are written anew in place; removed ones disappear with the
 * indentation before them; new ones go where the schema puts them among the existing children,
 * indented like their siblings. The writers then only decide about whitespace and quoting.
 */
import type { AnyElement, AnyNode, AnyText, Layout, UnknownAttribute, UnknownNode } from '../../model/base.js';
import type { XmlAttribute, XmlCData, XmlElement, XmlNode, XmlText } from '../dom/types.js';
import { propName, type AttributeBinding, type ElementBinding, type TypeBinding } from './binding.js';
import { ModelFormatError } from './errors.js';
import { originOf, wasKeptAsUnknown } from './origin.js';
import { isEmptyText, isNamespaceDeclaration, textIsValue, attributeValue } from './read.js';
import { fieldProp, qkey, resolve, type Resolved } from './resolve.js';
import { decodeValue, encodeValue, NO_FIT, valueFits } from './values.js';
import { checkGenericAttribute, writableText } from './writable.js';

export type AttributeItem =
  /** Written exactly as parsed. */
  | { readonly kind: 'dom'; readonly dom: XmlAttribute }
  /**
   * A value to write; `dom` gives the original spacing and quote when there is one. `generic`:
   * an attribute of `$unknown`, whose name may repeat another's (the writer checks).
   */
  | {
      readonly kind: 'value';
      readonly ns: string;
      readonly local: string;
      readonly name?: string;
      readonly value: string;
      readonly dom?: XmlAttribute;
      readonly generic?: true;
    };

export type ContentItem =
  /** Whitespace between children, as parsed. */
  | { readonly kind: 'space'; readonly text: string }
  /** A text, CDATA, comment or processing instruction node, as parsed. */
  | { readonly kind: 'dom'; readonly node: XmlNode }
  /** A typed child element and its value. */
  | { readonly kind: 'child'; readonly binding: ElementBinding; readonly value: unknown; readonly dom?: XmlElement }
  /** A generic element or text from `$any` or `$unknown`. */
  | { readonly kind: 'any'; readonly node: AnyNode; readonly dom?: XmlNode }
  /** Element text to escape and write. */
  | { readonly kind: 'text'; readonly text: string };

export interface Plan {
  readonly attributes: AttributeItem[];
  readonly content: ContentItem[];
  /** The element the object was parsed from, if any, and the text it was parsed from. */
  readonly dom?: XmlElement;
  readonly source?: string;
}

type Obj = Readonly<Record<string, unknown>> & { readonly $unknown?: readonly UnknownNode[]; readonly $any?: readonly AnyElement[] };

/** Reads discriminators from a model object. */
function modelReader(obj: Obj) {
  return (_ns: string, _local: string, prop: string): string | undefined => {
    const v = obj[prop];
    return v === undefined ? undefined : String(v);
  };
}

function list(v: unknown): readonly unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export function checkedValue(value: unknown, b: AttributeBinding | { v: AttributeBinding['v'] }, path: string): string {
  if (typeof value === 'string' || typeof value === 'number') {
    if (!valueFits(value, b.v)) throw new ModelFormatError('bad-value', `${JSON.stringify(value)} is not a valid value here`, path);
    return writableText(encodeValue(value), path);
  }
  throw new ModelFormatError('bad-value', `expected a string or number, found ${typeof value}`, path);
}

/** Plans an object built in code: schema order, `$unknown` after what the schema describes. */
export function planNew(obj: Obj, type: TypeBinding, path: string): Plan {
  const res = resolve(type, modelReader(obj));
  const attributes: AttributeItem[] = [];
  const content: ContentItem[] = [];
  for (const p of res.props) {
    const prop = fieldProp(p);
    const v = obj[prop];
    if (v === undefined) continue;
    switch (p.k) {
      case 'a':
        attributes.push({ kind: 'value', ns: p.ns ?? '', local: p.n, value: checkedValue(v, p, `${path}/@${p.n}`) });
        break;
      case 'e':
        for (const item of list(v)) content.push({ kind: 'child', binding: p, value: item });
        break;
      case 't':
        content.push({ kind: 'text', text: checkedValue(v, p, `${path}/text()`) });
        break;
      case 'x':
        for (const item of list(v)) content.push({ kind: 'any', node: item as AnyElement });
        break;
    }
  }
  for (const u of unknownOf(obj, path)) {
    if (u.kind === 'attribute') attributes.push(unknownAttribute(u, path));
    else content.push({ kind: 'any', node: u });
  }
  return { attributes, content: placeFollowers(content) };
}

/**
 * Puts each follower item (binding `f`, from codegen/conventions.ts) right after the leader item it
 * names by value, with the whitespace before it: `<blockers model='X'>` after `<model>X</model>`.
 * Followers whose leader is not there keep their place. One pass, for new and parsed objects alike:
 * in a parsed one, items added to or removed from a list of followers would otherwise keep the
 * places of the parsed ones, after the wrong leader.
 */
function placeFollowers(items: ContentItem[]): ContentItem[] {
  if (!items.some((item) => item.kind === 'child' && item.binding.f !== undefined)) return items;
  const leaders = new Set<string>();
  for (const item of items) {
    const key = item.kind === 'child' ? leaderKey(propName(item.binding), leaderValue(item.value)) : undefined;
    if (key !== undefined) leaders.add(key);
  }
  const moved = new Map<string, ContentItem[]>();
  const kept: ContentItem[] = [];
  for (const item of items) {
    const f = item.kind === 'child' ? item.binding.f : undefined;
    const key = f !== undefined && item.kind === 'child' ? leaderKey(f[0], namedValue(item.value, f[1])) : undefined;
    if (key === undefined || !leaders.has(key)) {
      kept.push(item);
      continue;
    }
    const list = moved.get(key) ?? [];
    if (kept[kept.length - 1]?.kind === 'space') list.push(kept.pop()!);
    list.push(item);
    moved.set(key, list);
  }
  const out: ContentItem[] = [];
  for (const item of kept) {
    out.push(item);
    const key = item.kind === 'child' ? leaderKey(propName(item.binding), leaderValue(item.value)) : undefined;
    const followers = key === undefined ? undefined : moved.get(key);
    if (followers === undefined) continue;
    out.push(...followers);
    moved.delete(key!);
  }
  return out;
}

/** The value a leader item is named by: its text (`$value`), or the value itself for a leaf. */
function leaderValue(item: unknown): unknown {
  return typeof item === 'object' && item !== null ? (item as Obj)['$value'] : item;
}

/** The value a follower item names its leader by. */
function namedValue(item: unknown, key: string): unknown {
  return typeof item === 'object' && item !== null ? (item as Obj)[key] : undefined;
}

function leaderKey(prop: string, value: unknown): string | undefined {
  return value === undefined ? undefined : `${prop}\u0000${String(value)}`;
}

/** A new or changed attribute of `$unknown`, checked: it comes from code or JSON. */
function unknownAttribute(u: UnknownAttribute, path: string, dom?: XmlAttribute): AttributeItem {
  checkGenericAttribute(u, false, path);
  const colon = u.name.indexOf(':');
  return { kind: 'value', ns: u.ns, local: colon < 0 ? u.name : u.name.slice(colon + 1), name: u.name, value: u.value, generic: true, ...(dom ? { dom } : {}) };
}

/** An object's `$unknown`, each entry checked to be an object: a model received as JSON may hold anything. */
function unknownOf(obj: Obj, path: string): readonly UnknownNode[] {
  const list = obj.$unknown;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ModelFormatError('not-a-model-object', 'expected a list', `${path}/$unknown`);
  for (const u of list as unknown[]) {
    if (typeof u !== 'object' || u === null) throw new ModelFormatError('not-a-model-object', 'expected an attribute, element or text', `${path}/$unknown`);
  }
  return list;
}

/**
 * Plans a parsed (possibly updated) object against the element it was parsed from.
 * `indent` is the element's own indentation, used for children that are new.
 */
export function planParsed(obj: Obj, type: TypeBinding, layout: Layout, indent: string, path: string): Plan {
  const dom = layout.element;
  const before = resolve(type, (ns, local) => attributeValue(dom, ns, local));
  const now = resolve(type, modelReader(obj));
  const unknownByOrigin = new Map<unknown, UnknownNode>();
  for (const u of unknownOf(obj, path)) {
    const o = originOf(u);
    if (o !== undefined) unknownByOrigin.set(o, u);
  }
  const used = new Set<UnknownNode>();
  return {
    attributes: planAttributes(obj, layout, now, unknownByOrigin, used, path),
    content: new ContentPlanner(obj, layout, before, now, unknownByOrigin, used, indent, path).plan(),
    dom,
    source: layout.source,
  };
}

function planAttributes(obj: Obj, layout: Layout, now: Resolved, unknownByOrigin: ReadonlyMap<unknown, UnknownNode>, used: Set<UnknownNode>, path: string): AttributeItem[] {
  const dom = layout.element;
  const out: AttributeItem[] = [];
  const done = new Set<string>();
  for (const a of dom.attributes) {
    if (isNamespaceDeclaration(a)) {
      out.push({ kind: 'dom', dom: a });
      continue;
    }
    if (wasKeptAsUnknown(layout, a)) {
      const u = unknownByOrigin.get(a);
      if (u?.kind === 'attribute') {
        used.add(u);
        out.push(u.value === a.value && u.name === a.name ? { kind: 'dom', dom: a } : unknownAttribute(u, path, a));
      }
      continue;
    }
    const b = now.attributes.get(qkey(a.ns, a.local));
    if (b === undefined) continue;
    const prop = propName(b);
    const v = obj[prop];
    if (v === undefined || done.has(prop)) continue;
    done.add(prop);
    const unchanged = v === a.value || decodeValue(a.value, b.v) === v;
    out.push(unchanged ? { kind: 'dom', dom: a } : { kind: 'value', ns: a.ns, local: a.local, name: a.name, value: checkedValue(v, b, `${path}/@${a.name}`), dom: a });
  }
  const added: AttributeBinding[] = [];
  for (const prop of Object.keys(obj)) {
    const p = now.byProp.get(prop);
    if (p?.k === 'a' && obj[prop] !== undefined && !done.has(prop)) added.push(p);
  }
  added.sort((a, b) => now.position.get(propName(a))! - now.position.get(propName(b))!);
  for (const p of added) out.push({ kind: 'value', ns: p.ns ?? '', local: p.n, value: checkedValue(obj[propName(p)], p, `${path}/@${p.n}`) });
  for (const u of unknownOf(obj, path)) if (u.kind === 'attribute' && !used.has(u)) out.push(unknownAttribute(u, path));
  return out;
}

class ContentPlanner {
  private readonly out: ContentItem[] = [];
  /** How many items of each property are written so far. */
  private readonly consumed = new Map<string, number>();
  /** Index in `out` of the last item written for each property. */
  private readonly lastAt = new Map<string, number>();
  /** DOM slots per property, to know the last one. */
  private readonly slots = new Map<string, number>();

  private readonly dom: XmlElement;

  constructor(
    private readonly obj: Obj,
    private readonly layout: Layout,
    private readonly before: Resolved,
    private readonly now: Resolved,
    private readonly unknownByOrigin: ReadonlyMap<unknown, UnknownNode>,
    private readonly used: Set<UnknownNode>,
    private readonly indent: string,
    private readonly path: string,
  ) {
    this.dom = layout.element;
  }

  /** The property each child element was read into, by child index. */
  private readonly childProps: (string | undefined)[] = [];

  plan(): ContentItem[] {
    const { dom, obj } = this;
    const texts: (XmlText | XmlCData)[] = [];
    let hasElements = false;
    for (const c of dom.children) {
      let p: string | undefined;
      if (c.kind === 'text' || c.kind === 'cdata') texts.push(c);
      else if (c.kind === 'element') {
        hasElements = true;
        p = this.propOf(c);
        if (p !== undefined) this.slots.set(p, (this.slots.get(p) ?? 0) + 1);
      }
      this.childProps.push(p);
    }
    // Empty text is not part of the value (see isEmptyText); it stays as layout.
    const valueNodes = this.before.text !== undefined && textIsValue(hasElements, texts) ? texts.filter((t) => !isEmptyText(t) && !wasKeptAsUnknown(this.layout, t)) : [];
    const oldValue = valueNodes.length > 0 ? decodeValue(valueNodes.map((t) => t.value).join(''), this.before.text!.v) : NO_FIT;
    const newValue = this.now.text !== undefined ? obj['$value'] : undefined;
    let valueWritten = false;

    for (let index = 0; index < dom.children.length; index++) {
      const c = dom.children[index]!;
      switch (c.kind) {
        case 'text':
        case 'cdata':
          if (wasKeptAsUnknown(this.layout, c)) this.unknownNode(c);
          else if (valueNodes.includes(c)) {
            if (newValue === undefined || valueWritten) continue;
            if (newValue === oldValue) this.out.push({ kind: 'dom', node: c });
            else {
              this.out.push({ kind: 'text', text: checkedValue(newValue, this.now.text!, `${this.path}/text()`) });
              valueWritten = true;
            }
          } else this.out.push(c.kind === 'text' && /^[\t\n\r ]*$/.test(c.value) ? { kind: 'space', text: c.raw } : { kind: 'dom', node: c });
          break;
        case 'comment':
        case 'pi':
          this.out.push({ kind: 'dom', node: c });
          break;
        case 'element':
          if (wasKeptAsUnknown(this.layout, c)) this.unknownNode(c);
          else this.typedSlot(c, this.childProps[index]);
          break;
      }
    }
    if (newValue !== undefined && valueNodes.length === 0) {
      this.out.unshift({ kind: 'text', text: checkedValue(newValue, this.now.text!, `${this.path}/text()`) });
    }
    this.addNew();
    return placeFollowers(this.out);
  }

  /** The property a parsed child element was read into. */
  private propOf(c: XmlElement): string | undefined {
    if (wasKeptAsUnknown(this.layout, c)) return undefined;
    const b = this.before.elements.get(qkey(c.ns, c.local));
    if (b !== undefined) return propName(b);
    return this.before.any !== undefined ? '$any' : undefined;
  }

  private drop(): void {
    if (this.out.length > 0 && this.out[this.out.length - 1]!.kind === 'space') this.out.pop();
  }

  private unknownNode(c: XmlNode): void {
    const u = this.unknownByOrigin.get(c);
    if (u === undefined || u.kind === 'attribute') {
      this.drop();
      return;
    }
    this.used.add(u);
    this.out.push({ kind: 'any', node: u, dom: c });
  }

  private typedSlot(c: XmlElement, p: string | undefined): void {
    const isAny = p === '$any';
    const b = isAny ? undefined : this.now.elements.get(qkey(c.ns, c.local));
    if (p === undefined || (!isAny && (b === undefined || propName(b) !== p))) {
      this.drop();
      return;
    }
    const values = list(this.obj[p]);
    const k = this.consumed.get(p) ?? 0;
    if (k >= values.length) {
      this.drop();
      return;
    }
    const space = this.out.length > 0 && this.out[this.out.length - 1]!.kind === 'space' ? (this.out[this.out.length - 1] as { text: string }).text : undefined;
    this.push(p, values[k], b, c);
    this.consumed.set(p, k + 1);
    // After the last slot of a list, the items added beyond the parsed ones.
    if (k + 1 === this.slots.get(p)) {
      for (let i = k + 1; i < values.length; i++) {
        this.out.push({ kind: 'space', text: space ?? `\n${this.indent}  ` });
        this.push(p, values[i], b, undefined);
        this.consumed.set(p, i + 1);
      }
    }
  }

  private push(p: string, value: unknown, b: ElementBinding | undefined, dom: XmlElement | undefined): void {
    if (b === undefined) this.out.push({ kind: 'any', node: value as AnyElement, ...(dom ? { dom } : {}) });
    else this.out.push({ kind: 'child', binding: b, value, ...(dom ? { dom } : {}) });
    this.lastAt.set(p, this.out.length - 1);
  }

  /** Children with no parsed counterpart, placed by schema order among the existing ones. */
  private addNew(): void {
    const pending: { pos: number; items: ContentItem[] }[] = [];
    for (const prop of Object.keys(this.obj)) {
      const p = this.now.byProp.get(prop);
      if (p === undefined || (p.k !== 'e' && p.k !== 'x')) continue;
      if ((this.consumed.get(prop) ?? 0) > 0 || (this.slots.get(prop) ?? 0) > 0) continue;
      const values = list(this.obj[prop]);
      if (values.length === 0) continue;
      const items: ContentItem[] = values.map((v) =>
        p.k === 'e' ? { kind: 'child', binding: p, value: v } : { kind: 'any', node: v as AnyElement },
      );
      pending.push({ pos: this.now.position.get(prop)!, items });
      this.consumed.set(prop, values.length);
    }
    pending.sort((a, b) => a.pos - b.pos);
    const unknownNew: ContentItem[] = [];
    for (const u of unknownOf(this.obj, this.path)) {
      if (u.kind !== 'attribute' && !this.used.has(u)) unknownNew.push({ kind: 'any', node: u as AnyElement | AnyText });
    }
    if (pending.length === 0 && unknownNew.length === 0) return;

    const childIndent = this.childIndent();
    for (const { pos, items } of pending) {
      // Before the first existing child that comes later in schema order.
      let at = -1;
      for (let i = 0; i < this.out.length; i++) {
        const item = this.out[i]!;
        if (item.kind !== 'child') continue;
        const q = this.now.position.get(propName(item.binding));
        if (q !== undefined && q > pos) {
          at = i;
          break;
        }
      }
      const block = items.flatMap((it): ContentItem[] => [{ kind: 'space', text: childIndent }, it]);
      if (at >= 0) {
        // Before the later sibling and the comments that lead up to it, each on its own line.
        let start = at;
        while (start > 0) {
          const prev = this.out[start - 1]!;
          const leading = prev.kind === 'space' || (prev.kind === 'dom' && (prev.node.kind === 'comment' || prev.node.kind === 'pi'));
          if (!leading) break;
          start--;
        }
        if (start < at && this.out[start]!.kind !== 'space') start++;
        this.out.splice(start, 0, ...block);
      } else this.append(block);
    }
    this.append(unknownNew.flatMap((it): ContentItem[] => [{ kind: 'space', text: childIndent }, it]));
  }

  /** Appends before the whitespace that closes the element, or adds that whitespace. */
  private append(block: ContentItem[]): void {
    if (block.length === 0) return;
    const last = this.out[this.out.length - 1];
    if (last?.kind === 'space' && this.out.some((i) => i.kind === 'child' || i.kind === 'any')) this.out.splice(this.out.length - 1, 0, ...block);
    else this.out.push(...block, { kind: 'space', text: `\n${this.indent}` });
  }

  /** The whitespace before a child: as before the existing children, else one step deeper. */
  private childIndent(): string {
    for (let i = 1; i < this.out.length; i++) {
      const item = this.out[i]!;
      const prev = this.out[i - 1]!;
      if ((item.kind === 'child' || item.kind === 'any') && prev.kind === 'space') return prev.text;
    }
    return `\n${this.indent}  `;
  }
}
