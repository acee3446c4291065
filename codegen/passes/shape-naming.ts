/**
 * Type names for the shape pass, derived from the schema and settled by meaning, never by
 * numbers.
 *
 * Each type has a basis and a short list of candidate names, most natural first:
 *  - a define of its own: `diskSourceFile` → `DiskSourceFile`, then the file's prefix
 *    (`network.rng`'s `ip` → `NetworkIp` when another file also has an `Ip`);
 *  - an element inside a define: the define (or enclosing element) and the element,
 *    `diskSourceFile` / `<source>` → `DiskSourceFileSource`;
 *  - an element of several patterns merged in one property: its owner and the element
 *    (`Domain` / `<os>` → `DomainOs`);
 *  - a branch of a discriminated union: its define, else the owner and the discriminator
 *    values (`Interface` / `type='bridge'` → `InterfaceBridge`).
 * When names collide, types with a define of their own keep theirs and the others move to their
 * next candidate; if that is not enough every colliding type moves on. A collision no candidate
 * settles is a CodegenError asking for an entry in names.overrides.json.
 */
import { CodegenError } from '../errors.js';
import { joinName, NAME_OVERRIDES, pascalCase, RESERVED_TYPE_NAMES } from '../names.js';
import type { CanonDefine, ElementContext } from './shape-canonical.js';
import type { Source } from './shape-ir.js';

export type NameBasis =
  | { readonly kind: 'define'; readonly id: string; readonly name: string; readonly file: string }
  | {
      readonly kind: 'path';
      readonly id: string;
      readonly contexts: ReadonlyMap<string, ElementContext>;
      readonly defines: ReadonlyMap<string, CanonDefine>;
      /** The type the element was first found in, which tells apart same-named siblings in different branches. */
      readonly owner?: Nameable;
    }
  | { readonly kind: 'root'; readonly root: string; readonly file: string }
  | {
      readonly kind: 'owner';
      readonly owner: Nameable;
      readonly local: string;
      /** The element patterns merged into the type, named by where they are written as a fallback. */
      readonly members: readonly string[];
      readonly contexts: ReadonlyMap<string, ElementContext>;
      readonly defines: ReadonlyMap<string, CanonDefine>;
    }
  | { readonly kind: 'owner-define'; readonly owner: Nameable; readonly name: string }
  | { readonly kind: 'value'; readonly owner: Nameable; readonly attribute: string; readonly values: readonly string[] };

export interface Nameable {
  /** Unique key of the type within the pass. */
  readonly key: string;
  readonly basis: NameBasis;
  /** Schema file of the module the type is declared in. */
  readonly module: string;
  readonly source: Source;
  /** Set by {@link assignNames}. */
  name?: string;
}

/** More than this many discriminator values name a case by the first one and `Etc`. */
const MAX_VALUES_IN_NAME = 3;

export function filePrefix(file: string): string {
  const o = NAME_OVERRIDES.filePrefixes[file];
  return o ?? pascalCase(file.replace(/\.rng$/, ''));
}

function defineName(id: string, name: string): string {
  return NAME_OVERRIDES.types[id] ?? pascalCase(name);
}

/** The name of an element by where it is written: its define's, or its parent's plus its own. */
function pathName(id: string, contexts: ReadonlyMap<string, ElementContext>, defines: ReadonlyMap<string, CanonDefine>): string {
  const ctx = contexts.get(id)!;
  const define = defines.get(ctx.define);
  // An element written in a start pattern is named by itself.
  const defineTitle = define ? defineName(define.id, define.name) : '';
  if (ctx.wholeDefine && define) return defineTitle;
  const override = NAME_OVERRIDES.types[overrideKey(id, contexts)];
  if (override !== undefined) return override;
  // Directly in a define, an element named like the define is the define's own element (`alias`).
  if (ctx.parent === undefined) return joinName(NAME_OVERRIDES.contexts[ctx.define] ?? defineTitle, pascalCase(ctx.local), true);
  return joinName(pathName(ctx.parent, contexts, defines), pascalCase(ctx.local));
}

/** `file#define>element>element`: how names.overrides.json refers to an element without a define. */
export function overrideKey(id: string, contexts: ReadonlyMap<string, ElementContext>): string {
  const parts: string[] = [];
  let ctx = contexts.get(id);
  let define = '';
  while (ctx) {
    parts.unshift(ctx.local);
    define = ctx.define;
    ctx = ctx.parent !== undefined ? contexts.get(ctx.parent) : undefined;
  }
  return `${define}>${parts.join('>')}`;
}

function valuesName(values: readonly string[]): string {
  const shown = values.length > MAX_VALUES_IN_NAME ? [values[0]!, 'etc'] : values;
  return shown.map((v) => pascalCase(v) || 'Empty').join('Or');
}

/** Higher ranks give way first in a collision. */
function rank(b: NameBasis): number {
  return b.kind === 'define' || b.kind === 'root' ? 0 : 1;
}

function candidates(n: Nameable): string[] {
  const b = n.basis;
  const prefixed = (name: string, file: string): string[] => {
    const p = filePrefix(file);
    const withPrefix = joinName(p, name, true);
    return withPrefix === name ? [name] : [name, withPrefix];
  };
  switch (b.kind) {
    case 'define':
      return prefixed(defineName(b.id, b.name), b.file);
    case 'path': {
      const byPath = pathName(b.id, b.contexts, b.defines);
      const local = pascalCase(b.contexts.get(b.id)!.local);
      const byOwner = b.owner ? joinName(b.owner.name!, local) : byPath;
      return [...new Set([byPath, byOwner, ...prefixed(byPath, n.module), ...prefixed(byOwner, n.module)])];
    }
    case 'root':
      return [NAME_OVERRIDES.types[`${b.file}#<start>`] ?? pascalCase(b.root)];
    case 'owner': {
      const members = [...new Set(b.members.map((id) => pathName(id, b.contexts, b.defines)))];
      const shown = members.length > MAX_VALUES_IN_NAME ? [members[0]!, 'Etc'] : members;
      return [...new Set([...prefixed(joinName(b.owner.name!, pascalCase(b.local)), n.module), shown.join('Or')])];
    }
    case 'owner-define':
      return [joinName(b.owner.name!, pascalCase(b.name))];
    case 'value':
      return [joinName(b.owner.name!, valuesName(b.values)), joinName(b.owner.name!, pascalCase(b.attribute) + valuesName(b.values))];
  }
}

/** Gives every entry a unique name; entries must come after the owners they are named from. */
export function assignNames(entries: readonly Nameable[]): void {
  const level = new Map<Nameable, number>(entries.map((e) => [e, 0]));
  for (;;) {
    for (const e of entries) {
      const c = candidates(e);
      e.name = c[Math.min(level.get(e)!, c.length - 1)]!;
    }
    const groups = new Map<string, Nameable[]>();
    for (const e of entries) {
      const g = groups.get(e.name!);
      if (g) g.push(e);
      else groups.set(e.name!, [e]);
    }
    let changed = false;
    const unsettled: string[] = [];
    for (const [name, group] of groups) {
      const reserved = RESERVED_TYPE_NAMES.has(name);
      if (group.length < 2 && !reserved) continue;
      const lowest = reserved ? -1 : Math.min(...group.map((e) => rank(e.basis)));
      const yielding = group.filter((e) => rank(e.basis) > lowest);
      const movers = yielding.length > 0 ? yielding : group;
      let moved = false;
      for (const e of movers) {
        if (level.get(e)! + 1 < candidates(e).length) {
          level.set(e, level.get(e)! + 1);
          moved = true;
        }
      }
      if (moved) changed = true;
      else unsettled.push(`${name}: ${group.map(describe).join('; ')}`);
    }
    if (!changed) {
      if (unsettled.length > 0) {
        throw new CodegenError('name-collision', `type names collide; add entries to codegen/names.overrides.json ("types"):\n  ${unsettled.join('\n  ')}`);
      }
      return;
    }
  }
}

function describe(n: Nameable): string {
  const s = n.source;
  switch (s.kind) {
    case 'define':
      return `define "${s.define}" (${s.file}) [key ${n.basis.kind === 'define' ? n.basis.id : n.key}]`;
    case 'element':
      return `element ${s.path} (${s.file}) [key ${n.basis.kind === 'path' ? overrideKey(n.basis.id, n.basis.contexts) : n.key}]`;
    case 'merged':
      return `elements ${s.from.join(', ')} (${s.file})`;
    case 'case':
      return `case ${s.path} (${s.file})`;
  }
}
