/**
 * What every output format of `virtxml lint` is given: the files as the user named them, their
 * findings, the rule catalogue (for SARIF's rule descriptions and help) and the run's counts.
 */
import type { Finding, RuleMeta } from '../../lint/types.js';
import type { Palette } from '../color.js';

export interface ReportFile {
  /** The file as shown: relative to the working directory when below it, else absolute; `<stdin>`. */
  readonly file: string;
  /** The absolute path; undefined for standard input. */
  readonly path: string | undefined;
  readonly root: string | undefined;
  readonly skipped?: 'not-libvirt' | 'ignored';
  /** Sorted by position; `related[].file` already in the form of `file`. */
  readonly findings: readonly Finding[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** The document's text, for code frames (read again when needed; undefined when it cannot be). */
  readonly source: () => string | undefined;
  /** The text after `--fix` or `--fix-dry-run`, when fixes changed it. */
  readonly output?: string;
}

export interface RunStats {
  /** Inputs read. */
  readonly files: number;
  /** Documents linted in this run. */
  readonly linted: number;
  /** Documents whose outcome came from the cache. */
  readonly cached: number;
  readonly notLibvirt: number;
  readonly ignored: number;
  /** Worker threads used (0: linted on the main thread). */
  readonly workers: number;
}

export interface LintReport {
  readonly files: readonly ReportFile[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** Every rule a finding may name, by id (built-in, support, `syntax`, plugins'). */
  readonly rules: ReadonlyMap<string, RuleMeta>;
  readonly stats: RunStats;
  readonly version: string;
  /** The folder SARIF's relative URIs start from (the repository's root, else the working directory), absolute. */
  readonly sourceRoot: string;
  /** The working directory, absolute: shown file names are relative to it. */
  readonly cwd: string;
  readonly colour: Palette;
}

export type Formatter = (report: LintReport) => string;

/** Findings without the engine's internal offset, and with `fixable` stated. */
export function publicFinding(f: Finding): Omit<Finding, 'offset'> & { readonly fixable: boolean } {
  const { offset: _offset, ...rest } = f;
  return { ...rest, fixable: f.fix !== undefined };
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
