/**
 * `npm run gen`: regenerates src/model/generated from the synced schemas (schemas/rng/<release>),
 * writing only files whose bytes changed and removing generated files that are no longer produced.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodegenError } from './errors.js';
import { generate } from './pipeline.js';
import { compareReleasesDescending, compareWithLock, hashSchemaDir, readLock } from './schema-set.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_ROOT = 'src/model/generated';

function main(): number {
  const lock = readLock();
  const releases = Object.keys(lock.releases).sort(compareReleasesDescending).map((release) => {
    const dir = join(projectRoot, 'schemas', 'rng', release);
    if (!existsSync(dir)) {
      throw new Error(`schemas for libvirt ${release} are not synced: run \`npm run schemas:sync -- DIR\` (e.g. ../shared/libvirt/${release}/schemas)`);
    }
    const problems = compareWithLock(hashSchemaDir(dir), lock.releases[release]!);
    if (problems.length > 0) throw new Error(`schemas/rng/${release} does not match schemas/lock.json:\n  ${problems.join('\n  ')}`);
    return { release, dir };
  });
  const files = generate(releases, lock.pinned);
  let written = 0;
  const expected = new Set<string>();
  for (const f of files) {
    const path = join(projectRoot, f.path);
    expected.add(path);
    if (existsSync(path) && readFileSync(path, 'utf8') === f.content) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
    written++;
  }
  let removed = 0;
  for (const path of walk(join(projectRoot, GENERATED_ROOT))) {
    if (!expected.has(path)) {
      rmSync(path);
      removed++;
    }
  }
  console.log(`virtxml-codegen: ${files.length} files, ${written} written, ${removed} removed (${relative(process.cwd(), join(projectRoot, GENERATED_ROOT)) || '.'})`);
  return 0;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(e instanceof CodegenError || e instanceof Error ? `virtxml-codegen: ${e.message}` : e);
  process.exitCode = 1;
}
