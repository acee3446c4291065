/**
 * The bench's lint rows and their verdicts, on made-up measurements: which rows exist and at
 * which scale, and where each target's line falls.
 */
import { describe, expect, it } from 'vitest';
import { evaluateTargets, lintTargets } from '../../bench/analysis.js';
import { distinctCopy, LINT_ROWS } from '../../bench/lint.js';
import type { RowResult } from '../../bench/types.js';
import { rowSpecs } from '../../bench/virtxml.js';

function row(id: string, wallMs: number, cpuMs?: number): RowResult {
  return {
    id, label: id, scale: 1, documents: 1, bytes: 1, timing: 'process', samples: [], wallMs, cpuMs, workMs: undefined, workCpuMs: undefined,
    firstRoundMs: undefined, laterRoundMs: undefined, maxRssKiB: undefined, megabytesPerSecond: 1, megabytesPerCpuSecond: undefined, costVsOne: undefined, cpuCostVsOne: undefined, notes: [],
  };
}

const verdict = (results: RowResult[], startsWith: string) => lintTargets(results).find((t) => t.target.startsWith(startsWith))!;

describe('the generated tree', () => {
  it('gives each copy of a document its own name, UUID, MACs and disk images', () => {
    const doc = "<domain type='kvm'>\n  <name>web01</name>\n  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n  <devices>\n    <disk type='file'>\n      <source file='/var/lib/a.qcow2'/>\n    </disk>\n    <interface type='network'>\n      <mac address=\"52:54:00:12:34:56\"/>\n    </interface>\n  </devices>\n</domain>\n";
    expect(distinctCopy(doc, 300)).toBe(
      "<domain type='kvm'>\n  <name>web01-300</name>\n  <uuid>c7a5fdbd-edaf-9455-926a-d65c0000012c</uuid>\n  <devices>\n    <disk type='file'>\n      <source file='/var/lib/a.qcow2.300'/>\n    </disk>\n    <interface type='network'>\n      <mac address=\"52:54:00:01:2c:56\"/>\n    </interface>\n  </devices>\n</domain>\n",
    );
  });
});

describe('lint rows', () => {
  it('are bench rows, run as whole processes at 1× only', () => {
    const specs = rowSpecs(true).filter((s) => s.kind === 'lint');
    expect(specs.map((s) => s.id)).toEqual(LINT_ROWS.map(([id]) => id));
    for (const s of specs) expect(s).toMatchObject({ timing: 'process', scales: [1] });
  });

  it('judge lint against validate on the same files at 1.5×', () => {
    expect(verdict([row('lint-corpus', 1500, 2000), row('virtxml-cli', 1000, 1000)], 'lint, all rules').pass).toBe(true);
    expect(verdict([row('lint-corpus', 1501), row('virtxml-cli', 1000)], 'lint, all rules').pass).toBe(false);
    expect(verdict([row('lint-corpus', 1501)], 'lint, all rules').pass).toBeUndefined();
    expect(verdict([row('lint-corpus', 1500, 2000), row('virtxml-cli', 1000, 1000)], 'lint, all rules').measured).toBe('1.50× (lint 1.50 s, validate 1.00 s); by CPU time 2.00×');
  });

  it('report the speedup from one worker to two', () => {
    const t = verdict([row('lint-tree-jobs1', 10_000, 9000), row('lint-tree-jobs2', 6000, 10_000)], 'lint of 20,000 files');
    expect(t.pass).toBe(true);
    expect(t.measured).toBe("1.67× faster on 2 workers (10.0 s → 6.00 s); CPU time 1.11× of 1 worker's");
    expect(verdict([row('lint-tree-jobs1', 5000), row('lint-tree-jobs2', 6000)], 'lint of 20,000 files').pass).toBe(false);
  });

  it('want a warm cache under 10% of a cold run', () => {
    expect(verdict([row('lint-cache-cold', 10_000), row('lint-cache-warm', 999)], 'warm --cache').pass).toBe(true);
    expect(verdict([row('lint-cache-cold', 10_000), row('lint-cache-warm', 1000)], 'warm --cache').pass).toBe(false);
  });

  it('are among the bench\'s targets', () => {
    const targets = evaluateTargets({ results: [], unavailable: [], failures: [] }, undefined, [1]);
    expect(targets.filter((t) => t.target.includes('lint')).length).toBeGreaterThanOrEqual(3);
  });
});
