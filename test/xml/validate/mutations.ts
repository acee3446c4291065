/**
 * Small, deterministic mutations of valid documents, for comparing our verdicts with libxml2's
 * on documents that are mostly invalid in realistic ways: an attribute dropped or given another
 * value, an element renamed, dropped, repeated or moved, stray text.
 */
import { parseXml, serializeXml } from '../../../src/xml/dom/index.js';
import type { XmlAttribute, XmlElement, XmlNode } from '../../../src/xml/dom/types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A tiny deterministic generator (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES = ['', 'x', '-1', '0', 'yes', 'on', '99999999999', 'virtio', 'file', '0x10'];
const NAMES = ['source', 'target', 'foo', 'address', 'driver', 'name', 'model', 'alias'];

export interface Mutation {
  readonly description: string;
  readonly xml: string;
}

export function mutate(xml: string, rnd: () => number): Mutation | undefined {
  const doc = parseXml(xml);
  const elements: XmlElement[] = [];
  const stack = [doc.root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    elements.push(el);
    for (const c of el.children) if (c.kind === 'element') stack.push(c);
  }
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rnd() * xs.length)];
  const el = pick(elements.slice(1)) as Mutable<XmlElement> | undefined;
  if (el === undefined) return undefined;
  const parent = elements.find((p) => p.children.includes(el)) as Mutable<XmlElement> | undefined;
  const attrs = el.attributes.filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns');
  let description: string;
  switch (Math.floor(rnd() * 7)) {
    case 0: {
      const a = pick(attrs);
      if (a === undefined) return undefined;
      el.attributes = el.attributes.filter((x) => x !== a);
      description = `drop @${a.name} of <${el.name}>`;
      break;
    }
    case 1: {
      const a = pick(attrs) as Mutable<XmlAttribute> | undefined;
      if (a === undefined) return undefined;
      const v = pick(VALUES)!;
      el.attributes = el.attributes.map((x) => (x === a ? { ...x, value: v, raw: v } : x));
      description = `@${a.name} of <${el.name}> = "${v}"`;
      break;
    }
    case 2: {
      const n = pick(NAMES)!;
      if (el.prefix !== '' || el.local === n) return undefined;
      description = `rename <${el.local}> to <${n}>`;
      el.name = n;
      el.local = n;
      break;
    }
    case 3:
      if (parent === undefined) return undefined;
      parent.children = parent.children.filter((c) => c !== el);
      description = `drop <${el.name}>`;
      break;
    case 4:
      if (parent === undefined) return undefined;
      parent.children = parent.children.flatMap((c): XmlNode[] => (c === el ? [c, c] : [c]));
      description = `repeat <${el.name}>`;
      break;
    case 5: {
      if (parent === undefined) return undefined;
      const i = parent.children.indexOf(el);
      const siblings = parent.children.filter((c) => c.kind === 'element');
      const other = pick(siblings);
      if (other === undefined || other === el) return undefined;
      const j = parent.children.indexOf(other);
      const children = [...parent.children];
      children[i] = other;
      children[j] = el;
      parent.children = children;
      description = `swap <${el.name}> and <${other.name}>`;
      break;
    }
    default:
      el.children = [{ kind: 'text', value: 'stray', raw: 'stray', offset: 0 }, ...el.children];
      description = `text in <${el.name}>`;
  }
  return { description, xml: serializeXml(doc) };
}
