/**
 * `npm run schemas:sync -- DIR [DIR…]`: copies a libvirt schema folder (a release's
 * `schemas/`, a libvirt source tree's `src/conf/schemas` or `docs/schemas`, or an installed
 * `/usr/share/libvirt/schemas`) into schemas/rng/<release>, after checking every file's sha256
 * against schemas/lock.json. The release is recognised by its hashes.
 *
 * `npm run schemas:sync -- --add RELEASE DIR` adds a release to the lock first: it records the
 * sha256 of every `.rng` in DIR under RELEASE (which must be new, and DIR must match no locked
 * release), then syncs DIR as above. Review the lock's diff; `npm run gen` then compiles it.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareWithLock, hashSchemaDir, listRngFiles, readLock, writeLock } from './schema-set.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: npm run schemas:sync -- DIR [DIR…]   (e.g. ../shared/libvirt/11.3.0/schemas)\n' +
  '       npm run schemas:sync -- --add RELEASE DIR   (record a new release in schemas/lock.json, then sync it)';

function candidates(dir: string): string[] {
  return [dir, join(dir, 'schemas'), join(dir, 'src/conf/schemas'), join(dir, 'docs/schemas')];
}

function schemaFolder(input: string): string {
  const dir = candidates(input).find((d) => existsSync(d) && listRngFiles(d).length > 0);
  if (dir === undefined) throw new Error(`${input}: no .rng files found (looked in ${candidates(input).join(', ')})`);
  return dir;
}

function syncOne(input: string): string {
  const lock = readLock();
  const dir = schemaFolder(input);
  const hashes = hashSchemaDir(dir);
  const reports: string[] = [];
  for (const [release, locked] of Object.entries(lock.releases)) {
    const problems = compareWithLock(hashes, locked);
    if (problems.length === 0) {
      const target = join(projectRoot, 'schemas', 'rng', release);
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      for (const f of Object.keys(locked)) copyFileSync(join(dir, f), join(target, f));
      return `libvirt ${release}: ${Object.keys(locked).length} schema files verified and copied to schemas/rng/${release}`;
    }
    reports.push(`  not libvirt ${release}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; … (${problems.length} differences)` : ''}`);
  }
  throw new Error(`${dir} matches no release in schemas/lock.json:\n${reports.join('\n')}`);
}

function addRelease(release: string, input: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(release)) throw new Error(`"${release}" is not a libvirt release number (MAJOR.MINOR.MICRO)`);
  const lock = readLock();
  if (lock.releases[release] !== undefined) throw new Error(`libvirt ${release} is already in schemas/lock.json`);
  const dir = schemaFolder(input);
  const hashes = hashSchemaDir(dir);
  for (const [other, locked] of Object.entries(lock.releases)) {
    if (compareWithLock(hashes, locked).length === 0) throw new Error(`${dir} is libvirt ${other}'s schema set, already in schemas/lock.json`);
  }
  writeLock({ pinned: lock.pinned, releases: { ...lock.releases, [release]: hashes } });
  return `libvirt ${release}: ${Object.keys(hashes).length} schema hashes added to schemas/lock.json`;
}

const args = process.argv.slice(2);
if (args[0] === '--add') {
  if (args.length !== 3) {
    console.error(USAGE);
    process.exitCode = 2;
  } else {
    try {
      console.log(addRelease(args[1]!, args[2]!));
      console.log(syncOne(args[2]!));
    } catch (e) {
      console.error(`schemas:sync: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
} else if (args.length === 0 || args.some((a) => a.startsWith('--'))) {
  console.error(USAGE);
  process.exitCode = 2;
} else {
  for (const d of args) {
    try {
      console.log(syncOne(d));
    } catch (e) {
      console.error(`schemas:sync: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}
