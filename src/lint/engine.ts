/**
 * Lints one document: parses it once (the XML tree and, from it, the typed model), checks it
 * against the grammar of every configured release, runs the rules for its root and collects the
 * facts fleet rules judge across files. Suppressions and fleet rules are applied by the caller,
 * once every file is known (see lint.ts).
 */
import { PINNED_RELEASE, type RootName } from '../model/generated/grammar/index.js';
import type { XmlDocument } from '../xml/dom/types.js';
import { parseXml, XmlSyntaxError } from '../xml/dom/index.js';
import { readModel } from '../xml/model/api.js';
import { MODEL_MAX_DEPTH } from '../xml/model/limits.js';
import { rootForElement } from '../xml/model/registry.js';
import type { FileSettings } from './config.js';
import { DocumentLocator } from './locate.js';
import { guestPlatform } from './platform.js';
import { schemaFindings, SCHEMA_RULE_ID, SYNTAX_RULE_ID } from './rules/schema.js';
import { findSuppressions, type Suppression } from './suppress.js';
import { isFleetRule, type DocumentRule, type Finding, type Rule, type RuleContext } from './types.js';

/** The outcome for one document before suppressions and fleet rules. */
export interface DocumentOutcome {
  readonly file: string;
  /** The schema root; undefined when the document is not a libvirt document or does not parse. */
  readonly root: RootName | undefined;
  /** Set when the file was not linted: its document element is no libvirt root (a `pom.xml`). */
  readonly skipped?: 'not-libvirt';
  readonly findings: Finding[];
  readonly suppressions: Suppression[];
  /** Fleet rule id → the facts this document gave it. */
  readonly facts: Record<string, unknown>;
}

export function lintDocument(text: string, file: string, settings: FileSettings, rules: readonly Rule[]): DocumentOutcome {
  let doc: XmlDocument;
  try {
    doc = parseXml(text, { maxDepth: MODEL_MAX_DEPTH });
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    const finding: Finding = {
      rule: SYNTAX_RULE_ID, severity: 'error', message: e.detail, path: '',
      line: e.line, column: e.column, endLine: e.line, endColumn: e.column + 1, offset: -1,
    };
    return { file, root: undefined, findings: [finding], suppressions: [], facts: {} };
  }
  const root = rootForElement(doc.root.ns, doc.root.local) as RootName | undefined;
  if (root === undefined) return { file, root: undefined, skipped: 'not-libvirt', findings: [], suppressions: [], facts: {} };

  const locator = new DocumentLocator(doc);
  const findings: Finding[] = [];
  const facts: Record<string, unknown> = {};
  const schemaRule = rules.find((r) => r.meta.id === SCHEMA_RULE_ID);
  const schemaLevel = schemaRule === undefined ? 'off' : settings.levelOf(schemaRule).level;
  if (schemaLevel !== 'off') findings.push(...schemaFindings(text, root, settings.releases, schemaLevel === 'error' ? 'error' : 'warning'));

  const parsed = readModel(doc, root as Parameters<typeof readModel>[1], { freeze: true });
  if (parsed === undefined) return { file, root, findings, suppressions: findSuppressions(doc, locator), facts };
  const platform = guestPlatform(root, parsed.value, settings.arch);

  for (const rule of rules) {
    if (rule.meta.id === SCHEMA_RULE_ID || !(rule.meta.roots as readonly string[]).includes(root)) continue;
    const { level, options } = settings.levelOf(rule);
    if (level === 'off') continue;
    const severity = level === 'error' ? 'error' : 'warning';
    const context: RuleContext = {
      root,
      model: parsed.value as RuleContext['model'],
      document: doc,
      file,
      options,
      platform,
      releases: settings.releases,
      locate: (target) => locator.locate(target),
      report: (r) => {
        const at = locator.locate(r);
        findings.push({
          rule: rule.meta.id,
          severity,
          message: r.message,
          ...at,
          ...(r.fix !== undefined ? { fix: r.fix } : {}),
          ...(r.related !== undefined && r.related.length > 0
            ? { related: r.related.map((x) => { const p = locator.locate(x); return { message: x.message, path: p.path, line: p.line, column: p.column }; }) }
            : {}),
        });
      },
    };
    try {
      if (isFleetRule(rule)) {
        const f = rule.collect(context);
        if (f !== undefined) facts[rule.meta.id] = f;
      } else {
        (rule as DocumentRule).check(context);
      }
    } catch (e) {
      // A broken rule (a plugin's, most likely) must not hide the others' findings.
      findings.push({
        rule: rule.meta.id, severity: 'error', path: '', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0,
        message: `rule ${rule.meta.id} failed on this document: ${(e as Error)?.message ?? String(e)}`,
      });
    }
  }
  return { file, root, findings, suppressions: findSuppressions(doc, locator), facts };
}

export { PINNED_RELEASE };
