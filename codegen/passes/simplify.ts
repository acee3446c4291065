/**
 * simplify: turns a {@link LoadedGrammar} into the interned pattern graph (RELAX NG §4.12–4.20).
 *
 * optional/zeroOrMore/mixed become their core forms, `value` without a library becomes a
 * builtin token, refs to defines are inlined except through elements (each element becomes one
 * graph node, so recursion goes through elements only, §4.19), and the builder applies the
 * notAllowed/empty identities. Only what is reachable from the start is built.
 */
import { PatternBuilder } from '../../src/xml/grammar/builder.js';
import type { NameClass } from '../../src/xml/grammar/name-class.js';
import type { ElementPattern, Pattern } from '../../src/xml/grammar/pattern.js';
import { CodegenError } from '../errors.js';
import type { ElementNode, LoadedGrammar, NameClassNode, RngNode } from '../rng-ast.js';

export interface SimplifiedGrammar {
  readonly builder: PatternBuilder;
  readonly start: Pattern;
  /** Element patterns in the order they were created, with the schema node each came from. */
  readonly elements: readonly { readonly pattern: ElementPattern; readonly node: ElementNode }[];
}

export function simplifyGrammar(grammar: LoadedGrammar, builder = new PatternBuilder()): SimplifiedGrammar {
  return new Simplifier(grammar, builder).run();
}

class Simplifier {
  private readonly defineCache = new Map<string, Pattern>();
  private readonly inProgress = new Set<string>();
  private readonly elementCache = new Map<ElementNode, ElementPattern>();
  private readonly elements: { pattern: ElementPattern; node: ElementNode }[] = [];
  private readonly pendingContent: { pattern: ElementPattern; node: ElementNode; define: string | undefined }[] = [];

  constructor(
    private readonly grammar: LoadedGrammar,
    private readonly b: PatternBuilder,
  ) {}

  run(): SimplifiedGrammar {
    const start = this.pattern(this.grammar.start, undefined);
    // Element contents are built after their element node exists, which is what allows cycles.
    for (let i = 0; i < this.pendingContent.length; i++) {
      const { pattern, node, define } = this.pendingContent[i]!;
      this.b.setElementContent(pattern, this.sequence(node.content, define));
    }
    return { builder: this.b, start, elements: this.elements };
  }

  private sequence(items: readonly RngNode[], define: string | undefined): Pattern {
    let result: Pattern = this.b.empty;
    for (const item of items) result = this.b.group(result, this.pattern(item, define));
    return result;
  }

  private pattern(node: RngNode, define: string | undefined): Pattern {
    const b = this.b;
    switch (node.kind) {
      case 'empty': return b.empty;
      case 'text': return b.text;
      case 'notAllowed': return b.notAllowed;
      case 'group': return this.sequence(node.items, define);
      case 'interleave': {
        let result: Pattern = b.empty;
        for (const item of node.items) result = b.interleave(result, this.pattern(item, define));
        return result;
      }
      case 'choice': {
        let result: Pattern = b.notAllowed;
        for (const item of node.items) result = b.choice(result, this.pattern(item, define));
        return result;
      }
      case 'optional': return b.optional(this.sequence(node.items, define));
      case 'zeroOrMore': return b.zeroOrMore(this.sequence(node.items, define));
      case 'oneOrMore': return b.oneOrMore(this.sequence(node.items, define));
      case 'mixed': return b.interleave(b.text, this.sequence(node.items, define));
      case 'list': return b.list(this.sequence(node.items, define));
      case 'value':
        return b.value(b.datatype(node.datatypeLibrary, node.type), node.value, node.ns);
      case 'data':
        return b.data(
          b.datatype(node.datatypeLibrary, node.type, node.params),
          node.except ? this.pattern(node.except, define) : undefined,
        );
      case 'attribute':
        return b.attribute(this.nameClass(node.nameClass), this.pattern(node.content, define));
      case 'element': {
        let el = this.elementCache.get(node);
        if (el === undefined) {
          el = b.element(this.nameClass(node.nameClass), {
            ...(define !== undefined ? { define } : {}),
            file: node.loc.file,
            line: node.loc.line,
          });
          this.elementCache.set(node, el);
          this.elements.push({ pattern: el, node });
          this.pendingContent.push({ pattern: el, node, define });
        }
        return el;
      }
      case 'ref': return this.define(node.target, node);
    }
  }

  private define(key: string, ref: RngNode): Pattern {
    const known = this.defineCache.get(key);
    if (known !== undefined) return known;
    const def = this.grammar.defines.get(key);
    if (def === undefined) throw new CodegenError('undefined-ref', `no define "${key}"`, ref.loc);
    if (this.inProgress.has(key)) {
      // §4.19: a define may only refer to itself through an element.
      throw new CodegenError('recursive-define', `define "${def.name}" refers to itself outside an element`, def.loc);
    }
    this.inProgress.add(key);
    const p = this.pattern(def.body, def.name);
    this.inProgress.delete(key);
    this.defineCache.set(key, p);
    return p;
  }

  private nameClass(nc: NameClassNode): NameClass {
    const names = this.b.names;
    switch (nc.kind) {
      case 'name': return names.name(nc.ns, nc.local);
      case 'anyName': return names.anyName(nc.except ? this.nameClass(nc.except) : undefined);
      case 'nsName': return names.nsName(nc.ns, nc.except ? this.nameClass(nc.except) : undefined);
      case 'choice': {
        const [first, ...rest] = nc.items.map((i) => this.nameClass(i));
        if (first === undefined) throw new CodegenError('empty-name-class', 'name-class <choice> is empty');
        return rest.reduce((acc, n) => names.choice(acc, n), first);
      }
    }
  }
}
