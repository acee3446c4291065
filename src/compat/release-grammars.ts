/**
 * The shipped releases' grammars as compat inputs: tables per root, and per-path summaries
 * built once per (release, root) on first use.
 */
import {
  LIBVIRT_RELEASES,
  loadGrammarTable,
  ROOT_ELEMENTS,
  type LibvirtRelease,
  type RootName,
} from '../model/generated/grammar/index.js';
import { readGrammarTable, type GrammarTable } from '../xml/grammar/table.js';
import { summarizeGrammar, type GrammarSummary } from './grammar-summary.js';

export function isShippedRelease(name: string): name is LibvirtRelease {
  return (LIBVIRT_RELEASES as readonly string[]).includes(name);
}

/** The roots a shipped release has, sorted. */
export function releaseRoots(release: LibvirtRelease): RootName[] {
  return (Object.keys(ROOT_ELEMENTS[release]) as RootName[]).sort();
}

export function releaseTables(release: LibvirtRelease): Map<string, GrammarTable> {
  const tables = new Map<string, GrammarTable>();
  for (const root of releaseRoots(release)) {
    const table = loadGrammarTable(release, root);
    if (table !== undefined) tables.set(root, table);
  }
  return tables;
}

const summaries = new Map<string, GrammarSummary | undefined>();

/** The summary of a shipped grammar, or undefined when the release has no such root. */
export function releaseSummary(release: LibvirtRelease, root: RootName): GrammarSummary | undefined {
  const key = `${release}\u0000${root}`;
  if (!summaries.has(key)) {
    const table = loadGrammarTable(release, root);
    summaries.set(key, table === undefined ? undefined : summarizeGrammar(readGrammarTable(table).start));
  }
  return summaries.get(key);
}
