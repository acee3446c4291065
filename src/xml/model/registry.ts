/**
 * The generated binding tables, parsed on first use, and each root's document elements.
 * Type names are unique across modules, so one lookup by name serves every root.
 */
import { BINDING_JSON, MODEL_ROOTS_JSON, MODEL_NAMESPACES, type ModelRoot } from '../../model/generated/types/index.js';
import type { BindingModule, RootBinding, TypeBinding } from './binding.js';

let roots: Readonly<Record<string, RootBinding>> | undefined;
const types = new Map<string, TypeBinding>();
const loadedModules = new Set<string>();

export function rootBindings(): Readonly<Record<string, RootBinding>> {
  roots ??= JSON.parse(MODEL_ROOTS_JSON) as Record<string, RootBinding>;
  return roots;
}

export function rootBinding(root: ModelRoot): RootBinding {
  const r = rootBindings()[root];
  if (r === undefined) throw new RangeError(`"${String(root)}" is not a schema root; known: ${Object.keys(rootBindings()).join(', ')}`);
  return r;
}

function loadModule(name: string): void {
  if (loadedModules.has(name)) return;
  const json = BINDING_JSON[name];
  if (json === undefined) throw new Error(`no binding module "${name}"`);
  const m = JSON.parse(json) as BindingModule;
  for (const [typeName, t] of Object.entries(m.types)) types.set(typeName, t);
  loadedModules.add(name);
}

const loadedRoots = new Map<string, RootBinding>();

/** Makes the types of a root available to {@link typeBinding}. */
export function loadRoot(root: ModelRoot): RootBinding {
  let r = loadedRoots.get(root);
  if (r === undefined) {
    r = rootBinding(root);
    for (const m of r.modules) loadModule(m);
    loadedRoots.set(root, r);
  }
  return r;
}

export function typeBinding(name: string): TypeBinding {
  let t = types.get(name);
  if (t === undefined) {
    // A type outside the roots loaded so far (an object moved between documents): load them all.
    for (const m of Object.keys(BINDING_JSON)) loadModule(m);
    t = types.get(name);
    if (t === undefined) throw new Error(`no model type "${name}"`);
  }
  return t;
}

/** The prefix libvirt uses for a namespace, for writing new documents. */
export function preferredPrefix(ns: string): string | undefined {
  return MODEL_NAMESPACES[ns];
}

/** Only names that are roots are kept: names from documents that are not would accumulate. */
const rootsByElement = new Map<string, ModelRoot>();

/** The root whose document element is `{ns}local`, preferring the root named like the element. */
export function rootForElement(ns: string, local: string): ModelRoot | undefined {
  const key = `${ns}\0${local}`;
  const known = rootsByElement.get(key);
  if (known !== undefined) return known;
  const matches: string[] = [];
  for (const [root, r] of Object.entries(rootBindings())) {
    if (r.elements.some(([n, l]) => n === ns && l === local)) matches.push(root);
  }
  const root = (matches.find((m) => m === local) ?? matches.sort()[0]) as ModelRoot | undefined;
  if (root !== undefined) rootsByElement.set(key, root);
  return root;
}
