/**
 * The running package's own manifest: its version (for `--version`, SARIF's tool and the lint
 * cache key) and where its rule documentation lives. Found by walking up from this module, which
 * works from the sources (src/cli/) and from the bundle (dist/, dist/chunks/) alike.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** The package's folder. */
  readonly dir: string;
  /** The repository's web address, e.g. `https://github.com/owner/virtxml`, when the manifest names one. */
  readonly repositoryUrl: string | undefined;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached !== undefined) return cached;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string; repository?: string | { url?: string }; homepage?: string };
      if (manifest.name === 'virtxml') {
        cached = { name: manifest.name, version: manifest.version ?? '0.0.0', dir, repositoryUrl: repositoryWebUrl(manifest.repository) };
        return cached;
      }
    } catch {
      // No manifest here: look further up.
    }
    if (dirname(dir) === dir) {
      cached = { name: 'virtxml', version: '0.0.0', dir: dirname(fileURLToPath(import.meta.url)), repositoryUrl: undefined };
      return cached;
    }
  }
}

/** `git+https://github.com/o/r.git` or `github:o/r` as a web address without `.git`. */
export function repositoryWebUrl(repository: string | { url?: string } | undefined): string | undefined {
  const raw = typeof repository === 'string' ? repository : repository?.url;
  if (raw === undefined || raw === '') return undefined;
  const short = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (short !== null) return `https://github.com/${short[1]!.replace(/\.git$/, '')}`;
  const url = raw.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/^ssh:\/\/git@/, 'https://').replace(/\.git$/, '');
  return /^https?:\/\//.test(url) ? url : undefined;
}
