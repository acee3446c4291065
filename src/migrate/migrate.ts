/**
 * `migrate(xml, options)`: applies the safe fixes of the migration rules (lint rules that repair
 * legacy forms and runtime state), changing only what must change, and lists the rules that can
 * only report (their repair needs knowledge of the host).
 *
 * Safe by construction: fixes are text edits that keep every other byte; a round of fixes is kept
 * only when the result still parses, stays valid for every release the original was valid for
 * (the pinned release and `to`), and draws no lint error the original did not. A fix that fails
 * that check is not applied: as a bug when its result is worse, as `too-new` when only an older
 * release that must stay valid lacks the new form. Rounds repeat until nothing is left to fix,
 * so migrating the output again changes nothing.
 */
import { LIBVIRT_RELEASES, PINNED_RELEASE, type LibvirtRelease } from '../model/generated/grammar/index.js';
import type { LintConfig } from '../lint/config.js';
import { settingsFor } from '../lint/config.js';
import { lintDocument } from '../lint/engine.js';
import { applyEdits, editsOverlap } from '../lint/fix.js';
import { rulesFor } from '../lint/lint.js';
import { applySuppressions } from '../lint/suppress.js';
import type { Finding, Rule } from '../lint/types.js';
import { validate } from '../xml/validate/index.js';

export interface MigrateOptions {
  /** Only these rules (ids). */
  readonly only?: readonly string[];
  /** Not these rules (ids). */
  readonly skip?: readonly string[];
  /**
   * The oldest release the result must stay valid for: a fix that would introduce a form this
   * release's grammar lacks is not applied. The pinned release and the configuration's `libvirt`
   * releases are always kept valid too.
   */
  readonly to?: LibvirtRelease;
  /** Lint configuration (architecture, plugins already loaded); its rule levels do not apply. */
  readonly config?: LintConfig;
  /** The file name for messages. */
  readonly file?: string;
}

export interface MigrationChange {
  readonly rule: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** Whether the change was made; report-only rules and refused fixes are not applied. */
  readonly applied: boolean;
  /**
   * Why it was not applied: the rule can only report; the fix's result would be worse (a bug,
   * reported as such); or the current form is newer than a release the result must stay valid for
   * (`release`: `to`, or one of the configuration's), which is no fault.
   */
  readonly reason?: 'report-only' | 'unsafe' | 'overlap' | 'too-new';
  /** For `too-new`: the release whose grammar lacks the current form. */
  readonly release?: LibvirtRelease;
  /** What the fix does, for applied changes. */
  readonly fix?: string;
}

export interface MigrateResult {
  readonly xml: string;
  readonly changed: boolean;
  readonly changes: readonly MigrationChange[];
}

/**
 * The rules migrate runs: those that can carry a fix, and the legacy forms it can only report.
 *
 * @example
 * ```ts
 * import { BUILTIN_RULES, migrationRules } from 'virtxml/lint';
 *
 * const ids = migrationRules(BUILTIN_RULES).map((r) => r.meta.id);
 * console.log(ids.includes('legacy-memory-unit')); // true
 * ```
 */
export function migrationRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => r.meta.fixable === true || r.meta.category === 'legacy');
}

const MAX_ROUNDS = 8;

/**
 * Upgrades the legacy forms and runtime state of a libvirt document as libvirt itself would,
 * changing nothing else: the fixes of the migration rules, applied as text edits that keep every
 * other byte, each round kept only when the result stays valid for every release the input was
 * valid for (the pinned one, the configuration's, `to`) and draws no new lint error. Forms only a
 * person can upgrade are listed in `changes` with `applied: false`. See docs/migrate.md.
 *
 * @example
 * ```ts
 * import { migrate } from 'virtxml/lint';
 *
 * const result = migrate("<domain type='kvm' id='7'><name>vm</name><memory>524288</memory><os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os></domain>");
 * console.log(result.xml); // <domain type='kvm'><name>vm</name><memory unit='KiB'>524288</memory><os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type></os></domain>
 * console.log(result.changes.map((c) => c.rule).join(', ')); // runtime-domain-id, legacy-memory-unit
 * ```
 */
export function migrate(xml: string, options: MigrateOptions = {}): MigrateResult {
  const config = options.config ?? {};
  const file = options.file ?? '<input>';
  const all = rulesFor(config);
  const chosen = migrationRules(all).filter((r) => (options.only === undefined || options.only.includes(r.meta.id)) && !(options.skip ?? []).includes(r.meta.id));
  const base = settingsFor({ ...config, ignore: [] }, file);
  if (base === undefined) return { xml, changed: false, changes: [] };
  // Every chosen rule on, whatever its level; nothing else runs.
  const ids = new Set(chosen.map((r) => r.meta.id));
  const settings = { ...base, levelOf: (r: Rule) => ({ level: ids.has(r.meta.id) ? ('warn' as const) : ('off' as const), options: base.levelOf(r).options }) };
  // The fleet's releases (the configuration's) and the target must all keep accepting the document.
  const releases = [...new Set([PINNED_RELEASE, ...base.releases, ...(options.to !== undefined ? [options.to] : [])])];
  // What the guard compares a result with, worked out only once a fix is to be judged: most
  // documents have nothing to migrate.
  let before: { readonly validFor: LibvirtRelease[]; readonly errors: Map<string, number> } | undefined;
  const judge = (candidate: string): ReturnType<typeof verdict> => {
    before ??= { validFor: releases.filter((r) => validate(xml, { libvirt: r }).valid), errors: errorCounts(xml, all, config, file) };
    return verdict(candidate, before.validFor, before.errors, all, config, file);
  };

  const changes: MigrationChange[] = [];
  const refused = new Set<string>();
  let text = xml;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const outcome = lintDocument(text, file, settings, chosen);
    // A finding silenced by a `virtxml-disable` comment is not migrated either.
    const findings = applySuppressions(outcome.findings, outcome.suppressions, false);
    const fixable = findings.filter((f) => f.fix !== undefined && !refused.has(keyOf(f)));
    if (round === 0) {
      for (const f of findings) if (f.fix === undefined) changes.push(change(f, false, 'report-only'));
    }
    if (fixable.length === 0) break;
    const batch: Finding[] = [];
    for (const f of fixable.sort((a, b) => a.offset - b.offset)) {
      if (!batch.some((b) => editsOverlap(b.fix!.edits, f.fix!.edits))) batch.push(f);
    }
    const candidate = applyEdits(text, batch.flatMap((f) => f.fix!.edits));
    if (judge(candidate) === 'safe') {
      text = candidate;
      for (const f of batch) changes.push(change(f, true));
      continue;
    }
    // Some fix of the round is unsafe: try them one at a time; the next round re-reads the text.
    for (const f of batch) {
      const single = applyEdits(text, f.fix!.edits);
      const v = judge(single);
      if (v === 'safe') {
        text = single;
        changes.push(change(f, true));
        break;
      }
      refused.add(keyOf(f));
      changes.push(v === 'worse' ? change(f, false, 'unsafe') : { ...change(f, false, 'too-new'), release: v.tooNewFor });
    }
  }
  return { xml: text, changed: text !== xml, changes };
}

function keyOf(f: Finding): string {
  return `${f.rule}\u0000${f.path}`;
}

function change(f: Finding, applied: boolean, reason?: MigrationChange['reason']): MigrationChange {
  return {
    rule: f.rule,
    path: f.path,
    line: f.line,
    column: f.column,
    message: f.message,
    applied,
    ...(reason !== undefined ? { reason } : {}),
    ...(applied && f.fix !== undefined ? { fix: f.fix.description } : {}),
  };
}

/**
 * How many define-time errors each rule reports in a text, every rule at its default level.
 * Counts, not places: a fix that inserts an element moves the paths of its later siblings.
 */
function errorCounts(text: string, rules: readonly Rule[], config: LintConfig, file: string): Map<string, number> {
  const counts = new Map<string, number>();
  const settings = settingsFor({ ...config, ignore: [], overrides: [] }, file);
  if (settings === undefined) return counts;
  const defaults = { ...settings, levelOf: (r: Rule) => ({ level: r.meta.level, options: {} }) };
  const outcome = lintDocument(text, file, defaults, rules.filter((r) => r.meta.id !== 'schema'));
  for (const f of outcome.findings) if (f.severity === 'error') counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return counts;
}

/**
 * Whether a result may be written: `safe`; `tooNewFor` an older release that must stay valid but
 * lacks the new form (the result is otherwise safe: valid for the pinned release, no new error);
 * else `worse`.
 */
function verdict(candidate: string, validFor: readonly LibvirtRelease[], errorsBefore: ReadonlyMap<string, number>, rules: readonly Rule[], config: LintConfig, file: string): 'safe' | 'worse' | { readonly tooNewFor: LibvirtRelease } {
  for (const [rule, n] of errorCounts(candidate, rules, config, file)) if (n > (errorsBefore.get(rule) ?? 0)) return 'worse';
  const rejecting = validFor.filter((release) => !validate(candidate, { libvirt: release }).valid);
  if (rejecting.length === 0) return 'safe';
  if (rejecting.includes(PINNED_RELEASE)) return 'worse';
  // The newest release that lacks the form says best how new it is.
  return { tooNewFor: [...rejecting].sort((a, b) => LIBVIRT_RELEASES.indexOf(a) - LIBVIRT_RELEASES.indexOf(b))[0]! };
}
