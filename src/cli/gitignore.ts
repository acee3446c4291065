/**
 * `.gitignore` files as git reads them, for the directory walks of `virtxml lint`.
 *
 * - Blank lines and lines starting with `#` say nothing; `\#` and `\!` start a pattern with a
 *   literal `#` or `!`; trailing spaces are dropped unless escaped (`\ `).
 * - `!pattern` re-includes what an earlier pattern excluded. A file inside an excluded folder
 *   cannot be re-included: the walk never enters that folder (as git never does).
 * - A pattern ending in `/` matches folders only.
 * - A pattern with a `/` at its start or in its middle is anchored to the folder of its
 *   `.gitignore`; without one it matches a name at any depth below that folder.
 * - `*` and `?` match within one path segment, `[a-z]` / `[!a-z]` is a class, a leading `**\/`
 *   matches in any folder, a trailing `/**` everything inside, and `/**\/` zero or more folders.
 * - The last pattern that matches decides; patterns of a deeper `.gitignore` come after those
 *   of the folders above it, and `.git/info/exclude` comes before all of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GitignorePattern {
  /** The line as written (for messages and tests). */
  readonly source: string;
  readonly negated: boolean;
  readonly directoryOnly: boolean;
  /** Matched against the path relative to the pattern's folder, `/`-separated. */
  readonly regex: RegExp;
}

/** The patterns of one ignore file, in order. */
export function parseGitignore(text: string): GitignorePattern[] {
  const patterns: GitignorePattern[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const pattern = compileLine(rawLine);
    if (pattern !== undefined) patterns.push(pattern);
  }
  return patterns;
}

function compileLine(rawLine: string): GitignorePattern | undefined {
  let line = trimTrailingSpaces(rawLine);
  if (line === '' || line.startsWith('#')) return undefined;
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  }
  let directoryOnly = false;
  if (line.endsWith('/') && !line.endsWith('\\/')) {
    directoryOnly = true;
    line = line.replace(/\/+$/, '');
  }
  if (line === '') return undefined;
  // A separator at the start or in the middle anchors the pattern to its file's folder.
  const anchored = line.includes('/');
  if (line.startsWith('/')) line = line.slice(1);
  const body = patternToRegExpSource(line);
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`);
  return { source: rawLine, negated, directoryOnly, regex };
}

/** Trailing spaces are dropped, except one escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) {
    let backslashes = 0;
    for (let i = end - 2; i >= 0 && line[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 1) break;
    end--;
  }
  return line.slice(0, end);
}

function patternToRegExpSource(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      // An escaped character stands for itself; a lone trailing backslash matches nothing.
      const next = p[i + 1];
      if (next === undefined) return '(?!)';
      out += escapeRegExp(next);
      i++;
    } else if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        let j = i;
        while (p[j] === '*') j++;
        const atEnd = j === p.length || p[j] === '/';
        if (atStart && atEnd) {
          if (j === p.length) {
            // `dir/**`: everything inside (`**` alone: everything).
            out += '.*';
          } else {
            // `**/x` and `a/**/x`: zero or more folders.
            out += '(?:.*/)?';
            j++;
          }
          i = j - 1;
          continue;
        }
        // Other runs of asterisks are plain asterisks.
        i = j - 1;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const cls = bracketExpression(p, i);
      if (cls === undefined) out += '\\[';
      else {
        out += cls.source;
        i = cls.end;
      }
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: 'a-zA-Z0-9', alpha: 'a-zA-Z', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9', graph: '!-~',
  lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: ' \\t\\n\\r\\f\\v', upper: 'A-Z', xdigit: '0-9a-fA-F',
};

/** `[…]` starting at `start`: its RegExp class and the index of its `]`, or undefined when it does not close. */
function bracketExpression(p: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let negated = false;
  if (p[i] === '!' || p[i] === '^') {
    negated = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < p.length; i++) {
    const c = p[i]!;
    if (c === ']' && !first) {
      // A class never matches the separator (git matches with FNM_PATHNAME).
      return { source: negated ? `(?!/)[^${body}]` : `[${body}]`, end: i };
    }
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':]', i + 2);
      const name = close < 0 ? undefined : p.slice(i + 2, close);
      if (name !== undefined && POSIX_CLASSES[name] !== undefined) {
        body += POSIX_CLASSES[name];
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < p.length) {
      body += escapeClassChar(p[++i]!);
    } else if (c === '-' && body !== '' && p[i + 1] !== ']' && p[i + 1] !== undefined) {
      body += '-';
    } else {
      body += escapeClassChar(c);
    }
  }
  return undefined;
}

function escapeClassChar(c: string): string {
  return /[\\\]\[^-]/.test(c) ? `\\${c}` : c;
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The patterns of one file and the folder they are relative to (relative to the ignore root; '' for the root). */
interface PatternSet {
  readonly base: string;
  readonly patterns: readonly GitignorePattern[];
}

/**
 * The ignore files in force at one folder of a walk: those of every folder from the ignore root
 * (the repository, or the walked folder when it is in none) down to it. Immutable: entering a
 * folder gives a new value, so siblings never see each other's patterns.
 */
export class IgnoreStack {
  private constructor(private readonly sets: readonly PatternSet[]) {}

  static empty(): IgnoreStack {
    return new IgnoreStack([]);
  }

  /** The stack with one more folder's patterns (the same stack when it adds none). */
  with(base: string, patterns: readonly GitignorePattern[]): IgnoreStack {
    return patterns.length === 0 ? this : new IgnoreStack([...this.sets, { base, patterns }]);
  }

  /**
   * Whether the entry at `path` (relative to the ignore root, `/`-separated) is ignored by the
   * patterns in force; its folders are taken as not ignored (a walk does not enter those that are).
   */
  ignores(path: string, isDirectory: boolean): boolean {
    for (let s = this.sets.length - 1; s >= 0; s--) {
      const set = this.sets[s]!;
      let relative: string;
      if (set.base === '') relative = path;
      else if (path.startsWith(set.base + '/')) relative = path.slice(set.base.length + 1);
      else continue;
      for (let i = set.patterns.length - 1; i >= 0; i--) {
        const pattern = set.patterns[i]!;
        if (pattern.directoryOnly && !isDirectory) continue;
        if (pattern.regex.test(relative)) return !pattern.negated;
      }
    }
    return false;
  }

  /** Whether `path` or any folder above it is ignored: what git decides for a path out of a walk. */
  ignoresWithParents(path: string, isDirectory: boolean): boolean {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) if (this.ignores(parts.slice(0, i).join('/'), true)) return true;
    return this.ignores(path, isDirectory);
  }
}

/** The patterns of `<dir>/.gitignore`, or none when there is no such file (or it cannot be read). */
export function readGitignore(dir: string, name = '.gitignore'): GitignorePattern[] {
  let text: string;
  try {
    text = readFileSync(join(dir, name), 'utf8');
  } catch {
    return [];
  }
  return parseGitignore(text);
}
