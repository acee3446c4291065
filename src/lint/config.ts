/**
 * The lint configuration as a library takes it (the CLI reads the same shape from
 * `virtxml.config.json`), and its resolution for one file: releases, architecture and each
 * rule's level and options once the overrides that match the file are applied in order.
 */
import { LIBVIRT_RELEASES, PINNED_RELEASE, type LibvirtRelease } from '../model/generated/grammar/index.js';
import { globMatches } from './glob.js';
import type { LintPlugin, Rule, RuleLevel, RuleSetting } from './types.js';

export interface LintOverride {
  /** Globs relative to the configuration's folder. */
  readonly files: string | readonly string[];
  readonly libvirt?: string | readonly string[];
  readonly arch?: string;
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

export interface LintConfig {
  /** The releases the fleet runs: a document must be valid for every one. Default: the pinned release. */
  readonly libvirt?: string | readonly string[];
  /** The architecture of domains whose `<os><type>` names none (default `x86_64`). */
  readonly arch?: string;
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Globs of files not to lint. */
  readonly ignore?: readonly string[];
  readonly overrides?: readonly LintOverride[];
  /** Plugins: loaded objects here; the CLI also takes module paths and loads them. */
  readonly plugins?: readonly (string | LintPlugin)[];
}

export const DEFAULT_ARCH = 'x86_64';

/** What applies to one file. */
export interface FileSettings {
  readonly releases: readonly LibvirtRelease[];
  readonly arch: string;
  /** Level and options by rule id, for every rule named anywhere or known. */
  levelOf(rule: Rule): { readonly level: RuleLevel; readonly options: Readonly<Record<string, unknown>> };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function releasesOf(value: string | readonly string[] | undefined, where: string): readonly LibvirtRelease[] {
  if (value === undefined) return [PINNED_RELEASE];
  const list = typeof value === 'string' ? [value] : value;
  if (list.length === 0) throw new ConfigError(`${where}: "libvirt" names no release`);
  for (const r of list) {
    if (!(LIBVIRT_RELEASES as readonly string[]).includes(r)) {
      throw new ConfigError(`${where}: libvirt release "${r}" is not supported; supported: ${LIBVIRT_RELEASES.join(', ')}`);
    }
  }
  return [...new Set(list)] as LibvirtRelease[];
}

/**
 * The settings for `relativePath` (with `/` separators), or undefined when the file is ignored.
 *
 * @example
 * ```ts
 * import { settingsFor } from 'virtxml/lint';
 *
 * const config = { libvirt: ['9.0.0', '11.3.0'], ignore: ['vendor/**'], overrides: [{ files: 'arm/**', arch: 'aarch64' }] };
 * console.log(settingsFor(config, 'vendor/a.xml')); // undefined
 * console.log(settingsFor(config, 'arm/b.xml')!.arch); // aarch64
 * ```
 */
export function settingsFor(config: LintConfig, relativePath: string): FileSettings | undefined {
  if (config.ignore?.some((g) => globMatches(g, relativePath))) return undefined;
  let releases = config.libvirt;
  let arch = config.arch ?? DEFAULT_ARCH;
  const settings: Record<string, RuleSetting>[] = [];
  if (config.rules) settings.push(config.rules);
  for (const o of config.overrides ?? []) {
    const globs = typeof o.files === 'string' ? [o.files] : o.files;
    if (!globs.some((g) => globMatches(g, relativePath))) continue;
    if (o.libvirt !== undefined) releases = o.libvirt;
    if (o.arch !== undefined) arch = o.arch;
    if (o.rules) settings.push(o.rules);
  }
  const resolvedReleases = releasesOf(releases, 'configuration');
  return {
    releases: resolvedReleases,
    arch,
    levelOf(rule) {
      let setting: RuleSetting | undefined;
      for (const s of settings) if (Object.prototype.hasOwnProperty.call(s, rule.meta.id)) setting = s[rule.meta.id];
      if (setting === undefined) return { level: rule.meta.level, options: {} };
      return typeof setting === 'string' ? { level: setting, options: {} } : { level: setting[0], options: setting[1] ?? {} };
    },
  };
}

/** Rule ids the configuration names that no rule has: a typo would otherwise silence nothing. */
export function unknownRuleIds(config: LintConfig, known: ReadonlySet<string>): string[] {
  const named = new Set<string>();
  for (const id of Object.keys(config.rules ?? {})) named.add(id);
  for (const o of config.overrides ?? []) for (const id of Object.keys(o.rules ?? {})) named.add(id);
  return [...named].filter((id) => !known.has(id)).sort();
}

const LEVELS: readonly string[] = ['off', 'warn', 'error'];

/**
 * Checks a configuration read from JSON; throws ConfigError naming the first thing wrong.
 *
 * @example
 * ```ts
 * import { checkConfig, ConfigError } from 'virtxml/lint';
 *
 * const config = checkConfig(JSON.parse('{"libvirt":"9.0.0","rules":{"legacy-memory-unit":"off"}}'), 'virtxml.config.json');
 * console.log(config.libvirt); // 9.0.0
 * try {
 *   checkConfig({ rules: { 'duplicate-pci-address': 'loud' } }, 'virtxml.config.json');
 * } catch (e) {
 *   if (e instanceof ConfigError) console.log(e.message); // virtxml.config.json: "rules.duplicate-pci-address" must be "off", "warn", "error" or [level, options] (got "loud")
 * }
 * ```
 */
export function checkConfig(value: unknown, where: string): LintConfig {
  const fail = (what: string): never => {
    throw new ConfigError(`${where}: ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('the configuration must be a JSON object');
  const c = value as Record<string, unknown>;
  const allowed = new Set(['$schema', 'libvirt', 'arch', 'rules', 'ignore', 'overrides', 'plugins']);
  for (const k of Object.keys(c)) if (!allowed.has(k)) fail(`unknown key "${k}"; known: ${[...allowed].join(', ')}`);
  const strings = (v: unknown, key: string): void => {
    if (v === undefined) return;
    if (typeof v === 'string') return;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(`"${key}" must be a string or a list of strings`);
  };
  const rules = (v: unknown, key: string): void => {
    if (v === undefined) return;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(`"${key}" must be an object of rule settings`);
    for (const [id, s] of Object.entries(v as object)) {
      const level = Array.isArray(s) ? s[0] : s;
      if (!LEVELS.includes(level as string)) fail(`"${key}.${id}" must be "off", "warn", "error" or [level, options] (got ${JSON.stringify(s)})`);
      if (Array.isArray(s) && (s.length > 2 || (s[1] !== undefined && (typeof s[1] !== 'object' || s[1] === null)))) fail(`"${key}.${id}" options must be an object`);
    }
  };
  strings(c.libvirt, 'libvirt');
  if (c.libvirt !== undefined) releasesOf(c.libvirt as string | string[], where);
  if (c.arch !== undefined && typeof c.arch !== 'string') fail('"arch" must be a string');
  rules(c.rules, 'rules');
  strings(c.ignore, 'ignore');
  strings(c.plugins, 'plugins');
  if (c.overrides !== undefined) {
    if (!Array.isArray(c.overrides)) fail('"overrides" must be a list');
    (c.overrides as unknown[]).forEach((o, i) => {
      const key = `overrides[${i}]`;
      if (typeof o !== 'object' || o === null) fail(`"${key}" must be an object`);
      const ov = o as Record<string, unknown>;
      for (const k of Object.keys(ov)) if (!['files', 'libvirt', 'arch', 'rules'].includes(k)) fail(`unknown key "${key}.${k}"`);
      if (ov.files === undefined) fail(`"${key}.files" is required`);
      strings(ov.files, `${key}.files`);
      strings(ov.libvirt, `${key}.libvirt`);
      if (ov.libvirt !== undefined) releasesOf(ov.libvirt as string | string[], where);
      if (ov.arch !== undefined && typeof ov.arch !== 'string') fail(`"${key}.arch" must be a string`);
      rules(ov.rules, `${key}.rules`);
    });
  }
  const config = { ...c } as Record<string, unknown>;
  delete config.$schema;
  if (typeof c.ignore === 'string') config.ignore = [c.ignore];
  if (typeof c.plugins === 'string') config.plugins = [c.plugins];
  return config as LintConfig;
}
