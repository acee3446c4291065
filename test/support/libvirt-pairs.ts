/**
 * libvirt's own rewrites as a judge of migrate: the input/output pairs of libvirt 11.3.0's
 * xml2xml tests, and a comparison of a migration rule's result with libvirt's output on exactly
 * the constructs the rule touches.
 *
 * The comparison, precisely (docs/migrate-coverage.md says the same):
 *
 * 1. The rule alone migrates the input: its fixes' text edits are applied in rounds, as migrate
 *    applies them, and `migrate(input, { only: [rule] })` must write exactly that text — every
 *    byte outside the edits' ranges is the input's.
 * 2. The touched constructs are the innermost elements holding each edit (an edit inside a start
 *    tag belongs to that element, an insertion or removal between children to the parent), less
 *    those inside another touched one.
 * 3. Each touched construct is compared three ways: as in the input (I), after migration (M) and
 *    in libvirt's output (O, found by the same path, choosing among same-named siblings the one
 *    whose attributes and children best match I). Only what the rule changed is compared:
 *    - an attribute whose value differs between I and M (added, removed or changed) must have
 *      M's value in O (absent counts as a value);
 *    - own text (trimmed) that differs between I and M must equal O's;
 *    - children: I's and M's children are paired (equal ones by canonical form, in order; then
 *      changed ones by name); a changed child is compared the same way, recursively; a child M
 *      adds must be matched by a child of O that has all its attributes and, recursively, its
 *      children (O may have more: defaults libvirt fills in); a child M removes must not be in O
 *      (no child of O has all of its attributes and children).
 *    Attributes and children the rule did not change are not compared, so defaults libvirt adds
 *    elsewhere, its reordering and its formatting do not count. Canonical forms ignore attribute
 *    order, quoting, whitespace-only text, comments and namespace declarations.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { join } from 'node:path';
import { settingsFor, type LintConfig } from '../../src/lint/config.js';
import { lintDocument } from '../../src/lint/engine.js';
import { applyEdits, editsOverlap } from '../../src/lint/fix.js';
import { BUILTIN_RULES } from '../../src/lint/index.js';
import type { Finding, Rule, TextEdit } from '../../src/lint/types.js';
import { migrate } from '../../src/migrate/index.js';
import { parseXml } from '../../src/xml/dom/parse.js';
import type { XmlDocument, XmlElement } from '../../src/xml/dom/types.js';
import { PROJECT_ROOT, releaseDir } from './corpus.js';

export interface LibvirtPair {
  /** e.g. `qemuxmlconfdata/console-compat-auto`, `qemuxmlconfdata/mach-virt-serial-compat@aarch64` (outputs for other architectures) or `networkxml2xml/nat-network`. */
  readonly name: string;
  readonly input: string;
  readonly output: string;
  /** The architecture libvirt formatted the output for (x86_64 outside qemuxmlconfdata). */
  readonly arch: string;
}

const TESTS = join(releaseDir('11.3.0'), 'corpus/tests');

/** The test folders whose inputs libvirt parses and formats again, with their outputs. */
const XML2XML: readonly (readonly [string, string, string])[] = [
  ['genericxml2xml', 'genericxml2xmlindata', 'genericxml2xmloutdata'],
  ['networkxml2xml', 'networkxml2xmlin', 'networkxml2xmlout'],
  ['storagepoolxml2xml', 'storagepoolxml2xmlin', 'storagepoolxml2xmlout'],
  ['storagevolxml2xml', 'storagevolxml2xmlin', 'storagevolxml2xmlout'],
];

/**
 * Every pair with an output file: qemuxmlconfdata's `NAME.xml` → `NAME.ARCH-latest.xml`, and the
 * other xml2xml folders' `in/NAME.xml` → `out/NAME.xml`. An input without an output file is left
 * out: libvirt's test either expects the input back or expects it to fail, and which is not in
 * the corpus.
 */
export function libvirtPairs(): LibvirtPair[] {
  const pairs: LibvirtPair[] = [];
  const q = join(TESTS, 'qemuxmlconfdata');
  for (const f of readdirSync(q).sort()) {
    const m = /^(.*)\.([a-z0-9_]+)-latest\.xml$/.exec(f);
    if (!m) continue;
    const input = join(q, `${m[1]}.xml`);
    if (existsSync(input)) pairs.push({ name: `qemuxmlconfdata/${m[1]}${m[2] === 'x86_64' ? '' : `@${m[2]}`}`, input, output: join(q, f), arch: m[2]! });
  }
  for (const [family, inDir, outDir] of XML2XML) {
    if (!existsSync(join(TESTS, inDir))) continue;
    for (const f of readdirSync(join(TESTS, inDir)).sort()) {
      const output = join(TESTS, outDir, f);
      if (f.endsWith('.xml') && existsSync(output)) pairs.push({ name: `${family}/${f.slice(0, -4)}`, input: join(TESTS, inDir, f), output, arch: 'x86_64' });
    }
  }
  return pairs;
}

export interface RuleJudgement {
  /** The input after the rule alone migrated it. */
  readonly migrated: string;
  /** Whether migrate wrote exactly the rule's edits (every other byte kept). */
  readonly exact: boolean;
  /** Paths of the touched constructs. */
  readonly touched: readonly string[];
  /** Where the migrated input and libvirt's output disagree on what the rule changed. */
  readonly differences: readonly string[];
}

/** The rule's findings with fixes, and the text after applying one round of them as migrate does. */
function fixRound(text: string, rule: Rule, config: LintConfig): { edits: TextEdit[]; after: string } | undefined {
  const base = settingsFor(config, 'input.xml')!;
  const settings = { ...base, levelOf: () => ({ level: 'warn' as const, options: {} }) };
  const findings = lintDocument(text, 'input.xml', settings, [rule]).findings.filter((f) => f.rule === rule.meta.id && f.fix !== undefined);
  if (findings.length === 0) return undefined;
  const batch: Finding[] = [];
  for (const f of findings.sort((a, b) => a.offset - b.offset)) if (!batch.some((b) => editsOverlap(b.fix!.edits, f.fix!.edits))) batch.push(f);
  const edits = batch.flatMap((f) => f.fix!.edits);
  return { edits, after: applyEdits(text, edits) };
}

/** The fixable rules among `rules` that have a fix for the document (each judged alone afterwards). */
export function fixingRules(input: string, rules: readonly Rule[], arch: string): Rule[] {
  const base = settingsFor({ arch }, 'input.xml')!;
  const settings = { ...base, levelOf: () => ({ level: 'warn' as const, options: {} }) };
  const fixable = rules.filter((r) => r.meta.fixable === true);
  const findings = lintDocument(input, 'input.xml', settings, fixable).findings;
  return fixable.filter((r) => findings.some((f) => f.rule === r.meta.id && f.fix !== undefined));
}

/** Judges one rule on one pair; undefined when the rule changes nothing in the input. */
export function judgeRule(input: string, output: string, rule: Rule, arch: string): RuleJudgement | undefined {
  // A rule of the default set is found by its id; another one (a test's own) comes as a plugin.
  const builtin = BUILTIN_RULES.includes(rule);
  const config: LintConfig = builtin ? { arch } : { arch, plugins: [{ name: 'judged', rules: [rule] }] };
  const migrated = migrate(input, { config, only: [rule.meta.id] }).xml;
  if (migrated === input) return undefined;
  // 1. The rule's own edits, round after round, must give exactly migrate's text.
  let text = input;
  const touched = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const r = fixRound(text, rule, config);
    if (r === undefined) break;
    const doc = parseXml(text);
    for (const e of r.edits) touched.add(pathOf(doc, holder(doc, e)));
    text = r.after;
  }
  const exact = text === migrated;
  // 2. Outermost touched constructs only.
  const paths = [...touched].filter((p) => ![...touched].some((q) => q !== p && p.startsWith(`${q}/`))).sort();
  // 3. Compare them.
  const inDoc = parseXml(input);
  const migDoc = parseXml(migrated);
  const outDoc = parseXml(output);
  const differences: string[] = [];
  for (const path of paths) {
    const i = byPath(inDoc, path);
    const m = byPath(migDoc, path);
    if (i === undefined || m === undefined) {
      differences.push(`${path}: not found after migration`);
      continue;
    }
    compare(i, m, locateLike(inDoc, outDoc, path), path, differences);
  }
  return { migrated, exact, touched: paths, differences };
}

/**
 * Checks the figures between `<!-- name -->` and `<!-- /name -->` in docs/migrate-coverage.md, or
 * writes them with VIRTXML_ACCEPT_COVERAGE=1.
 */
export function recordSection(name: string, body: string): void {
  const COVERAGE_DOC = join(PROJECT_ROOT, 'docs/migrate-coverage.md');
  const doc = readFileSync(COVERAGE_DOC, 'utf8');
  const re = new RegExp(`<!-- ${name} -->[\\s\\S]*?<!-- /${name} -->`);
  const section = `<!-- ${name} -->\n${body.trimEnd()}\n<!-- /${name} -->`;
  const current = re.exec(doc)?.[0];
  expect(current, `docs/migrate-coverage.md has no <!-- ${name} --> markers`).toBeDefined();
  if (process.env.VIRTXML_ACCEPT_COVERAGE === '1') {
    writeFileSync(COVERAGE_DOC, doc.replace(current!, section));
    return;
  }
  expect(current, 'run with VIRTXML_ACCEPT_COVERAGE=1 to record the figures').toBe(section);
}

// ---------------------------------------------------------------------------------------------
// Elements and paths

export function kids(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

/** Where an element's content ends: the start of its end tag (its end when self-closing). */
function contentEnd(el: XmlElement): number {
  return el.selfClosing ? el.end : el.end - `</${el.name}${el.endTagTail}>`.length;
}

/** The innermost element an edit belongs to (see the file's comment). */
function holder(doc: XmlDocument, edit: TextEdit): XmlElement {
  let el = doc.root;
  for (;;) {
    // Inside a child's start tag (its attributes, or `/>` opened into content), or its content.
    const inner = kids(el).find((k) => (edit.start > k.offset && edit.start < k.startTagEnd && edit.end <= k.startTagEnd) || (!k.selfClosing && edit.start >= k.startTagEnd && edit.end <= contentEnd(k)));
    if (inner === undefined) return el;
    el = inner;
  }
}

/** `/domain/devices/disk[2]`: each step the element's name and its place among same-named siblings. */
function pathOf(doc: XmlDocument, target: XmlElement): string {
  const steps: string[] = [];
  const walk = (el: XmlElement, prefix: string[]): boolean => {
    if (el === target) {
      steps.push(...prefix);
      return true;
    }
    const counts = new Map<string, number>();
    for (const k of kids(el)) {
      const n = (counts.get(k.name) ?? 0) + 1;
      counts.set(k.name, n);
      if (walk(k, [...prefix, `${k.name}[${n}]`])) return true;
    }
    return false;
  };
  walk(doc.root, []);
  return `/${doc.root.name}${steps.map((s) => `/${s}`).join('')}`;
}

function parsePath(path: string): { name: string; index: number }[] {
  return path.split('/').slice(2).map((s) => {
    const m = /^(.+)\[(\d+)\]$/.exec(s)!;
    return { name: m[1]!, index: Number(m[2]) };
  });
}

function byPath(doc: XmlDocument, path: string): XmlElement | undefined {
  let el: XmlElement | undefined = doc.root;
  for (const step of parsePath(path)) el = el === undefined ? undefined : kids(el).filter((k) => k.name === step.name)[step.index - 1];
  return el;
}

/** The element of `out` at `path`, each step choosing the same-named sibling most like the input's. */
export function locateLike(inDoc: XmlDocument, outDoc: XmlDocument, path: string): XmlElement | undefined {
  let i: XmlElement | undefined = inDoc.root;
  let o: XmlElement | undefined = outDoc.root.name === inDoc.root.name ? outDoc.root : undefined;
  for (const step of parsePath(path)) {
    if (i === undefined || o === undefined) return undefined;
    i = kids(i).filter((k) => k.name === step.name)[step.index - 1];
    if (i === undefined) return undefined;
    o = bestMatch(i, kids(o).filter((k) => k.name === step.name), step.index - 1);
  }
  return o;
}

function bestMatch(like: XmlElement, candidates: readonly XmlElement[], preferred = -1): XmlElement | undefined {
  let best: XmlElement | undefined;
  let bestScore = -1;
  candidates.forEach((c, n) => {
    const score = likeness(like, c) + (n === preferred ? 0.5 : 0);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  });
  return best;
}

/** How alike two elements are: equal attributes, and children of one that the other has too. */
function likeness(a: XmlElement, b: XmlElement): number {
  let score = 0;
  for (const [k, v] of attrs(a)) if (attrs(b).get(k) === v) score += 2;
  const bKids = kids(b);
  for (const k of kids(a)) if (bKids.some((x) => subsumes(k, x))) score += 1;
  return score;
}

// ---------------------------------------------------------------------------------------------
// Canonical comparison

function attrs(el: XmlElement): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of el.attributes) if (a.name !== 'xmlns' && a.prefix !== 'xmlns') m.set(a.name, a.value);
  return m;
}

function ownText(el: XmlElement): string {
  let s = '';
  for (const c of el.children) if (c.kind === 'text' || c.kind === 'cdata') s += c.value;
  return s.trim();
}

/**
 * An element as a string that ignores attribute order, quoting, whitespace, comments and namespace
 * declarations; elements in `skip` are left out.
 */
export function canonical(el: XmlElement, skip?: ReadonlySet<XmlElement>): string {
  const a = [...attrs(el)].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, v]) => ` ${k}=${JSON.stringify(v)}`).join('');
  const inner = kids(el).filter((k) => skip === undefined || !skip.has(k)).map((k) => canonical(k, skip)).join('') + ownText(el);
  return inner === '' ? `<${el.name}${a}/>` : `<${el.name}${a}>${inner}</${el.name}>`;
}

/** Whether `o` has all of `x`'s attributes, its text, and (each to a child of its own) its children. */
function subsumes(x: XmlElement, o: XmlElement): boolean {
  if (x.name !== o.name) return false;
  const oa = attrs(o);
  for (const [k, v] of attrs(x)) if (oa.get(k) !== v) return false;
  if (ownText(x) !== '' && ownText(x) !== ownText(o)) return false;
  const free = [...kids(o)];
  for (const k of kids(x)) {
    const i = free.findIndex((c) => subsumes(k, c));
    if (i < 0) return false;
    free.splice(i, 1);
  }
  return true;
}

function show(el: XmlElement): string {
  const c = canonical(el);
  return c.length > 160 ? `${c.slice(0, 157)}...` : c;
}

/** Pairs the children of I and M: equal ones (in order), then changed ones by name. */
function pairChildren(i: readonly XmlElement[], m: readonly XmlElement[]): { changed: [XmlElement, XmlElement][]; added: XmlElement[]; removed: XmlElement[] } {
  const ci = i.map((x) => canonical(x));
  const cm = m.map((x) => canonical(x));
  // Longest common subsequence of canonical forms.
  const L: number[][] = Array.from({ length: i.length + 1 }, () => new Array<number>(m.length + 1).fill(0));
  for (let a = i.length - 1; a >= 0; a--) for (let b = m.length - 1; b >= 0; b--) L[a]![b] = ci[a] === cm[b] ? L[a + 1]![b + 1]! + 1 : Math.max(L[a + 1]![b]!, L[a]![b + 1]!);
  const usedI = new Set<number>();
  const usedM = new Set<number>();
  for (let a = 0, b = 0; a < i.length && b < m.length;) {
    if (ci[a] === cm[b]) {
      usedI.add(a++);
      usedM.add(b++);
    } else if (L[a + 1]![b]! >= L[a]![b + 1]!) a++;
    else b++;
  }
  const restI = i.filter((_, n) => !usedI.has(n));
  const restM = m.filter((_, n) => !usedM.has(n));
  const changed: [XmlElement, XmlElement][] = [];
  const removed: XmlElement[] = [];
  for (const x of restI) {
    const n = restM.findIndex((y) => y.name === x.name);
    if (n < 0) removed.push(x);
    else changed.push([x, restM.splice(n, 1)[0]!]);
  }
  return { changed, added: restM, removed };
}

function compare(i: XmlElement, m: XmlElement, o: XmlElement | undefined, path: string, out: string[]): void {
  if (o === undefined) {
    out.push(`${path}: libvirt's output has no such element`);
    return;
  }
  const [ia, ma, oa] = [attrs(i), attrs(m), attrs(o)];
  for (const name of new Set([...ia.keys(), ...ma.keys()])) {
    if (ia.get(name) === ma.get(name) || ma.get(name) === oa.get(name)) continue;
    out.push(`${path}/@${name}: migrate ${ma.has(name) ? `writes '${ma.get(name)}'` : 'removes it'}, libvirt ${oa.has(name) ? `writes '${oa.get(name)}'` : 'has none'}`);
  }
  if (ownText(i) !== ownText(m) && ownText(m) !== ownText(o)) out.push(`${path}/text(): migrate writes '${ownText(m)}', libvirt '${ownText(o)}'`);
  const { changed, added, removed } = pairChildren(kids(i), kids(m));
  const oKids = kids(o);
  for (const [x, y] of changed) {
    const candidates = oKids.filter((k) => k.name === y.name);
    const match = bestMatch(y, candidates.length > 1 ? candidates.filter((k) => likeness(x, k) > 0 || likeness(y, k) > 0) : candidates);
    compare(x, y, match, `${path}/${y.name}`, out);
  }
  for (const y of added) if (!oKids.some((k) => subsumes(y, k))) out.push(`${path}: migrate adds ${show(y)}, which libvirt's output lacks`);
  for (const x of removed) if (oKids.some((k) => subsumes(x, k))) out.push(`${path}: migrate removes ${show(x)}, which libvirt keeps`);
}
