/**
 * When a document is checked against an older release, an element, attribute or value that the
 * older grammar rejects but the pinned release knows gets a message that says so ("element
 * <throttlefilters> is not known to libvirt 7.0.0; it was added later"), which is what a user
 * deciding whether a document will run on older hosts needs to know.
 */
import { laterAdditionNote } from '../../compat/introduced-in.js';
import type { LibvirtRelease, RootName } from '../../model/generated/grammar/index.js';
import { LineMap } from '../dom/line-map.js';
import type { XmlDocument, XmlElement } from '../dom/types.js';
import type { Diagnostic } from './diagnostic.js';

const NAME_CODES = new Set(['unexpected-element', 'unexpected-attribute']);
const VALUE_CODES = new Set(['invalid-attribute-value', 'conflicting-attribute', 'invalid-text']);

export function explainLaterAdditions(
  diagnostics: Diagnostic[],
  doc: XmlDocument,
  schema: RootName,
  release: LibvirtRelease,
): Diagnostic[] {
  let lines: LineMap | undefined;
  return diagnostics.map((d) => {
    let note: string | undefined;
    if (NAME_CODES.has(d.code)) {
      note = laterAdditionNote(schema, d.path, release);
    } else if (VALUE_CODES.has(d.code)) {
      lines ??= new LineMap(doc.source);
      const value = valueAt(doc.root, lines, d);
      if (value !== undefined) note = laterAdditionNote(schema, d.path, release, value);
    }
    return note === undefined ? d : { ...d, message: note };
  });
}

/** The attribute value or text the diagnostic points at, found by its line and column. */
function valueAt(root: XmlElement, lines: LineMap, d: Diagnostic): string | undefined {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    for (const a of el.attributes) {
      const p = lines.locate(a.offset);
      if (p.line === d.line && p.column === d.column) return a.value;
    }
    for (const c of el.children) {
      if (c.kind === 'element') stack.push(c);
      else if (c.kind === 'text') {
        const p = lines.locate(c.offset + (c.raw.length - c.raw.trimStart().length));
        if (p.line === d.line && p.column === d.column) return c.value.trim();
      }
    }
  }
  return undefined;
}
