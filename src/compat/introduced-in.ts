/**
 * Target-version hints: whether a construct an older release's grammar rejects is known to a
 * newer one, so validation against the older release can say "it was added later" instead of
 * only "not allowed". Paths are as validators write them (`/domain/devices/disk[2]/@device`);
 * prefixes and positions are ignored.
 */
import { PINNED_RELEASE, type LibvirtRelease, type RootName } from '../model/generated/grammar/index.js';
import { resolveElementPath, splitPath, type GrammarSummary } from './grammar-summary.js';
import { segmentLocalName } from './names.js';
import { releaseSummary } from './release-grammars.js';
import { valueSpaceAllows, type ValueSpace } from './value-space.js';

/** True when `newer`'s grammar for `root` has the element or attribute at `path` and `older`'s has not. */
export function knownOnlyInNewer(root: RootName, path: string, older: LibvirtRelease, newer: LibvirtRelease = PINNED_RELEASE): boolean {
  const newSummary = releaseSummary(newer, root);
  if (newSummary === undefined || !isKnown(newSummary, path)) return false;
  const oldSummary = releaseSummary(older, root);
  return oldSummary === undefined || !isKnown(oldSummary, path);
}

/**
 * True when `value` is accepted at the attribute (`…/@name`) or text (`…/text()` or the element
 * path) of `path` by `newer`'s grammar but not by `older`'s.
 */
export function valueKnownOnlyInNewer(
  root: RootName,
  path: string,
  value: string,
  older: LibvirtRelease,
  newer: LibvirtRelease = PINNED_RELEASE,
): boolean {
  const newSummary = releaseSummary(newer, root);
  if (newSummary === undefined || !valueAllowed(newSummary, path, value)) return false;
  const oldSummary = releaseSummary(older, root);
  return oldSummary === undefined || !valueAllowed(oldSummary, path, value);
}

/**
 * A sentence for a diagnostic, e.g. `element <throttlefilters> is not known to libvirt 7.0.0;
 * it was added later`, or undefined when `path` (and `value`, if given) is not a later addition.
 */
export function laterAdditionNote(
  root: RootName,
  path: string,
  older: LibvirtRelease,
  value?: string,
  newer: LibvirtRelease = PINNED_RELEASE,
): string | undefined {
  const segments = splitPath(path);
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  const what = last.startsWith('@') ? `attribute "${segmentLocalName(last.slice(1))}"` : `element <${segmentLocalName(last)}>`;
  if (knownOnlyInNewer(root, path, older, newer)) return `${what} is not known to libvirt ${older}; it was added later`;
  if (value !== undefined && valueKnownOnlyInNewer(root, path, value, older, newer)) {
    const where = last === 'text()' ? `the content of <${segmentLocalName(segments[segments.length - 2] ?? '')}>` : what;
    return `value ${JSON.stringify(value)} of ${where} is not known to libvirt ${older}; it was added later`;
  }
  return undefined;
}

function isKnown(summary: GrammarSummary, path: string): boolean {
  const target = splitTarget(path);
  if (target.kind === 'text') return false;
  const elements = resolveElementPath(summary, target.elementPath);
  if (target.kind === 'element') return elements.length > 0;
  return attributeSpaces(summary, elements, target.attribute).length > 0;
}

function valueAllowed(summary: GrammarSummary, path: string, value: string): boolean {
  const target = splitTarget(path);
  const elements = resolveElementPath(summary, target.elementPath);
  const spaces: ValueSpace[] = target.kind === 'attribute'
    ? attributeSpaces(summary, elements, target.attribute)
    : elements.map((p) => summary.elements.get(p)!.text);
  return spaces.some((vs) => valueSpaceAllows(vs, value));
}

function attributeSpaces(summary: GrammarSummary, elementPaths: readonly string[], attribute: string): ValueSpace[] {
  const spaces: ValueSpace[] = [];
  for (const p of elementPaths) {
    for (const [name, a] of summary.elements.get(p)?.attributes ?? []) {
      const local = segmentLocalName(name);
      if (local === '*' || local === attribute) spaces.push(a.values);
    }
  }
  return spaces;
}

type Target =
  | { readonly kind: 'element'; readonly elementPath: string }
  | { readonly kind: 'attribute'; readonly elementPath: string; readonly attribute: string }
  | { readonly kind: 'text'; readonly elementPath: string };

function splitTarget(path: string): Target {
  const segments = splitPath(path);
  const last = segments[segments.length - 1] ?? '';
  const parent = `/${segments.slice(0, -1).join('/')}`;
  if (last.startsWith('@')) return { kind: 'attribute', elementPath: parent, attribute: segmentLocalName(last.slice(1)) };
  if (last === 'text()') return { kind: 'text', elementPath: parent };
  return { kind: 'element', elementPath: path };
}
