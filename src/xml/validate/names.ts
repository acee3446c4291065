/**
 * How grammar names are shown in messages: with the prefix the document binds to their namespace
 * where there is one, otherwise in Clark notation (`{uri}local`).
 */
import type { XmlElement } from '../dom/types.js';
import type { QualifiedName } from './expected.js';
import type { ElementScope } from './path.js';

import { XML_NAMESPACE, XMLNS_NAMESPACE } from '../dom/namespaces.js';

/** `xmlns` and `xmlns:p` declare namespaces; they are not attributes to validate. */
export function isNamespaceDeclaration(attr: { ns: string }): boolean {
  return attr.ns === XMLNS_NAMESPACE;
}

/** An element name as the document would write it in `scope`. */
export function displayElementName(q: QualifiedName, scope: ElementScope | undefined): string {
  if (q.ns === '') return q.local;
  const prefix = prefixFor(q.ns, scope, true);
  return prefix === undefined ? `{${q.ns}}${q.local}` : prefix === '' ? q.local : `${prefix}:${q.local}`;
}

/** An attribute name as the document would write it in `scope` (unprefixed means no namespace). */
export function displayAttributeName(q: QualifiedName, scope: ElementScope | undefined): string {
  if (q.ns === '') return q.local;
  if (q.ns === XML_NAMESPACE) return `xml:${q.local}`;
  const prefix = prefixFor(q.ns, scope, false);
  return prefix === undefined || prefix === '' ? `{${q.ns}}${q.local}` : `${prefix}:${q.local}`;
}

function prefixFor(ns: string, scope: ElementScope | undefined, allowDefault: boolean): string | undefined {
  for (let s = scope; s !== undefined; s = s.parent) {
    const found = declaredPrefix(s.element, ns, allowDefault);
    if (found !== undefined) return found;
  }
  return undefined;
}

function declaredPrefix(el: XmlElement, ns: string, allowDefault: boolean): string | undefined {
  for (const a of el.attributes) {
    if (a.value !== ns) continue;
    if (a.name === 'xmlns' && allowDefault) return '';
    if (a.prefix === 'xmlns') return a.local;
  }
  return undefined;
}
