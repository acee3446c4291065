/**
 * load: reads a root `.rng` file and everything it includes into one {@link LoadedGrammar}.
 *
 * Implements RELAX NG §4.1–4.18 up to, but not including, pattern simplification: foreign
 * markup is dropped, `datatypeLibrary` and `ns` are inherited, QNames are resolved, `include`
 * (with overriding components), `externalRef`, nested `grammar`/`parentRef`, `div` and
 * `combine` are resolved. Anything it does not understand is a {@link CodegenError} with the
 * file:line:column; nothing is skipped silently.
 */
import { LineMap } from '../../src/xml/dom/index.js';
import type { XmlElement } from '../../src/xml/dom/types.js';
import { CodegenError, parseSchemaXml } from '../errors.js';
import type { DefineNode, LoadedGrammar, NameClassNode, RefNode, RngNode, SourceLocation } from '../rng-ast.js';

export const RNG_NS = 'http://relaxng.org/ns/structure/1.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Reads a schema file by its path relative to the schema folder. */
export type SchemaReader = (file: string) => string;

interface Context {
  readonly file: string;
  readonly lines: LineMap;
  /** Namespace prefixes declared on the ancestors in the schema document. */
  readonly prefixes: ReadonlyMap<string, string>;
  readonly ns: string;
  readonly datatypeLibrary: string;
}

interface DefinePart {
  readonly combine: 'choice' | 'interleave' | undefined;
  readonly body: RngNode;
  readonly loc: SourceLocation;
}

class Scope {
  readonly defines = new Map<string, DefinePart[]>();
  readonly start: DefinePart[] = [];
  readonly refs: { name: string; node: { target: string }; loc: SourceLocation }[] = [];
  constructor(
    readonly parent: Scope | undefined,
    /** Prefix that makes this scope's define keys unique; '' for the outermost grammar. */
    readonly keyPrefix: string,
  ) {}
  key(name: string): string {
    return this.keyPrefix + name;
  }
}

export function loadGrammar(rootFile: string, read: SchemaReader): LoadedGrammar {
  return new Loader(read).load(rootFile);
}

class Loader {
  private readonly defines = new Map<string, DefineNode>();
  private readonly scopes: Scope[] = [];
  private readonly documents = new Map<string, { root: XmlElement; lines: LineMap }>();
  private readonly includeStack: string[] = [];

  constructor(private readonly read: SchemaReader) {}

  load(rootFile: string): LoadedGrammar {
    const { root, ctx } = this.openDocument(rootFile, '', { file: rootFile, line: 1, column: 1 });
    if (!this.isRng(root, 'grammar')) {
      // A schema that is a bare pattern: wrap it as the start of an implicit grammar.
      const scope = this.newScope(undefined);
      const start = this.pattern(root, ctx, scope);
      this.finishScope(scope);
      return { file: rootFile, start, defines: this.defines };
    }
    const scope = this.newScope(undefined);
    this.grammarContent(root, ctx, scope, new Set(), false);
    const start = this.finishScope(scope);
    return { file: rootFile, start, defines: this.defines };
  }

  // ---- documents -------------------------------------------------------------------------

  private openDocument(file: string, inheritedNs: string, from: SourceLocation): { root: XmlElement; ctx: Context } {
    let doc = this.documents.get(file);
    if (doc === undefined) {
      let text: string;
      try {
        text = this.read(file);
      } catch (e) {
        throw new CodegenError('schema-unreadable', `cannot read ${file}: ${(e as Error).message}`, from);
      }
      doc = { root: parseSchemaXml(text, file).root, lines: new LineMap(text) };
      this.documents.set(file, doc);
    }
    const base: Context = { file, lines: doc.lines, prefixes: new Map([['xml', XML_NS]]), ns: inheritedNs, datatypeLibrary: '' };
    return { root: doc.root, ctx: this.enter(doc.root, base) };
  }

  /** The context seen by the children of `el`: its namespace declarations, ns and datatypeLibrary. */
  private enter(el: XmlElement, parent: Context): Context {
    let prefixes = parent.prefixes;
    let ns = parent.ns;
    let datatypeLibrary = parent.datatypeLibrary;
    for (const a of el.attributes) {
      if (a.prefix === 'xmlns') {
        if (prefixes === parent.prefixes) prefixes = new Map(prefixes);
        (prefixes as Map<string, string>).set(a.local, a.value);
      } else if (a.prefix === '' && a.local === 'ns' && a.name === 'ns') {
        ns = a.value;
      } else if (a.prefix === '' && a.local === 'datatypeLibrary') {
        datatypeLibrary = a.value;
      }
    }
    return { ...parent, prefixes, ns, datatypeLibrary };
  }

  private loc(el: XmlElement, ctx: Context): SourceLocation {
    const p = ctx.lines.locate(el.offset);
    return { file: ctx.file, line: p.line, column: p.column };
  }

  private isRng(el: XmlElement, local?: string): boolean {
    return el.ns === RNG_NS && (local === undefined || el.local === local);
  }

  private attr(el: XmlElement, name: string): string | undefined {
    for (const a of el.attributes) if (a.prefix === '' && a.local === name) return a.value;
    return undefined;
  }

  private requireAttr(el: XmlElement, name: string, ctx: Context): string {
    const v = this.attr(el, name);
    if (v === undefined) throw new CodegenError('missing-attribute', `<${el.local}> needs a "${name}" attribute`, this.loc(el, ctx));
    return v.trim();
  }

  /** RELAX NG children of `el`, foreign elements dropped (§4.1); text other than whitespace is an error. */
  private rngChildren(el: XmlElement, ctx: Context): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of el.children) {
      if (c.kind === 'element') {
        if (this.isRng(c)) out.push(c);
      } else if ((c.kind === 'text' || c.kind === 'cdata') && c.value.trim() !== '') {
        throw new CodegenError('unexpected-text', `text is not allowed in <${el.local}>`, this.loc(el, ctx));
      }
    }
    return out;
  }

  private textContent(el: XmlElement): string {
    let s = '';
    for (const c of el.children) if (c.kind === 'text' || c.kind === 'cdata') s += c.value;
    return s;
  }

  // ---- grammars --------------------------------------------------------------------------

  private newScope(parent: Scope | undefined): Scope {
    const scope = new Scope(parent, this.scopes.length === 0 ? '' : `g${this.scopes.length}:`);
    this.scopes.push(scope);
    return scope;
  }

  /**
   * Adds a grammar's components to `scope`. `overridden` names the defines (and `overrideStart`
   * the start) that an including `<include>` replaces: those are left out here (§4.7).
   */
  private grammarContent(el: XmlElement, ctx: Context, scope: Scope, overridden: ReadonlySet<string>, overrideStart: boolean): void {
    for (const child of this.rngChildren(el, ctx)) {
      const childCtx = this.enter(child, ctx);
      switch (child.local) {
        case 'start':
          if (!overrideStart) scope.start.push(this.definePart(child, childCtx, scope));
          break;
        case 'define': {
          const name = this.requireAttr(child, 'name', ctx);
          if (overridden.has(name)) break;
          let parts = scope.defines.get(name);
          if (parts === undefined) scope.defines.set(name, (parts = []));
          parts.push(this.definePart(child, childCtx, scope));
          break;
        }
        case 'div':
          this.grammarContent(child, childCtx, scope, overridden, overrideStart);
          break;
        case 'include':
          this.include(child, childCtx, scope, overridden, overrideStart);
          break;
        default:
          throw new CodegenError('unsupported-construct', `<${child.local}> is not allowed in a grammar`, this.loc(child, ctx));
      }
    }
  }

  private include(el: XmlElement, ctx: Context, scope: Scope, outerOverridden: ReadonlySet<string>, outerStart: boolean): void {
    const href = this.requireAttr(el, 'href', ctx);
    const file = resolveHref(ctx.file, href);
    const at = this.loc(el, ctx);
    if (this.includeStack.includes(file)) {
      throw new CodegenError('include-loop', `${file} includes itself (${[...this.includeStack, file].join(' → ')})`, at);
    }
    // The include's own components override the included grammar's ones of the same name.
    const overridden = new Set(outerOverridden);
    let overrideStart = outerStart;
    const collect = (container: XmlElement): void => {
      for (const c of this.rngChildren(container, ctx)) {
        if (c.local === 'define') overridden.add(this.requireAttr(c, 'name', ctx));
        else if (c.local === 'start') overrideStart = true;
        else if (c.local === 'div') collect(c);
      }
    };
    collect(el);
    const { root, ctx: incCtx } = this.openDocument(file, this.attr(el, 'ns') !== undefined ? ctx.ns : ctx.ns, at);
    if (!this.isRng(root, 'grammar')) {
      throw new CodegenError('include-not-grammar', `${file} is included but its root is not <grammar>`, at);
    }
    // The included grammar takes the include's ns only when it has no ns attribute of its own (§4.7).
    const grammarCtx = this.attr(root, 'ns') === undefined ? { ...incCtx, ns: ctx.ns } : incCtx;
    this.includeStack.push(file);
    this.grammarContent(root, grammarCtx, scope, overridden, overrideStart);
    this.includeStack.pop();
    // Then the include's own components (they are ordinary grammar content of this scope).
    this.grammarContent(el, ctx, scope, outerOverridden, outerStart);
  }

  private definePart(el: XmlElement, ctx: Context, scope: Scope): DefinePart {
    const combine = this.attr(el, 'combine');
    if (combine !== undefined && combine !== 'choice' && combine !== 'interleave') {
      throw new CodegenError('bad-combine', `combine="${combine}" must be "choice" or "interleave"`, this.loc(el, ctx));
    }
    return { combine, body: this.group(el, ctx, scope), loc: this.loc(el, ctx) };
  }

  /** Resolves refs and combines defines of a finished scope; returns its start pattern. */
  private finishScope(scope: Scope): RngNode {
    for (const [name, parts] of scope.defines) {
      const key = scope.key(name);
      this.defines.set(key, { key, name, body: combineParts(parts, `define "${name}"`), loc: parts[0]!.loc });
    }
    for (const ref of scope.refs) {
      if (!scope.defines.has(ref.name)) {
        throw new CodegenError('undefined-ref', `no define named "${ref.name}"`, ref.loc);
      }
    }
    if (scope.start.length === 0) {
      throw new CodegenError('missing-start', 'grammar has no <start>', undefined);
    }
    return combineParts(scope.start, 'start');
  }

  // ---- patterns --------------------------------------------------------------------------

  /** The children of `el` as one pattern (a group when there are several). */
  private group(el: XmlElement, ctx: Context, scope: Scope): RngNode {
    const items = this.rngChildren(el, ctx).map((c) => this.pattern(c, this.enter(c, ctx), scope));
    if (items.length === 0) {
      throw new CodegenError('empty-container', `<${el.local}> needs at least one pattern`, this.loc(el, ctx));
    }
    return items.length === 1 ? items[0]! : { kind: 'group', items, loc: this.loc(el, ctx) };
  }

  private patternList(el: XmlElement, ctx: Context, scope: Scope, skipFirst = false): RngNode[] {
    const children = this.rngChildren(el, ctx);
    return (skipFirst ? children.slice(1) : children).map((c) => this.pattern(c, this.enter(c, ctx), scope));
  }

  /** `ctx` is the context of `el` itself (its own ns/datatypeLibrary/prefixes applied). */
  private pattern(el: XmlElement, ctx: Context, scope: Scope): RngNode {
    const loc = this.loc(el, ctx);
    switch (el.local) {
      case 'element':
      case 'attribute': {
        const isAttribute = el.local === 'attribute';
        const nameAttr = this.attr(el, 'name');
        let nameClass: NameClassNode;
        let content: RngNode[];
        if (nameAttr !== undefined) {
          // An attribute's unprefixed name is in no namespace unless it says ns= itself (§4.8).
          const ns = isAttribute && this.attr(el, 'ns') === undefined ? '' : ctx.ns;
          nameClass = this.qname(nameAttr.trim(), ns, ctx, loc);
          content = this.patternList(el, ctx, scope);
        } else {
          const first = this.rngChildren(el, ctx)[0];
          if (first === undefined) throw new CodegenError('missing-name', `<${el.local}> has no name`, loc);
          nameClass = this.nameClass(first, this.enter(first, ctx), isAttribute);
          content = this.patternList(el, ctx, scope, true);
        }
        if (isAttribute) {
          if (content.length > 1) throw new CodegenError('attribute-content', '<attribute> takes one pattern', loc);
          return { kind: 'attribute', nameClass, content: content[0] ?? { kind: 'text', loc }, loc };
        }
        if (content.length === 0) throw new CodegenError('empty-container', '<element> needs a pattern', loc);
        return { kind: 'element', nameClass, content, loc };
      }
      case 'group':
      case 'interleave':
      case 'choice':
      case 'optional':
      case 'zeroOrMore':
      case 'oneOrMore':
      case 'mixed':
      case 'list': {
        const items = this.patternList(el, ctx, scope);
        if (items.length === 0) throw new CodegenError('empty-container', `<${el.local}> needs at least one pattern`, loc);
        return { kind: el.local, items, loc };
      }
      case 'empty':
      case 'text':
      case 'notAllowed':
        return { kind: el.local, loc };
      case 'ref':
      case 'parentRef': {
        const name = this.requireAttr(el, 'name', ctx);
        const target = el.local === 'ref' ? scope : scope.parent;
        if (target === undefined) throw new CodegenError('parent-ref-outside', '<parentRef> outside a nested grammar', loc);
        const node: RefNode = { kind: 'ref', target: target.key(name), loc };
        target.refs.push({ name, node, loc });
        return node;
      }
      case 'value': {
        const type = this.attr(el, 'type');
        // A value without type is a builtin token (§4.4).
        return {
          kind: 'value',
          datatypeLibrary: type === undefined ? '' : ctx.datatypeLibrary,
          type: type?.trim() ?? 'token',
          value: this.textContent(el),
          ns: ctx.ns,
          loc,
        };
      }
      case 'data': {
        const params: { name: string; value: string }[] = [];
        let except: RngNode | undefined;
        for (const c of this.rngChildren(el, ctx)) {
          if (c.local === 'param') params.push({ name: this.requireAttr(c, 'name', ctx), value: this.textContent(c) });
          else if (c.local === 'except') except = this.exceptPattern(c, this.enter(c, ctx), scope);
          else throw new CodegenError('unsupported-construct', `<${c.local}> is not allowed in <data>`, this.loc(c, ctx));
        }
        return {
          kind: 'data',
          datatypeLibrary: ctx.datatypeLibrary,
          type: this.requireAttr(el, 'type', ctx),
          params,
          ...(except ? { except } : {}),
          loc,
        };
      }
      case 'externalRef': {
        const file = resolveHref(ctx.file, this.requireAttr(el, 'href', ctx));
        const { root, ctx: extCtx } = this.openDocument(file, ctx.ns, loc);
        const rootCtx = this.attr(root, 'ns') === undefined ? { ...extCtx, ns: ctx.ns } : extCtx;
        return this.pattern(root, rootCtx, scope);
      }
      case 'grammar': {
        const nested = this.newScope(scope);
        this.grammarContent(el, ctx, nested, new Set(), false);
        return this.finishScope(nested);
      }
      default:
        throw new CodegenError('unsupported-construct', `<${el.local}> is not a RELAX NG pattern`, loc);
    }
  }

  private exceptPattern(el: XmlElement, ctx: Context, scope: Scope): RngNode {
    const items = this.patternList(el, ctx, scope);
    if (items.length === 0) throw new CodegenError('empty-container', '<except> needs a pattern', this.loc(el, ctx));
    return items.length === 1 ? items[0]! : { kind: 'choice', items, loc: this.loc(el, ctx) };
  }

  private qname(name: string, defaultNs: string, ctx: Context, loc: SourceLocation): NameClassNode {
    const colon = name.indexOf(':');
    if (colon < 0) return { kind: 'name', ns: defaultNs, local: name };
    const prefix = name.slice(0, colon);
    const ns = ctx.prefixes.get(prefix);
    if (ns === undefined) throw new CodegenError('unbound-prefix', `prefix "${prefix}" of "${name}" is not declared`, loc);
    return { kind: 'name', ns, local: name.slice(colon + 1) };
  }

  private nameClass(el: XmlElement, ctx: Context, forAttribute: boolean): NameClassNode {
    const loc = this.loc(el, ctx);
    switch (el.local) {
      case 'name': {
        const ns = forAttribute && this.attr(el, 'ns') === undefined ? '' : ctx.ns;
        return this.qname(this.textContent(el).trim(), ns, ctx, loc);
      }
      case 'anyName':
      case 'nsName': {
        let except: NameClassNode | undefined;
        for (const c of this.rngChildren(el, ctx)) {
          if (c.local !== 'except') throw new CodegenError('unsupported-construct', `<${c.local}> is not allowed in <${el.local}>`, this.loc(c, ctx));
          const items = this.rngChildren(c, ctx).map((n) => this.nameClass(n, this.enter(n, ctx), forAttribute));
          except = items.length === 1 ? items[0]! : { kind: 'choice', items };
        }
        const exceptPart = except ? { except } : {};
        return el.local === 'anyName' ? { kind: 'anyName', ...exceptPart } : { kind: 'nsName', ns: ctx.ns, ...exceptPart };
      }
      case 'choice':
        return { kind: 'choice', items: this.rngChildren(el, ctx).map((c) => this.nameClass(c, this.enter(c, ctx), forAttribute)) };
      default:
        throw new CodegenError('unsupported-construct', `<${el.local}> is not a name class`, loc);
    }
  }
}

function combineParts(parts: readonly DefinePart[], what: string): RngNode {
  const first = parts[0]!;
  if (parts.length === 1) return first.body;
  const plain = parts.filter((p) => p.combine === undefined);
  if (plain.length > 1) {
    throw new CodegenError('duplicate-define', `${what} is defined more than once without combine`, plain[1]!.loc);
  }
  const methods = new Set(parts.map((p) => p.combine).filter((c) => c !== undefined));
  if (methods.size > 1) throw new CodegenError('mixed-combine', `${what} combines by both choice and interleave`, first.loc);
  const method = [...methods][0]!;
  return { kind: method, items: parts.map((p) => p.body), loc: first.loc };
}

/** Resolves an href relative to the including file (schema folders are flat, but be correct). */
export function resolveHref(from: string, href: string): string {
  if (href.startsWith('/') || /^[a-z]+:/i.test(href)) {
    throw new CodegenError('external-href', `href "${href}" points outside the schema folder`, { file: from, line: 1, column: 1 });
  }
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  const parts: string[] = [];
  for (const seg of (dir + href).split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}
