/**
 * What changed between two releases' grammars, per root and element path: elements and
 * attributes added or removed, enumerated values added or removed, datatypes and facets
 * changed, attributes or children that became required or optional or must occur more or less
 * often, names that must now come with another, and children whose order became fixed.
 *
 * Each change has an effect on the documents the grammar accepts:
 * - `widened`: documents valid before stay valid (something was added or loosened);
 * - `narrowed`: some documents valid before are now rejected, even if others are newly
 *   accepted: an element, attribute or value was removed; a facet was tightened (a lower
 *   maximum, a higher minimum, a new facet); a datatype was replaced by one that does not
 *   accept all its values; an attribute or child became required (or is new and required), must
 *   occur more often or less often at most, or must now come with another that was allowed
 *   alone before (`required-with`); two children may no longer come in an order they could
 *   (`order-changed`);
 * - `changed`: a rewrite whose direction cannot be decided from the schema text (a different
 *   regular expression); it is counted with the narrowings, since it may be one.
 *
 * The comparison works on per-path summaries (see grammar-summary.ts), so it does not see
 * co-occurrence rules other than "this name now comes with that one" (e.g. which attribute
 * values go with which children); the compat findings on real and generated documents check
 * the result.
 */
import type { Pattern } from '../xml/grammar/pattern.js';
import { readGrammarTable, type GrammarTable } from '../xml/grammar/table.js';
import { acceptsAnyString, compareFacets, replacementEffect, subsumes, type Effect } from './datatype-compare.js';
import { summarizeGrammar, type ChildSummary, type ElementSummary, type GrammarSummary } from './grammar-summary.js';
import { datatypesAllow, describeDataUse, isEmptyValueSpace, type DataUse, type ValueSpace } from './value-space.js';

export type { Effect } from './datatype-compare.js';

export type ChangeKind =
  | 'root-added'
  | 'root-removed'
  | 'element-added'
  | 'element-removed'
  | 'attribute-added'
  | 'attribute-removed'
  | 'became-required'
  | 'became-optional'
  | 'occurrences-changed'
  | 'required-with'
  | 'order-changed'
  | 'value-added'
  | 'value-removed'
  | 'datatype-added'
  | 'datatype-removed'
  | 'datatype-replaced'
  | 'facet-changed'
  | 'any-text-added'
  | 'any-text-removed';

export interface SchemaChange {
  readonly root: string;
  /** Element path, `…/@attribute` for an attribute, `…/text()` for an element's text content. */
  readonly path: string;
  readonly kind: ChangeKind;
  readonly effect: Effect;
  /** What exactly: the value, the datatype, `maxInclusive 255 → 100`, … */
  readonly detail: string;
}

export interface RootDiff {
  readonly root: string;
  readonly changes: readonly SchemaChange[];
}

export interface SchemaDiff {
  /** Labels of the compared grammars, e.g. release names or folders. */
  readonly old: string;
  readonly new: string;
  readonly roots: readonly RootDiff[];
}

/** Removals, narrowings and undecidable rewrites: what may reject a previously valid document. */
export function isNarrowing(change: SchemaChange): boolean {
  return change.effect !== 'widened';
}

export function hasNarrowing(diff: SchemaDiff): boolean {
  return diff.roots.some((r) => r.changes.some(isNarrowing));
}

/** Compares two sets of compiled grammar tables root by root (roots sorted by name). */
export function diffGrammarTables(
  oldLabel: string,
  oldTables: ReadonlyMap<string, GrammarTable>,
  newLabel: string,
  newTables: ReadonlyMap<string, GrammarTable>,
): SchemaDiff {
  const roots: RootDiff[] = [];
  for (const root of [...new Set([...oldTables.keys(), ...newTables.keys()])].sort()) {
    const o = oldTables.get(root);
    const n = newTables.get(root);
    if (o === undefined) roots.push({ root, changes: [{ root, path: '', kind: 'root-added', effect: 'widened', detail: `schema ${root}` }] });
    else if (n === undefined) roots.push({ root, changes: [{ root, path: '', kind: 'root-removed', effect: 'narrowed', detail: `schema ${root}` }] });
    else roots.push({ root, changes: diffGrammars(root, readGrammarTable(o).start, readGrammarTable(n).start) });
  }
  return { old: oldLabel, new: newLabel, roots };
}

export function diffGrammars(root: string, oldStart: Pattern, newStart: Pattern): SchemaChange[] {
  return diffGrammarSummaries(root, summarizeGrammar(oldStart), summarizeGrammar(newStart));
}

export function diffGrammarSummaries(root: string, before: GrammarSummary, after: GrammarSummary): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const add = (path: string, kind: ChangeKind, effect: Effect, detail: string): void => {
    changes.push({ root, path, kind, effect, detail });
  };

  for (const name of before.roots) if (!after.roots.includes(name)) add(`/${name}`, 'element-removed', 'narrowed', 'document element');
  for (const name of after.roots) if (!before.roots.includes(name)) add(`/${name}`, 'element-added', 'widened', 'document element');

  for (const [path, o] of before.elements) {
    const n = after.elements.get(path);
    if (n !== undefined) compareElements(path, o, n, add);
  }
  return changes.sort(compareChanges);
}

type Add = (path: string, kind: ChangeKind, effect: Effect, detail: string) => void;

function compareElements(path: string, o: ElementSummary, n: ElementSummary, add: Add): void {
  for (const [name, child] of n.children) {
    const at = `${path}/${name}`;
    const known = o.children.get(name);
    if (known === undefined) add(at, 'element-added', child.min > 0 ? 'narrowed' : 'widened', child.min > 0 ? 'required' : 'optional');
    else if (known.min === 0 && child.min > 0) add(at, 'became-required', 'narrowed', 'element');
    else if (known.min > 0 && child.min === 0) add(at, 'became-optional', 'widened', 'element');
    else if (known.min !== child.min || known.max !== child.max) {
      const effect: Effect = child.min > known.min || child.max < known.max ? 'narrowed' : 'widened';
      add(at, 'occurrences-changed', effect, `${occurrences(known)} → ${occurrences(child)}`);
    }
  }
  for (const name of o.children.keys()) if (!n.children.has(name)) add(`${path}/${name}`, 'element-removed', 'narrowed', 'element');

  for (const [name, attribute] of n.attributes) {
    const at = `${path}/@${name}`;
    const known = o.attributes.get(name);
    if (known === undefined) {
      add(at, 'attribute-added', attribute.required ? 'narrowed' : 'widened', `${attribute.required ? 'required' : 'optional'}: ${describeValueSpace(attribute.values)}`);
      continue;
    }
    if (known.required !== attribute.required) {
      add(at, attribute.required ? 'became-required' : 'became-optional', attribute.required ? 'narrowed' : 'widened', 'attribute');
    }
    compareValueSpaces(at, known.values, attribute.values, add);
  }
  for (const [name, attribute] of o.attributes) {
    if (!n.attributes.has(name)) add(`${path}/@${name}`, 'attribute-removed', 'narrowed', describeValueSpace(attribute.values));
  }

  compareCompanions(path, o, n, add);
  compareOrder(path, o, n, add);
  if (!isEmptyValueSpace(o.text) || !isEmptyValueSpace(n.text)) compareValueSpaces(`${path}/text()`, o.text, n.text, add);
}

/**
 * A name that now must come with another that was already allowed (`@cluster_id` whenever
 * `@socket_id` is given): documents with the old name alone are rejected.
 */
function compareCompanions(path: string, o: ElementSummary, n: ElementSummary, add: Add): void {
  const requiredNow = requiredNames(n);
  const byCompanion = new Map<string, string[]>();
  for (const [name, withNow] of n.together) {
    const withBefore = o.together.get(name);
    if (withBefore === undefined) continue;
    for (const companion of withNow) {
      if (requiredNow.has(companion) || withBefore.has(companion)) continue;
      const list = byCompanion.get(companion) ?? [];
      list.push(name);
      byCompanion.set(companion, list);
    }
  }
  for (const [companion, names] of byCompanion) {
    add(`${path}/${companion}`, 'required-with', 'narrowed', `now required with ${names.sort().join(', ')}`);
  }
}

/** Two children that could come in one order and no longer can: documents in that order are rejected. */
function compareOrder(path: string, o: ElementSummary, n: ElementSummary, add: Add): void {
  for (const [first, laterBefore] of o.order) {
    if (!n.children.has(first)) continue;
    const laterNow = n.order.get(first);
    for (const later of laterBefore) {
      if (later === first || !n.children.has(later) || laterNow?.has(later)) continue;
      add(`${path}/${later}`, 'order-changed', 'narrowed', `may no longer follow <${first}>`);
    }
  }
}

function requiredNames(el: ElementSummary): Set<string> {
  const names = new Set<string>();
  for (const [name, c] of el.children) if (c.min > 0) names.add(name);
  for (const [name, a] of el.attributes) if (a.required) names.add(`@${name}`);
  return names;
}

function occurrences(c: ChildSummary): string {
  return c.max === Infinity ? `${c.min} or more` : c.min === c.max ? `exactly ${c.min}` : `${c.min} to ${c.max}`;
}

function compareValueSpaces(path: string, o: ValueSpace, n: ValueSpace, add: Add): void {
  const anyBefore = acceptsAny(o);
  const anyAfter = acceptsAny(n);
  if (anyBefore && !anyAfter) add(path, 'any-text-removed', 'narrowed', `now only ${describeValueSpace(n)}`);
  if (!anyBefore && anyAfter) add(path, 'any-text-added', 'widened', 'any string');

  for (const v of o.values) {
    if (!n.values.has(v) && !anyAfter && !datatypesAllow(n, v)) add(path, 'value-removed', 'narrowed', JSON.stringify(v));
  }
  for (const v of n.values) {
    if (!o.values.has(v) && !anyBefore && !datatypesAllow(o, v)) add(path, 'value-added', 'widened', JSON.stringify(v));
  }
  compareDatatypes(path, o, n, anyBefore, anyAfter, add);

  if (o.list !== undefined && n.list !== undefined) compareValueSpaces(`${path} (list item)`, o.list, n.list, add);
  else if (o.list !== undefined && !anyAfter) add(path, 'datatype-removed', 'narrowed', 'whitespace-separated list');
  else if (n.list !== undefined && !anyBefore) add(path, 'datatype-added', 'widened', 'whitespace-separated list');
}

function compareDatatypes(path: string, o: ValueSpace, n: ValueSpace, anyBefore: boolean, anyAfter: boolean, add: Add): void {
  const removed = [...o.datatypes.values()].filter((d) => !n.datatypes.has(d.key));
  const added = [...n.datatypes.values()].filter((d) => !o.datatypes.has(d.key));
  const pairedOld = new Set<DataUse>();
  const pairedNew = new Set<DataUse>();

  // Same datatype, other facets: report facet by facet.
  for (const d of removed) {
    const sameName = (x: DataUse): boolean => x.spec.library === d.spec.library && x.spec.name === d.spec.name;
    const oldOfName = removed.filter(sameName);
    const newOfName = added.filter(sameName);
    if (oldOfName.length !== 1 || newOfName.length !== 1) continue;
    const partner = newOfName[0]!;
    pairedOld.add(d);
    pairedNew.add(partner);
    if (anyAfter) continue;
    for (const f of compareFacets(d, partner)) {
      add(path, 'facet-changed', f.effect, `${d.spec.name} ${f.facet}: ${f.old ?? '(none)'} → ${f.new ?? '(none)'}`);
    }
  }
  // A different datatype that accepts more, or less.
  for (const d of removed) {
    if (pairedOld.has(d)) continue;
    const wider = added.find((x) => !pairedNew.has(x) && subsumes(x, d));
    const narrower = wider ?? added.find((x) => !pairedNew.has(x) && subsumes(d, x));
    if (narrower === undefined) continue;
    pairedOld.add(d);
    pairedNew.add(narrower);
    if (wider !== undefined) add(path, 'datatype-replaced', 'widened', `${describeDataUse(d)} → ${describeDataUse(wider)}`);
    else if (!anyAfter) add(path, 'datatype-replaced', 'narrowed', `${describeDataUse(d)} → ${describeDataUse(narrower)}`);
  }
  // One datatype swapped for another that is neither wider nor narrower.
  const oldLeft = removed.filter((d) => !pairedOld.has(d) && ![...n.datatypes.values()].some((x) => subsumes(x, d)));
  const newLeft = added.filter((d) => !pairedNew.has(d) && ![...o.datatypes.values()].some((x) => subsumes(x, d)));
  if (oldLeft.length === 1 && newLeft.length === 1 && !anyAfter && !anyBefore) {
    pairedOld.add(oldLeft[0]!);
    pairedNew.add(newLeft[0]!);
    add(path, 'datatype-replaced', replacementEffect(oldLeft[0]!, newLeft[0]!), `${describeDataUse(oldLeft[0]!)} → ${describeDataUse(newLeft[0]!)}`);
  }
  for (const d of removed) {
    if (pairedOld.has(d) || anyAfter) continue;
    if ([...n.datatypes.values()].some((x) => subsumes(x, d))) continue;
    add(path, 'datatype-removed', 'narrowed', describeDataUse(d));
  }
  for (const d of added) {
    if (pairedNew.has(d) || anyBefore) continue;
    if ([...o.datatypes.values()].some((x) => subsumes(x, d))) continue;
    add(path, 'datatype-added', 'widened', describeDataUse(d));
  }
}

function acceptsAny(vs: ValueSpace): boolean {
  return vs.anyText || [...vs.datatypes.values()].some(acceptsAnyString);
}

/** `"a" | "b" | unsignedInt maxInclusive=255 | any string` */
export function describeValueSpace(vs: ValueSpace): string {
  const parts: string[] = [...vs.values].sort().map((v) => JSON.stringify(v));
  for (const d of [...vs.datatypes.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) parts.push(describeDataUse(d));
  if (vs.list !== undefined) parts.push(`list of (${describeValueSpace(vs.list)})`);
  if (vs.anyText) parts.push('any string');
  return parts.length === 0 ? 'no value' : parts.join(' | ');
}

const KIND_ORDER: readonly ChangeKind[] = [
  'root-removed', 'root-added', 'element-removed', 'element-added', 'attribute-removed', 'attribute-added',
  'became-required', 'became-optional', 'occurrences-changed', 'required-with', 'order-changed', 'any-text-removed', 'any-text-added', 'value-removed', 'value-added',
  'datatype-removed', 'datatype-added', 'datatype-replaced', 'facet-changed',
];

function compareChanges(a: SchemaChange, b: SchemaChange): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  const k = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (k !== 0) return k;
  return a.detail < b.detail ? -1 : a.detail > b.detail ? 1 : 0;
}
