/**
 * RELAX NG name classes (§4.14–4.16 after simplification): which element or attribute names a
 * pattern accepts. Name classes are interned by {@link NameClassBuilder}, so equal classes are `===`.
 */

export type NameClass = NameNameClass | AnyNameClass | NsNameClass | ChoiceNameClass;

export interface NameNameClass {
  readonly kind: 'name';
  readonly id: number;
  readonly ns: string;
  readonly local: string;
}

export interface AnyNameClass {
  readonly kind: 'anyName';
  readonly id: number;
  readonly except: NameClass | undefined;
}

export interface NsNameClass {
  readonly kind: 'nsName';
  readonly id: number;
  readonly ns: string;
  readonly except: NameClass | undefined;
}

export interface ChoiceNameClass {
  readonly kind: 'choice';
  readonly id: number;
  readonly a: NameClass;
  readonly b: NameClass;
}

export function nameClassContains(nc: NameClass, ns: string, local: string): boolean {
  switch (nc.kind) {
    case 'name':
      return nc.local === local && nc.ns === ns;
    case 'anyName':
      return nc.except === undefined || !nameClassContains(nc.except, ns, local);
    case 'nsName':
      return nc.ns === ns && (nc.except === undefined || !nameClassContains(nc.except, ns, local));
    case 'choice':
      return nameClassContains(nc.a, ns, local) || nameClassContains(nc.b, ns, local);
  }
}

/** The finite names a class lists, for "expected …" messages; wildcards are reported separately. */
export function listNames(nc: NameClass, out: NameNameClass[] = []): NameNameClass[] {
  if (nc.kind === 'name') out.push(nc);
  else if (nc.kind === 'choice') {
    listNames(nc.a, out);
    listNames(nc.b, out);
  }
  return out;
}

/** True when the class accepts names it cannot list (anyName / nsName). */
export function hasWildcard(nc: NameClass): boolean {
  if (nc.kind === 'choice') return hasWildcard(nc.a) || hasWildcard(nc.b);
  return nc.kind !== 'name';
}

export class NameClassBuilder {
  private readonly table = new Map<string, NameClass>();
  private nextId = 0;

  name(ns: string, local: string): NameNameClass {
    return this.intern(`n\u0000${ns}\u0000${local}`, (id) => ({ kind: 'name', id, ns, local })) as NameNameClass;
  }

  /** The class of exactly `{ns}local`, if one was made. */
  lookupName(ns: string, local: string): NameNameClass | undefined {
    return this.table.get(`n\u0000${ns}\u0000${local}`) as NameNameClass | undefined;
  }

  anyName(except?: NameClass): AnyNameClass {
    return this.intern(`a\u0000${except?.id ?? ''}`, (id) => ({ kind: 'anyName', id, except })) as AnyNameClass;
  }

  nsName(ns: string, except?: NameClass): NsNameClass {
    return this.intern(`s\u0000${ns}\u0000${except?.id ?? ''}`, (id) => ({ kind: 'nsName', id, ns, except })) as NsNameClass;
  }

  choice(a: NameClass, b: NameClass): NameClass {
    if (a === b) return a;
    // Operand order is canonical so that `a|b` and `b|a` intern to one object.
    const x = a.id <= b.id ? a : b;
    const y = x === a ? b : a;
    return this.intern(`c\u0000${x.id}\u0000${y.id}`, (id) => ({ kind: 'choice', id, a: x, b: y }));
  }

  private intern(key: string, make: (id: number) => NameClass): NameClass {
    let nc = this.table.get(key);
    if (nc === undefined) {
      nc = make(this.nextId++);
      this.table.set(key, nc);
    }
    return nc;
  }
}
