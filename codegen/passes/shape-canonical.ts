/**
 * First step of the shape pass: the loaded grammars of all roots as one set of defines and
 * elements, identified by where they are written rather than by which root loaded them.
 *
 * A define is `file#name` (the file of its first part); an element is `file:line:column`. Roots
 * load shared files many times (domaincommon.rng is in 6 roots, sometimes twice through nested
 * grammars); those copies become one. Where copies differ (a `combine="choice"` override that
 * only some roots have, like `storageSourceExtra`), the define's body is the choice of the
 * different bodies, so one model type accepts what any root accepts.
 */
import type { ElementNode, LoadedGrammar, RngNode, SourceLocation } from '../rng-ast.js';

export interface CanonDefine {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly loc: SourceLocation;
  /** The body with every ref's `target` rewritten to a define id. */
  readonly body: RngNode;
}

/** Where an element is written: what names it when it has no define of its own. */
export interface ElementContext {
  readonly id: string;
  readonly local: string;
  readonly file: string;
  /** The define whose body holds the element. */
  readonly define: string;
  /** The nearest enclosing element in the same define body. */
  readonly parent?: string;
  /** The define's body is this element (possibly optional or repeated). */
  readonly wholeDefine: boolean;
}

export interface RootGrammar {
  /** The root's name, e.g. `domain`. */
  readonly root: string;
  readonly grammar: LoadedGrammar;
}

export interface CanonGrammar {
  readonly defines: ReadonlyMap<string, CanonDefine>;
  readonly elements: ReadonlyMap<string, ElementNode>;
  readonly contexts: ReadonlyMap<string, ElementContext>;
  /** Each root's start pattern, refs rewritten. */
  readonly starts: ReadonlyMap<string, RngNode>;
  /** Root → its schema file. */
  readonly rootFiles: ReadonlyMap<string, string>;
}

export function locId(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

export function canonicalise(roots: readonly RootGrammar[]): CanonGrammar {
  const bodies = new Map<string, { define: Omit<CanonDefine, 'body'>; variants: Map<string, RngNode> }>();
  const starts = new Map<string, RngNode>();
  const rootFiles = new Map<string, string>();
  for (const { root, grammar } of roots) {
    const defineId = (key: string): string => {
      const d = grammar.defines.get(key);
      if (d === undefined) throw new Error(`${grammar.file}: ref to unknown define key "${key}"`);
      return `${d.loc.file}#${d.name}`;
    };
    for (const d of grammar.defines.values()) {
      const id = `${d.loc.file}#${d.name}`;
      const body = rewriteRefs(d.body, defineId);
      let entry = bodies.get(id);
      if (entry === undefined) {
        entry = { define: { id, name: d.name, file: d.loc.file, loc: d.loc }, variants: new Map() };
        bodies.set(id, entry);
      }
      const key = JSON.stringify(body);
      if (!entry.variants.has(key)) entry.variants.set(key, body);
    }
    starts.set(root, rewriteRefs(grammar.start, defineId));
    rootFiles.set(root, grammar.file);
  }
  const defines = new Map<string, CanonDefine>();
  for (const id of [...bodies.keys()].sort()) {
    const { define, variants } = bodies.get(id)!;
    const all = [...variants.values()];
    const body: RngNode = all.length === 1 ? all[0]! : { kind: 'choice', items: all, loc: define.loc };
    defines.set(id, { ...define, body });
  }
  const elements = new Map<string, ElementNode>();
  const contexts = new Map<string, ElementContext>();
  for (const d of defines.values()) collectElements(d, elements, contexts);
  for (const [root, start] of starts) collectElements({ id: `${rootFiles.get(root)}#<start>`, name: '<start>', file: rootFiles.get(root)!, loc: start.loc, body: start }, elements, contexts);
  return { defines, elements, contexts, starts, rootFiles };
}

function rewriteRefs(node: RngNode, defineId: (key: string) => string): RngNode {
  switch (node.kind) {
    case 'ref':
      return { ...node, target: defineId(node.target) };
    case 'element':
      return { ...node, content: node.content.map((c) => rewriteRefs(c, defineId)) };
    case 'attribute':
      return { ...node, content: rewriteRefs(node.content, defineId) };
    case 'group':
    case 'interleave':
    case 'choice':
    case 'optional':
    case 'zeroOrMore':
    case 'oneOrMore':
    case 'mixed':
    case 'list':
      return { ...node, items: node.items.map((c) => rewriteRefs(c, defineId)) };
    case 'data':
      return node.except ? { ...node, except: rewriteRefs(node.except, defineId) } : node;
    case 'value':
    case 'empty':
    case 'text':
    case 'notAllowed':
      return node;
  }
}

function collectElements(define: CanonDefine, elements: Map<string, ElementNode>, contexts: Map<string, ElementContext>): void {
  const whole = wholeElement(define.body);
  const visit = (node: RngNode, parent: string | undefined): void => {
    switch (node.kind) {
      case 'element': {
        const id = locId(node.loc);
        const seen = elements.get(id);
        if (seen === undefined) elements.set(id, node);
        else if (JSON.stringify(seen.content) !== JSON.stringify(node.content)) {
          // The same element written once but reached with different define bodies: accept either.
          elements.set(id, { ...seen, content: [{ kind: 'choice', items: [group(seen.content, seen.loc), group(node.content, node.loc)], loc: seen.loc }] });
        }
        if (!contexts.has(id)) {
          const local = node.nameClass.kind === 'name' ? node.nameClass.local : '';
          contexts.set(id, {
            id,
            local,
            file: node.loc.file,
            define: define.id,
            ...(parent !== undefined ? { parent } : {}),
            wholeDefine: node === whole,
          });
        }
        for (const c of node.content) visit(c, id);
        return;
      }
      case 'attribute':
        return;
      case 'group':
      case 'interleave':
      case 'choice':
      case 'optional':
      case 'zeroOrMore':
      case 'oneOrMore':
      case 'mixed':
      case 'list':
        for (const c of node.items) visit(c, parent);
        return;
      case 'data':
      case 'value':
      case 'empty':
      case 'text':
      case 'notAllowed':
      case 'ref':
        return;
    }
  };
  visit(define.body, undefined);
}

function group(items: readonly RngNode[], loc: SourceLocation): RngNode {
  return items.length === 1 ? items[0]! : { kind: 'group', items, loc };
}

/** The element a define's body consists of, looking through optional and repetition. */
function wholeElement(body: RngNode): ElementNode | undefined {
  let n = body;
  while ((n.kind === 'optional' || n.kind === 'zeroOrMore' || n.kind === 'oneOrMore' || n.kind === 'group') && n.items.length === 1) n = n.items[0]!;
  return n.kind === 'element' ? n : undefined;
}
