/**
 * Which properties an element object may have, for closing its JSON Schema.
 *
 * `unevaluatedProperties: false` would be the direct way, but JSON Schema drops what a failing
 * subschema evaluated: one wrong value inside a disk's `source` would also report `type`,
 * `device` and `source` themselves as unknown. So the set is computed here instead:
 *  - an object lists every property any of its cases may bring (`additionalProperties: false`
 *    then rejects the rest);
 *  - each case of a choice forbids the properties only its sibling cases bring.
 *
 * Choices are keyed as the schemas are written: a named union by its name, a choice written
 * inline by the declaration holding it and its position there.
 */
import type { Declaration, ShapeContent, ShapeVariant } from './shape-ir.js';

export function variantKey(owner: string, index: number, v: ShapeVariant): string {
  return v.union !== undefined ? unionKey(v.union) : `${owner} ${index}`;
}

export function unionKey(name: string): string {
  return `union ${name}`;
}

interface Site {
  readonly prop: string;
  /** Keys of the choices the property sits in. */
  readonly within: readonly string[];
}

export class PropertyClosure {
  private readonly byName: ReadonlyMap<string, Declaration>;
  private readonly possible = new Map<string, readonly string[]>();
  /** Per choice: properties some object holding it may have outside the choice. */
  private readonly outside = new Map<string, Set<string>>();

  constructor(declarations: readonly Declaration[]) {
    this.byName = new Map(declarations.map((d) => [d.name, d]));
    for (const d of declarations) {
      if (d.kind !== 'object') continue;
      const sites: Site[] = [];
      this.sites(d.name, d.content, [], sites);
      const keys = new Set(sites.flatMap((s) => s.within));
      for (const key of keys) {
        let set = this.outside.get(key);
        if (set === undefined) this.outside.set(key, (set = new Set()));
        for (const s of sites) if (!s.within.includes(key)) set.add(s.prop);
      }
    }
  }

  /** Every property a content may bring, its cases' included, in first-seen order. */
  properties(c: ShapeContent): readonly string[] {
    const out = new Set<string>();
    c.entries.forEach((e) => {
      if (e.kind === 'field') out.add(e.field.prop);
      else for (const k of e.variant.cases) if (k.type !== undefined) for (const p of this.caseProperties(k.type)) out.add(p);
    });
    return [...out];
  }

  /** For each case of the choice `key`: the properties other cases bring that it must not have. */
  forbidden(key: string, v: ShapeVariant): string[][] {
    const outside = this.outside.get(key) ?? new Set<string>();
    const own = v.cases.map((k) => new Set(k.type === undefined ? [] : this.caseProperties(k.type)));
    const all = new Set(own.flatMap((s) => [...s]));
    return own.map((mine) => [...all].filter((p) => !mine.has(p) && !outside.has(p)).sort());
  }

  private caseProperties(name: string): readonly string[] {
    let props = this.possible.get(name);
    if (props === undefined) {
      props = this.properties(this.content(name));
      this.possible.set(name, props);
    }
    return props;
  }

  private content(name: string): ShapeContent {
    const d = this.byName.get(name);
    if (d === undefined || (d.kind !== 'case' && d.kind !== 'object')) throw new Error(`${name} is not a case type`);
    return d.content;
  }

  private sites(owner: string, c: ShapeContent, within: readonly string[], out: Site[]): void {
    c.entries.forEach((e, i) => {
      if (e.kind === 'field') {
        out.push({ prop: e.field.prop, within });
        return;
      }
      const inner = [...within, variantKey(owner, i, e.variant)];
      for (const k of e.variant.cases) if (k.type !== undefined) this.sites(k.type, this.content(k.type), inner, out);
    });
  }
}
