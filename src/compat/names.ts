/**
 * How element and attribute names are written in compatibility paths: the local name, with a
 * short prefix for libvirt's extension namespaces (`qemu:commandline`) and Clark notation for
 * any other namespace. Wildcards are `*` (any name) and `prefix:*` (any name in a namespace).
 */
import { hasWildcard, listNames, type NameClass } from '../xml/grammar/name-class.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** libvirt's extension namespaces look like http://libvirt.org/schemas/domain/qemu/1.0. */
const LIBVIRT_EXTENSION_NS = /^http:\/\/libvirt\.org\/schemas\/[a-z]+\/([a-z0-9]+)\/[0-9.]+$/;

export function namespacePrefix(ns: string): string | undefined {
  if (ns === '') return undefined;
  if (ns === XML_NS) return 'xml';
  return LIBVIRT_EXTENSION_NS.exec(ns)?.[1];
}

export function displayName(ns: string, local: string): string {
  if (ns === '') return local;
  const prefix = namespacePrefix(ns);
  return prefix === undefined ? `{${ns}}${local}` : `${prefix}:${local}`;
}

/** The names a name class stands for in paths; a wildcard contributes one `*`-style entry. */
export function displayNames(nc: NameClass): string[] {
  const names = listNames(nc).map((n) => displayName(n.ns, n.local));
  if (hasWildcard(nc)) names.push(...wildcardNames(nc));
  return names;
}

function wildcardNames(nc: NameClass): string[] {
  switch (nc.kind) {
    case 'name': return [];
    case 'anyName': return ['*'];
    case 'nsName': return [displayName(nc.ns, '*')];
    case 'choice': return [...wildcardNames(nc.a), ...wildcardNames(nc.b)];
  }
}

/** The local part of a path segment as a validator writes it: `qemu:arg[2]` → `arg`. */
export function segmentLocalName(segment: string): string {
  const withoutPosition = segment.replace(/\[\d+\]$/, '');
  const clark = /^\{[^}]*\}(.*)$/.exec(withoutPosition);
  if (clark) return clark[1]!;
  const colon = withoutPosition.lastIndexOf(':');
  return colon < 0 ? withoutPosition : withoutPosition.slice(colon + 1);
}
