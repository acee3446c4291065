/**
 * The published package.json. The repository's manifest carries what only development needs: the
 * `prepare` build that `npm ci` runs, the `"virtxml": "file:."` self-reference that links the CLI
 * into node_modules/.bin, scripts, dev dependencies and npm's `allowScripts`. Installing a tarball
 * that still has `prepare` makes npm warn about an install script, so `npm pack` packs a manifest
 * without them:
 *
 *   prepack     builds the package, then writes {@link publishedManifest} over package.json
 *               (the original is kept in node_modules/.cache/virtxml-pack/)
 *   postpack    puts the original back
 *   prepublish  refuses `npm publish` from the working tree: npm re-reads package.json after
 *               postpack, so the registry would get the development manifest. Publish the packed
 *               tarball instead: `npm pack && npm publish virtxml-<version>.tgz`.
 *
 * A prepack whose pack was interrupted leaves the backup; the next prepack or postpack restores it.
 * `VIRTXML_PACK_PREBUILT=1` packs dist/ as it is (tests that pack a copy of the tree).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Top-level fields of package.json that only development uses. */
const DEVELOPMENT_FIELDS = ['scripts', 'devDependencies', 'allowScripts'] as const;

export type Manifest = Record<string, unknown>;

/** package.json as published: the development-only fields left out, everything else as it is. */
export function publishedManifest(manifest: Manifest): Manifest {
  const published: Manifest = {};
  for (const [key, value] of Object.entries(manifest)) {
    if (!(DEVELOPMENT_FIELDS as readonly string[]).includes(key)) published[key] = value;
  }
  return published;
}

function backupPath(dir: string): string {
  return join(dir, 'node_modules/.cache/virtxml-pack/package.json');
}

function restore(dir: string): boolean {
  const backup = backupPath(dir);
  if (!existsSync(backup)) return false;
  copyFileSync(backup, join(dir, 'package.json'));
  rmSync(backup);
  return true;
}

async function prepack(dir: string): Promise<void> {
  if (restore(dir)) process.stderr.write('virtxml pack: restored package.json left by an interrupted pack\n');
  if (process.env['VIRTXML_PACK_PREBUILT'] !== '1') {
    const { buildPackage } = await import('./build.js');
    await buildPackage({ sourceDir: dir });
  } else if (!existsSync(join(dir, 'dist/index.js'))) {
    throw new Error('VIRTXML_PACK_PREBUILT=1 but dist/ has not been built');
  }
  const path = join(dir, 'package.json');
  const text = readFileSync(path, 'utf8');
  mkdirSync(dirname(backupPath(dir)), { recursive: true });
  writeFileSync(backupPath(dir), text);
  writeFileSync(path, JSON.stringify(publishedManifest(JSON.parse(text) as Manifest), null, 2) + '\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.cwd();
  const step = process.argv[2];
  if (step === 'prepack') await prepack(dir);
  else if (step === 'postpack') restore(dir);
  else if (step === 'prepublish') {
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    process.stderr.write(
      'virtxml: publish the packed tarball, whose package.json has no development scripts:\n' +
        `  npm pack && npm publish virtxml-${version}.tgz\n`,
    );
    process.exitCode = 1;
  } else {
    process.stderr.write('usage: tsx scripts/pack.ts prepack|postpack|prepublish\n');
    process.exitCode = 2;
  }
}

