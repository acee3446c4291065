/**
 * `lint(input, config)`: the library's entry point, and `finishLint`, the step the CLI shares
 * with it once documents are linted (possibly on worker threads): fleet rules over every
 * document's facts, then suppressions, then counts.
 */
import type { LintConfig } from './config.js';
import { settingsFor, unknownRuleIds, ConfigError } from './config.js';
import { lintDocument, type DocumentOutcome } from './engine.js';
import { BUILTIN_RULES } from './rules/index.js';
import { applySuppressions, UNUSED_SUPPRESSION } from './suppress.js';
import { isFleetRule, type Finding, type FleetEntry, type LintPlugin, type Rule } from './types.js';

export interface LintInput {
  /** The name shown in findings, and matched against `ignore` and `overrides` globs. */
  readonly file: string;
  readonly text: string;
}

export interface FileLintResult {
  readonly file: string;
  /** The schema root; undefined when the file is skipped or does not parse. */
  readonly root: string | undefined;
  /** Why the file was not linted: its document element is not a libvirt root, or a glob ignores it. */
  readonly skipped?: 'not-libvirt' | 'ignored';
  /** Sorted by position. */
  readonly findings: readonly Finding[];
  readonly errorCount: number;
  readonly warningCount: number;
}

export interface LintResult {
  readonly results: readonly FileLintResult[];
  readonly errorCount: number;
  readonly warningCount: number;
}

/**
 * The rules in force: the built-in ones and those of loaded plugins. Throws on a clash of ids.
 *
 * @example
 * ```ts
 * import { BUILTIN_RULES, isFleetRule, rulesFor } from 'virtxml/lint';
 *
 * const rules = rulesFor({});
 * console.log(rules === BUILTIN_RULES, rules.some(isFleetRule)); // true true
 * ```
 */
export function rulesFor(config: LintConfig): readonly Rule[] {
  const plugins = (config.plugins ?? []).filter((p): p is LintPlugin => typeof p !== 'string');
  if (plugins.length === 0) return BUILTIN_RULES;
  const rules = [...BUILTIN_RULES];
  const ids = new Set(rules.map((r) => r.meta.id));
  for (const p of plugins) {
    for (const r of p.rules) {
      if (ids.has(r.meta.id)) throw new ConfigError(`plugin ${p.name}: rule id "${r.meta.id}" is already taken`);
      ids.add(r.meta.id);
      rules.push(r);
    }
  }
  return rules;
}

/**
 * Lints documents given as text. With several inputs, fleet rules (duplicate names, MACs,
 * shared disk images, …) judge them together. Never throws for bad input: a document that is
 * not XML is a `syntax` finding.
 *
 * @example
 * ```ts
 * import { lint } from 'virtxml/lint';
 *
 * const guest = (uuid: string) =>
 *   `<domain type='kvm'><name>web01</name><uuid>${uuid}</uuid><memory unit='GiB'>4</memory><os><type arch='x86_64' machine='q35'>hvm</type></os></domain>`;
 * const { results, errorCount } = lint([
 *   { file: 'a.xml', text: guest('c7a5fdbd-edaf-9455-926a-d65c16db1809') },
 *   { file: 'b.xml', text: guest('5d744f21-ba4a-4d6e-bdb2-30a35ff3207d') },
 * ]);
 * console.log(errorCount); // 1
 * console.log(results[1]!.findings[0]!.rule); // fleet-duplicate-domain-name
 * ```
 */
export function lint(input: string | LintInput | readonly LintInput[], config: LintConfig = {}): LintResult {
  const inputs: readonly LintInput[] = typeof input === 'string' ? [{ file: '<input>', text: input }] : 'text' in input ? [input as LintInput] : (input as readonly LintInput[]);
  const unresolved = (config.plugins ?? []).filter((p) => typeof p === 'string');
  if (unresolved.length > 0) throw new ConfigError(`plugins given by path (${unresolved.join(', ')}) must be loaded first: use loadPlugins, or the CLI`);
  const rules = rulesFor(config);
  checkRuleIds(config, rules);
  const outcomes: (DocumentOutcome | 'ignored')[] = inputs.map(({ file, text }) => {
    const settings = settingsFor(config, file);
    return settings === undefined ? 'ignored' : lintDocument(text, file, settings, rules);
  });
  return finishLint(outcomes.map((o, i) => (o === 'ignored' ? { file: inputs[i]!.file, ignored: true as const } : o)), rules, config);
}

export function checkRuleIds(config: LintConfig, rules: readonly Rule[]): void {
  const unknown = unknownRuleIds(config, new Set([...rules.map((r) => r.meta.id), UNUSED_SUPPRESSION]));
  if (unknown.length > 0) throw new ConfigError(`unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')}; \`virtxml rules\` lists them`);
}

/**
 * Fleet rules over the documents' facts, then suppressions, sorting and counts.
 *
 * @example
 * ```ts
 * import { finishLint, rulesFor } from 'virtxml/lint';
 *
 * // What lint() does last, for callers that lint documents elsewhere (the CLI's worker threads).
 * const result = finishLint([{ file: 'vendor/a.xml', ignored: true }], rulesFor({}), {});
 * console.log(result.results[0]!.skipped, result.errorCount); // ignored 0
 * ```
 */
export function finishLint(outcomes: readonly (DocumentOutcome | { readonly file: string; readonly ignored: true })[], rules: readonly Rule[], config: LintConfig): LintResult {
  const fleetFindings = new Map<string, Finding[]>();
  for (const rule of rules) {
    if (!isFleetRule(rule)) continue;
    const entries: FleetEntry[] = [];
    for (const o of outcomes) {
      if ('ignored' in o || o.root === undefined) continue;
      const facts = o.facts[rule.meta.id];
      if (facts !== undefined) entries.push({ file: o.file, root: o.root, facts });
    }
    if (entries.length === 0) continue;
    // A fleet rule's level is the one in force for the file a finding lands in.
    const { options } = settingsFor(config, entries[0]!.file)?.levelOf(rule) ?? { options: {} };
    rule.checkFleet(entries, {
      options,
      report: (r) => {
        const level = settingsFor(config, r.file)?.levelOf(rule).level ?? 'off';
        if (level === 'off') return;
        const list = fleetFindings.get(r.file) ?? [];
        list.push({
          rule: rule.meta.id,
          severity: level === 'error' ? 'error' : 'warning',
          message: r.message,
          ...r.at,
          ...(r.related !== undefined && r.related.length > 0
            ? { related: r.related.map((x) => ({ message: x.message, path: x.path, line: x.line, column: x.column, file: x.file })) }
            : {}),
        });
        fleetFindings.set(r.file, list);
      },
    });
  }
  let errorCount = 0;
  let warningCount = 0;
  const results = outcomes.map((o): FileLintResult => {
    if ('ignored' in o) return { file: o.file, root: undefined, skipped: 'ignored', findings: [], errorCount: 0, warningCount: 0 };
    const all = [...o.findings, ...(fleetFindings.get(o.file) ?? [])];
    const unusedLevel = settingsFor(config, o.file)?.levelOf(UNUSED_SUPPRESSION_RULE).level ?? 'warn';
    const findings = applySuppressions(all, o.suppressions, unusedLevel !== 'off')
      .map((f) => (f.rule === UNUSED_SUPPRESSION && unusedLevel === 'error' ? { ...f, severity: 'error' as const } : f))
      .sort(byPosition);
    const errors = findings.filter((f) => f.severity === 'error').length;
    errorCount += errors;
    warningCount += findings.length - errors;
    return { file: o.file, root: o.root, ...(o.skipped ? { skipped: o.skipped } : {}), findings, errorCount: errors, warningCount: findings.length - errors };
  });
  return { results, errorCount, warningCount };
}

/** `unused-suppression` is configured like a rule (`"unused-suppression": "off"`). */
const UNUSED_SUPPRESSION_RULE: Rule = {
  meta: {
    id: UNUSED_SUPPRESSION,
    category: 'hygiene',
    level: 'warn',
    roots: [],
    docs: {
      summary: 'A `virtxml-disable` comment that silences no finding.',
      why: 'Suppressions outlive the problems they hid; one that silences nothing would hide the next real problem on its line.',
      example: {
        bad: "<network>\n  <name>default</name>\n  <!-- virtxml-disable-next-line network-dhcp-range-outside-subnet -->\n  <bridge name='virbr0'/>\n</network>\n",
        good: "<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n",
      },
    },
  },
  check() {
    // Applied with the suppressions themselves, in finishLint.
  },
};

export const SUPPORT_RULES: readonly Rule[] = [UNUSED_SUPPRESSION_RULE];

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
