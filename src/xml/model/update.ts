/**
 * Immutable updates of model objects. An update that changes nothing returns the object
 * itself, so `update(x, c) === x` tells "no change" without comparing trees; a changed object
 * keeps the original's layout, so `preserve` formatting writes only what changed anew.
 */
import { attachLayout, derivedLayout, layoutOf } from './origin.js';

/** The changes `update` accepts for `T`: its own properties, `undefined` to remove one. */
export type Changes<T> = T extends unknown ? { readonly [K in keyof T]?: T[K] | undefined } : never;

/**
 * A copy of `obj` with `changes` applied, or `obj` itself when no value differs.
 *
 * @example
 * ```ts
 * import { parseDomain, update } from 'virtxml';
 *
 * const domain = parseDomain("<domain type='kvm'><name>a</name><vcpu>2</vcpu><os><type>hvm</type></os></domain>");
 * const bigger = update(domain, { vcpu: { $value: 4 } });
 * console.log(bigger.vcpu?.$value, domain.vcpu?.$value); // 4 2
 * console.log(update(bigger, { name: 'a' }) === bigger); // true
 * // A function of the current value; undefined removes a property.
 * console.log(update(bigger, (d) => ({ vcpu: undefined, name: `${d.name}-copy` })).name); // a-copy
 * ```
 */
export function update<T extends object>(obj: T, changes: Changes<T> | ((current: T) => Changes<T>)): T {
  const c = (typeof changes === 'function' ? changes(obj) : changes) as Readonly<Record<string, unknown>>;
  const current = obj as Readonly<Record<string, unknown>>;
  let changed = false;
  for (const k of Object.keys(c)) {
    if (current[k] !== c[k]) {
      changed = true;
      break;
    }
  }
  if (!changed) return obj;
  const next: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(c)) {
    if (k === '$layout') continue;
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  const layout = '$layout' in c ? (c['$layout'] as ReturnType<typeof layoutOf>) : layoutOf(obj);
  if (layout !== undefined) attachLayout(next, derivedLayout(layout));
  if (Object.isFrozen(obj)) Object.freeze(next);
  return next as T;
}

/**
 * A copy of `list` with the item at `index` replaced by `change(item)`, or `list` itself when
 * the change returns the same item.
 *
 * @example
 * ```ts
 * import { formatDomain, parseDomain, update, updateAt } from 'virtxml';
 *
 * const domain = parseDomain("<domain type='kvm'><name>a</name><os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='/a.img'/><target dev='vda'/></disk></devices></domain>");
 * const disks = updateAt(domain.devices!.disk!, 0, (disk) => update(disk, { source: { file: '/b.img' } }));
 * const moved = update(domain, { devices: update(domain.devices!, { disk: disks }) });
 * console.log(formatDomain(moved).includes("<source file='/b.img'/>")); // true
 * ```
 */
export function updateAt<T>(list: readonly T[], index: number, change: (item: T) => T): readonly T[] {
  if (index < 0 || index >= list.length) throw new RangeError(`index ${index} is outside the list (length ${list.length})`);
  const item = list[index]!;
  const next = change(item);
  if (next === item) return list;
  const copy = list.slice();
  copy[index] = next;
  return Object.isFrozen(list) ? Object.freeze(copy) : copy;
}

/**
 * Deep-freezes a model built in code (parsed models are frozen already). Returns its argument.
 *
 * @example
 * ```ts
 * import { freezeModel, formatNetwork, type Network } from 'virtxml';
 *
 * const network = freezeModel<Network>({ name: 'lab', bridge: { name: 'virbr1' } });
 * console.log(Object.isFrozen(network.bridge)); // true
 * console.log(JSON.stringify(formatNetwork(network))); // "<network>\n  <name>lab</name>\n  <bridge name='virbr1'/>\n</network>\n"
 * ```
 */
export function freezeModel<T>(value: T): T {
  // Without recursion, and each object frozen before its children are visited, so that neither
  // a deep value nor one that contains itself can exhaust the stack.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const child of Object.values(v)) pending.push(child);
  }
  return value;
}
