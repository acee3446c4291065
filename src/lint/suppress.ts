/**
 * Suppressions written in the document's own comments, which every layer keeps:
 *
 *     <!-- virtxml-disable-next-line duplicate-mac-address - the clone gets a new MAC on import -->
 *     <!-- virtxml-disable hygiene-runtime-state - dumps kept as evidence -->
 *
 * `disable-next-line` silences the named rules (all rules when none is named) on the line after
 * the comment; `disable` silences them in the whole file. The text after ` - ` is the reason
 * (eslint's ` -- ` cannot be used: XML does not allow `--` inside a comment).
 * A suppression that silences nothing is itself reported, so stale ones do not pile up.
 */
import type { XmlDocument, XmlNode } from '../xml/dom/types.js';
import type { DocumentLocator } from './locate.js';
import type { Finding, SourceSpan } from './types.js';

export interface Suppression extends SourceSpan {
  readonly kind: 'next-line' | 'file';
  /** Rule ids; empty for every rule. */
  readonly rules: readonly string[];
  /** The line a `next-line` suppression covers. */
  readonly appliesTo: number;
  readonly reason: string;
  readonly path: string;
}

export const UNUSED_SUPPRESSION = 'unused-suppression';

const DIRECTIVE = /^\s*virtxml-(disable-next-line|disable)(?=\s|$)([\s\S]*)$/;

/** The suppression comments of a document, in document order. */
export function findSuppressions(doc: XmlDocument, locator: DocumentLocator): Suppression[] {
  const found: Suppression[] = [];
  // Most documents have none: a scan of the text spares locating every element (an eighth of a run).
  if (!doc.source.includes('virtxml-disable')) return found;
  const visit = (node: XmlNode | XmlDocument['prolog'][number], parentPath: string): void => {
    if (node.kind === 'comment') {
      const m = DIRECTIVE.exec(node.value);
      if (m === null) return;
      const [spec = '', reason = ''] = m[2]!.split(/\s--?(?:\s|$)/, 2);
      const rules = spec.split(/[\s,]+/).filter((r) => r !== '');
      const end = node.offset + node.value.length + 7;
      const span = locator.span(node.offset, end);
      found.push({ ...span, kind: m[1] === 'disable' ? 'file' : 'next-line', rules, appliesTo: span.endLine + 1, reason: reason.trim(), path: `${parentPath}/comment()` });
    } else if (node.kind === 'element') {
      const path = locator.locate({ node }).path;
      for (const c of node.children) visit(c, path);
    }
  };
  for (const n of doc.prolog) visit(n, '');
  visit(doc.root, '');
  for (const n of doc.epilog) visit(n, '');
  return found;
}

/**
 * The findings no suppression covers, plus a warning for each suppression that covered none.
 * Syntax findings cannot be suppressed: the comments of a document that does not parse are unknown.
 */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[], reportUnused: boolean): Finding[] {
  if (suppressions.length === 0) return [...findings];
  const used = new Set<Suppression>();
  const kept = findings.filter((f) => {
    const by = suppressions.find((s) => covers(s, f));
    if (by === undefined) return true;
    used.add(by);
    return false;
  });
  if (reportUnused) {
    for (const s of suppressions) {
      if (used.has(s)) continue;
      const what = s.rules.length === 0 ? 'any rule' : s.rules.join(', ');
      const where = s.kind === 'file' ? 'in this file' : `on line ${s.appliesTo}`;
      kept.push({ ...s, rule: UNUSED_SUPPRESSION, severity: 'warning', message: `this suppression of ${what} silences nothing ${where}: remove it` });
    }
  }
  return kept;
}

function covers(s: Suppression, f: Finding): boolean {
  if (f.rule === UNUSED_SUPPRESSION || f.rule === 'syntax') return false;
  if (s.rules.length > 0 && !s.rules.includes(f.rule)) return false;
  return s.kind === 'file' || s.appliesTo === f.line;
}
