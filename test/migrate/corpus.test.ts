/**
 * migrate over every document of both corpora: it never throws, never turns a valid document
 * invalid, changes nothing on a second run, and leaves documents libvirt itself wrote (already
 * current) unchanged, except those listed in test/migrate/expected-changes.txt with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/migrate/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { corpusMissing, corpusPath, PROJECT_ROOT, readManifest, RELEASES } from '../support/corpus.js';

/** Outputs libvirt wrote: its formatter's own style, so already current. */
export function isLibvirtOutput(path: string): boolean {
  return /xml2xmlout|outdata|\.x86_64-latest\.xml$|\.[a-z0-9_]+-latest\.xml$/.test(path);
}

/**
 * Outputs of a running guest (`…-active.xml`): live XML, whose runtime state (the domain id,
 * device state, live labels) migrate removes by design, as `virsh define` would ignore it.
 */
function isLiveOutput(path: string): boolean {
  return /-active(\.[a-z0-9_]+-latest)?\.xml$/.test(path);
}

function readExpectedChanges(): Map<string, string> {
  const text = readFileSync(join(PROJECT_ROOT, 'test/migrate/expected-changes.txt'), 'utf8');
  const out = new Map<string, string>();
  for (const [i, line] of text.split('\n').entries()) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const m = /^(\S+)\s+(\S+)\s+#\s*(\S.*)$/.exec(t);
    if (!m) throw new Error(`expected-changes.txt:${i + 1}: expected "<release> <path>  # reason"`);
    out.set(`${m[1]} ${m[2]}`, m[3]!);
  }
  return out;
}

for (const release of RELEASES) {
  const missing = corpusMissing(release);
  describe.skipIf(missing !== undefined)(`migrate on libvirt ${release}'s corpus`, () => {
    it('keeps valid documents valid, is idempotent, and leaves libvirt\'s own outputs alone', () => {
      const expected = readExpectedChanges();
      const problems: string[] = [];
      const changedOutputs: string[] = [];
      let migrated = 0;
      for (const entry of readManifest(release)) {
        const text = readFileSync(corpusPath(release, entry), 'utf8');
        const once = migrate(text, { file: entry.path, config: { libvirt: release } });
        if (!once.changed) continue;
        migrated++;
        if (entry.expect === 'valid' && !validate(once.xml, { libvirt: release }).valid) problems.push(`${entry.path}: valid before, invalid after`);
        const twice = migrate(once.xml, { file: entry.path, config: { libvirt: release } });
        if (twice.changed) problems.push(`${entry.path}: a second run changes it again (${twice.changes.filter((c) => c.applied).map((c) => c.rule).join(', ')})`);
        const rules = [...new Set(once.changes.filter((c) => c.applied).map((c) => c.rule))];
        const onlyRuntime = isLiveOutput(entry.path) && rules.every((r) => r.startsWith('runtime-'));
        if (isLibvirtOutput(entry.path) && !onlyRuntime && !expected.has(`${release} ${entry.path}`)) changedOutputs.push(`${entry.path}: ${rules.join(', ')}`);
      }
      expect(problems).toEqual([]);
      expect(changedOutputs).toEqual([]);
      expect(migrated).toBeGreaterThan(0);
    }, 600_000);
  });
  if (missing !== undefined) describe(`migrate on libvirt ${release}'s corpus`, () => it.skip(`skipped: ${missing}`, () => {}));
}
