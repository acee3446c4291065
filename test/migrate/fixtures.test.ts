/**
 * One bad and one good document per migration rule (test/corpus/migrate/<rule>.bad.xml and
 * .good.xml): migrate turns the bad one into exactly the good one, byte for byte, with that rule's
 * changes only, and leaves the good one alone. For a report-only rule the good document is what a
 * person writes; migrate lists the bad one's form and changes nothing. Every migration rule also
 * says when its legacy form turned legacy (`meta.legacy`), and `virtxml rules --format json`
 * shows it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../src/lint/index.js';
import { migrate, migrationRules } from '../../src/migrate/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { cli } from '../support/cli.js';
import { PROJECT_ROOT } from '../support/corpus.js';

const DIR = join(PROJECT_ROOT, 'test/corpus/migrate');
const RULES = migrationRules(BUILTIN_RULES);
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

describe('migration fixtures', () => {
  it('has a bad and a good document for every migration rule, and none for other rules', () => {
    const names = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();
    const expected = RULES.flatMap((r) => [`${r.meta.id}.bad.xml`, `${r.meta.id}.good.xml`]).sort();
    expect(names).toEqual(expected);
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    const fixable = rule.meta.fixable === true;
    describe(id, () => {
      it(fixable ? 'migrate turns the bad document into exactly the good one' : 'migrate lists the bad document\'s form and changes nothing', () => {
        const bad = read(`${id}.bad.xml`);
        const good = read(`${id}.good.xml`);
        const result = migrate(bad, { file: `${id}.bad.xml` });
        expect(result.changes.map((c) => c.rule).filter((r) => r !== id), 'the fixture draws only its own rule').toEqual([]);
        if (fixable) {
          expect(result.changes.length).toBeGreaterThan(0);
          expect(result.changes.every((c) => c.applied), JSON.stringify(result.changes)).toBe(true);
          expect(result.xml).toBe(good);
        } else {
          expect(result.changed).toBe(false);
          expect(result.changes.length).toBeGreaterThan(0);
          expect(result.changes.every((c) => !c.applied && c.reason === 'report-only')).toBe(true);
        }
      });

      it('leaves the good document alone, and it is valid', () => {
        const good = read(`${id}.good.xml`);
        const result = migrate(good, { file: `${id}.good.xml` });
        expect(result.changes).toEqual([]);
        expect(result.xml).toBe(good);
        expect(validate(good).valid).toBe(true);
      });
    });
  }
});

describe('releases of the legacy forms', () => {
  const RELEASE = /^≤?\d+\.\d+\.\d+$/;
  const order = (r: string): number[] => r.replace('≤', '').split('.').map(Number);
  const before = (a: string, b: string): boolean => {
    const [x, y] = [order(a), order(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
    return false;
  };

  it('are given for every migration rule, as releases or bounds, the old form refused after the new one arrived', () => {
    for (const rule of RULES) {
      const legacy = rule.meta.legacy;
      expect(legacy, rule.meta.id).toBeDefined();
      expect(legacy!.since, rule.meta.id).toMatch(RELEASE);
      if (legacy!.until !== undefined) {
        expect(legacy!.until, rule.meta.id).toMatch(RELEASE);
        expect(before(legacy!.since, legacy!.until), `${rule.meta.id}: since ${legacy!.since} is not before until ${legacy!.until}`).toBe(true);
      }
      expect(legacy!.evidence.length, rule.meta.id).toBeGreaterThan(20);
    }
  });

  it('are shown by `virtxml rules --format json`, `virtxml explain` and the rule pages', async () => {
    const run = await cli(['rules', '--format', 'json']);
    expect(run.code).toBe(0);
    const listed = (JSON.parse(run.stdout) as { rules: { id: string; legacy?: { since: string; until?: string } }[] }).rules;
    for (const rule of RULES) {
      expect(listed.find((r) => r.id === rule.meta.id)?.legacy, rule.meta.id).toEqual(rule.meta.legacy);
      const page = join(PROJECT_ROOT, 'docs/rules', `${rule.meta.id}.md`);
      expect(existsSync(page)).toBe(true);
      expect(readFileSync(page, 'utf8')).toContain('## Releases');
    }
    const explained = await cli(['explain', 'legacy-hostdev-driver-kvm']);
    expect(explained.stdout).toContain('Releases: current form since libvirt 1.1.3; old form refused since libvirt 5.7.0.');
    const bound = await cli(['explain', 'runtime-domain-id']);
    expect(bound.stdout).toContain('Releases: current form since libvirt 7.0.0 or earlier; old form still accepted.');
  });
});
