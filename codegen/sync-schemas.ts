/**
 * `npm run schemas:sync -- DIR [DIR…]`: copies a libvirt schema folder (a release's
 * `schemas/`, a libvirt source tree's `src/conf/schemas` or `docs/schemas`, or an installed
 * `/usr/share/libvirt/schemas`) into schemas/rng/<release>, after checking every file's sha256
 * against schemas/lock.json. The release is recognised by its hashes.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareWithLock, hashSchemaDir, listRngFiles, readLock } from './schema-set.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

function candidates(dir: string): string[] {
  return [dir, join(dir, 'schemas'), join(dir, 'src/conf/schemas'), join(dir, 'docs/schemas')];
}

function syncOne(input: string): string {
  const lock = readLock();
  const dir = candidates(input).find((d) => existsSync(d) && listRngFiles(d).length > 0);
  if (dir === undefined) throw new Error(`${input}: no .rng files found (looked in ${candidates(input).join(', ')})`);
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

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: npm run schemas:sync -- DIR [DIR…]   (e.g. ../shared/libvirt/11.3.0/schemas)');
  process.exitCode = 2;
} else {
  for (const d of dirs) {
    try {
      console.log(syncOne(d));
    } catch (e) {
      console.error(`schemas:sync: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}
