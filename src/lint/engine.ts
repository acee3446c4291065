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
import { isFleetRule, type DocumentRule, type Finding, type FleetRule, type Report, type ReportTarget, type Rule, type RuleContext } from './types.js';

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

  // The rule that is running: `report` and `locate` are made once per document, not once per rule.
  let current: PlannedRule | undefined;
  let severity: Finding['severity'] = 'error';
  const locate = (target: ReportTarget) => locator.locate(target);
  const report = (r: Report): void => {
    const at = locator.locate(r);
    findings.push({
      rule: current!.id,
      severity,
      message: r.message,
      ...at,
      ...(r.fix !== undefined ? { fix: r.fix } : {}),
      ...(r.related !== undefined && r.related.length > 0
        ? { related: r.related.map((x) => { const p = locator.locate(x); return { message: x.message, path: p.path, line: p.line, column: p.column }; }) }
        : {}),
    });
  };
  for (const planned of planFor(rules, root)) {
    const { level, options } = settings.levelOf(planned.rule);
    if (level === 'off') continue;
    current = planned;
    severity = level === 'error' ? 'error' : 'warning';
    const context: RuleContext = {
      root,
      model: parsed.value as RuleContext['model'],
      document: doc,
      file,
      options,
      platform,
      releases: settings.releases,
      locate,
      report,
    };
    try {
      if (planned.fleet) {
        const f = (planned.rule as FleetRule).collect(context);
        if (f !== undefined) facts[planned.id] = f;
      } else {
        (planned.rule as DocumentRule).check(context);
      }
    } catch (e) {
      // A broken rule (a plugin's, most likely) must not hide the others' findings.
      findings.push({
        rule: planned.id, severity: 'error', path: '', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0,
        message: `rule ${planned.id} failed on this document: ${(e as Error)?.message ?? String(e)}`,
      });
    }
  }
  current = undefined;
  return { file, root, findings, suppressions: findSuppressions(doc, locator), facts };
}

/** A rule as the loop over a document's rules reads it: the same shape for every rule. */
interface PlannedRule {
  readonly rule: Rule;
  readonly id: string;
  readonly fleet: boolean;
}

const plans = new WeakMap<readonly Rule[], Map<RootName, readonly PlannedRule[]>>();

/**
 * The rules that check documents of `root`, worked out once per rule list: reading each rule's
 * meta for every document cost about a tenth of a run over libvirt's corpus (every rule object
 * has its own shape, so each access is a slow, megamorphic one).
 */
function planFor(rules: readonly Rule[], root: RootName): readonly PlannedRule[] {
  let byRoot = plans.get(rules);
  if (byRoot === undefined) {
    byRoot = new Map();
    plans.set(rules, byRoot);
  }
  let plan = byRoot.get(root);
  if (plan === undefined) {
    plan = rules
      .filter((r) => r.meta.id !== SCHEMA_RULE_ID && (r.meta.roots as readonly string[]).includes(root))
      .map((rule) => ({ rule, id: rule.meta.id, fleet: isFleetRule(rule) }));
    byRoot.set(root, plan);
  }
  return plan;
}

export { PINNED_RELEASE };
