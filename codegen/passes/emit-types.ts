/**
 * emit-types: prints the {@link ShapeModel} as TypeScript — one module per schema file under
 * `src/model/generated/types/`, holding the file's readonly model types and its binding table
 * (JSON text) — plus an index with the roots and every module's table.
 */
import type { BindingModule, CaseBinding, PropBinding, RootBinding, TypeBinding, ValueBinding, VariantBinding } from '../../src/xml/model/binding.js';
import { BINDING_FORMAT } from '../../src/xml/model/binding.js';
import { FOLLOWERS } from '../conventions.js';
import { propertyKey } from '../names.js';
import { generatedHeader } from '../version.js';
import type { GeneratedFile } from './emit-grammar.js';
import type { Declaration, ElementShape, ShapeContent, ShapeField, ShapeModel, ShapeValue, ShapeVariant, Source } from './shape-ir.js';
import { valueParts } from './shape-values.js';

export const TYPES_DIR = 'src/model/generated/types';
const SEAM = '../../../xml/codegen-v1.js';
/** Names the generated modules import from the seam. */
const SEAM_NAMES = ['AnyElement', 'ElementBase', 'IntegerString'] as const;

export function emitTypes(model: ShapeModel): GeneratedFile[] {
  checkConventions(model.declarations);
  const byModule = new Map<string, Declaration[]>();
  for (const d of model.declarations) {
    const list = byModule.get(d.module);
    if (list) list.push(d);
    else byModule.set(d.module, [d]);
  }
  const moduleOf = new Map(model.declarations.map((d) => [d.name, d.module]));
  const files: GeneratedFile[] = [];
  for (const [file, decls] of [...byModule].sort((a, b) => cmp(a[0], b[0]))) {
    files.push(emitModule(model, file, decls, moduleOf));
  }
  files.push(emitIndex(model, [...byModule.keys()].sort(), moduleOf));
  return files;
}

export function moduleName(file: string): string {
  return file.replace(/\.rng$/, '');
}

// ---- one module per schema file --------------------------------------------------------------

function emitModule(model: ShapeModel, file: string, decls: readonly Declaration[], moduleOf: ReadonlyMap<string, string>): GeneratedFile {
  const release = model.release;
  const refs = new Set<string>();
  const body: string[] = [];
  for (const d of decls) {
    body.push(doc(d.source), declarationText(d, refs), '');
  }
  const namespaces = usedNamespaceMap(decls, model.namespaces);
  const binding: BindingModule = { format: BINDING_FORMAT, libvirt: release, source: file, ...(namespaces ? { namespaces } : {}), types: bindings(decls) };
  body.push(
    `/** How the types of \`${file}\` map to XML: the binding table read by parse and format. */`,
    `export const bindingJson: string = ${JSON.stringify(JSON.stringify(binding))};`,
    '',
  );
  const imports = importLines(file, refs, moduleOf, new Set(decls.map((d) => d.name)));
  return {
    path: `${TYPES_DIR}/${moduleName(file)}.ts`,
    content: generatedHeader(release, file) + imports.join('\n') + (imports.length ? '\n\n' : '') + body.join('\n'),
  };
}

function importLines(file: string, refs: ReadonlySet<string>, moduleOf: ReadonlyMap<string, string>, local: ReadonlySet<string>): string[] {
  const seam = SEAM_NAMES.filter((n) => refs.has(n) && !local.has(n));
  const others = new Map<string, string[]>();
  for (const r of [...refs].sort()) {
    if (local.has(r) || (SEAM_NAMES as readonly string[]).includes(r)) continue;
    const m = moduleOf.get(r);
    if (m === undefined || m === file) continue;
    const list = others.get(m);
    if (list) list.push(r);
    else others.set(m, [r]);
  }
  const lines: string[] = [];
  if (seam.length > 0) lines.push(`import type { ${seam.join(', ')} } from '${SEAM}';`);
  for (const [m, names] of [...others].sort((a, b) => cmp(a[0], b[0]))) {
    lines.push(`import type { ${names.join(', ')} } from './${moduleName(m)}.js';`);
  }
  return lines;
}

function doc(s: Source): string {
  switch (s.kind) {
    case 'define':
      return `/** @generated from define "${s.define}" (${s.file}) */`;
    case 'element':
      return `/** @generated from element ${s.path} (${s.file}) */`;
    case 'merged':
      return `/**\n * @generated from element ${s.path} (${s.file}), any of:\n${s.from.map((f) => ` *  - ${f}`).join('\n')}\n */`;
    case 'case':
      return `/** @generated from the branch ${s.path} of a choice (${s.file}) */`;
  }
}

function declarationText(d: Declaration, refs: Set<string>): string {
  switch (d.kind) {
    case 'object': {
      refs.add('ElementBase');
      const { own, variants } = contentParts(d.content, refs, '  ');
      if (variants.length === 0) return `export interface ${d.name} extends ElementBase {\n${own}}`;
      return `export type ${d.name} = ElementBase & ${own ? `{\n${own}} & ` : ''}${variants.join(' & ')};`;
    }
    case 'case': {
      const { own, variants } = contentParts(d.content, refs, '  ');
      if (variants.length === 0) return `export interface ${d.name} {\n${own}}`;
      return `export type ${d.name} = ${own ? `{\n${own}} & ` : ''}${variants.join(' & ')};`;
    }
    case 'union':
      return `export type ${d.name} =\n  | ${variantMembers(d.variant, refs).join('\n  | ')};`;
    case 'alias':
      return `export type ${d.name} = ${d.literals.map(literal).join(' | ')};`;
  }
}

/** The own properties (as lines) and the variant unions (as type expressions) of a content. */
function contentParts(c: ShapeContent, refs: Set<string>, indent: string): { own: string; variants: string[] } {
  let own = '';
  const variants: string[] = [];
  for (const e of c.entries) {
    if (e.kind === 'field') own += `${indent}readonly ${propertyKey(e.field.prop)}${e.field.optional ? '?' : ''}: ${fieldType(e.field, refs)};\n`;
    else if (e.variant.union !== undefined) {
      refs.add(e.variant.union);
      variants.push(e.variant.union);
    } else variants.push(`(${variantMembers(e.variant, refs).join(' | ')})`);
  }
  return { own, variants };
}

function variantMembers(v: ShapeVariant, refs: Set<string>): string[] {
  return v.cases.map((k) => {
    if (k.type === undefined) return `{ readonly ${propertyKey(v.prop)}?: undefined }`;
    refs.add(k.type);
    return k.type;
  });
}

function fieldType(f: ShapeField, refs: Set<string>): string {
  const t = f.kind === 'element' || f.kind === 'any' ? elementType(f.element!, refs) : valueType(f.value!, refs);
  return f.repeated ? `readonly ${/[ |&]/.test(t) ? `(${t})` : t}[]` : t;
}

function elementType(e: ElementShape, refs: Set<string>): string {
  switch (e.kind) {
    case 'object':
      refs.add(e.type);
      return e.type;
    case 'leaf':
      return valueType(e.value, refs);
    case 'empty':
      return 'true';
    case 'any':
      refs.add('AnyElement');
      return 'AnyElement';
  }
}

function valueType(v: ShapeValue, refs: Set<string>): string {
  const parts = valueParts({ terms: v.terms.map((t) => (t.kind === 'alias' ? { kind: 'alias', define: t.name, parts: t.parts } : t)) });
  if (parts.some((p) => p.kind === 'string')) {
    return parts.some((p) => p.kind === 'number') ? 'number | string' : 'string';
  }
  const out: string[] = [];
  for (const t of v.terms) {
    let s: string;
    switch (t.kind) {
      case 'alias':
        refs.add(t.name);
        s = t.name;
        break;
      case 'literal':
        s = literal(t.value);
        break;
      case 'number':
        s = 'number';
        break;
      case 'int64':
        refs.add('IntegerString');
        s = 'IntegerString';
        break;
      case 'string':
        s = 'string';
        break;
    }
    if (!out.includes(s)) out.push(s);
  }
  return out.length === 0 ? 'never' : out.join(' | ');
}

function literal(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

// ---- binding tables ----------------------------------------------------------------------------

/** The foreign namespaces a module's properties use: URI → libvirt's prefix. */
function usedNamespaceMap(decls: readonly Declaration[], all: ReadonlyMap<string, string>): Record<string, string> | undefined {
  const used = new Set<string>();
  const visit = (c: ShapeContent): void => {
    for (const e of c.entries) {
      if (e.kind === 'field' && e.field.ns !== '') used.add(e.field.ns);
      else if (e.kind === 'variant' && e.variant.ns !== '') used.add(e.variant.ns);
    }
  };
  for (const d of decls) {
    if (d.kind === 'object') {
      if (d.ns !== '') used.add(d.ns);
      visit(d.content);
    } else if (d.kind === 'case') visit(d.content);
  }
  if (used.size === 0) return undefined;
  return Object.fromEntries([...used].sort().map((ns) => [ns, all.get(ns)!]));
}

function bindings(decls: readonly Declaration[]): Record<string, TypeBinding> {
  const out: Record<string, TypeBinding> = {};
  for (const d of decls) {
    if (d.kind === 'object') out[d.name] = { ...(d.ns ? { ns: d.ns } : {}), n: d.local, ...contentBinding(d.name, d.content) };
    else if (d.kind === 'case') out[d.name] = contentBinding(d.name, d.content);
  }
  return out;
}

function contentBinding(type: string, c: ShapeContent): Pick<TypeBinding, 'p' | 'v'> {
  const p: PropBinding[] = [];
  const v: VariantBinding[] = [];
  for (const e of c.entries) {
    if (e.kind === 'field') p.push(withFollowerRule(type, c, e.field, fieldBinding(e.field)));
    else {
      p.push({ k: 'v', i: v.length });
      v.push(variantBinding(e.variant));
    }
  }
  return v.length > 0 ? { p, v } : { p };
}

/** The binding of a field that a convention places after another (codegen/conventions.ts), checked against the shape. */
function withFollowerRule(type: string, c: ShapeContent, f: ShapeField, binding: PropBinding): PropBinding {
  const rule = FOLLOWERS.find((r) => r.type === type && r.follower === f.prop);
  if (rule === undefined) return binding;
  const leader = c.entries.find((e) => e.kind === 'field' && e.field.prop === rule.leader);
  const leaderField = leader?.kind === 'field' ? leader.field : undefined;
  const keyed = f.element?.kind === 'object';
  if (binding.k !== 'e' || !f.repeated || leaderField?.kind !== 'element' || !leaderField.repeated || !keyed) {
    throw new Error(`convention ${JSON.stringify(rule)} no longer fits type ${type}: both properties must be repeated elements, the follower an object`);
  }
  return { ...binding, f: [rule.leader, rule.key] };
}

/** Checks that every convention names a type and a property the model has, so none is silently dropped. */
function checkConventions(declarations: readonly Declaration[]): void {
  for (const rule of FOLLOWERS) {
    if (!declarations.some((x) => x.module === rule.file)) continue;
    const d = declarations.find((x) => x.name === rule.type);
    const content = d?.kind === 'object' || d?.kind === 'case' ? d.content : undefined;
    if (!content?.entries.some((e) => e.kind === 'field' && e.field.prop === rule.follower)) {
      throw new Error(`convention ${JSON.stringify(rule)} names a type or property the model no longer has`);
    }
  }
}

function nameParts(f: { ns: string; local: string; prop: string }): { n: string; ns?: string; p?: string } {
  return { n: f.local, ...(f.ns ? { ns: f.ns } : {}), ...(f.prop !== f.local ? { p: f.prop } : {}) };
}

function multiplicity(f: ShapeField): '1' | '?' | '+' | '*' {
  return f.repeated ? (f.optional ? '*' : '+') : f.optional ? '?' : '1';
}

function fieldBinding(f: ShapeField): PropBinding {
  switch (f.kind) {
    case 'attribute':
      return { k: 'a', ...nameParts(f), ...(f.optional ? {} : { r: 1 }), v: valueBinding(f.value!) };
    case 'text':
      return { k: 't', ...(f.optional ? {} : { r: 1 }), v: valueBinding(f.value!) };
    case 'any':
      return { k: 'x', m: multiplicity(f) };
    case 'element': {
      const e = f.element!;
      const content = e.kind === 'object' ? { t: e.type } : e.kind === 'leaf' ? { v: valueBinding(e.value) } : e.kind === 'empty' ? { x: 1 as const } : {};
      return { k: 'e', ...nameParts(f), m: multiplicity(f), ...content };
    }
  }
}

function variantBinding(v: ShapeVariant): VariantBinding {
  return {
    ...nameParts(v),
    c: v.cases.map((k): CaseBinding => ({ v: k.values, ...(k.absent ? { a: 1 } : {}), ...(k.type ? { t: k.type } : {}) })),
  };
}

const FLAGS = [['yes', 'no'], ['on', 'off'], ['true', 'false', '1', '0']].map((f) => f.slice().sort().join(' '));

export function valueBinding(v: ShapeValue): ValueBinding {
  const parts = valueParts({ terms: v.terms.map((t) => (t.kind === 'alias' ? { kind: 'alias', define: t.name, parts: t.parts } : t)) });
  const literals = parts.filter((p) => p.kind === 'literal').map((p) => (p as { value: string }).value);
  const number = parts.find((p) => p.kind === 'number') as { integer: boolean } | undefined;
  const int64 = parts.some((p) => p.kind === 'int64');
  const string = parts.some((p) => p.kind === 'string');
  const kinds = [literals.length > 0, number !== undefined, int64, string].filter(Boolean).length;
  const k: ValueBinding['k'] =
    kinds > 1 ? (string && !number ? 'string' : 'union')
    : string ? 'string'
    : int64 ? 'int64'
    : number ? 'number'
    : FLAGS.includes(literals.slice().sort().join(' ')) ? 'flag'
    : 'enum';
  return {
    k,
    ...(literals.length > 0 && !string ? { e: literals } : {}),
    ...(number ? { n: number.integer ? ('i' as const) : ('f' as const) } : {}),
    ...(int64 && !string ? { b: 1 as const } : {}),
    ...(string ? { s: 1 as const } : {}),
  };
}

// ---- index -------------------------------------------------------------------------------------

function emitIndex(model: ShapeModel, files: readonly string[], moduleOf: ReadonlyMap<string, string>): GeneratedFile {
  const lines: string[] = [];
  const rootTypeNames = [...new Set(model.roots.flatMap((r) => r.elements.map((e) => e.type)))].sort();
  const typeImports = new Map<string, string[]>();
  for (const t of rootTypeNames) {
    const m = moduleOf.get(t)!;
    const list = typeImports.get(m);
    if (list) list.push(t);
    else typeImports.set(m, [t]);
  }
  for (const [m, names] of [...typeImports].sort((a, b) => cmp(a[0], b[0]))) {
    lines.push(`import type { ${names.join(', ')} } from './${moduleName(m)}.js';`);
  }
  for (const f of files) lines.push(`import { bindingJson as ${ident(f)} } from './${moduleName(f)}.js';`);
  lines.push('');
  for (const f of files) {
    const names = model.declarations.filter((d) => d.module === f).map((d) => d.name);
    lines.push(`export type {\n${names.map((n) => `  ${n},`).join('\n')}\n} from './${moduleName(f)}.js';`);
  }
  lines.push('');
  lines.push(`/** The libvirt release the model types describe. */`);
  lines.push(`export const MODEL_RELEASE = ${JSON.stringify(model.release)};`);
  lines.push('');
  lines.push(`/** The model type of each root's document. */`);
  lines.push(`export interface RootTypes {`);
  for (const r of model.roots) lines.push(`  readonly ${propertyKey(r.root)}: ${[...new Set(r.elements.map((e) => e.type))].join(' | ')};`);
  lines.push(`}`);
  lines.push(`export type ModelRoot = keyof RootTypes;`);
  lines.push('');
  const reach = reachableModules(model, moduleOf);
  const roots: Record<string, RootBinding> = {};
  for (const r of model.roots) {
    roots[r.root] = { file: r.file, elements: r.elements.map((e) => [e.ns, e.local, e.type] as const), modules: reach.get(r.root)! };
  }
  // Data for the model's runtime (src/xml/model/registry.ts), not API: `@internal` keeps them
  // out of the declarations and the API documentation, where `export type *` made them look like values.
  lines.push(`/** @internal For each root: its schema file, document elements and the binding modules its types use. */`);
  lines.push(`export const MODEL_ROOTS_JSON: string = ${JSON.stringify(JSON.stringify(roots))};`);
  lines.push('');
  lines.push(`/** @internal Each schema file's binding table as JSON text, parsed on first use. */`);
  lines.push(`export const BINDING_JSON: Readonly<Record<string, string>> = {`);
  for (const f of files) lines.push(`  ${propertyKey(moduleName(f))}: ${ident(f)},`);
  lines.push(`};`);
  lines.push('');
  lines.push(`/** Namespaces of the model's foreign elements: URI → the prefix used for new documents. */`);
  lines.push(`export const MODEL_NAMESPACES: Readonly<Record<string, string>> = {`);
  for (const [uri, prefix] of model.namespaces) lines.push(`  ${JSON.stringify(uri)}: ${JSON.stringify(prefix)},`);
  lines.push(`};`);
  lines.push('');
  return { path: `${TYPES_DIR}/index.ts`, content: generatedHeader(model.release, 'schemas (all roots)') + lines.join('\n') };
}

function ident(file: string): string {
  return `${moduleName(file).replace(/[^A-Za-z0-9]/g, '_')}Json`;
}

/** For each root, the modules holding the types reachable from its document elements. */
function reachableModules(model: ShapeModel, moduleOf: ReadonlyMap<string, string>): Map<string, string[]> {
  const byName = new Map(model.declarations.map((d) => [d.name, d]));
  const out = new Map<string, string[]>();
  for (const r of model.roots) {
    const seen = new Set<string>();
    const modules = new Set<string>();
    const stack = r.elements.map((e) => e.type);
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const d = byName.get(name);
      if (d === undefined) continue;
      if (d.kind === 'object' || d.kind === 'case') modules.add(moduleName(moduleOf.get(name)!));
      const visit = (c: ShapeContent): void => {
        for (const e of c.entries) {
          if (e.kind === 'field' && e.field.element?.kind === 'object') stack.push(e.field.element.type);
          else if (e.kind === 'variant') for (const k of e.variant.cases) if (k.type) stack.push(k.type);
        }
      };
      if (d.kind === 'object' || d.kind === 'case') visit(d.content);
    }
    out.set(r.root, [...modules].sort());
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
