import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../src/xml/dom/index.js';
import type { Pattern } from '../../../src/xml/grammar/pattern.js';
import { CompiledValidator, messages, validate, type Diagnostic } from '../../../src/xml/validate/index.js';
import type { RootName } from '../../../src/model/generated/grammar/index.js';
import { Dsl } from '../../rng-spec/dsl.js';

interface MessageCase {
  readonly code: string;
  readonly title: string;
  /** A hand-built grammar, or a libvirt schema through the public `validate`. */
  readonly schema: ((d: Dsl) => Pattern) | { readonly libvirt: RootName | 'auto' | 'nope' };
  readonly xml: string;
  /** The one diagnostic expected (unlisted fields are not checked). */
  readonly diagnostic: Partial<Diagnostic>;
}

const devices = (inner: string): string =>
  `<domain type='kvm'>\n  <name>demo</name>\n  <memory>1048576</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n  <devices>\n${inner}\n  </devices>\n</domain>`;

const cases: readonly MessageCase[] = [
  {
    code: 'unknown-root', title: 'a document element no libvirt schema has, with a suggestion',
    schema: { libvirt: 'auto' },
    xml: '<?xml version="1.0"?>\n<dommain/>',
    diagnostic: { line: 2, column: 1, path: '/dommain', message: expect.stringMatching(/^root element <dommain> is not a libvirt document; did you mean <domain>\? expected one of <capabilities>, <cpu>, <device>, <domain>,/) as unknown as string },
  },
  {
    code: 'unknown-schema', title: 'a schema option naming no schema',
    schema: { libvirt: 'nope' },
    xml: '<domain/>',
    diagnostic: { line: 1, column: 1, message: expect.stringMatching(/^there is no schema "nope"; expected one of "capability", "cpu", "domain",/) as unknown as string },
  },
  {
    code: 'unexpected-root', title: 'a document element the grammar does not start with',
    schema: (d) => d.choice(d.el('a'), d.el('b')),
    xml: '<c/>',
    diagnostic: { line: 1, column: 1, path: '/c', message: 'root element <c> is not allowed by the test schema; expected one of <a> or <b>', expected: ['a', 'b'] },
  },
  {
    code: 'unexpected-element', title: 'a misspelt element, in libvirt\'s domain',
    schema: { libvirt: 'domain' },
    xml: devices("    <disk type='file' device='disk'>\n      <sourse file='/a.img'/>\n      <target dev='vda'/>\n    </disk>"),
    diagnostic: {
      line: 9, column: 7, path: '/domain/devices/disk/sourse',
      message: expect.stringMatching(/^element <sourse> is not allowed in <disk>; did you mean <source>\? expected one of <acpi>, <address>, <alias>, .*, … \(\d+ more\)$/) as unknown as string,
    },
  },
  {
    code: 'unexpected-element', title: 'an element where nothing more may come',
    schema: (d) => d.el('a', d.el('b')),
    xml: '<a><b/><c/></a>',
    diagnostic: { line: 1, column: 8, path: '/a/c', message: 'element <c> is not allowed in <a>; no more elements are allowed here', expected: [] },
  },
  {
    code: 'unexpected-element', title: 'an element standing where a required one is missing: reported once',
    schema: (d) => d.el('os', d.interleave(d.el('type', d.text), d.optional(d.el('boot')))),
    xml: '<os>\n  <kind>hvm</kind>\n</os>',
    diagnostic: { line: 2, column: 3, path: '/os/kind', message: 'element <kind> is not allowed in <os>, which lacks required element <type>; expected one of <boot> or <type>', expected: ['boot', 'type'] },
  },
  {
    code: 'repeated-element', title: 'a second occurrence of a once-only element',
    schema: (d) => d.el('a', d.interleave(d.el('name', d.text), d.optional(d.el('title', d.text)))),
    xml: '<a>\n  <name>x</name>\n  <name>y</name>\n</a>',
    diagnostic: { line: 3, column: 3, path: '/a/name[2]', message: 'element <name> is not allowed again in <a> at this point; expected <title>', expected: ['title'] },
  },
  {
    code: 'element-too-early', title: 'an element before one it must follow',
    schema: (d) => d.el('interface', d.el('source'), d.optional(d.el('mac')), d.el('model')),
    xml: '<interface><model/></interface>',
    diagnostic: { line: 1, column: 12, path: '/interface/model', message: 'element <model> is not allowed yet in <interface>; missing required element <source> before it', expected: ['source'] },
  },
  {
    code: 'unexpected-attribute', title: 'a misspelt attribute',
    schema: (d) => d.el('disk', d.attr('type'), d.optional(d.attr('device'))),
    xml: '<disk typ="file"/>',
    diagnostic: { line: 1, column: 7, path: '/disk/@typ', message: 'attribute "typ" is not allowed on <disk>; did you mean "type"? expected one of "device" or "type"', expected: ['device', 'type'] },
  },
  {
    code: 'unexpected-attribute', title: 'an attribute standing where a required one is missing: reported once',
    schema: (d) => d.el('target', d.attr('dev'), d.optional(d.attr('bus'))),
    xml: '<target device="vda"/>',
    diagnostic: { line: 1, column: 9, path: '/target/@device', message: 'attribute "device" is not allowed on <target>, which lacks required attribute "dev"; expected one of "bus" or "dev"', expected: ['bus', 'dev'] },
  },
  {
    code: 'unexpected-attribute', title: 'a second unknown attribute once nothing more is allowed',
    schema: (d) => d.el('alias', d.attr('name')),
    xml: '<alias name="a" bus="0"/>',
    diagnostic: { line: 1, column: 17, path: '/alias/@bus', message: 'attribute "bus" is not allowed on <alias>; no more attributes are allowed here', expected: [] },
  },
  {
    code: 'conflicting-attribute', title: 'an attribute only allowed with other values',
    schema: (d) => d.el('disk', d.choice(d.group(d.attr('type', d.value('file')), d.optional(d.attr('path'))), d.group(d.attr('type', d.value('block')), d.optional(d.attr('dev'))))),
    xml: '<disk type="file" dev="sda"/>',
    diagnostic: { line: 1, column: 19, path: '/disk/@dev', message: 'attribute "dev" is not allowed on <disk> together with type="file"; expected "path"', expected: ['path'] },
  },
  {
    code: 'conflicting-attribute', title: 'a value only allowed with other attributes, in libvirt\'s domain',
    schema: { libvirt: 'domain' },
    xml: devices("    <disk type='file' device='lun'>\n      <source file='/a.img'/>\n      <target dev='sda'/>\n    </disk>"),
    diagnostic: { line: 8, column: 23, path: '/domain/devices/disk/@device', message: 'value "lun" of attribute "device" on <disk> is not allowed together with type="file"; expected one of "cdrom", "disk" or "floppy"' },
  },
  {
    code: 'invalid-attribute-value', title: 'a misspelt value, in libvirt\'s domain',
    schema: { libvirt: 'domain' },
    xml: devices("    <disk type='file' device='cdromm'>\n      <source file='/a.iso'/>\n      <target dev='hdc'/>\n    </disk>"),
    diagnostic: {
      line: 8, column: 23, path: '/domain/devices/disk/@device',
      message: 'value "cdromm" of attribute "device" on <disk> is not allowed; expected one of "cdrom", "disk" or "floppy"; did you mean "cdrom"?',
      expected: ['cdrom', 'disk', 'floppy'],
    },
  },
  {
    code: 'invalid-attribute-value', title: 'a value outside a datatype facet, with the datatype\'s reason',
    schema: (d) => d.el('a', d.attr('port', d.xsd('unsignedShort'))),
    xml: '<a port="70000"/>',
    diagnostic: { line: 1, column: 4, path: '/a/@port', message: 'value "70000" of attribute "port" on <a> is not allowed: "70000" must be at most 65535', expected: [] },
  },
  {
    code: 'missing-attribute', title: 'a required attribute left out',
    schema: (d) => d.el('disk', d.attr('type'), d.attr('device')),
    xml: '<disk type="file"/>',
    diagnostic: { line: 1, column: 1, path: '/disk', message: '<disk> is missing required attribute "device"', expected: ['device'] },
  },
  {
    code: 'missing-attribute', title: 'one of several alternatives left out',
    schema: (d) => d.el('source', d.choice(d.attr('file'), d.attr('dev'))),
    xml: '<source/>',
    diagnostic: { message: '<source> is missing a required attribute; expected one of "dev" or "file"', expected: ['dev', 'file'] },
  },
  {
    code: 'unexpected-text', title: 'text in element-only content',
    schema: (d) => d.el('devices', d.zeroOrMore(d.el('disk'))),
    xml: '<devices>\n  hello\n  <disk/>\n</devices>',
    diagnostic: { line: 2, column: 3, path: '/devices/text()', message: 'text "hello" is not allowed in <devices>; expected <disk>', expected: ['disk'] },
  },
  {
    code: 'invalid-text', title: 'text that is not of the datatype, with its reason',
    schema: (d) => d.el('vcpu', d.xsd('unsignedInt')),
    xml: '<vcpu>abc</vcpu>',
    diagnostic: { line: 1, column: 7, path: '/vcpu/text()', message: 'text "abc" in <vcpu> is not allowed: "abc" must be a whole number' },
  },
  {
    code: 'invalid-text', title: 'text that is none of the values, with a suggestion',
    schema: (d) => d.el('mode', d.choice(d.values('host-model', 'host-passthrough', 'custom'), d.xsd('int'))),
    xml: '<mode> custon </mode>',
    diagnostic: { line: 1, column: 8, message: 'text "custon" in <mode> is not allowed; expected one of "custom", "host-model", "host-passthrough" or a whole number; did you mean "custom"?', expected: ['custom', 'host-model', 'host-passthrough'] },
  },
  {
    code: 'missing-element', title: 'a required child left out',
    schema: (d) => d.el('interface', d.attr('type'), d.interleave(d.el('source'), d.optional(d.el('model')))),
    xml: '<interface type="network">\n  <model/>\n</interface>',
    diagnostic: { line: 1, column: 1, path: '/interface', message: '<interface> is missing required element <source>', expected: ['source'] },
  },
  {
    code: 'missing-element', title: 'one of several alternatives left out',
    schema: (d) => d.el('a', d.choice(d.el('b'), d.el('c'))),
    xml: '<a></a>',
    diagnostic: { message: '<a> is missing a required element; expected one of <b> or <c>', expected: ['b', 'c'] },
  },
  {
    code: 'missing-text', title: 'an empty element that needs a value',
    schema: (d) => d.el('a', d.el('memory', d.xsd('unsignedLong'))),
    xml: '<a>\n  <memory/>\n</a>',
    diagnostic: { line: 2, column: 3, path: '/a/memory', message: '<memory> must contain text; expected a whole number', expected: [] },
  },
  {
    code: 'incomplete-content', title: 'content that could be completed by text or an element',
    schema: (d) => d.el('a', d.choice(d.el('b'), d.xsd('int'))),
    xml: '<a/>',
    diagnostic: { line: 1, column: 1, path: '/a', message: 'content of <a> is incomplete; expected one of <b> or a whole number', expected: ['b'] },
  },
];

function diagnosticsOf(c: MessageCase): Diagnostic[] {
  if (typeof c.schema === 'function') {
    const d = new Dsl();
    return new CompiledValidator(d.b, c.schema(d), { schema: 'test' }).validate(parseXml(c.xml));
  }
  const { libvirt } = c.schema;
  return validate(c.xml, libvirt === 'auto' ? {} : { schema: libvirt as RootName }).diagnostics;
}

describe('validation messages', () => {
  for (const c of cases) {
    it(`${c.code}: ${c.title}`, () => {
      const diagnostics = diagnosticsOf(c);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatchObject({ severity: 'error', code: c.code, ...c.diagnostic });
    });
  }

  it('too-many-errors: the errors after the first 100 of a document, counted by code', () => {
    const xml = `<a>${'<b/>'.repeat(150)}${'<c/>'.repeat(3)}</a>`;
    const d = new Dsl();
    const diagnostics = new CompiledValidator(d.b, d.el('a', d.optional(d.el('b'))), { schema: 'test' }).validate(parseXml(xml));
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics[100]).toEqual({
      severity: 'error', code: 'too-many-errors', line: 1, column: 4 + 4 * 101, path: '',
      message: 'and 52 more errors not shown (51 repeated-element, 1 unexpected-element)',
      omitted: { 'repeated-element': 51, 'unexpected-element': 1 },
    });
  });

  it('every code in the catalogue is produced by some case above', () => {
    const tested = new Set([...cases.map((c) => c.code), 'too-many-errors']);
    expect(Object.keys(messages).filter((code) => !tested.has(code))).toEqual([]);
  });

  it('codes are kebab-case', () => {
    for (const code of Object.keys(messages)) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
