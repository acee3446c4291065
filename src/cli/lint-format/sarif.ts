/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning takes it (`github/codeql-action/upload-sarif`):
 * every rule with short and full descriptions, help as text and Markdown and a link to its page,
 * and its default level; results with the rule's index, the level, file URIs relative to
 * `%SRCROOT%` (the repository's root), regions with start and end, the element's path as a
 * logical location, related places, and partial fingerprints that survive edits elsewhere.
 */
import { pathToFileURL } from 'node:url';
import type { Finding, RuleMeta } from '../../lint/types.js';
import { packageInfo } from '../package-info.js';
import { ruleDocsUrl, ruleMarkdown, ruleText } from '../rule-docs.js';
import { artifactUri, ciPath, fingerprints } from './locations.js';
import type { Formatter, LintReport, ReportFile } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key under `partialFingerprints`; a new version if the fingerprint's recipe ever changes. */
export const FINGERPRINT_KEY = 'virtxmlFindingHash/v1';

export const sarif: Formatter = (report) => {
  const metas = [...report.rules.values()];
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const results: unknown[] = [];
  for (const file of report.files) {
    const prints = fingerprints(ciPath(report, file), file.findings);
    file.findings.forEach((f, i) => results.push(result(report, file, f, index.get(f.rule), prints[i]!)));
  }
  const repo = packageInfo().repositoryUrl;
  const run = {
    tool: {
      driver: {
        name: 'virtxml',
        version: report.version,
        semanticVersion: report.version,
        ...(repo !== undefined ? { informationUri: repo } : {}),
        rules: metas.map(descriptor),
      },
    },
    originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(report.sourceRoot.endsWith('/') ? report.sourceRoot : `${report.sourceRoot}/`).href } },
    columnKind: 'utf16CodeUnits',
    results,
  };
  return JSON.stringify({ $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] }, null, 2) + '\n';
};

function descriptor(meta: RuleMeta): Record<string, unknown> {
  const url = ruleDocsUrl(meta);
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: plain(meta.docs.summary) },
    fullDescription: { text: plain(meta.docs.why) },
    help: { text: ruleText(meta), markdown: ruleMarkdown(meta) },
    ...(url !== undefined ? { helpUri: url } : {}),
    defaultConfiguration: meta.level === 'off' ? { enabled: false, level: 'warning' } : { level: meta.level === 'error' ? 'error' : 'warning' },
    properties: { category: meta.category, tags: ['libvirt', meta.category] },
  };
}

function result(report: LintReport, file: ReportFile, f: Finding, ruleIndex: number | undefined, fingerprint: string): Record<string, unknown> {
  const artifactLocation = artifactUri(report, file);
  const line = Math.max(1, f.line);
  const column = Math.max(1, f.column);
  const endLine = Math.max(line, f.endLine);
  const endColumn = endLine === line ? Math.max(column + 1, f.endColumn) : Math.max(1, f.endColumn);
  return {
    ruleId: f.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: f.severity === 'error' ? 'error' : 'warning',
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation, region: { startLine: line, startColumn: column, endLine, endColumn } },
        ...(f.path !== '' ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'element' }] } : {}),
      },
    ],
    ...(f.related !== undefined && f.related.length > 0
      ? {
          relatedLocations: f.related.map((r, i) => {
            const other = r.file === undefined || r.file === file.file ? file : report.files.find((x) => x.file === r.file) ?? file;
            return {
              id: i + 1,
              message: { text: r.message },
              physicalLocation: { artifactLocation: artifactUri(report, other), region: { startLine: Math.max(1, r.line), startColumn: Math.max(1, r.column) } },
            };
          }),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(f.fix !== undefined
      ? {
          fixes: [
            {
              description: { text: f.fix.description },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: f.fix.edits.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.text } })),
                },
              ],
            },
          ],
        }
      : {}),
  };
}

/** SARIF's `text` is plain: Markdown code spans lose their backticks. */
function plain(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1');
}

function pascalCase(id: string): string {
  return id.split(/[-/]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
