/**
 * Canonical form of an XML document for the round-trip judge: elements in order with their
 * namespace and local name, attributes as a set, character data merged into runs, comments and
 * processing instructions in place. Whitespace-only runs are indentation and dropped when they
 * stand between markup or span lines (`<cpu>\n  </cpu>` equals `<cpu/>`); other whitespace is text.
 */
import { parseXml } from '../../src/xml/dom/index.js';
import type { XmlElement, XmlMiscNode, XmlNode } from '../../src/xml/dom/types.js';

export type CanonicalNode =
  | { readonly e: string; readonly a: readonly string[]; readonly c: readonly CanonicalNode[] }
  | { readonly t: string }
  | { readonly comment: string }
  | { readonly pi: string };

export interface CanonicalDocument {
  readonly prolog: readonly CanonicalNode[];
  readonly root: CanonicalNode;
  readonly epilog: readonly CanonicalNode[];
}

export function canonical(xml: string): CanonicalDocument {
  const doc = parseXml(xml);
  const misc = (nodes: readonly XmlMiscNode[]): CanonicalNode[] =>
    nodes.flatMap((n): CanonicalNode[] => (n.kind === 'comment' ? [{ comment: n.value }] : n.kind === 'pi' ? [{ pi: `${n.target} ${n.data.trim()}` }] : []));
  return { prolog: misc(doc.prolog), root: element(doc.root), epilog: misc(doc.epilog) };
}

function element(el: XmlElement): CanonicalNode {
  const a = el.attributes.map((x) => `{${x.ns}}${x.local}=${x.value}`).sort();
  const markup = el.children.some((c) => c.kind !== 'text' && c.kind !== 'cdata');
  const c: CanonicalNode[] = [];
  let run: string | undefined;
  const flush = (): void => {
    if (run !== undefined && !(/^[\t\n\r ]*$/.test(run) && (markup || /[\n\r]/.test(run)))) c.push({ t: run });
    run = undefined;
  };
  for (const n of el.children as XmlNode[]) {
    if (n.kind === 'text' || n.kind === 'cdata') {
      run = (run ?? '') + n.value;
      continue;
    }
    flush();
    if (n.kind === 'element') c.push(element(n));
    else if (n.kind === 'comment') c.push({ comment: n.value });
    else c.push({ pi: `${n.target} ${n.data.trim()}` });
  }
  flush();
  return { e: `{${el.ns}}${el.local}`, a, c };
}
