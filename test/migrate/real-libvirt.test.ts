/**
 * Real libvirt as a judge of migrate (../shared/docs/real-libvirt.md): Debian 12's libvirt 9.0.0
 * defines each document that migrate changes, before and after migration — with its embedded QEMU
 * driver each x86_64 input of libvirt's qemuxmlconfdata (those with an x86_64 output) and each
 * x86_64 domain fixture of test/corpus/migrate; with its test driver each input of
 * networkxml2xml and storagepoolxml2xml and each network and pool fixture:
 *
 * - the migrated document is accepted wherever the original was;
 * - `dumpxml --inactive` of both (for a network or pool never started, its definition) is the
 *   same, compared canonically (attribute order, quoting and whitespace aside), except on the
 *   constructs of the rules that test/migrate/real-libvirt-known.txt lists, whose documentation
 *   says libvirt keeps the old form: those constructs are left out of both dumps and the rest
 *   must be the same. A UUID, VM generation id or MAC address libvirt generates for a document
 *   that has none is not compared.
 *
 * The figures go in docs/migrate-coverage.md (VIRTXML_ACCEPT_COVERAGE=1 rewrites them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../src/lint/index.js';
import { migrate, migrationRules } from '../../src/migrate/index.js';
import { parseXml } from '../../src/xml/dom/parse.js';
import type { XmlDocument, XmlElement } from '../../src/xml/dom/types.js';
import { corpusMissing, PROJECT_ROOT, releaseDir } from '../support/corpus.js';
import { canonical, judgeRule, kids, locateLike, recordSection } from '../support/libvirt-pairs.js';
import { forThisHost, RealLibvirt, realLibvirtMissing, type Verdict } from '../support/real-libvirt.js';

const DATA = join(releaseDir('11.3.0'), 'corpus/tests/qemuxmlconfdata');
const FIXTURES = join(PROJECT_ROOT, 'test/corpus/migrate');
const missing = corpusMissing('11.3.0') ?? (process.platform === 'linux' ? realLibvirtMissing() : 'real libvirt runs on Linux only');
const RULES = migrationRules(BUILTIN_RULES);

interface Known {
  readonly rule: string;
  readonly reason: string;
}

function readKnown(): Known[] {
  const text = readFileSync(join(PROJECT_ROOT, 'test/migrate/real-libvirt-known.txt'), 'utf8');
  return text.split('\n').flatMap((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return [];
    const m = /^(\S+)\s+#\s*(\S.*)$/.exec(t);
    if (!m) throw new Error(`real-libvirt-known.txt:${i + 1}: expected "<rule>  # why"`);
    return [{ rule: m[1]!, reason: m[2]! }];
  });
}

type Root = 'domain' | 'network' | 'storagepool';

/** The documents to judge: name and text (domains already made fit for this host). */
function inputs(root: Root): { name: string; xml: string }[] {
  const out: { name: string; xml: string }[] = [];
  const tests = join(releaseDir('11.3.0'), 'corpus/tests');
  if (root === 'domain') {
    for (const f of readdirSync(DATA).sort()) {
      const m = /^(.*)\.x86_64-latest\.xml$/.exec(f);
      if (m && existsSync(join(DATA, `${m[1]}.xml`))) out.push({ name: `qemuxmlconfdata/${m[1]}`, xml: readFileSync(join(DATA, `${m[1]}.xml`), 'utf8') });
    }
  } else {
    const dir = root === 'network' ? 'networkxml2xmlin' : 'storagepoolxml2xmlin';
    for (const f of readdirSync(join(tests, dir)).sort()) if (f.endsWith('.xml')) out.push({ name: `${dir}/${f.slice(0, -4)}`, xml: readFileSync(join(tests, dir, f), 'utf8') });
  }
  const element = root === 'domain' ? 'domain' : root === 'network' ? 'network' : 'pool';
  for (const f of readdirSync(FIXTURES).sort()) {
    if (!f.endsWith('.bad.xml')) continue;
    const xml = readFileSync(join(FIXTURES, f), 'utf8');
    if (!new RegExp(`^<${element}[\\s>]`, 'm').test(xml)) continue;
    if (root === 'domain' && (!/arch='x86_64'/.test(xml) || /<domain type='xen'/.test(xml))) continue;
    out.push({ name: `fixture/${f}`, xml });
  }
  return root === 'domain' ? out.map((d) => ({ ...d, xml: forThisHost(d.xml) })) : out;
}

/**
 * What of a dump is compared: everything but the UUID, VM generation id and MAC addresses libvirt
 * made up (the input has none of its own), and the elements in `skip`.
 */
function comparable(dump: XmlDocument, input: string, skip: Set<XmlElement>): string {
  for (const el of kids(dump.root)) {
    if (el.name === 'uuid' && !/<uuid>/.test(input)) skip.add(el);
    // <genid/> without a value asks libvirt for a new one.
    if (el.name === 'genid' && !/<genid>\s*[0-9a-f]/i.test(input)) skip.add(el);
  }
  const walk = (el: XmlElement): void => {
    for (const k of kids(el)) {
      const address = k.name === 'mac' ? k.attributes.find((a) => a.name === 'address')?.value : undefined;
      if (address !== undefined && !input.toLowerCase().includes(address.toLowerCase())) skip.add(k);
      walk(k);
    }
  };
  walk(dump.root);
  return canonical(dump.root, skip);
}

/** The first top-level difference of two dumps, for messages. */
function firstDifference(a: XmlDocument, b: XmlDocument): string {
  const flat = (d: XmlDocument): string[] => kids(d.root).flatMap((k) => (k.name === 'devices' ? kids(k).map((x) => canonical(x)) : [canonical(k)]));
  const [x, y] = [flat(a), flat(b)];
  const onlyA = x.filter((s) => !y.includes(s));
  const onlyB = y.filter((s) => !x.includes(s));
  const cut = (s: string | undefined): string => (s === undefined ? '(nothing)' : s.length > 200 ? `${s.slice(0, 197)}...` : s);
  return `original has ${cut(onlyA[0])}, migrated has ${cut(onlyB[0])}`;
}

function verdictText(v: Verdict | 'crash'): string {
  return v === 'crash' ? 'libvirt crashed' : v.ok ? 'accepted' : `rejected: ${v.error}`;
}

interface Figures {
  considered: number;
  changed: number;
  rejected: string[];
  crashes: number;
  bothAccepted: number;
  same: number;
  modulo: number;
  readonly perRule: Map<string, { documents: number; same: number; modulo: number }>;
}

/**
 * Defines each document that migrate changes, before and after, on `judge`; collects what differs
 * in `problems` and the rules whose documented exception was needed in `knownNeeded`.
 */
async function judgeAll(judge: RealLibvirt, root: Root, known: readonly Known[], knownNeeded: Set<string>, problems: string[]): Promise<Figures> {
  const figures: Figures = { considered: 0, changed: 0, rejected: [], crashes: 0, bothAccepted: 0, same: 0, modulo: 0, perRule: new Map() };
  for (const { name, xml } of inputs(root)) {
    figures.considered++;
    const result = migrate(xml, { file: name, config: { arch: 'x86_64' } });
    if (!result.changed) continue;
    figures.changed++;
    const before = await judge.define(xml, { dumpInactive: true, root });
    if (before === 'crash') {
      figures.crashes++;
      continue;
    }
    if (!before.ok) {
      const repaired = await judge.define(result.xml, { root });
      figures.rejected.push(`${name} (${repaired !== 'crash' && repaired.ok ? 'accepted after migration' : 'still rejected after migration'})`);
      continue;
    }
    const after = await judge.define(result.xml, { dumpInactive: true, root });
    if (after === 'crash' || !after.ok) {
      problems.push(`${name}: the original is accepted, the migrated document is ${verdictText(after)}`);
      continue;
    }
    figures.bothAccepted++;
    const rules = [...new Set(result.changes.filter((c) => c.applied).map((c) => c.rule))];
    const [dumpA, dumpB] = [parseXml(before.xml!), parseXml(after.xml!)];
    const plain = comparable(dumpA, xml, new Set()) === comparable(dumpB, xml, new Set());
    let agrees = plain;
    if (!plain) {
      // Leave out what the rules whose old form libvirt keeps touched, in both dumps.
      const keeping = rules.filter((r) => known.some((k) => k.rule === r));
      const skipA = new Set<XmlElement>();
      const skipB = new Set<XmlElement>();
      const inDoc = parseXml(xml);
      for (const id of keeping) {
        const rule = RULES.find((r) => r.meta.id === id)!;
        for (const path of judgeRule(xml, xml, rule, 'x86_64')?.touched ?? []) {
          const a = locateLike(inDoc, dumpA, path);
          const b = locateLike(inDoc, dumpB, path);
          if (a !== undefined) skipA.add(a);
          if (b !== undefined) skipB.add(b);
        }
      }
      agrees = keeping.length > 0 && comparable(dumpA, xml, skipA) === comparable(dumpB, xml, skipB);
      if (agrees) for (const id of keeping) knownNeeded.add(id);
      else problems.push(`${name} (${rules.join(', ')}): the dumps differ: ${firstDifference(dumpA, dumpB)}`);
    }
    if (plain) figures.same++;
    else if (agrees) figures.modulo++;
    for (const r of rules) {
      const t = figures.perRule.get(r) ?? { documents: 0, same: 0, modulo: 0 };
      t.documents++;
      if (plain) t.same++;
      else if (agrees) t.modulo++;
      figures.perRule.set(r, t);
    }
  }
  return figures;
}

function ruleRows(figures: Figures): string[] {
  return [
    '| rule | documents | dumps the same | the same outside the rule\'s constructs |',
    '| --- | --- | --- | --- |',
    ...RULES.filter((r) => figures.perRule.has(r.meta.id)).map((r) => {
      const t = figures.perRule.get(r.meta.id)!;
      return `| \`${r.meta.id}\` | ${t.documents} | ${t.same} | ${t.modulo} |`;
    }),
  ];
}

function summary(figures: Figures, what: string, driver: string): string[] {
  return [
    `${figures.considered} ${what}; migrate changes ${figures.changed}. ${driver} rejects ${figures.rejected.length} of those originals${figures.rejected.length > 0 ? ` (${figures.rejected.join('; ')})` : ''}${figures.crashes > 0 ? ` and crashed on ${figures.crashes}` : ''}; it accepts the other ${figures.bothAccepted} and every one of their migrated documents.`,
    `\`dumpxml --inactive\` of original and migrated document: the same for ${figures.same}; the same outside the constructs of a rule whose old form libvirt keeps for ${figures.modulo}.`,
  ];
}

describe.skipIf(missing !== undefined)('migrate against real libvirt 9.0.0', () => {
  const qemu = new RealLibvirt('qemu');
  const test = new RealLibvirt('test');
  afterAll(() => {
    qemu.close();
    test.close();
  });
  const known = missing === undefined ? readKnown() : [];
  const knownNeeded = new Set<string>();

  it('accepts each migrated domain wherever its original was, and dumps both the same (embedded QEMU driver)', async () => {
    const problems: string[] = [];
    const figures = await judgeAll(qemu, 'domain', known, knownNeeded, problems);
    expect(problems).toEqual([]);
    expect(figures.bothAccepted).toBeGreaterThan(20);
    const lines = [...summary(figures, "x86_64 domains (libvirt's qemuxmlconfdata inputs with an x86_64 output, and the x86_64 bad fixtures)", 'The embedded QEMU driver of libvirt 9.0.0'), '', ...ruleRows(figures)];
    const reasons = known.map((k) => `- \`${k.rule}\`: ${k.reason}`);
    if (reasons.length > 0) lines.push('', 'Rules whose old form libvirt keeps (test/migrate/real-libvirt-known.txt):', '', ...reasons);
    recordSection('real-libvirt', lines.join('\n'));
  }, 900_000);

  it('accepts each migrated network and storage pool wherever its original was, and dumps both the same (test driver)', async () => {
    const problems: string[] = [];
    const networks = await judgeAll(test, 'network', known, knownNeeded, problems);
    const pools = await judgeAll(test, 'storagepool', known, knownNeeded, problems);
    expect(problems).toEqual([]);
    expect(networks.bothAccepted + pools.bothAccepted).toBeGreaterThan(10);
    const merged: Figures = { ...networks, perRule: new Map([...networks.perRule, ...pools.perRule]) };
    const lines = [
      ...summary(networks, "networks (libvirt's networkxml2xml inputs and the network bad fixtures)", "libvirt 9.0.0's test driver"),
      '',
      ...summary(pools, "storage pools (libvirt's storagepoolxml2xml inputs and the pool bad fixtures)", "libvirt 9.0.0's test driver"),
      '',
      ...ruleRows(merged),
    ];
    recordSection('real-libvirt-other', lines.join('\n'));
  }, 900_000);

  it('needs every documented exception', () => {
    expect(known.filter((k) => !knownNeeded.has(k.rule)).map((k) => k.rule), 'listed rules whose dumps no longer differ: remove them').toEqual([]);
  });
});
if (missing !== undefined) describe('migrate against real libvirt 9.0.0', () => it.skip(`skipped: ${missing}`, () => {}));
