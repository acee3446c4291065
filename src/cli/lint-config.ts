/**
 * The CLI's side of lint configuration: `virtxml.config.json` found upward from the working
 * directory (or named with `--config`), checked with checkConfig, its plugins loaded by dynamic
 * import, and the command line's own settings (`--rule`, `--libvirt`, `--arch`) laid over it.
 *
 * Globs in `ignore` and `overrides` are relative to the configuration's folder, so files are
 * handed to the linter by their path from there (see {@link configRelativePath}).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, checkConfig, type LintConfig, type LintOverride } from '../lint/config.js';
import type { LintPlugin, Rule, RuleLevel, RuleSetting } from '../lint/types.js';
import { LIBVIRT_RELEASES } from '../model/generated/grammar/index.js';
import { UsageError } from './io.js';

export const CONFIG_FILE_NAME = 'virtxml.config.json';

/** A configuration as the CLI holds it: plugins as absolute module paths, loaded separately. */
export interface CliConfig {
  /** The file it came from; undefined when none was found and defaults apply. */
  readonly file: string | undefined;
  /** The folder globs are relative to: the file's folder, else the working directory. */
  readonly baseDir: string;
  /** Checked, with `plugins` as absolute paths (plain JSON: it crosses to worker threads). */
  readonly config: LintConfig & { readonly plugins?: readonly string[] };
}

/** The nearest `virtxml.config.json` at or above `dir`. */
export function findConfigFile(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const candidate = join(d, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (dirname(d) === d) return undefined;
  }
}

/** Reads and checks the configuration (`explicit`, else the one found from `cwd`); ConfigError on any fault. */
export function loadCliConfig(cwd: string, explicit?: string): CliConfig {
  const file = explicit !== undefined ? resolve(cwd, explicit) : findConfigFile(cwd);
  if (file === undefined) return { file: undefined, baseDir: resolve(cwd), config: {} };
  const shown = relative(cwd, file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`${shown}: cannot read the configuration (${code === 'ENOENT' ? 'no such file' : (e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${shown}: not valid JSON: ${(e as Error).message}`);
  }
  const checked = checkConfig(value, shown);
  const baseDir = dirname(file);
  const plugins = (checked.plugins ?? []).map((p) => resolvePluginPath(p as string, baseDir, shown));
  const { plugins: _given, ...rest } = checked;
  return { file, baseDir, config: { ...rest, ...(plugins.length > 0 ? { plugins } : {}) } };
}

/** A plugin entry as an absolute path: relative to the configuration's folder, or a package name resolved from there. */
function resolvePluginPath(entry: string, baseDir: string, where: string): string {
  if (entry.startsWith('.') || isAbsolute(entry)) return resolve(baseDir, entry);
  try {
    return createRequire(join(baseDir, CONFIG_FILE_NAME)).resolve(entry);
  } catch {
    throw new ConfigError(`${where}: plugin "${entry}" cannot be found from ${baseDir} (give a path like ./policies.mjs, or install the package)`);
  }
}

/** Imports each plugin module; each must export a LintPlugin as its default export or as `plugin`. */
export async function loadPlugins(paths: readonly string[]): Promise<LintPlugin[]> {
  const plugins: LintPlugin[] = [];
  for (const path of paths) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`plugin ${path} cannot be loaded: ${(e as Error).message}`);
    }
    const candidate = (module.default ?? module.plugin) as Partial<LintPlugin> | undefined;
    plugins.push(checkPlugin(candidate, path));
  }
  return plugins;
}

function checkPlugin(value: Partial<LintPlugin> | undefined, path: string): LintPlugin {
  const fail = (what: string): never => {
    throw new ConfigError(`plugin ${path}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) return fail('exports no plugin (a default export or an export named `plugin` of the form { name, rules })');
  if (typeof value.name !== 'string' || value.name === '') fail('has no `name`');
  if (!Array.isArray(value.rules)) fail('has no `rules` list');
  for (const [i, rule] of (value.rules as unknown[]).entries()) {
    const r = rule as Partial<Rule> & { check?: unknown; collect?: unknown; checkFleet?: unknown };
    const id = r?.meta?.id;
    if (typeof id !== 'string' || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*(\/[a-z][a-z0-9]*(-[a-z0-9]+)*)?$/.test(id)) fail(`rule ${i} needs a kebab-case meta.id (got ${JSON.stringify(id)})`);
    if (!['off', 'warn', 'error'].includes(r.meta!.level as string)) fail(`rule ${id}: meta.level must be "off", "warn" or "error"`);
    if (!Array.isArray(r.meta!.roots)) fail(`rule ${id}: meta.roots must list the roots it checks, e.g. ["domain"]`);
    if (typeof r.meta!.docs?.summary !== 'string') fail(`rule ${id}: meta.docs.summary is required`);
    if (typeof r.check !== 'function' && (typeof r.collect !== 'function' || typeof r.checkFleet !== 'function')) fail(`rule ${id}: needs check(context), or collect and checkFleet for a fleet rule`);
  }
  return value as LintPlugin;
}

/** The command line's settings, which win over the configuration's for every file. */
export interface CommandLineSettings {
  /** `--rule RULE:LEVEL`, in order. */
  readonly rules?: readonly string[];
  /** `--libvirt 9.0.0,11.3.0`. */
  readonly libvirt?: string;
  /** `--arch aarch64`. */
  readonly arch?: string;
}

const LEVEL_WORDS: Readonly<Record<string, RuleLevel>> = { off: 'off', '0': 'off', warn: 'warn', warning: 'warn', '1': 'warn', error: 'error', '2': 'error' };

/** The configuration with the command line's settings as a last override that matches every file. */
export function withCommandLine(config: CliConfig['config'], cli: CommandLineSettings): CliConfig['config'] {
  const rules: Record<string, RuleSetting> = {};
  for (const spec of cli.rules ?? []) {
    const colon = spec.lastIndexOf(':');
    const id = colon < 0 ? '' : spec.slice(0, colon).trim();
    const level = colon < 0 ? undefined : LEVEL_WORDS[spec.slice(colon + 1).trim()];
    if (id === '' || level === undefined) throw new UsageError(`--rule takes RULE:LEVEL with LEVEL off, warn or error (got "${spec}")`);
    rules[id] = level;
  }
  let libvirt: string[] | undefined;
  if (cli.libvirt !== undefined) {
    libvirt = cli.libvirt.split(',').map((s) => s.trim()).filter((s) => s !== '');
    for (const r of libvirt) {
      if (!(LIBVIRT_RELEASES as readonly string[]).includes(r)) throw new UsageError(`--libvirt: release "${r}" is not supported; supported: ${LIBVIRT_RELEASES.join(', ')}`);
    }
    if (libvirt.length === 0) throw new UsageError('--libvirt names no release');
  }
  if (Object.keys(rules).length === 0 && libvirt === undefined && cli.arch === undefined) return config;
  const last: LintOverride = {
    files: '**',
    ...(libvirt !== undefined ? { libvirt } : {}),
    ...(cli.arch !== undefined ? { arch: cli.arch } : {}),
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
  };
  return { ...config, overrides: [...(config.overrides ?? []), last] };
}

/** A file's path as the configuration's globs see it: from the configuration's folder, `/`-separated. */
export function configRelativePath(baseDir: string, absolutePath: string): string {
  const rel = relative(baseDir, absolutePath);
  return sep === '/' ? rel : rel.split(sep).join('/');
}
