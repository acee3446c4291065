/**
 * `virtxml lint --cache`: a document's outcome (findings before suppressions and fleet rules,
 * its suppressions and its fleet facts) kept by file, under the hash of its content, in one JSON
 * file in the cache folder (`node_modules/.cache/virtxml` unless `--cache-location` says
 * otherwise). The whole cache is dropped when anything else that decides an outcome changes:
 * virtxml's version and build, the resolved configuration, the rules in force and the plugins'
 * code. Fleet rules and suppressions are always applied afresh, over cached and new outcomes
 * alike, so a warm run prints exactly what a cold one does.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentOutcome } from '../lint/engine.js';
import type { Rule } from '../lint/types.js';
import { packageInfo } from './package-info.js';

export const DEFAULT_CACHE_LOCATION = join('node_modules', '.cache', 'virtxml');
const CACHE_FILE = 'lint-cache.json';
const FORMAT = 1;

interface CacheFile {
  readonly format: number;
  readonly key: string;
  /** File (from the configuration's folder) → [content hash, outcome]. */
  readonly entries: Record<string, [string, DocumentOutcome]>;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * The key of everything besides a document's content that decides its outcome. The build is
 * named by this module's file (size and time), so a rebuilt virtxml never reads a stale cache
 * even when the version number has not moved.
 */
export function cacheKey(config: unknown, rules: readonly Rule[], pluginPaths: readonly string[]): string {
  const hash = createHash('sha256');
  const info = packageInfo();
  hash.update(`virtxml ${info.version}\n`);
  try {
    const self = statSync(fileURLToPath(import.meta.url));
    hash.update(`build ${self.size} ${self.mtimeMs}\n`);
  } catch {
    hash.update('build unknown\n');
  }
  hash.update(`config ${JSON.stringify(config)}\n`);
  hash.update(`rules ${rules.map((r) => `${r.meta.id}:${r.meta.level}`).join(',')}\n`);
  for (const p of pluginPaths) {
    let code = '';
    try {
      code = readFileSync(p, 'utf8');
    } catch {
      // A plugin that cannot be read fails to load before the cache matters.
    }
    hash.update(`plugin ${p} ${contentHash(code)}\n`);
  }
  return hash.digest('base64url');
}

export class LintCache {
  private readonly entries: Record<string, [string, DocumentOutcome]>;
  private changed = false;
  hits = 0;

  private constructor(
    readonly file: string,
    private readonly key: string,
    entries: Record<string, [string, DocumentOutcome]> | undefined,
  ) {
    this.entries = entries ?? {};
    if (entries === undefined) this.changed = true;
  }

  /** The cache in `dir` for `key`; empty when there is none, it is unreadable or its key differs. */
  static open(dir: string, key: string): LintCache {
    const file = join(dir, CACHE_FILE);
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (data.format === FORMAT && data.key === key && typeof data.entries === 'object' && data.entries !== null) return new LintCache(file, key, data.entries);
    } catch {
      // No cache yet, or one that cannot be read: start afresh.
    }
    return new LintCache(file, key, undefined);
  }

  get(file: string, hash: string): DocumentOutcome | undefined {
    const entry = this.entries[file];
    if (entry === undefined || entry[0] !== hash) return undefined;
    this.hits++;
    return entry[1];
  }

  set(file: string, hash: string, outcome: DocumentOutcome): void {
    this.entries[file] = [hash, outcome];
    this.changed = true;
  }

  /** Writes the cache (atomically: a reader never sees half a file) when it changed. */
  save(): void {
    if (!this.changed) return;
    const dir = join(this.file, '..');
    mkdirSync(dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify({ format: FORMAT, key: this.key, entries: this.entries } satisfies CacheFile));
      renameSync(temp, this.file);
    } catch (e) {
      try {
        unlinkSync(temp);
      } catch {
        // Nothing was written.
      }
      throw e;
    }
    this.changed = false;
  }
}
