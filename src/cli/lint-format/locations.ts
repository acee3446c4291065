/**
 * What the CI formats share: a file's path from the source root (SARIF's `%SRCROOT%`, GitLab's
 * `location.path`) and a fingerprint per finding that survives unrelated edits to the file.
 */
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../lint/types.js';
import type { LintReport, ReportFile } from './types.js';

/** `/`-separated path from the source root, or undefined when the file is outside it (or is standard input). */
export function rootRelativePath(report: LintReport, file: ReportFile): string | undefined {
  if (file.path === undefined) return undefined;
  const rel = relative(report.sourceRoot, file.path);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** The path CI tools show: from the source root when below it, else as the file is shown. */
export function ciPath(report: LintReport, file: ReportFile): string {
  return rootRelativePath(report, file) ?? file.file;
}

/** A relative URI reference (each segment escaped), or an absolute `file:` URI for files outside the root. */
export function artifactUri(report: LintReport, file: ReportFile): { uri: string; uriBaseId?: string } {
  const rel = rootRelativePath(report, file);
  if (rel !== undefined) return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  if (file.path !== undefined) return { uri: pathToFileURL(file.path).href };
  return { uri: encodeURIComponent(file.file) };
}

/**
 * Fingerprints of one file's findings: the rule, the file and the element's path (not the line,
 * which moves when lines are added above; not the message, which may quote a line number), and
 * the occurrence among findings that share those three.
 */
export function fingerprints(path: string, findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.rule}\u0000${path}\u0000${f.path === '' ? `line ${f.line}` : f.path}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
