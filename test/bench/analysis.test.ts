/**
 * The bench's arithmetic and verdicts, on made-up measurements: which row is judged against which
 * tool, where each threshold falls, how cost is split into fixed and per-corpus parts, and how
 * file arguments are split for the external tools. Nothing here runs the bench itself.
 */
import { describe, expect, it } from 'vitest';
import { evaluateTargets, marginalCosts, speedup } from '../../bench/analysis.js';
import { median, megabytesPerSecond } from '../../bench/measure.js';
import { argMax, chunkArguments } from '../../bench/tools.js';
import type { Measured, RowResult, Startup, TargetResult } from '../../bench/types.js';
import { rowSpecs } from '../../bench/virtxml.js';

const CORPUS_BYTES = 6_000_000;

/** The bench's own rows: how each is timed and labelled. */
const SPECS = rowSpecs(true);

function row(id: string, scale: number, fields: Partial<RowResult> = {}): RowResult {
  const spec = SPECS.find((s) => s.id === id);
  if (spec === undefined) throw new Error(`the bench has no row ${id}`);
  const inProcess = spec.timing === 'in-process';
  return {
    id,
    label: spec.label,
    scale,
    documents: 3473 * scale,
    bytes: CORPUS_BYTES * scale,
    timing: spec.timing,
    samples: [],
    wallMs: 1000,
    cpuMs: 1000,
    workMs: inProcess ? 500 : undefined,
    workCpuMs: inProcess ? 500 : undefined,
    firstRoundMs: undefined,
    laterRoundMs: undefined,
    maxRssKiB: 100 * 1024,
    megabytesPerSecond: 10,
    megabytesPerCpuSecond: 10,
    costVsOne: undefined,
    cpuCostVsOne: undefined,
    notes: [],
    ...fields,
  };
}

function measured(results: RowResult[], extra: Partial<Measured> = {}): Measured {
  return { results, unavailable: [], failures: [], ...extra };
}

function target(targets: TargetResult[], startsWith: string): TargetResult {
  const found = targets.find((t) => t.target.startsWith(startsWith));
  if (found === undefined) throw new Error(`no target starting with ${startsWith}`);
  return found;
}

/** The per-pass time that gives `rate` MB/s over one copy of the corpus. */
function passMsFor(rate: number): number {
  return CORPUS_BYTES / 1e6 / rate * 1000;
}

function startup(loadMs: number): Startup {
  return {
    nodeBootMs: 60,
    grammar: { bootMs: 60, importMs: loadMs - 5, grammarMs: 5, loadMs, importCpuMs: 1, loadCpuMs: 1, firstDocumentMs: 1, otherRootsMs: 1, otherRoots: 17, processMs: 100, patterns: 1 },
    smallFile: { path: 'a.xml', bytes: 179, wallMs: 100, maxRssKiB: 50 * 1024 },
  };
}

describe('validation targets', () => {
  it('judges the command against the tools, with the library shown beside it', () => {
    const results = [row('virtxml-cli', 1, { wallMs: 500, cpuMs: 600 }), row('virtxml-validate', 1, { wallMs: 600, cpuMs: 900 }), row('xmllint', 1, { wallMs: 1050, cpuMs: 800 }), row('jing', 1, { wallMs: 6000, cpuMs: 9000 })];
    const targets = evaluateTargets(measured(results), undefined, [1]);
    const xmllint = target(targets, 'validation ≥ 2× faster than xmllint');
    expect(xmllint.pass).toBe(true);
    expect(xmllint.measured).toBe('CLI 2.10× faster (by CPU time 1.33× faster); library in one process 1.75× faster (by CPU time 1.13× slower)');
    expect(target(targets, 'validation ≥ 10× faster than jing').pass).toBe(true);
  });

  it('judges the library when there is no command row, and a ratio just under the line fails', () => {
    const results = [row('virtxml-validate', 1, { wallMs: 500 }), row('xmllint', 1, { wallMs: 999 }), row('jing', 1, { wallMs: 4999 })];
    const targets = evaluateTargets(measured(results), undefined, [1]);
    expect(target(targets, 'validation ≥ 2× faster than xmllint').pass).toBe(false);
    expect(target(targets, 'validation ≥ 10× faster than jing').pass).toBe(false);
  });

  it('counts a ratio exactly at the line as met', () => {
    const results = [row('virtxml-cli', 1, { wallMs: 500 }), row('xmllint', 1, { wallMs: 1000 }), row('jing', 1, { wallMs: 5000 })];
    const targets = evaluateTargets(measured(results), undefined, [1]);
    expect(target(targets, 'validation ≥ 2× faster than xmllint').pass).toBe(true);
    expect(target(targets, 'validation ≥ 10× faster than jing').pass).toBe(true);
  });

  it("judges a browser page's JavaScript for validating a domain against 150 KB gzipped", () => {
    const page = (initialGzip: number, domainGrammarGzip: number) => ({
      initialBytes: initialGzip * 3,
      initialGzip,
      domainGrammarGzip,
      domainPageGzip: initialGzip + domainGrammarGzip,
      chunks: 55,
      grammarChunks: 53,
      files: { entry: 'page.js', initial: ['page.js'], domainGrammar: 'domain-X.js' },
    });
    const name = 'browser page validating a domain';
    expect(target(evaluateTargets(measured([]), undefined, [1]), name)).toMatchObject({ measured: 'not measured', pass: undefined });
    const met = target(evaluateTargets(measured([]), undefined, [1], page(40 * 1024, 32 * 1024)), name);
    expect(met.pass).toBe(true);
    expect(met.measured).toBe('72.0 KB (entry and its chunks 40.0 KB, 120.0 KB minified; domain grammar 32.0 KB); 53 grammars load on first use');
    expect(target(evaluateTargets(measured([]), undefined, [1], page(120 * 1024, 30 * 1024 + 1)), name).pass).toBe(false);
  });

  it('gives no verdict when a tool did not complete or did not run', () => {
    const results = [row('virtxml-cli', 1, { wallMs: 500 }), row('xmllint', 1, { wallMs: 5000, notes: ['did not complete: exit 3'] })];
    const targets = evaluateTargets(measured(results), undefined, [1]);
    expect(target(targets, 'validation ≥ 2× faster than xmllint')).toMatchObject({ measured: 'not measured', pass: undefined });
    expect(target(targets, 'validation ≥ 10× faster than jing')).toMatchObject({ measured: 'not measured', pass: undefined });
    expect(speedup(results, 'xmllint', 1, 'wall', 'virtxml-cli')).toBeUndefined();
  });

  it('uses the 1× runs when 1× was measured, whatever the other scales', () => {
    const results = [
      row('virtxml-cli', 1, { wallMs: 600 }),
      row('xmllint', 1, { wallMs: 1000 }),
      row('virtxml-cli', 16, { wallMs: 1000 }),
      row('xmllint', 16, { wallMs: 16000 }),
    ];
    expect(target(evaluateTargets(measured(results), undefined, [1, 16]), 'validation ≥ 2× faster than xmllint').pass).toBe(false);
  });
});

describe('the parse + format target', () => {
  const steady = (preserve: number, libvirt: number): RowResult[] => [
    row('model-roundtrip', 1, { megabytesPerSecond: 20 }),
    row('model-roundtrip-libvirt', 1, { megabytesPerSecond: 18 }),
    row('model-roundtrip', 16, { laterRoundMs: passMsFor(preserve) }),
    row('model-roundtrip-libvirt', 16, { laterRoundMs: passMsFor(libvirt) }),
  ];

  it('is judged on the later passes of the largest run, both styles', () => {
    const met = target(evaluateTargets(measured(steady(70, 60)), undefined, [1, 16]), 'parse + format');
    expect(met.pass).toBe(true);
    expect(met.measured).toBe('preserve 70.0 MB/s, 1× in a fresh process 20.0; libvirt 60.0 MB/s, 1× in a fresh process 18.0');
    expect(target(evaluateTargets(measured(steady(70, 59.9)), undefined, [1, 16]), 'parse + format').pass).toBe(false);
    expect(target(evaluateTargets(measured(steady(59.9, 70)), undefined, [1, 16]), 'parse + format').pass).toBe(false);
  });

  it('fails on wrong output whatever the speed', () => {
    const failures = [{ id: 'model-roundtrip-libvirt', label: 'x', scale: 16, message: 'not well-formed: a.xml\nmore' }];
    const verdict = target(evaluateTargets(measured(steady(90, 90), { failures }), undefined, [1, 16]), 'parse + format');
    expect(verdict).toEqual({ target: verdict.target, measured: 'wrong output: not well-formed: a.xml', pass: false });
  });

  it('asks for a larger scale when only fresh processes were measured', () => {
    const results = [row('model-roundtrip', 1), row('model-roundtrip-libvirt', 1)];
    const verdict = target(evaluateTargets(measured(results), undefined, [1]), 'parse + format');
    expect(verdict.pass).toBeUndefined();
    expect(verdict.measured).toMatch(/^not measured \(needs a run at a scale above 1×/);
  });
});

describe('memory, growth and grammar loading targets', () => {
  const KIB_300_MB = 300e6 / 1024;

  it('takes the highest virtxml peak at 16×, leaving out the external tools', () => {
    const under = [row('jing', 16, { maxRssKiB: 1_100_000 }), row('model-format', 16, { maxRssKiB: Math.floor(KIB_300_MB) }), row('scan', 16, { maxRssKiB: 1000 })];
    const ok = target(evaluateTargets(measured(under), undefined, [16]), 'peak RSS');
    expect(ok.pass).toBe(true);
    expect(ok.measured).toContain('(model-format)');
    const over = [row('model-format', 16, { maxRssKiB: Math.ceil(KIB_300_MB) })];
    expect(target(evaluateTargets(measured(over), undefined, [16]), 'peak RSS').pass).toBe(false);
  });

  it('allows 16× to cost up to 17× of 1×, judged on the worst row', () => {
    const rows = (worst: number): RowResult[] => [row('scan', 16, { costVsOne: 6, cpuCostVsOne: 5 }), row('dom-serialize', 16, { costVsOne: worst, cpuCostVsOne: 9 })];
    const met = target(evaluateTargets(measured(rows(17)), undefined, [1, 16]), '16× corpus');
    expect(met).toMatchObject({ pass: true, measured: 'worst 17.00× (dom-serialize); by CPU time 9.00× (dom-serialize)' });
    expect(target(evaluateTargets(measured(rows(17.01)), undefined, [1, 16]), '16× corpus').pass).toBe(false);
  });

  it('wants one root\'s grammar loaded in under 50 ms', () => {
    expect(target(evaluateTargets(measured([]), startup(49.9), [1]), 'grammar loading').pass).toBe(true);
    expect(target(evaluateTargets(measured([]), startup(50), [1]), 'grammar loading').pass).toBe(false);
    expect(target(evaluateTargets(measured([]), undefined, [1]), 'grammar loading').pass).toBeUndefined();
  });
});

describe('fixed and per-corpus cost', () => {
  it('splits cost along the line through the smallest and largest scale', () => {
    const results = [
      row('virtxml-validate', 1, { wallMs: 500, cpuMs: 800 }),
      row('virtxml-validate', 16, { wallMs: 2000, cpuMs: 2300 }),
      // Parse and format rows are costed by their timed loop, not the process.
      row('model-parse', 1, { wallMs: 9999, workMs: 300, workCpuMs: undefined }),
      row('model-parse', 16, { wallMs: 9999, workMs: 1800, workCpuMs: 2000 }),
    ];
    const [validate, parse] = marginalCosts(results, [1, 4, 16]);
    expect(validate).toMatchObject({ id: 'virtxml-validate', fixedMs: 400, perCorpusMs: 100, fixedCpuMs: 700, perCorpusCpuMs: 100 });
    expect(validate!.steadyMegabytesPerSecond).toBeCloseTo(megabytesPerSecond(CORPUS_BYTES, 100), 9);
    expect(parse).toMatchObject({ id: 'model-parse', fixedMs: 200, perCorpusMs: 100, perCorpusCpuMs: undefined });
  });

  it('has nothing to split with one scale', () => {
    expect(marginalCosts([row('scan', 4)], [4])).toEqual([]);
  });
});

describe('statistics', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('file arguments for the external tools', () => {
  it('splits a list longer than ARG_MAX into command lines that fit, in order', () => {
    const limit = argMax();
    const files = Array.from({ length: Math.ceil((limit * 2) / 500) }, (_, i) => `/corpus/${String(i).padStart(6, '0')}-${'x'.repeat(480)}.xml`);
    const leading = ['--noout', '--relaxng', 'schemas/domain.rng'];
    const chunks = chunkArguments(leading, files);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(files);
    const cost = (s: string): number => Buffer.byteLength(s) + 1 + 8;
    for (const chunk of chunks) {
      expect(chunk.length).toBeGreaterThan(0);
      expect([...leading, ...chunk].reduce((sum, a) => sum + cost(a), 0)).toBeLessThan(limit);
    }
  });

  it('keeps a short list on one command line', () => {
    expect(chunkArguments(['a.rng'], ['x.xml', 'y.xml'])).toEqual([['x.xml', 'y.xml']]);
  });
});
