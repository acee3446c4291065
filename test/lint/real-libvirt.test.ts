/**
 * Real libvirt as the second judge of lint (../shared/docs/real-libvirt.md): Debian 12's libvirt
 * 9.0.0 with its embedded QEMU driver defines documents in a child process.
 *
 * 1. libvirt's own rejected inputs (qemuxmlconfdata/*.x86_64-latest.err): what lint flags, the
 *    real driver rejects too, unless test/lint/real-libvirt-known.txt says why not.
 * 2. Accepted documents mutated by rule (fast-check picks document and mutation, seeded): the
 *    mutated document is rejected by libvirt exactly when lint reports an error, again unless the
 *    known list says why (a check added after 9.0.0, one libvirt makes only when the guest starts).
 *
 * The figures go in docs/lint-coverage.md between the agreement markers; the test fails when they
 * differ (VIRTXML_ACCEPT_AGREEMENT=1 rewrites them).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { corpusMissing, PROJECT_ROOT, releaseDir } from '../support/corpus.js';
import { forThisHost, RealLibvirt, realLibvirtMissing, type Verdict } from '../support/real-libvirt.js';
import { MUTATIONS } from './mutations.js';

const DATA = join(releaseDir('11.3.0'), 'corpus/tests/qemuxmlconfdata');
const missing = corpusMissing('11.3.0') ?? (process.platform === 'linux' ? realLibvirtMissing() : 'real libvirt runs on Linux only');
const SAMPLES = Number(process.env.VIRTXML_LIBVIRT_SAMPLES ?? 1000);
const COVERAGE_DOC = join(PROJECT_ROOT, 'docs/lint-coverage.md');

interface Known {
  readonly kind: 'rejected' | 'mutation';
  readonly name: string;
  readonly reason: string;
}

function readKnown(): Known[] {
  const file = join(PROJECT_ROOT, 'test/lint/real-libvirt-known.txt');
  return readFileSync(file, 'utf8').split('\n').flatMap((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return [];
    const m = /^(rejected|mutation)\s+(\S+)\s+#\s*(\S.*)$/.exec(t);
    if (!m) throw new Error(`real-libvirt-known.txt:${i + 1}: expected "rejected|mutation NAME  # reason"`);
    return [{ kind: m[1] as Known['kind'], name: m[2]!, reason: m[3]! }];
  });
}

/**
 * The define-time errors lint reports for a document: rule ids, sorted, without duplicates. The
 * grammar is left out: `virsh define` does not check it unless asked to (`--validate`).
 */
function lintErrors(xml: string): string[] {
  const findings = lint({ file: 'doc.xml', text: xml }).results[0]!.findings;
  return [...new Set(findings.filter((f) => f.severity === 'error' && f.rule !== 'schema' && f.rule !== 'syntax').map((f) => f.rule))].sort();
}

function verdictText(v: Verdict | 'crash'): string {
  return v === 'crash' ? 'libvirt crashed' : v.ok ? 'accepted' : `rejected: ${v.error}`;
}

describe.skipIf(missing !== undefined)('lint against real libvirt 9.0.0', () => {
  const judge = new RealLibvirt('qemu');
  afterAll(() => judge.close());
  const known = missing === undefined ? readKnown() : [];
  const figures: string[] = [];

  it('rejects the rejected inputs that lint flags', async () => {
    const errs = readdirSync(DATA).filter((f) => f.endsWith('.x86_64-latest.err'));
    let flagged = 0;
    let bothReject = 0;
    const disagreements: string[] = [];
    const knownUsed = new Set<Known>();
    for (const err of errs) {
      const name = err.slice(0, -'.x86_64-latest.err'.length);
      const input = join(DATA, `${name}.xml`);
      if (!existsSync(input)) continue;
      const xml = forThisHost(readFileSync(input, 'utf8'));
      const errors = lintErrors(xml);
      if (errors.length === 0) continue;
      flagged++;
      const verdict = await judge.define(xml);
      if (verdict !== 'crash' && !verdict.ok) {
        bothReject++;
        continue;
      }
      const k = known.find((x) => x.kind === 'rejected' && x.name === name);
      if (k !== undefined) knownUsed.add(k);
      else disagreements.push(`${name}: lint ${errors.join(', ')}; libvirt 9.0.0 ${verdictText(verdict)}`);
    }
    figures.push(`- libvirt's rejected x86_64 inputs that lint flags: ${flagged}; real libvirt 9.0.0 rejects ${bothReject} of them, the other ${flagged - bothReject} are checks libvirt added after 9.0.0 or makes elsewhere (test/lint/real-libvirt-known.txt says which).`);
    expect(disagreements).toEqual([]);
    const stale = known.filter((k) => k.kind === 'rejected' && !knownUsed.has(k)).map((k) => k.name);
    expect(stale, 'known disagreements that no longer happen: remove them').toEqual([]);
  }, 600_000);

  it('agrees on mutated accepted documents', async () => {
    const outputs = readdirSync(DATA).filter((f) => f.endsWith('.x86_64-latest.xml')).sort();
    const pairs = fc.sample(fc.tuple(fc.nat({ max: outputs.length - 1 }), fc.nat({ max: MUTATIONS.length - 1 })), { seed: 20261207, numRuns: SAMPLES });
    const baseOk = new Map<string, boolean>();
    const tally = new Map<string, { tried: number; agree: number }>();
    const disagreements: string[] = [];
    const knownUsed = new Set<Known>();
    for (const [docIndex, mutationIndex] of pairs) {
      const file = outputs[docIndex]!;
      const mutation = MUTATIONS[mutationIndex]!;
      const base = forThisHost(readFileSync(join(DATA, file), 'utf8'));
      const mutated = mutation.apply(base);
      if (mutated === undefined || mutated === base) continue;
      // Only documents both judges accept as they are can show what a mutation changes.
      let ok = baseOk.get(file);
      if (ok === undefined) {
        const v = await judge.define(base);
        ok = v !== 'crash' && v.ok && lintErrors(base).length === 0;
        baseOk.set(file, ok);
      }
      if (!ok) continue;
      const errors = lintErrors(mutated);
      const verdict = await judge.define(mutated);
      const libvirtRejects = verdict === 'crash' || !verdict.ok;
      const t = tally.get(mutation.name) ?? { tried: 0, agree: 0 };
      t.tried++;
      if (libvirtRejects === errors.length > 0) t.agree++;
      else {
        const k = known.find((x) => x.kind === 'mutation' && x.name === mutation.name);
        if (k !== undefined) knownUsed.add(k);
        else disagreements.push(`${mutation.name} on ${file}: lint ${errors.length > 0 ? errors.join(', ') : 'no error'}; libvirt 9.0.0 ${verdictText(verdict)}`);
      }
      tally.set(mutation.name, t);
    }
    const total = [...tally.values()].reduce((s, t) => ({ tried: s.tried + t.tried, agree: s.agree + t.agree }), { tried: 0, agree: 0 });
    figures.push(`- mutated accepted documents (${SAMPLES} seeded samples, ${total.tried} applicable): lint and real libvirt 9.0.0 agree on ${total.agree} of ${total.tried}.`);
    for (const [name, t] of [...tally.entries()].sort()) figures.push(`  - ${name}: ${t.agree} of ${t.tried}`);
    expect(total.tried).toBeGreaterThan(50);
    expect(disagreements.slice(0, 20)).toEqual([]);
    const stale = known.filter((k) => k.kind === 'mutation' && !knownUsed.has(k)).map((k) => k.name);
    expect(stale, 'known disagreements that no longer happen: remove them').toEqual([]);
  }, 600_000);

  it('records the agreement in docs/lint-coverage.md', () => {
    const doc = readFileSync(COVERAGE_DOC, 'utf8');
    const section = `<!-- agreement -->\n${figures.join('\n')}\n<!-- /agreement -->`;
    const current = /<!-- agreement -->[\s\S]*?<!-- \/agreement -->/.exec(doc)?.[0];
    if (process.env.VIRTXML_ACCEPT_AGREEMENT === '1') {
      writeFileSync(COVERAGE_DOC, current === undefined ? `${doc.trimEnd()}\n\n${section}\n` : doc.replace(current, section));
      return;
    }
    expect(current, 'run with VIRTXML_ACCEPT_AGREEMENT=1 to record the figures').toBe(section);
  });
});
if (missing !== undefined) describe('lint against real libvirt 9.0.0', () => it.skip(`skipped: ${missing}`, () => {}));
