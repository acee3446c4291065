/**
 * A release's schema folder: reading files, finding the roots (files whose grammar has a
 * `<start>`), and checking them against the lock file.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { XmlElement } from '../src/xml/dom/types.js';
import { parseSchemaXml } from './errors.js';
import { RNG_NS } from './passes/load.js';

export interface SchemaLock {
  /** The release the TypeScript model is generated from. */
  readonly pinned: string;
  /** For each release: file name → sha256 of its bytes. */
  readonly releases: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export const LOCK_FILE = new URL('../schemas/lock.json', import.meta.url);

export function readLock(): SchemaLock {
  return JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as SchemaLock;
}

/** Writes the lock in its one format: releases newest first, two-space JSON, final newline. */
export function writeLock(lock: SchemaLock): void {
  const releases = Object.fromEntries(Object.keys(lock.releases).sort(compareReleasesDescending).map((r) => [r, lock.releases[r]!]));
  writeFileSync(LOCK_FILE, `${JSON.stringify({ pinned: lock.pinned, releases }, null, 2)}\n`);
}

/** Newest release first (by numeric components), as the lock and the registry list them. */
export function compareReleasesDescending(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function listRngFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.rng')).sort();
}

/** Hashes of every `.rng` in `dir`. */
export function hashSchemaDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of listRngFiles(dir)) out[f] = sha256(readFileSync(join(dir, f)));
  return out;
}

/** Differences between a folder's hashes and a locked release's; empty when they match. */
export function compareWithLock(actual: Record<string, string>, locked: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [file, hash] of Object.entries(locked)) {
    if (actual[file] === undefined) problems.push(`${file} is missing`);
    else if (actual[file] !== hash) problems.push(`${file} differs (sha256 ${actual[file]}, locked ${hash})`);
  }
  for (const file of Object.keys(actual)) if (locked[file] === undefined) problems.push(`${file} is not in the lock`);
  return problems;
}

/** Schema files whose top-level grammar has a `<start>`: the roots a document can be validated against. */
export function findRoots(dir: string): string[] {
  return listRngFiles(dir).filter((f) => grammarHasStart(parseSchemaXml(readFileSync(join(dir, f), 'utf8'), f).root));
}

function grammarHasStart(el: XmlElement): boolean {
  if (el.ns !== RNG_NS || el.local !== 'grammar') return false;
  const visit = (container: XmlElement): boolean =>
    container.children.some((c) => c.kind === 'element' && c.ns === RNG_NS && (c.local === 'start' || (c.local === 'div' && visit(c))));
  return visit(el);
}
