/**
 * Shared pieces of the fleet rules: locations as plain JSON, reading a domain's devices from the
 * XML tree, and a judge for "the same key in two places".
 */
import type { XmlElement } from '../../../xml/dom/types.js';
import type { FleetContext, FleetEntry, FleetLocation, RuleContext } from '../../types.js';

/** A place in a file as facts carry it. */
export function at(ctx: RuleContext, node: object, attribute?: string): FleetLocation {
  const l = ctx.locate(attribute === undefined ? { node } : { node, attribute });
  return { path: l.path, line: l.line, column: l.column, endLine: l.endLine, endColumn: l.endColumn, offset: l.offset };
}

/** One occurrence of a key, e.g. a domain name, with where it is written. */
export interface Keyed {
  readonly key: string;
  /** The value as written, for messages. */
  readonly shown: string;
  readonly at: FleetLocation;
}

export interface DuplicateOptions {
  /** Whether two occurrences in the same file also clash (default: only across files). */
  readonly withinFile?: boolean;
  /** The message for a later occurrence, given the value and where the first one is. */
  readonly message: (shown: string, firstFile: string, firstLine: number, sameFile: boolean) => string;
  readonly relatedMessage: string;
}

/** Reports every occurrence of a key after its first, pointing back at the first. */
export function reportDuplicates(entries: readonly FleetEntry<readonly Keyed[] | undefined>[], context: FleetContext, options: DuplicateOptions): void {
  const first = new Map<string, { file: string; item: Keyed }>();
  for (const entry of entries) {
    for (const item of entry.facts ?? []) {
      const earlier = first.get(item.key);
      if (earlier === undefined) {
        first.set(item.key, { file: entry.file, item });
        continue;
      }
      const sameFile = earlier.file === entry.file;
      if (sameFile && options.withinFile !== true) continue;
      context.report({
        file: entry.file,
        at: item.at,
        message: options.message(item.shown, earlier.file, earlier.item.at.line, sameFile),
        related: [{ ...earlier.item.at, file: earlier.file, message: options.relatedMessage }],
      });
    }
  }
}

/** "in other.xml (line 4)" or "on line 4". */
export function where(file: string, line: number, sameFile: boolean): string {
  return sameFile ? `on line ${line}` : `in ${file} (line ${line})`;
}

/** The `<devices>` children of a domain document's root element, by element name. */
export function devices(root: XmlElement, local: string): XmlElement[] {
  const devicesEl = root.children.find((c): c is XmlElement => c.kind === 'element' && c.local === 'devices' && c.ns === '');
  if (devicesEl === undefined) return [];
  return devicesEl.children.filter((c): c is XmlElement => c.kind === 'element' && c.local === local && c.ns === '');
}
