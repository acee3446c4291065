/**
 * No false positives: every document libvirt accepts lints with no error. That is every valid
 * document of libvirt's schema tests in both corpora except the QEMU test inputs that libvirt
 * rejects at define time (those with an `.err`, judged in coverage.test.ts). Exceptions are listed
 * in test/lint/expected-false-positives.txt, each with its reason; the list only shrinks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintConfig } from '../../src/lint/index.js';
import { corpusMissing, corpusPath, PROJECT_ROOT, readManifest, RELEASES, type Release } from '../support/corpus.js';

interface Known {
  readonly release: string;
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
}

function readKnown(): Known[] {
  const text = readFileSync(join(PROJECT_ROOT, 'test/lint/expected-false-positives.txt'), 'utf8');
  return text.split('\n').flatMap((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return [];
    const m = /^(\S+)\s+(\S+)\s+(\S+)\s+#\s*(\S.*)$/.exec(t);
    if (!m) throw new Error(`expected-false-positives.txt:${i + 1}: expected "<release> <path> <rule>  # reason"`);
    return [{ release: m[1]!, path: m[2]!, rule: m[3]!, reason: m[4]! }];
  });
}

/** The QEMU test inputs libvirt rejects: `foo.xml` for each `foo.<arch>-<qemu>.err`. */
function rejectedInputs(release: Release): Set<string> {
  const manifest = readManifest(release);
  const paths = new Set(manifest.map((e) => e.path));
  const rejected = new Set<string>();
  for (const e of manifest) {
    if (!e.path.startsWith('tests/qemuxmlconfdata/')) continue;
    if (paths.has(e.path) && hasErr(release, e.path.slice(0, -'.xml'.length))) rejected.add(e.path);
  }
  return rejected;
}

const errFiles = new Map<Release, Set<string>>();
function hasErr(release: Release, base: string): boolean {
  let set = errFiles.get(release);
  if (set === undefined) {
    set = new Set();
    const dir = join(PROJECT_ROOT, '../shared/libvirt', release, 'corpus/tests/qemuxmlconfdata');
    if (existsSync(dir)) {
      for (const f of readdirSync(dir)) {
        const m = /^(.*?)\.[a-z0-9_]+-[^.]+(?:\.[0-9]+)*(?:\.abi-update)?\.err$/.exec(f);
        if (m) set.add(`tests/qemuxmlconfdata/${m[1]}`);
      }
    }
    errFiles.set(release, set);
  }
  return set.has(base);
}

for (const release of RELEASES) {
  const missing = corpusMissing(release);
  describe.skipIf(missing !== undefined)(`lint on libvirt ${release}'s accepted documents`, () => {
    it('reports no error except the known ones', () => {
      const known = readKnown().filter((k) => k.release === release);
      const rejected = rejectedInputs(release);
      const config: LintConfig = { libvirt: release };
      const unexpected: string[] = [];
      const stillFailing = new Set<Known>();
      let linted = 0;
      for (const entry of readManifest(release)) {
        if (entry.expect !== 'valid' || rejected.has(entry.path)) continue;
        const text = readFileSync(corpusPath(release, entry), 'utf8');
        const result = lint({ file: entry.path, text }, config).results[0]!;
        linted++;
        for (const f of result.findings) {
          if (f.severity !== 'error') continue;
          const k = known.find((x) => x.path === entry.path && x.rule === f.rule);
          if (k !== undefined) stillFailing.add(k);
          else unexpected.push(`${entry.path}:${f.line}:${f.column} ${f.rule}: ${f.message}`);
        }
      }
      expect(linted).toBeGreaterThan(1000);
      expect(unexpected).toEqual([]);
      // The list only shrinks: an entry that no longer fails must be removed.
      expect(known.filter((k) => !stillFailing.has(k)).map((k) => `${k.path} ${k.rule}`)).toEqual([]);
    }, 300_000);
  });
  if (missing !== undefined) describe(`lint on libvirt ${release}'s accepted documents`, () => it.skip(`skipped: ${missing}`, () => {}));
}
