/**
 * The migrate engine with rules of the test's own (a plugin), so its guarantees are tested apart
 * from the catalogue: only the fixed bytes change, unsafe fixes are refused, reruns change nothing.
 */
import { describe, expect, it } from 'vitest';
import { removeAttribute, setAttribute } from '../../src/lint/fix.js';
import type { DocumentRule, LintPlugin } from '../../src/lint/index.js';
import { migrate } from '../../src/migrate/index.js';
import type { XmlElement } from '../../src/xml/dom/types.js';

function element(node: object): XmlElement {
  return (node as { $layout: { element: XmlElement } }).$layout.element;
}

/** Adds autoport='yes' beside port='-1' (a real legacy form, D12). */
const autoport: DocumentRule<'domain'> = {
  meta: {
    id: 'test-autoport', category: 'legacy', level: 'warn', roots: ['domain'], fixable: true,
    docs: { summary: 'port -1 without autoport', why: 'test', example: { bad: '', good: '' } },
  },
  check(ctx) {
    for (const g of ctx.model.devices?.graphics ?? []) {
      const el = element(g);
      const port = el.attributes.find((a) => a.name === 'port');
      if (port?.value === '-1' && !el.attributes.some((a) => a.name === 'autoport')) {
        ctx.report({ node: g, attribute: 'port', message: "port='-1' needs autoport='yes'", fix: { description: "add autoport='yes'", edits: [setAttribute(el, 'autoport', 'yes')] } });
      }
    }
  },
};

/** A broken fix: removes the required `type` of <graphics>, which the grammar refuses. */
const breaksType: DocumentRule<'domain'> = {
  meta: {
    id: 'test-breaks-type', category: 'legacy', level: 'warn', roots: ['domain'], fixable: true,
    docs: { summary: 'a fix that makes the document invalid', why: 'test', example: { bad: '', good: '' } },
  },
  check(ctx) {
    for (const g of ctx.model.devices?.graphics ?? []) {
      const el = element(g);
      const type = el.attributes.find((a) => a.name === 'type')!;
      ctx.report({ node: g, message: 'drop type', fix: { description: 'drop type', edits: [removeAttribute(el, type)] } });
    }
  },
};

/** Report-only: a legacy form whose repair needs the host. */
const reportOnly: DocumentRule<'domain'> = {
  meta: {
    id: 'test-report-only', category: 'legacy', level: 'warn', roots: ['domain'],
    docs: { summary: 'boot order', why: 'test', example: { bad: '', good: '' } },
  },
  check(ctx) {
    for (const b of ctx.model.os?.boot ?? []) ctx.report({ node: b, message: 'use per-device boot order' });
  },
};

const plugin = (...rules: DocumentRule<'domain'>[]): LintPlugin => ({ name: 'test', rules });

const DOC = `<?xml version="1.0"?>
<!-- kept -->
<domain type="kvm">
  <name>vm</name>
  <memory unit="KiB">524288</memory>
  <os>
    <type arch="x86_64">hvm</type>
    <boot dev="hd"/>
  </os>
  <devices>
    <graphics type="vnc" port="-1"/>
    <graphics type="spice"   port="-1" />
  </devices>
</domain>
`;

describe('migrate', () => {
  it('changes only what its fixes touch, in the file\'s own quoting', () => {
    const r = migrate(DOC, { config: { plugins: [plugin(autoport)] }, only: ['test-autoport'] });
    expect(r.changed).toBe(true);
    expect(r.xml).toBe(DOC.replace('<graphics type="vnc" port="-1"/>', '<graphics type="vnc" port="-1" autoport="yes"/>').replace('<graphics type="spice"   port="-1" />', '<graphics type="spice"   port="-1" autoport="yes" />'));
    expect(r.changes.map((c) => [c.rule, c.applied, c.line])).toEqual([['test-autoport', true, 11], ['test-autoport', true, 12]]);
  });

  it('is idempotent', () => {
    const once = migrate(DOC, { config: { plugins: [plugin(autoport)] }, only: ['test-autoport'] });
    const twice = migrate(once.xml, { config: { plugins: [plugin(autoport)] }, only: ['test-autoport'] });
    expect(twice.changed).toBe(false);
    expect(twice.xml).toBe(once.xml);
  });

  it('refuses a fix whose result is invalid, and says so', () => {
    const r = migrate(DOC, { config: { plugins: [plugin(breaksType)] }, only: ['test-breaks-type'] });
    expect(r.changed).toBe(false);
    expect(r.xml).toBe(DOC);
    expect(r.changes.every((c) => !c.applied && c.reason === 'unsafe')).toBe(true);
  });

  it('applies the safe fixes beside a refused one', () => {
    const r = migrate(DOC, { config: { plugins: [plugin(autoport, breaksType)] }, only: ['test-autoport', 'test-breaks-type'] });
    expect(r.xml).toContain('autoport="yes"');
    expect(r.xml).toContain('type="vnc"');
  });

  it('lists report-only rules without changing anything', () => {
    const r = migrate(DOC, { config: { plugins: [plugin(reportOnly)] }, only: ['test-report-only'] });
    expect(r.changed).toBe(false);
    expect(r.changes).toEqual([expect.objectContaining({ rule: 'test-report-only', applied: false, reason: 'report-only', line: 8 })]);
  });

  it('keeps a form an older release to stay valid for lacks, and says so without calling it a bug', () => {
    const xen = "<domain type='xen'>\n  <name>vm</name>\n  <memory unit='KiB'>524288</memory>\n  <os>\n    <type arch='x86_64' machine='xenfv'>hvm</type>\n    <acpi>\n      <table type='slic'>/var/lib/xen/slic.dat</table>\n    </acpi>\n  </os>\n</domain>\n";
    const kept = migrate(xen, { to: '9.0.0', only: ['legacy-acpi-table-slic'] });
    expect(kept.changed).toBe(false);
    expect(kept.changes).toEqual([expect.objectContaining({ rule: 'legacy-acpi-table-slic', applied: false, reason: 'too-new', release: '9.0.0' })]);
    expect(migrate(xen, { only: ['legacy-acpi-table-slic'] }).xml).toContain("<table type='rawset'>");
  });

  it('honours skip', () => {
    const r = migrate(DOC, { config: { plugins: [plugin(autoport)] }, only: ['test-autoport'], skip: ['test-autoport'] });
    expect(r.changed).toBe(false);
  });
});

describe('migrate and suppressions', () => {
  it('does not migrate what a virtxml-disable comment silences', () => {
    const doc = DOC.replace('    <graphics type="vnc" port="-1"/>', '    <!-- virtxml-disable-next-line test-autoport - an old viewer reads port only -->\n    <graphics type="vnc" port="-1"/>');
    const r = migrate(doc, { config: { plugins: [plugin(autoport)] }, only: ['test-autoport'] });
    expect(r.xml).toContain('<graphics type="vnc" port="-1"/>');
    expect(r.xml).toContain('port="-1" autoport="yes" />');
  });
});
