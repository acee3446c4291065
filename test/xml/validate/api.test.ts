import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../src/xml/dom/index.js';
import { writeGrammarTable } from '../../../src/xml/grammar/table.js';
import { loadGrammarTable } from '../../../src/model/generated/grammar/index.js';
import { compiledValidator, rootsByElement, validate, validateDocument, formatDiagnostic } from '../../../src/xml/validate/index.js';
import { Dsl } from '../../rng-spec/dsl.js';

const DOMAIN = `<domain type='kvm'>
  <name>demo</name>
  <memory unit='KiB'>1048576</memory>
  <vcpu placement='static'>2</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
  </os>
  <devices>
    <disk type='file' device='disk'>
      <source file='/var/lib/libvirt/images/demo.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

describe('validate', () => {
  it('accepts a valid domain, choosing the schema from the root element', () => {
    expect(validate(DOMAIN)).toEqual({ valid: true, schema: 'domain', diagnostics: [] });
  });

  it('maps every document element of the release to its schema', () => {
    expect(rootsByElement('11.3.0')).toMatchObject({
      domain: 'domain', network: 'network', pool: 'storagepool', volume: 'storagevol', device: 'nodedev', secret: 'secret',
      filter: 'nwfilter', filterbinding: 'nwfilterbinding', networkport: 'networkport', interface: 'interface',
      capabilities: 'capability', domainCapabilities: 'domaincaps', domainsnapshot: 'domainsnapshot',
      domaincheckpoint: 'domaincheckpoint', domainbackup: 'domainbackup', storagepoolCapabilities: 'storagepoolcaps', cpu: 'cpu',
    });
    expect(validate("<pool type='dir'><name>p</name><target><path>/p</path></target></pool>").schema).toBe('storagepool');
    expect(validate("<secret ephemeral='no' private='yes'><uuid>0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f</uuid></secret>")).toMatchObject({ valid: true, schema: 'secret' });
  });

  it('validates against the schema given, even if the root is another', () => {
    const r = validate(DOMAIN, { schema: 'network' });
    expect(r.valid).toBe(false);
    expect(r.schema).toBe('network');
    expect(r.diagnostics[0]).toMatchObject({ code: 'unexpected-root', line: 1, column: 1, path: '/domain', expected: ['network'] });
  });

  it('reports XML that is not well-formed with the parser code and position', () => {
    const r = validate('<domain>\n  <name>x</nam>\n</domain>');
    expect(r.valid).toBe(false);
    expect(r.schema).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'mismatched-end-tag', line: 2, column: 10 });
  });

  it('rejects an unknown document element, listing the known ones', () => {
    const r = validate('<netwrok/>');
    expect(r).toMatchObject({ valid: false, schema: undefined });
    expect(r.diagnostics[0]).toMatchObject({ code: 'unknown-root', path: '/netwrok' });
    expect(r.diagnostics[0]!.expected).toContain('network');
    expect(r.diagnostics[0]!.message).toContain('did you mean <network>?');
  });

  it('uses the older grammar for libvirt 7.0.0', () => {
    // <throttlefilters> (disk throttling groups) is newer than libvirt 7.0.0.
    const xml = DOMAIN.replace("<target dev='vda' bus='virtio'/>", "<target dev='vda' bus='virtio'/><throttlefilters><throttlefilter group='g'/></throttlefilters>");
    expect(validate(xml).valid).toBe(true);
    const old = validate(xml, { libvirt: '7.0.0' });
    expect(old.valid).toBe(false);
    expect(old.diagnostics.map((d) => d.code)).toEqual(['unexpected-element']);
  });

  it('uses the 9.0.0 grammar for libvirt 9.0.0', () => {
    // <cpu mode='maximum'> is newer than 7.0.0 and in 9.0.0; <throttlefilters> came after 9.0.0.
    const maximum = DOMAIN.replace('  <os>', "  <cpu mode='maximum'/>\n  <os>");
    expect(validate(maximum, { libvirt: '9.0.0' }).valid).toBe(true);
    expect(validate(maximum, { libvirt: '7.0.0' }).valid).toBe(false);
    const throttled = DOMAIN.replace("<target dev='vda' bus='virtio'/>", "<target dev='vda' bus='virtio'/><throttlefilters><throttlefilter group='g'/></throttlefilters>");
    const r = validate(throttled, { libvirt: '9.0.0' });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['unexpected-element', 'element <throttlefilters> is not known to libvirt 9.0.0; it was added later'],
    ]);
  });

  it('reports independent errors, each once', () => {
    const xml = DOMAIN
      .replace("device='disk'", "device='disc'")
      .replace("<vcpu placement='static'>2</vcpu>", "<vcpu placement='static'>two</vcpu>")
      .replace("<target dev='vda' bus='virtio'/>", "<target dev='vda' bus='virtio'/><bogus/>");
    const r = validate(xml);
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      '4:28: error: text "two" in <vcpu> is not allowed: "two" must be a whole number, at least 1 [invalid-text]',
      '9:23: error: value "disc" of attribute "device" on <disk> is not allowed; expected one of "cdrom", "disk" or "floppy"; did you mean "disk"? [invalid-attribute-value]',
      '11:39: error: element <bogus> is not allowed in <disk>; expected one of <acpi>, <address>, <alias>, <auth>, <backenddomain>, <backingStore>, <blockio>, <boot>, <driver>, <encryption>, <geometry>, <iotune>, … (9 more) [unexpected-element]',
    ]);
  });

  it('gives one message for a misspelt required element, not a second for its absence', () => {
    const r = validate(DOMAIN.replace("<target dev='vda' bus='virtio'/>", "<targte dev='vda' bus='virtio'/>"));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unexpected-element']);
    expect(r.diagnostics[0]!.message).toContain('did you mean <target>?');
  });

  it('gives one message for a misspelt required attribute', () => {
    const r = validate(DOMAIN.replace("<target dev='vda'", "<target dve='vda'"));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unexpected-attribute']);
  });

  it('gives one message for an unknown element with content, skipping its subtree', () => {
    const r = validate(DOMAIN.replace('<devices>', '<devices>\n    <gadget><disk/><x y="z"/></gadget>'));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unexpected-element']);
  });

  it('ignores namespace declarations and accepts libvirt\'s extension namespaces', () => {
    const xml = DOMAIN.replace("<domain type='kvm'>", "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>")
      .replace('</devices>', "</devices>\n  <qemu:commandline>\n    <qemu:arg value='-nodefaults'/>\n  </qemu:commandline>");
    expect(validate(xml).diagnostics).toEqual([]);
  });
});

describe('validateDocument', () => {
  it('takes a grammar table and reuses one validator per table', () => {
    const d = new Dsl();
    const table = writeGrammarTable(d.el('a', d.attr('x', d.xsd('int'))), 'test', 'a');
    expect(validateDocument(parseXml('<a x="1"/>'), table)).toEqual({ valid: true, diagnostics: [] });
    const bad = validateDocument(parseXml('<a x="y"/>'), table);
    expect(bad.valid).toBe(false);
    expect(bad.diagnostics[0]!.code).toBe('invalid-attribute-value');
  });

  it('takes a shipped compiled validator, shared per release and root', () => {
    const v = compiledValidator('11.3.0', 'domain')!;
    expect(compiledValidator('11.3.0', 'domain')).toBe(v);
    expect(compiledValidator('7.0.0', 'domain')).not.toBe(v);
    expect(compiledValidator('7.0.0', 'inactiveDomain')).toBeUndefined();
    expect(compiledValidator('9.0.0', 'inactiveDomain')).toBeDefined();
    expect(validateDocument(parseXml(DOMAIN), v).valid).toBe(true);
  });

  it('memoises across documents: a second identical document creates no pattern', () => {
    const v = compiledValidator('11.3.0', 'domain')!;
    validateDocument(parseXml(DOMAIN), v);
    const size = v.patternCount;
    validateDocument(parseXml(DOMAIN.replace('demo', 'other')), v);
    expect(v.patternCount).toBe(size);
  });

  it('loads the generated tables the validators are built from', () => {
    expect(loadGrammarTable('11.3.0', 'domain')?.root).toBe('domain');
  });
});

describe('loadGrammar and validateAsync (Node entries hold every grammar)', () => {
  it('resolve at once, with the result validate gives', async () => {
    const { loadGrammar, validateAsync, validate } = await import('../../../src/validate.js');
    await expect(loadGrammar('domain')).resolves.toBeUndefined();
    await expect(loadGrammar('network', '7.0.0')).resolves.toBeUndefined();
    await expect(loadGrammar('domain', '6.0.0' as never)).rejects.toThrow(RangeError);
    const xml = "<secret ephemeral='no' private='maybe'/>";
    expect(await validateAsync(xml)).toEqual(validate(xml));
  });
});
