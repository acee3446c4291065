/**
 * Real libvirt as a judge of migrate (../shared/docs/real-libvirt.md): Debian 12's libvirt 9.0.0
 * with its embedded QEMU driver defines each x86_64 input of libvirt's qemuxmlconfdata (those with
 * an x86_64 output) and each x86_64 bad fixture of test/corpus/migrate that migrate changes, before
 * and after migration:
 *
 * - the migrated document is accepted wherever the original was;
 * - `dumpXML(VIR_DOMAIN_XML_INACTIVE)` of both is the same, compared canonically (attribute order,
 *   quoting and whitespace aside), except on the constructs of the rules that
 *   test/migrate/real-libvirt-known.txt lists, whose documentation says libvirt keeps the old form:
 *   those constructs are left out of both dumps and the rest must be the same. A UUID, VM
 *   generation id or MAC address libvirt generates for a document that has none is not compared.
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

/** The documents to judge: name and text (already made fit for this host). */
function inputs(): { name: string; xml: string }[] {
  const out: { name: string; xml: string }[] = [];
  for (const f of readdirSync(DATA).sort()) {
    const m = /^(.*)\.x86_64-latest\.xml$/.exec(f);
    if (m && existsSync(join(DATA, `${m[1]}.xml`))) out.push({ name: `qemuxmlconfdata/${m[1]}`, xml: readFileSync(join(DATA, `${m[1]}.xml`), 'utf8') });
  }
  for (const f of readdirSync(FIXTURES).sort()) {
    if (!f.endsWith('.bad.xml')) continue;
    const xml = readFileSync(join(FIXTURES, f), 'utf8');
    if (/<domain\b/.test(xml) && /arch='x86_64'/.test(xml) && !/<domain type='xen'/.test(xml)) out.push({ name: `fixture/${f}`, xml });
  }
  return out.map((d) => ({ ...d, xml: forThisHost(d.xml) }));
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
  const devices = kids(dump.root).find((k) => k.name === 'devices');
  for (const iface of devices === undefined ? [] : kids(devices)) {
    for (const mac of kids(iface).filter((k) => k.name === 'mac')) {
      const address = mac.attributes.find((a) => a.name === 'address')?.value ?? '';
      if (!input.toLowerCase().includes(address.toLowerCase())) skip.add(mac);
    }
  }
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

describe.skipIf(missing !== undefined)('migrate against real libvirt 9.0.0', () => {
  const judge = new RealLibvirt('qemu');
  afterAll(() => judge.close());

  it('accepts each migrated document wherever its original was, and dumps both the same', async () => {
    const known = readKnown();
    const knownNeeded = new Set<string>();
    const problems: string[] = [];
    const perRule = new Map<string, { documents: number; same: number; modulo: number }>();
    let considered = 0;
    let changed = 0;
    let originalRejected = 0;
    let bothAccepted = 0;
    let same = 0;
    let modulo = 0;
    let crashes = 0;
    const rejectedNames: string[] = [];
    for (const { name, xml } of inputs()) {
      considered++;
      const result = migrate(xml, { file: name, config: { arch: 'x86_64' } });
      if (!result.changed) continue;
      changed++;
      const before = await judge.define(xml, { dumpInactive: true });
      if (before === 'crash') {
        crashes++;
        continue;
      }
      if (!before.ok) {
        originalRejected++;
        const repaired = await judge.define(result.xml);
        rejectedNames.push(`${name} (${repaired !== 'crash' && repaired.ok ? 'accepted after migration' : 'still rejected after migration'})`);
        continue;
      }
      const after = await judge.define(result.xml, { dumpInactive: true });
      if (after === 'crash' || !after.ok) {
        problems.push(`${name}: the original is accepted, the migrated document is ${verdictText(after)}`);
        continue;
      }
      bothAccepted++;
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
      if (plain) same++;
      else if (agrees) modulo++;
      for (const r of rules) {
        const t = perRule.get(r) ?? { documents: 0, same: 0, modulo: 0 };
        t.documents++;
        if (plain) t.same++;
        else if (agrees) t.modulo++;
        perRule.set(r, t);
      }
    }
    expect(problems).toEqual([]);
    expect(known.filter((k) => !knownNeeded.has(k.rule)).map((k) => k.rule), 'listed rules whose dumps no longer differ: remove them').toEqual([]);
    expect(bothAccepted).toBeGreaterThan(20);

    const lines = [
      `${considered} x86_64 documents (libvirt's qemuxmlconfdata inputs with an x86_64 output, and the x86_64 bad fixtures); migrate changes ${changed}. Real libvirt 9.0.0 rejects ${originalRejected} of those originals (${rejectedNames.join('; ')})${crashes > 0 ? ` and crashed on ${crashes}` : ''}; it accepts the other ${bothAccepted} and every one of their migrated documents.`,
      `\`dumpxml --inactive\` of original and migrated document: the same for ${same}; the same outside the constructs of a rule whose old form libvirt keeps for ${modulo}.`,
      '',
      '| rule | documents | dumps the same | the same outside the rule\'s constructs |',
      '| --- | --- | --- | --- |',
      ...RULES.filter((r) => perRule.has(r.meta.id)).map((r) => {
        const t = perRule.get(r.meta.id)!;
        return `| \`${r.meta.id}\` | ${t.documents} | ${t.same} | ${t.modulo} |`;
      }),
    ];
    const reasons = known.map((k) => `- \`${k.rule}\`: ${k.reason}`);
    if (reasons.length > 0) lines.push('', 'Rules whose old form libvirt keeps (test/migrate/real-libvirt-known.txt):', '', ...reasons);
    recordSection('real-libvirt', lines.join('\n'));
  }, 900_000);
});
if (missing !== undefined) describe('migrate against real libvirt 9.0.0', () => it.skip(`skipped: ${missing}`, () => {}));
