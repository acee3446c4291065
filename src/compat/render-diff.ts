/**
 * Schema diffs for people: a terminal listing and the Markdown document committed under docs/.
 * Both list narrowings first, since those are what can break an existing document.
 */
import { isNarrowing, type RootDiff, type SchemaChange, type SchemaDiff } from './schema-diff.js';

export interface DiffCounts {
  readonly total: number;
  readonly widened: number;
  readonly narrowed: number;
  readonly changed: number;
  /** By change kind, e.g. `element-added: 354`. */
  readonly byKind: Readonly<Record<string, number>>;
}

export function countChanges(changes: readonly SchemaChange[]): DiffCounts {
  const byKind: Record<string, number> = {};
  let widened = 0;
  let narrowed = 0;
  let changed = 0;
  for (const c of changes) {
    byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    if (c.effect === 'widened') widened++;
    else if (c.effect === 'narrowed') narrowed++;
    else changed++;
  }
  return { total: changes.length, widened, narrowed, changed, byKind };
}

export function allChanges(diff: SchemaDiff): SchemaChange[] {
  return diff.roots.flatMap((r) => r.changes);
}

const MARK: Readonly<Record<SchemaChange['effect'], string>> = { widened: '+', narrowed: '-', changed: '~' };

/** One line per change, grouped by root: `- element-removed  /domain/…/alias  element`. */
export function renderDiffText(diff: SchemaDiff): string {
  const totals = countChanges(allChanges(diff));
  const lines = [`libvirt schema changes ${diff.old} → ${diff.new}: ${summaryPhrase(totals)}`];
  for (const root of diff.roots) {
    if (root.changes.length === 0) continue;
    lines.push('', `${root.root}: ${summaryPhrase(countChanges(root.changes))}`);
    for (const c of orderForReading(root.changes)) lines.push(`  ${MARK[c.effect]} ${c.kind.padEnd(19)} ${c.path}  ${c.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The committed document: summary table, then narrowings and additions per root. */
export function renderDiffMarkdown(diff: SchemaDiff): string {
  const out: string[] = [];
  const totals = countChanges(allChanges(diff));
  out.push(`# libvirt schema changes ${diff.old} → ${diff.new}`, '');
  out.push(
    `Generated from the compiled grammars by \`virtxml schema-diff ${diff.old} ${diff.new}\` (src/compat/schema-diff.ts);`,
    'test/compat/schema-changes-doc.test.ts checks that this file is current',
    '(`VIRTXML_UPDATE_DOCS=1 npx vitest run test/compat/schema-changes-doc.test.ts` rewrites it).',
    '',
    '**Effects.** *widened*: every document the old schema accepted is still accepted. *narrowed*: some',
    'documents the old schema accepted are rejected now (removed element, attribute or value, tightened',
    'facet, newly required attribute or child, more or fewer occurrences, a name that must now come with',
    'another). *changed*: a rewrite whose direction cannot be read off the schema (a different regular',
    'expression); treat it as a possible narrowing. Paths are element paths from the document element;',
    '`@name` is an attribute and `text()` an element\'s text content. Roots that embed a domain',
    '(domaincheckpoint, domainsnapshot) repeat the domain changes under their own paths.',
    '',
    `In total: ${summaryPhrase(totals)}.`,
    '',
    '| root | widened | narrowed | changed |',
    '|------|--------:|---------:|--------:|',
  );
  for (const root of diff.roots) {
    const c = countChanges(root.changes);
    out.push(`| ${root.root} | ${c.widened} | ${c.narrowed} | ${c.changed} |`);
  }
  out.push('', '| change kind | count |', '|-------------|------:|');
  for (const [kind, n] of Object.entries(totals.byKind).sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`| ${kind} | ${n} |`);

  for (const root of diff.roots) {
    if (root.changes.length === 0) continue;
    out.push('', `## ${root.root}`);
    const breaking = root.changes.filter(isNarrowing);
    if (breaking.length > 0) {
      out.push('', '### Narrowed or changed', '');
      for (const c of breaking) out.push(markdownLine(c));
    }
    const widening = root.changes.filter((c) => !isNarrowing(c));
    if (widening.length > 0) {
      out.push('', '### Widened', '');
      for (const c of widening) out.push(markdownLine(c));
    }
  }
  return `${out.join('\n')}\n`;
}

function markdownLine(c: SchemaChange): string {
  const path = c.path === '' ? '' : ` \`${c.path}\``;
  return `- ${c.kind}${path}: ${c.detail.replace(/\|/g, '\\|')}${c.effect === 'changed' ? ' (changed)' : ''}`;
}

function orderForReading(changes: RootDiff['changes']): SchemaChange[] {
  return [...changes.filter(isNarrowing), ...changes.filter((c) => !isNarrowing(c))];
}

function summaryPhrase(c: DiffCounts): string {
  if (c.total === 0) return 'no changes';
  return `${c.total} changes (${c.widened} widened, ${c.narrowed} narrowed, ${c.changed} changed)`;
}
