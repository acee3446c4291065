/**
 * migrate against libvirt's own rewrites: on every input/output pair of libvirt 11.3.0's xml2xml
 * tests where a migration rule has a fix, the rule alone changes only its edits' bytes, and the
 * migrated input agrees with libvirt's output on every construct the rule touches
 * (test/support/libvirt-pairs.ts defines the comparison; docs/migrate-coverage.md records the
 * figures, which this test keeps true: VIRTXML_ACCEPT_COVERAGE=1 rewrites them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsFor } from '../../src/lint/config.js';
import { lintDocument } from '../../src/lint/engine.js';
import { BUILTIN_RULES } from '../../src/lint/index.js';
import { insertChild, removeElement, setAttribute } from '../../src/lint/fix.js';
import type { DocumentRule, Rule, TextEdit } from '../../src/lint/types.js';
import { migrationRules } from '../../src/migrate/index.js';
import type { XmlDocument, XmlElement } from '../../src/xml/dom/types.js';
import { COMPAT_FINDINGS, NARROWING_EXAMPLES } from '../compat/compat-findings.js';
import { corpusMissing, PROJECT_ROOT } from '../support/corpus.js';
import { judgeRule, libvirtPairs, recordSection } from '../support/libvirt-pairs.js';

const RULES = migrationRules(BUILTIN_RULES);
/** Rules that repair what 11.3.0's grammar refuses in 7.0.0's documents (§4, test/migrate/compat-findings.test.ts). */
const JUDGED_ON_OLD_DOCUMENTS = new Set([...COMPAT_FINDINGS.map((f) => f.migration), ...NARROWING_EXAMPLES.flatMap((n) => (typeof n.migration === 'string' ? [n.migration] : []))]);
const missing = corpusMissing('11.3.0');

interface Known {
  readonly rule: string;
  readonly pair: string;
  readonly reason: string;
}

function readKnown(): Known[] {
  const text = readFileSync(join(PROJECT_ROOT, 'test/migrate/libvirt-pairs-known.txt'), 'utf8');
  return text.split('\n').flatMap((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return [];
    const m = /^(\S+)\s+(\S+)\s+#\s*(\S.*)$/.exec(t);
    if (!m) throw new Error(`libvirt-pairs-known.txt:${i + 1}: expected "<rule> <pair>  # why"`);
    return [{ rule: m[1]!, pair: m[2]!, reason: m[3]! }];
  });
}

interface Tally {
  readonly judged: string[];
  readonly agree: string[];
  readonly known: Known[];
  /** Report-only rules: the pairs whose input they report. */
  readonly reported: string[];
}

function pairsTable(tallies: ReadonlyMap<string, Tally>, pairCount: number): string {
  const lines: string[] = [];
  const fixable = RULES.filter((r) => r.meta.fixable === true);
  const judged = fixable.filter((r) => tallies.get(r.meta.id)!.judged.length > 0);
  const total = judged.reduce((n, r) => n + tallies.get(r.meta.id)!.judged.length, 0);
  const agree = judged.reduce((n, r) => n + tallies.get(r.meta.id)!.agree.length, 0);
  lines.push(`${pairCount} pairs; ${judged.length} of the ${fixable.length} fixable migration rules have a fix for at least one input. Of the ${total} (rule, pair) judgements, ${agree} agree with libvirt's output and ${total - agree} differ for the reason given.`, '');
  lines.push('| rule | pairs | agree | differ, and why |', '| --- | --- | --- | --- |');
  for (const r of RULES) {
    const t = tallies.get(r.meta.id)!;
    const id = `[\`${r.meta.id}\`](rules/${r.meta.id}.md)`;
    if (r.meta.fixable !== true) {
      lines.push(`| ${id} | — | — | report-only: no rewrite to judge${t.reported.length > 0 ? `; reports the input of ${t.reported.length} ${t.reported.length === 1 ? 'pair' : 'pairs'}` : ''} |`);
    } else if (t.judged.length === 0 && JUDGED_ON_OLD_DOCUMENTS.has(r.meta.id)) {
      lines.push(`| ${id} | 0 | — | no pair of libvirt's tests holds the form: judged by its fixtures and by §4 (what 11.3.0's grammar refuses in older documents) |`);
    } else if (t.judged.length === 0) {
      lines.push(`| ${id} | 0 | — | no pair of libvirt's tests holds the form: judged by its fixtures (and by real libvirt where §2 lists it) |`);
    } else {
      const reasons = [...new Set(t.known.map((k) => k.reason))];
      lines.push(`| ${id} | ${t.judged.length} | ${t.agree.length} | ${t.known.length === 0 ? '' : `${t.known.length}: ${reasons.join('; ').replace(/\|/g, '\\|')}`} |`);
    }
  }
  lines.push('', 'The pairs that judge each rule:', '');
  for (const r of RULES) {
    const t = tallies.get(r.meta.id)!;
    if (t.judged.length > 0) lines.push(`- \`${r.meta.id}\`: ${t.judged.join(', ')}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The comparison itself, on rules of the test's own.

const element = (node: object): XmlElement => (node as { $layout: { element: XmlElement } }).$layout.element;

/** A rule whose fix edits each <graphics> while `when` holds for it. */
function graphicsRule(id: string, edit: (doc: XmlDocument, g: XmlElement) => TextEdit[], when: (g: XmlElement) => boolean = () => true): DocumentRule<'domain'> {
  return {
    meta: { id, category: 'legacy', level: 'warn', roots: ['domain'], fixable: true, docs: { summary: id, why: 'test', example: { bad: '', good: '' } } },
    check(ctx) {
      for (const g of ctx.model.devices?.graphics ?? []) {
        if (when(element(g))) ctx.report({ node: g, message: id, fix: { description: id, edits: edit(ctx.document, element(g)) } });
      }
    },
  };
}

const firstChild = (g: XmlElement): XmlElement | undefined => g.children.find((c): c is XmlElement => c.kind === 'element');
const has = (g: XmlElement, name: string): boolean => g.children.some((c) => c.kind === 'element' && c.name === name);
const noAttr = (name: string) => (g: XmlElement): boolean => !g.attributes.some((a) => a.name === name);

const IN = "<domain type='kvm'>\n  <name>vm</name>\n  <memory unit='KiB'>524288</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n  <devices>\n    <!-- console -->\n    <graphics type='vnc' port='-1'>\n      <image compression='off'/>\n    </graphics>\n  </devices>\n</domain>\n";
const OUT = "<domain type='kvm'>\n  <name>vm</name>\n  <memory unit='KiB'>524288</memory>\n  <os>\n    <type arch='x86_64' machine='pc-q35-10.0'>hvm</type>\n  </os>\n  <devices>\n    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n    <graphics type='vnc' port='-1' autoport='yes'>\n      <listen type='address'/>\n    </graphics>\n    <video>\n      <model type='vga' vram='16384' heads='1' primary='yes'/>\n    </video>\n  </devices>\n</domain>\n";

describe('the comparison with libvirt\'s output', () => {
  it('agrees when the rule writes what libvirt writes, whatever defaults libvirt adds elsewhere', () => {
    const j = judgeRule(IN, OUT, graphicsRule('test-autoport', (_doc, g) => [setAttribute(g, 'autoport', 'yes')], noAttr('autoport')), 'x86_64')!;
    expect(j.exact).toBe(true);
    expect(j.touched).toEqual(['/domain/devices[1]/graphics[1]']);
    expect(j.differences).toEqual([]);
  });

  it('reports an attribute the rule writes otherwise than libvirt', () => {
    const j = judgeRule(IN, OUT, graphicsRule('test-autoport-no', (_doc, g) => [setAttribute(g, 'autoport', 'no')], noAttr('autoport')), 'x86_64')!;
    expect(j.differences).toEqual(["/domain/devices[1]/graphics[1]/@autoport: migrate writes 'no', libvirt writes 'yes'"]);
  });

  it('accepts an added child that libvirt writes with more attributes, and reports one it lacks', () => {
    const good = judgeRule(IN, OUT, graphicsRule('test-listen', (doc, g) => [insertChild(doc, g, "<listen type='address'/>")], (g) => !has(g, 'listen')), 'x86_64')!;
    expect(good.differences).toEqual([]);
    const bad = judgeRule(IN, OUT, graphicsRule('test-listen-none', (doc, g) => [insertChild(doc, g, "<listen type='none'/>")], (g) => !has(g, 'listen')), 'x86_64')!;
    expect(bad.differences).toEqual(['/domain/devices[1]/graphics[1]: migrate adds <listen type="none"/>, which libvirt\'s output lacks']);
  });

  it('reports a child the rule removes that libvirt keeps, and accepts one libvirt drops too', () => {
    const out = OUT.replace("<listen type='address'/>", "<listen type='address'/>\n      <image compression='off'/>");
    const keep = judgeRule(IN, out, graphicsRule('test-drop-image', (doc, g) => [removeElement(doc, firstChild(g)!)], (g) => has(g, 'image')), 'x86_64')!;
    expect(keep.touched).toEqual(['/domain/devices[1]/graphics[1]']);
    expect(keep.differences).toEqual(['/domain/devices[1]/graphics[1]: migrate removes <image compression="off"/>, which libvirt keeps']);
    const drop = judgeRule(IN, OUT, graphicsRule('test-drop-image2', (doc, g) => [removeElement(doc, firstChild(g)!)], (g) => has(g, 'image')), 'x86_64')!;
    expect(drop.differences).toEqual([]);
  });

  it('gives an element removed between its siblings to the parent', () => {
    const out = OUT.replace("<listen type='address'/>", "<image compression='off'/>");
    const j = judgeRule(IN, out, graphicsRule('test-drop-graphics', (doc, g) => [removeElement(doc, g)]), 'x86_64')!;
    expect(j.touched).toEqual(['/domain/devices[1]']);
    expect(j.differences).toEqual(['/domain/devices[1]: migrate removes <graphics port="-1" type="vnc"><image compression="off"/></graphics>, which libvirt keeps']);
  });

  it('is undefined when the rule changes nothing', () => {
    expect(judgeRule(OUT, OUT, graphicsRule('test-none', () => []), 'x86_64')).toBeUndefined();
  });
});

describe.skipIf(missing !== undefined)('migrate against libvirt\'s own rewrites (11.3.0 xml2xml pairs)', () => {
  it('agrees with libvirt\'s output on every construct a rule touches, and changes no other byte', () => {
    const known = readKnown();
    const knownUsed = new Set<Known>();
    const tallies = new Map<string, Tally>(RULES.map((r) => [r.meta.id, { judged: [], agree: [], known: [], reported: [] }]));
    const problems: string[] = [];
    const pairs = libvirtPairs();
    for (const pair of pairs) {
      const input = readFileSync(pair.input, 'utf8');
      const output = readFileSync(pair.output, 'utf8');
      // One lint of the input with every migration rule tells which rules to judge.
      const base = settingsFor({ arch: pair.arch }, 'input.xml')!;
      const findings = lintDocument(input, 'input.xml', { ...base, levelOf: () => ({ level: 'warn', options: {} }) }, RULES).findings;
      for (const rule of RULES) {
        const own = findings.filter((f) => f.rule === rule.meta.id);
        if (own.length === 0) continue;
        const tally = tallies.get(rule.meta.id)!;
        if (rule.meta.fixable !== true || !own.some((f) => f.fix !== undefined)) {
          if (rule.meta.fixable !== true) tally.reported.push(pair.name);
          continue;
        }
        const j = judgeRule(input, output, rule as Rule, pair.arch);
        if (j === undefined) continue;
        tally.judged.push(pair.name);
        if (!j.exact) problems.push(`${rule.meta.id} on ${pair.name}: migrate changed more than the rule's edits`);
        if (j.differences.length === 0) {
          tally.agree.push(pair.name);
          continue;
        }
        const k = known.find((x) => x.rule === rule.meta.id && x.pair === pair.name);
        if (k !== undefined) {
          knownUsed.add(k);
          tally.known.push(k);
        } else problems.push(`${rule.meta.id} on ${pair.name}: ${j.differences.join('; ')}`);
      }
    }
    expect(problems).toEqual([]);
    expect(known.filter((k) => !knownUsed.has(k)).map((k) => `${k.rule} ${k.pair}`), 'known differences that no longer happen: remove them').toEqual([]);
    expect(pairs.length).toBeGreaterThan(900);
    recordSection('pairs', pairsTable(tallies, pairs.length));
  }, 600_000);
});
if (missing !== undefined) describe('migrate against libvirt\'s own rewrites', () => it.skip(`skipped: ${missing}`, () => {}));
