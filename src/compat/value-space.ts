/**
 * The set of strings an attribute or a text-only element accepts, as the schema spells it:
 * enumerated values, datatypes (with their facets), free text, and list items. Schema diffs
 * compare these spellings; they are not a decision procedure for string languages.
 */
import { createDatatype } from '../xml/datatypes/index.js';
import { choiceMembers } from '../xml/grammar/builder.js';
import type { DatatypeSpec, Pattern } from '../xml/grammar/pattern.js';

/** One `<data>` use: the datatype and the values its `<except>` excludes. */
export interface DataUse {
  readonly spec: DatatypeSpec;
  readonly excluded: readonly string[];
  /** Stable identity: datatype key plus the excluded values. */
  readonly key: string;
}

export interface ValueSpace {
  readonly values: Set<string>;
  readonly datatypes: Map<string, DataUse>;
  /** A `<text/>` was allowed here: any string. */
  anyText: boolean;
  /** The item space when the value is a whitespace-separated `<list>`. */
  list: ValueSpace | undefined;
}

export function emptyValueSpace(): ValueSpace {
  return { values: new Set(), datatypes: new Map(), anyText: false, list: undefined };
}

export function isEmptyValueSpace(vs: ValueSpace): boolean {
  return vs.values.size === 0 && vs.datatypes.size === 0 && !vs.anyText && vs.list === undefined;
}

/**
 * Adds the string-valued parts of `p` to `vs`. Attributes and elements are not entered: the
 * caller collects an element's own text content or an attribute's value, never its children's.
 */
export function addToValueSpace(p: Pattern, vs: ValueSpace, seen = new Set<number>()): void {
  if (seen.has(p.id)) return;
  seen.add(p.id);
  switch (p.kind) {
    case 'choice': case 'group': case 'interleave': case 'after':
      addToValueSpace(p.a, vs, seen);
      addToValueSpace(p.b, vs, seen);
      return;
    case 'oneOrMore':
      addToValueSpace(p.p, vs, seen);
      return;
    case 'text':
      vs.anyText = true;
      return;
    case 'value':
      vs.values.add(p.value);
      return;
    case 'data': {
      const excluded = p.except === undefined ? [] : excludedValues(p.except);
      const key = excluded.length === 0 ? p.datatype.key : `${p.datatype.key}\u0002${excluded.join('\u0002')}`;
      vs.datatypes.set(key, { spec: p.datatype, excluded, key });
      return;
    }
    case 'list':
      vs.list ??= emptyValueSpace();
      addToValueSpace(p.p, vs.list, new Set());
      return;
    case 'empty': case 'notAllowed': case 'attribute': case 'element':
      return;
  }
}

export function mergeValueSpace(into: ValueSpace, from: ValueSpace): void {
  for (const v of from.values) into.values.add(v);
  for (const [k, d] of from.datatypes) into.datatypes.set(k, d);
  into.anyText ||= from.anyText;
  if (from.list !== undefined) {
    into.list ??= emptyValueSpace();
    mergeValueSpace(into.list, from.list);
  }
}

function excludedValues(except: Pattern): string[] {
  const out: string[] = [];
  for (const m of choiceMembers(except)) {
    if (m.kind === 'value') out.push(m.value);
    else out.push(`<${m.kind}>`);
  }
  return out.sort();
}

/** `unsignedInt maxInclusive=255`, `string pattern=[0-9]+`, `token except ".", ".."`. */
export function describeDataUse(use: DataUse): string {
  let text = use.spec.name;
  for (const p of use.spec.params) text += ` ${p.name}=${p.value}`;
  if (use.excluded.length > 0) text += ` except ${use.excluded.map((v) => JSON.stringify(v)).join(', ')}`;
  return text;
}

/** Whether some datatype of the space accepts `value` (enumerated values are not consulted). */
export function datatypesAllow(vs: ValueSpace, value: string): boolean {
  for (const d of vs.datatypes.values()) {
    if (d.excluded.includes(value)) continue;
    try {
      if (createDatatype(d.spec.library, d.spec.name, d.spec.params).allows(value)) return true;
    } catch {
      // A datatype this toolkit cannot evaluate cannot vouch for the value.
    }
  }
  return false;
}

/** Whether the space accepts `value`: an enumerated value (compared token-wise), a datatype, any text, or a list. */
export function valueSpaceAllows(vs: ValueSpace, value: string): boolean {
  if (vs.anyText) return true;
  const collapsed = value.replace(/[ \t\n\r]+/g, ' ').trim();
  if (vs.values.has(value) || vs.values.has(collapsed)) return true;
  if (datatypesAllow(vs, value)) return true;
  if (vs.list !== undefined) {
    const items = collapsed === '' ? [] : collapsed.split(' ');
    const list = vs.list;
    return items.every((item) => valueSpaceAllows(list, item));
  }
  return false;
}
