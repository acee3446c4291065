/**
 * shape: decides the TypeScript model of the pinned release — which elements become object
 * types, which choices become discriminated unions, what every type and property is called —
 * from the loaded grammars of all roots.
 *
 * Steps: the roots' grammars become one canonical set of defines and elements
 * (shape-canonical), element contents become fields and variants (shape-content), then this
 * module walks from the roots to every reachable type, names the types (shape-naming) and
 * writes the {@link ShapeModel} that emit-types prints.
 */
import { CodegenError } from '../errors.js';
import { namespacePrefix } from '../names.js';
import { canonicalise, type CanonGrammar, type RootGrammar } from './shape-canonical.js';
import { ContentAnalyser, topFields, type Case, type Content, type Field, type Variant } from './shape-content.js';
import type {
  Declaration,
  ElementShape,
  RootShape,
  ShapeContent,
  ShapeEntry,
  ShapeField,
  ShapeModel,
  ShapeValue,
  ShapeVariant,
  Source,
} from './shape-ir.js';
import { assignNames, type NameBasis, type Nameable } from './shape-naming.js';
import type { Value, ValuePart } from './shape-values.js';

export type { RootGrammar } from './shape-canonical.js';

export function shapeModel(release: string, roots: readonly RootGrammar[]): ShapeModel {
  return new Shaper(canonicalise(roots)).run(release);
}

interface ObjectEntry extends Nameable {
  readonly kind: 'object';
  readonly ids: readonly string[];
  readonly ns: string;
  readonly local: string;
  readonly content: Content;
  /** Element keys whose property takes the `Element` suffix (an attribute has the name). */
  readonly clash: ReadonlySet<string>;
}

interface CaseEntry extends Nameable {
  readonly kind: 'case';
  readonly content: Content;
  readonly clash: ReadonlySet<string>;
}

interface UnionEntry extends Nameable {
  readonly kind: 'union';
  readonly variant: Variant;
  readonly owner: Nameable;
  readonly clash: ReadonlySet<string>;
}

interface AliasEntry extends Nameable {
  readonly kind: 'alias';
  readonly literals: readonly string[];
}

type Entry = ObjectEntry | CaseEntry | UnionEntry | AliasEntry;

class Shaper {
  private readonly analyser: ContentAnalyser;
  private readonly entries = new Map<string, Entry>();
  private readonly order: Entry[] = [];
  private readonly queue: (ObjectEntry | CaseEntry)[] = [];
  private readonly signatures = new WeakMap<object, string>();
  private readonly namespaces = new Map<string, string>();
  /** Defines whose case type already took the define's own name. */
  private readonly namedCaseDefines = new Map<string, string>();
  private readonly namedUnionDefines = new Map<string, string>();

  constructor(private readonly grammar: CanonGrammar) {
    this.analyser = new ContentAnalyser(grammar);
  }

  run(release: string): ShapeModel {
    const rootTypes: { root: string; file: string; elements: { ns: string; local: string; entry: ObjectEntry }[] }[] = [];
    for (const root of [...this.grammar.starts.keys()].sort()) {
      const file = this.grammar.rootFiles.get(root)!;
      const start = this.analyser.analyse(this.grammar.starts.get(root)!);
      const elements = flatFields(start)
        .filter((f) => f.kind === 'element')
        .map((f) => ({ ns: f.ns, local: f.local, entry: this.objectFor(f.elements!, f.ns, f.local, { kind: 'root', root, file }) }));
      if (elements.length === 0) throw new CodegenError('no-root-element', `${file}: the start names no element`);
      rootTypes.push({ root, file, elements });
    }
    for (let i = 0; i < this.queue.length; i++) this.discover(this.queue[i]!);

    assignNames(this.order);

    const declarations = this.order.map((e) => this.declaration(e));
    declarations.sort((a, b) => cmp(a.module, b.module) || cmp(a.name, b.name));
    const roots: RootShape[] = rootTypes.map((r) => ({
      root: r.root,
      file: r.file,
      elements: r.elements.map((e) => ({ ns: e.ns, local: e.local, type: e.entry.name! })),
    }));
    return { release, declarations, roots, namespaces: new Map([...this.namespaces].sort((a, b) => cmp(a[0], b[0]))) };
  }

  // ---- discovery: every type reachable from the roots ---------------------------------------

  private add<T extends Entry>(key: string, make: () => Omit<T, 'key'>): T {
    let e = this.entries.get(key);
    if (e === undefined) {
      e = { ...make(), key } as T;
      this.entries.set(key, e);
      this.order.push(e);
      if (e.kind === 'object' || e.kind === 'case') this.queue.push(e);
    }
    return e as T;
  }

  private objectFor(ids: readonly string[], ns: string, local: string, owner: { kind: 'root'; root: string; file: string } | Nameable): ObjectEntry {
    return this.add<ObjectEntry>(`object ${ids.join(',')}`, () => {
      const content = this.analyser.elements(ids);
      const ctx = ids.length === 1 ? this.grammar.contexts.get(ids[0]!)! : undefined;
      let basis: NameBasis;
      let module: string;
      let source: Source;
      if (ctx) {
        // Elements written in a start pattern have no define.
        const define = this.grammar.defines.get(ctx.define);
        module = ctx.file;
        if (ctx.wholeDefine && define !== undefined) {
          basis = { kind: 'define', id: ctx.define, name: define.name, file: define.file };
          source = { kind: 'define', define: define.name, file: define.file };
        } else {
          basis = {
            kind: 'path',
            id: ctx.id,
            contexts: this.grammar.contexts,
            defines: this.grammar.defines,
            ...('key' in owner ? { owner } : {}),
          };
          source = { kind: 'element', path: this.elementPath(ctx.id), file: ctx.file };
        }
      } else if ('kind' in owner && owner.kind === 'root') {
        module = this.grammar.contexts.get(ids[0]!)!.file;
        basis = { kind: 'root', root: owner.root, file: owner.file };
        source = { kind: 'merged', path: local, file: owner.file, from: ids.map((id) => this.elementPath(id)) };
      } else {
        const o = owner as Nameable;
        module = o.module;
        basis = { kind: 'owner', owner: o, local, members: ids, contexts: this.grammar.contexts, defines: this.grammar.defines };
        source = { kind: 'merged', path: local, file: module, from: ids.map((id) => this.elementPath(id)) };
      }
      return { kind: 'object', ids, ns, local, content, clash: clashes(content), basis, module, source };
    });
  }

  private caseFor(c: Case, variant: Variant, owner: Nameable, clash: ReadonlySet<string>): CaseEntry {
    const used = usedClash(c.content, clash);
    const sig = this.signature(c.content) + '|' + [...used].sort().join(',');
    if (c.define !== undefined) {
      const define = this.grammar.defines.get(c.define)!;
      const first = this.namedCaseDefines.get(c.define);
      const own = first === undefined || first === sig;
      if (own) this.namedCaseDefines.set(c.define, sig);
      return this.add<CaseEntry>(`case ${c.define} ${sig}`, () => ({
        kind: 'case',
        content: c.content,
        clash: used,
        basis: own ? { kind: 'define', id: c.define!, name: define.name, file: define.file } : { kind: 'owner-define', owner, name: define.name },
        module: own ? define.file : owner.module,
        source: { kind: 'define', define: define.name, file: define.file },
      }));
    }
    return this.add<CaseEntry>(`case ${owner.key} ${variant.key}=${c.values.join('|')} ${sig}`, () => ({
      kind: 'case',
      content: c.content,
      clash: used,
      basis: { kind: 'value', owner, attribute: variant.local, values: c.values },
      module: owner.module,
      source: { kind: 'case', path: `@${variant.local}=${c.values.map((v) => `'${v}'`).join('|')}`, file: owner.source.file },
    }));
  }

  private unionFor(v: Variant, owner: Nameable, clash: ReadonlySet<string>): UnionEntry | undefined {
    if (v.define === undefined) return undefined;
    const sig = this.signature(v) + '|' + [...clash].sort().join(',');
    const first = this.namedUnionDefines.get(v.define);
    if (first !== undefined && first !== sig) return undefined; // a different use of the define: written inline
    this.namedUnionDefines.set(v.define, sig);
    const define = this.grammar.defines.get(v.define)!;
    return this.add<UnionEntry>(`union ${v.define} ${sig}`, () => ({
      kind: 'union',
      variant: v,
      owner,
      clash,
      basis: { kind: 'define', id: v.define!, name: define.name, file: define.file },
      module: define.file,
      source: { kind: 'define', define: define.name, file: define.file },
    }));
  }

  private aliasFor(id: string, literals: readonly string[]): AliasEntry {
    const define = this.grammar.defines.get(id)!;
    return this.add<AliasEntry>(`alias ${id}`, () => ({
      kind: 'alias',
      literals,
      basis: { kind: 'define', id, name: define.name, file: define.file },
      module: define.file,
      source: { kind: 'define', define: define.name, file: define.file },
    }));
  }

  /** Creates the entries a type refers to (child element types, cases, unions, aliases). */
  private discover(e: ObjectEntry | CaseEntry): void {
    this.walk(e.content, e, e.clash);
  }

  private walk(c: Content, owner: Nameable, clash: ReadonlySet<string>): void {
    for (const entry of c.entries) {
      if (entry.kind === 'field') {
        const f = entry.field;
        if (f.value) this.valueAliases(f.value);
        if (f.kind === 'element') {
          const shape = this.elementKind(f.elements!);
          if (shape.kind === 'object') this.objectFor(f.elements!, f.ns, f.local, owner);
          else if (shape.kind === 'leaf') this.valueAliases(shape.value);
        }
        if (f.ns !== '' && (f.kind === 'attribute' || f.kind === 'element')) this.namespace(f.ns);
      } else {
        const v = entry.variant;
        this.unionFor(v, owner, clash);
        for (const k of v.cases) if (!isEmptyCase(k)) this.caseFor(k, v, owner, clash);
      }
    }
  }

  private valueAliases(v: Value): void {
    for (const t of v.terms) if (t.kind === 'alias') this.aliasFor(t.define, aliasLiterals(t.parts));
  }

  private namespace(ns: string): void {
    const prefix = namespacePrefix(ns);
    if (prefix === undefined) {
      throw new CodegenError('unknown-namespace', `namespace "${ns}" has no prefix: add one to codegen/names.overrides.json ("namespaces")`);
    }
    this.namespaces.set(ns, prefix);
  }

  private elementKind(ids: readonly string[]): { kind: 'object' } | { kind: 'leaf'; value: Value; optional: boolean } | { kind: 'empty' } {
    const c = this.analyser.elements(ids);
    const fields = topFields(c);
    if (c.entries.some((e) => e.kind === 'variant') || fields.some((f) => f.kind !== 'text')) return { kind: 'object' };
    const text = fields.find((f) => f.kind === 'text');
    return text ? { kind: 'leaf', value: text.value!, optional: text.min === 0 } : { kind: 'empty' };
  }

  private signature(o: object): string {
    let s = this.signatures.get(o);
    if (s === undefined) {
      s = JSON.stringify(o);
      this.signatures.set(o, s);
    }
    return s;
  }

  /** `a/b in define "x"`: where an element without a define of its own is written. */
  private elementPath(id: string): string {
    const parts: string[] = [];
    let ctx = this.grammar.contexts.get(id);
    let define = '';
    while (ctx) {
      parts.unshift(ctx.local);
      define = ctx.define;
      ctx = ctx.parent !== undefined ? this.grammar.contexts.get(ctx.parent) : undefined;
    }
    const d = this.grammar.defines.get(define);
    return d ? `${parts.join('/')} in define "${d.name}"` : `${parts.join('/')} in the start pattern`;
  }

  // ---- declarations ---------------------------------------------------------------------------

  private declaration(e: Entry): Declaration {
    const base = { name: e.name!, module: e.module, source: e.source };
    switch (e.kind) {
      case 'object':
        return { ...base, kind: 'object', ns: e.ns, local: e.local, content: this.shapeContent(e.content, e, e.clash) };
      case 'case':
        return { ...base, kind: 'case', content: this.shapeContent(e.content, e, e.clash) };
      case 'union':
        return { ...base, kind: 'union', variant: this.shapeVariant(e.variant, e.owner, e.clash, false) };
      case 'alias':
        return { ...base, kind: 'alias', literals: e.literals };
    }
  }

  private shapeContent(c: Content, owner: Nameable, clash: ReadonlySet<string>): ShapeContent {
    return {
      entries: c.entries.map((entry): ShapeEntry =>
        entry.kind === 'field'
          ? { kind: 'field', field: this.shapeField(entry.field, owner, clash) }
          : { kind: 'variant', variant: this.shapeVariant(entry.variant, owner, clash, true) },
      ),
    };
  }

  private shapeField(f: Field, owner: Nameable, clash: ReadonlySet<string>): ShapeField {
    const common = { ns: f.ns, local: f.local, optional: f.min === 0, repeated: f.max === 2 };
    switch (f.kind) {
      case 'attribute':
        return { ...common, kind: 'attribute', prop: this.propName(f.ns, f.local), value: this.shapeValue(f.value!) };
      case 'text':
        return { ...common, kind: 'text', prop: '$value', value: this.shapeValue(f.value!) };
      case 'any':
        return { ...common, kind: 'any', prop: '$any', element: { kind: 'any' } };
      case 'element': {
        const k = this.elementKind(f.elements!);
        const element: ElementShape =
          k.kind === 'object'
            ? { kind: 'object', type: this.objectFor(f.elements!, f.ns, f.local, owner).name! }
            : k.kind === 'leaf'
              ? { kind: 'leaf', value: this.shapeValue(k.value), ...(k.optional ? { optional: true as const } : {}) }
              : { kind: 'empty' };
        const prop = this.propName(f.ns, f.local) + (clash.has(f.key) ? 'Element' : '');
        return { ...common, kind: 'element', prop, element };
      }
    }
  }

  private shapeVariant(v: Variant, owner: Nameable, clash: ReadonlySet<string>, useUnion: boolean): ShapeVariant {
    const union = useUnion ? this.unionFor(v, owner, clash) : undefined;
    return {
      prop: this.propName(v.ns, v.local),
      ns: v.ns,
      local: v.local,
      cases: v.cases.map((k) => ({ values: k.values, absent: k.absent, ...(isEmptyCase(k) ? {} : { type: this.caseFor(k, v, owner, clash).name! }) })),
      ...(union ? { union: union.name! } : {}),
    };
  }

  private shapeValue(v: Value): ShapeValue {
    return {
      terms: v.terms.map((t) => (t.kind === 'alias' ? { kind: 'alias', name: this.aliasFor(t.define, aliasLiterals(t.parts)).name!, parts: t.parts } : t)),
    };
  }

  private propName(ns: string, local: string): string {
    if (ns === '') return local;
    return `${this.namespaces.get(ns) ?? namespacePrefix(ns)}:${local}`;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isEmptyCase(c: Case): boolean {
  return c.absent && c.content.entries.length === 0;
}

function aliasLiterals(parts: readonly ValuePart[]): string[] {
  return parts.map((p) => (p.kind === 'literal' ? p.value : ''));
}

/** All fields of a content with variants merged in (for the start pattern). */
function flatFields(c: Content): Field[] {
  const out: Field[] = [];
  for (const e of c.entries) {
    if (e.kind === 'field') out.push(e.field);
    else for (const k of e.variant.cases) out.push(...flatFields(k.content));
  }
  return out;
}

/** Keys of child elements that share their property name with an attribute of the same type. */
function clashes(c: Content): Set<string> {
  const attributes = new Set<string>();
  const elements = new Map<string, string>();
  const visit = (x: Content): void => {
    for (const e of x.entries) {
      if (e.kind === 'variant') {
        attributes.add(`${e.variant.ns} ${e.variant.local}`);
        e.variant.cases.forEach((k) => visit(k.content));
      } else if (e.field.kind === 'attribute') attributes.add(`${e.field.ns} ${e.field.local}`);
      else if (e.field.kind === 'element') elements.set(`${e.field.ns} ${e.field.local}`, e.field.key);
    }
  };
  visit(c);
  const out = new Set<string>();
  for (const [name, key] of elements) if (attributes.has(name)) out.add(key);
  return out;
}

/** The clash keys that occur in a content. */
function usedClash(c: Content, clash: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (clash.size === 0) return out;
  const visit = (x: Content): void => {
    for (const e of x.entries) {
      if (e.kind === 'field' && clash.has(e.field.key)) out.add(e.field.key);
      else if (e.kind === 'variant') e.variant.cases.forEach((k) => visit(k.content));
    }
  };
  visit(c);
  return out;
}
