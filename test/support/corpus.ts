/**
 * Access to libvirt's schemas and corpus in ../shared/libvirt (never committed here).
 * Tests that need them skip with a message naming the missing folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_LIBVIRT = resolve(PROJECT_ROOT, '../shared/libvirt');
/** Releases with a corpus (manifest.json and corpus/) in ../shared/libvirt. */
export const RELEASES = ['11.3.0', '7.0.0'] as const;
export type Release = (typeof RELEASES)[number];
/**
 * Releases with schemas in ../shared/libvirt: every release in schemas/lock.json, newest first.
 * 9.0.0 has schemas only; its grammar is checked on the 11.3.0 corpus (test/conformance/target-version.test.ts).
 */
export const SCHEMA_RELEASES = ['11.3.0', '9.0.0', '7.0.0'] as const;
export type SchemaRelease = (typeof SCHEMA_RELEASES)[number];

export interface ManifestEntry {
  readonly path: string;
  readonly schema: string;
  readonly expect: 'valid' | 'invalid';
}

export function releaseDir(release: SchemaRelease): string {
  return join(SHARED_LIBVIRT, release);
}

export function schemaDir(release: SchemaRelease): string {
  return join(releaseDir(release), 'schemas');
}

/** Why tests that need the schemas of `release` cannot run, or undefined when they can. */
export function schemasMissing(release: SchemaRelease): string | undefined {
  const dir = schemaDir(release);
  return existsSync(dir) ? undefined : `libvirt ${release} schemas not found at ${dir} (../shared is not beside the project)`;
}

/** Why the corpus tests of `release` cannot run, or undefined when they can. */
export function corpusMissing(release: Release): string | undefined {
  const manifest = join(releaseDir(release), 'manifest.json');
  return existsSync(manifest) ? undefined : `libvirt ${release} corpus not found at ${manifest} (../shared is not beside the project)`;
}

export function readManifest(release: Release): ManifestEntry[] {
  const m = JSON.parse(readFileSync(join(releaseDir(release), 'manifest.json'), 'utf8')) as { documents: ManifestEntry[] };
  return m.documents;
}

export function corpusPath(release: Release, entry: ManifestEntry): string {
  return join(releaseDir(release), 'corpus', entry.path);
}

export function readCorpusFile(release: Release, entry: ManifestEntry): string {
  return readFileSync(corpusPath(release, entry), 'utf8');
}
