/**
 * docs/lint-coverage.md against libvirt's own rejections: every `.err` of qemuxmlconfdata has a
 * row; a row that names a rule holds only while linting the input reports an error of that rule.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { corpusMissing, PROJECT_ROOT, releaseDir } from '../support/corpus.js';

const DATA = join(releaseDir('11.3.0'), 'corpus/tests/qemuxmlconfdata');
const missing = corpusMissing('11.3.0');
const ERR_NAME = /^(.*)\.(x86_64|aarch64|ppc64|s390x|riscv64|armv7l|ppc)-(latest|\d+\.\d+\.\d+)(\.abi-update)?\.err$/;

interface Row {
  readonly err: string;
  readonly arch: string;
  readonly verdict: string;
}

function readTable(): { rows: Row[]; text: string } {
  const text = readFileSync(join(PROJECT_ROOT, 'docs/lint-coverage.md'), 'utf8');
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    const m = /^\| (\S+\.err) \| (\S+) \| .* \| (.+) \|$/.exec(line);
    if (m) rows.push({ err: m[1]!, arch: m[2]!, verdict: m[3]!.trim() });
  }
  return { rows, text };
}

/** The sentence under the summary marker, as the table's rows make it. */
export function coverageSummary(rows: readonly Row[]): string {
  const caught = rows.filter((r) => r.verdict.startsWith('`')).length;
  const offline = rows.filter((r) => r.verdict.startsWith('offline:')).length;
  return `${caught} of ${rows.length} rejections are reported by a rule; ${offline} cannot be decided from the document alone.`;
}

describe.skipIf(missing !== undefined)('lint coverage of libvirt\'s rejections', () => {
  const { rows, text } = missing === undefined ? readTable() : { rows: [], text: '' };

  it('has one row per .err file, each with a rule or a reason', () => {
    const errs = readdirSync(DATA).filter((f) => f.endsWith('.err')).sort();
    expect(rows.map((r) => r.err).sort()).toEqual(errs);
    const unclassified = rows.filter((r) => !/^`[a-z0-9-]+`$/.test(r.verdict) && !/^offline: \S/.test(r.verdict));
    expect(unclassified.map((r) => `${r.err}: ${r.verdict}`)).toEqual([]);
  });

  it('states the counts of its rows', () => {
    expect(text).toContain(`<!-- coverage-summary -->\n${coverageSummary(rows)}`);
  });

  const ruled = rows.filter((r) => r.verdict.startsWith('`'));
  it.each(ruled.map((r) => [r.err, r] as const))('%s', (err, row) => {
    const name = ERR_NAME.exec(err)![1]!;
    const file = join(DATA, `${name}.xml`);
    expect(existsSync(file)).toBe(true);
    const rule = row.verdict.slice(1, -1);
    const result = lint({ file, text: readFileSync(file, 'utf8') }, { arch: row.arch });
    const findings = result.results[0]!.findings;
    expect(findings.filter((f) => f.rule === rule && f.severity === 'error').length, findings.map((f) => `${f.rule}: ${f.message}`).join('\n')).toBeGreaterThan(0);
  });
});
if (missing !== undefined) describe('lint coverage', () => it.skip(`skipped: ${missing}`, () => {}));
