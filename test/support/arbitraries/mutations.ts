/**
 * Near-valid invalid documents: one small change to a valid generated document that makes it
 * invalid for certain — a wrong enumerated value, a missing required attribute, an unknown
 * element, an element moved where it is not allowed, an unknown attribute.
 *
 * "For certain" is checked against every element pattern that could match each element, not
 * just the one the generator used: the candidates of an element are the patterns of its name
 * among the children of any candidate of its parent (from the start pattern down). A mutation
 * is only offered when all candidates reject the changed element.
 */
import fc from 'fast-check';
import { choiceMembers } from '../../../src/xml/grammar/builder.js';
import { nameClassContains, type NameClass } from '../../../src/xml/grammar/name-class.js';
import type { ElementPattern, Pattern } from '../../../src/xml/grammar/pattern.js';
import { makeElement, replaceAt, type GenElement } from './document-tree.js';

export type MutationKind = 'wrong-value' | 'missing-attribute' | 'unknown-element' | 'misplaced-element' | 'unknown-attribute';

export interface Mutation {
  readonly kind: MutationKind;
  /** Where and what, e.g. `/domain/devices/disk: @device "cdrom" → "virtxml-bogus"`. */
  readonly description: string;
  readonly document: GenElement;
}

const UNKNOWN_NAME = 'virtxml-unknown';
const BOGUS_VALUE = 'virtxml-bogus';

interface Site {
  readonly element: GenElement;
  readonly parent: GenElement | undefined;
  readonly path: number[];
  readonly where: string;
  readonly candidates: readonly ElementPattern[];
}

/** All single mutations of `doc` that make it invalid under the grammar starting at `start`. */
export function possibleMutations(start: Pattern, doc: GenElement): Mutation[] {
  const analysis = new ContentAnalysis();
  const sites = candidateSites(start, doc, analysis);
  const out: Mutation[] = [];
  for (const site of sites) {
    const { element, candidates, where } = site;
    // An element no pattern describes (made up by a mutation) cannot be reasoned about.
    if (candidates.length === 0) continue;
    const edit = (kind: MutationKind, description: string, replace: (el: GenElement) => GenElement): void => {
      out.push({ kind, description: `${where}: ${description}`, document: replaceAt(doc, site.path, replace) });
    };

    element.attributes.forEach((a, index) => {
      const attributePatterns = candidates.flatMap((c) => analysis.attributes(c.content).filter((p) => nameClassContains(p.nameClass, a.ns, a.local)));
      const values = enumeratedValues(attributePatterns.map((p) => p.content));
      if (values !== undefined && !values.has(BOGUS_VALUE)) {
        edit('wrong-value', `@${a.local} ${JSON.stringify(a.value)} → ${JSON.stringify(BOGUS_VALUE)}`, (el) =>
          ({ ...el, attributes: el.attributes.map((x, i) => (i === index ? { ...x, value: BOGUS_VALUE } : x)) }));
      }
      if (candidates.every((c) => analysis.requiredAttributes(c.content).some((nc) => nameClassContains(nc, a.ns, a.local)))) {
        edit('missing-attribute', `@${a.local} removed`, (el) => ({ ...el, attributes: el.attributes.filter((_, i) => i !== index) }));
      }
    });

    if (!candidates.some((c) => analysis.attributes(c.content).some((p) => nameClassContains(p.nameClass, '', UNKNOWN_NAME)))) {
      edit('unknown-attribute', `@${UNKNOWN_NAME} added`, (el) =>
        ({ ...el, attributes: [...el.attributes, { kind: 'attribute', ns: '', local: UNKNOWN_NAME, value: '1' }] }));
    }

    if (!acceptsChild(candidates, '', UNKNOWN_NAME, analysis)) {
      edit('unknown-element', `<${UNKNOWN_NAME}/> added`, (el) =>
        ({ ...el, children: [...el.children, makeElement('', UNKNOWN_NAME, undefined, [])] }));
    }
  }

  // Move an element under another element none of whose candidates accepts its name.
  for (const moved of sites) {
    if (moved.parent === undefined) continue;
    const target = sites.find((t) => t.candidates.length > 0 && !isWithin(t.path, moved.path) && !acceptsChild(t.candidates, moved.element.ns, moved.element.local, analysis));
    if (target === undefined) continue;
    const index = moved.path[moved.path.length - 1]!;
    // Appending at the end of the target shifts no index on the way to `moved`.
    const added = replaceAt(doc, target.path, (el) => ({ ...el, children: [...el.children, moved.element] }));
    out.push({
      kind: 'misplaced-element',
      description: `${moved.where} moved under ${target.where}`,
      document: replaceAt(added, moved.path.slice(0, -1), (el) => ({ ...el, children: el.children.filter((_, i) => i !== index) })),
    });
  }
  return out;
}

/** One mutated document per generated one, or undefined when no certain mutation exists. */
export function mutatedDocuments(start: Pattern, documents: fc.Arbitrary<GenElement>): fc.Arbitrary<Mutation | undefined> {
  return documents.chain((doc) => {
    const options = possibleMutations(start, doc);
    if (options.length === 0) return fc.constant(undefined);
    return fc.constantFrom(...options);
  });
}

function candidateSites(start: Pattern, doc: GenElement, analysis: ContentAnalysis): Site[] {
  const sites: Site[] = [];
  const walk = (el: GenElement, parent: GenElement | undefined, path: number[], parentCandidates: readonly Pattern[], parentWhere: string): void => {
    const candidates = [...new Set(parentCandidates.flatMap((p) => analysis.elements(p).filter((e) => nameClassContains(e.nameClass, el.ns, el.local))))];
    const where = `${parentWhere}/${el.local}`;
    sites.push({ element: el, parent, path, where, candidates });
    el.children.forEach((c, i) => {
      if (c.kind === 'element') walk(c, el, [...path, i], candidates.map((e) => e.content), where);
    });
  };
  walk(doc, undefined, [], [start], '');
  return sites;
}

function acceptsChild(candidates: readonly ElementPattern[], ns: string, local: string, analysis: ContentAnalysis): boolean {
  return candidates.some((c) => analysis.elements(c.content).some((e) => nameClassContains(e.nameClass, ns, local)));
}

/** The values an attribute may take, when they are all enumerated; undefined when any datatype or text is allowed. */
function enumeratedValues(contents: readonly Pattern[]): Set<string> | undefined {
  if (contents.length === 0) return undefined;
  const values = new Set<string>();
  const visit = (p: Pattern): boolean => {
    if (p.kind === 'value') {
      values.add(p.value);
      return true;
    }
    if (p.kind === 'choice') return choiceMembers(p).every(visit);
    return false;
  };
  return contents.every(visit) ? values : undefined;
}

function isWithin(path: readonly number[], ancestor: readonly number[]): boolean {
  return path.length >= ancestor.length && ancestor.every((v, i) => path[i] === v);
}

/** What element content patterns contain directly (not inside child elements), memoised. */
class ContentAnalysis {
  private readonly elementMemo = new Map<number, ElementPattern[]>();
  private readonly attributeMemo = new Map<number, Extract<Pattern, { kind: 'attribute' }>[]>();
  private readonly requiredMemo = new Map<number, NameClass[] | 'all'>();

  elements(p: Pattern): ElementPattern[] {
    let known = this.elementMemo.get(p.id);
    if (known === undefined) {
      known = [];
      collect(p, (q) => q.kind === 'element', known as Pattern[], new Set());
      this.elementMemo.set(p.id, known);
    }
    return known;
  }

  attributes(p: Pattern): Extract<Pattern, { kind: 'attribute' }>[] {
    let known = this.attributeMemo.get(p.id);
    if (known === undefined) {
      known = [];
      collect(p, (q) => q.kind === 'attribute', known as Pattern[], new Set());
      this.attributeMemo.set(p.id, known);
    }
    return known;
  }

  /** Name classes of attributes every match of `p` has. */
  requiredAttributes(p: Pattern): NameClass[] {
    const r = this.required(p);
    return r === 'all' ? [] : r;
  }

  private required(p: Pattern): NameClass[] | 'all' {
    const known = this.requiredMemo.get(p.id);
    if (known !== undefined) return known;
    let result: NameClass[] | 'all';
    switch (p.kind) {
      case 'notAllowed': result = 'all'; break;
      case 'attribute': result = [p.nameClass]; break;
      case 'choice': {
        const a = this.required(p.a);
        const b = this.required(p.b);
        result = a === 'all' ? b : b === 'all' ? a : a.filter((x) => b.includes(x));
        break;
      }
      case 'group': case 'interleave': {
        const a = this.required(p.a);
        const b = this.required(p.b);
        result = a === 'all' || b === 'all' ? 'all' : [...a, ...b];
        break;
      }
      case 'oneOrMore': result = this.required(p.p); break;
      default: result = [];
    }
    this.requiredMemo.set(p.id, result);
    return result;
  }
}

function collect(p: Pattern, wanted: (q: Pattern) => boolean, out: Pattern[], seen: Set<number>): void {
  if (seen.has(p.id)) return;
  seen.add(p.id);
  if (wanted(p)) {
    out.push(p);
    return;
  }
  switch (p.kind) {
    case 'choice': case 'group': case 'interleave': case 'after':
      collect(p.a, wanted, out, seen);
      collect(p.b, wanted, out, seen);
      return;
    case 'oneOrMore':
      collect(p.p, wanted, out, seen);
      return;
    default:
      return;
  }
}
