/**
 * A small, strict argument parser: `--name value`, `--name=value`, boolean flags, and
 * positional operands. Unknown options are usage errors (never ignored).
 */
import { suggest } from '../xml/validate/suggest.js';
import { UsageError } from './io.js';

export interface OptionSpec {
  /** Options that take a value. */
  readonly values?: readonly string[];
  /** Options that are on/off. */
  readonly flags?: readonly string[];
  /** Options that take a value and may be given several times (all values are kept, in order). */
  readonly lists?: readonly string[];
  /**
   * Short spellings, e.g. `{ '-f': 'format' }`. Any other argument of a dash and a letter is an
   * unknown option (a usage error, never a file name); `-` alone is an operand (standard input).
   */
  readonly aliases?: Readonly<Record<string, string>>;
}

export interface ParsedArgs {
  readonly values: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
  /** The values of `lists` options, by name (absent when not given). */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly operands: readonly string[];
}

export function parseArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const lists = new Map<string, string[]>();
  const operands: string[] = [];
  const valueNames = new Set(spec.values ?? []);
  const flagNames = new Set(spec.flags ?? []);
  const listNames = new Set(spec.lists ?? []);
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    const alias = spec.aliases?.[arg];
    if (alias !== undefined) arg = `--${alias}`;
    if (!arg.startsWith('--')) {
      if (/^-[^-]/.test(arg)) throw new UsageError(`unknown option ${arg}${didYouMean(arg, spec)}`);
      operands.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (valueNames.has(name) || listNames.has(name)) {
      const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      if (listNames.has(name)) {
        const list = lists.get(name) ?? [];
        list.push(value);
        lists.set(name, list);
      } else values.set(name, value);
    } else if (flagNames.has(name) && eq < 0) {
      flags.add(name);
    } else if (flagNames.has(name)) {
      throw new UsageError(`--${name} takes no value`);
    } else {
      throw new UsageError(`unknown option --${name}${didYouMean(`--${name}`, spec)}`);
    }
  }
  return { values, flags, lists, operands };
}

/** `; did you mean --format?` for a misspelt option, or ''. */
function didYouMean(arg: string, spec: OptionSpec): string {
  const names = [...(spec.values ?? []), ...(spec.flags ?? []), ...(spec.lists ?? [])].map((n) => `--${n}`);
  const close = suggest(arg.startsWith('--') ? arg : `-${arg}`, names) ?? (arg.startsWith('--') ? undefined : Object.keys(spec.aliases ?? {}).find((a) => a.toLowerCase() === arg.toLowerCase()));
  return close === undefined ? '' : `; did you mean ${close}?`;
}

/** `; did you mean "domain"?` for a misspelt value, or ''. */
export function didYouMeanValue(value: string, choices: Iterable<string>): string {
  const close = suggest(value, choices);
  return close === undefined ? '' : `; did you mean "${close}"?`;
}

/** The value of an integer option (at least `min`), or `fallback` when it is not given. */
export function integerOption(value: string | undefined, name: string, fallback: number, min = -1): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} takes an integer${min >= 0 ? ` of at least ${min}` : ''} (got "${value}")`);
  return Number(value);
}

/** The value of an option restricted to a set of choices. */
export function choiceOption<T extends string>(parsed: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const v = parsed.values.get(name);
  if (v === undefined) return fallback;
  if (!(choices as readonly string[]).includes(v)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')} (got "${v}")${didYouMeanValue(v, choices)}`);
  }
  return v as T;
}
