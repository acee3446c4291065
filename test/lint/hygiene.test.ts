/**
 * Runtime-state and legacy-form rules: every fix `virtxml migrate` applies turns the rule's bad
 * example into a document the rule no longer flags and the grammar still accepts, and cases the
 * examples do not show.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, lint } from '../../src/lint/index.js';
import { migrate } from '../../src/migrate/index.js';
import { validate } from '../../src/xml/validate/index.js';

const FIXABLE = BUILTIN_RULES.filter((r) => (r.meta.category === 'legacy' || r.meta.category === 'hygiene') && r.meta.fixable === true);
const REPORT_ONLY = BUILTIN_RULES.filter((r) => r.meta.category === 'legacy' && r.meta.fixable !== true);

function ruleFindings(id: string, text: string, arch?: string): string[] {
  return lint({ file: 'd.xml', text }, { rules: { [id]: 'warn' }, ...(arch !== undefined ? { arch } : {}) }).results[0]!.findings.filter((f) => f.rule === id).map((f) => `${f.line}:${f.column}`);
}

describe.each(FIXABLE.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('is warned about, and migrate repairs its bad example into a valid document it no longer flags', () => {
    expect(rule.meta.level).toBe('warn');
    const { bad, config } = rule.meta.docs.example;
    const result = migrate(bad, { only: [id], config: config ?? {} });
    expect(result.changes.map((c) => [c.rule, c.applied])).toContainEqual([id, true]);
    expect(ruleFindings(id, result.xml, config?.arch)).toEqual([]);
    expect(validate(result.xml).valid).toBe(true);
    // A second run changes nothing.
    expect(migrate(result.xml, { only: [id], config: config ?? {} }).changed).toBe(false);
  });
});

describe.each(REPORT_ONLY.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('is reported by migrate but left for a person to decide', () => {
    const result = migrate(rule.meta.docs.example.bad, { only: [id], config: rule.meta.docs.example.config ?? {} });
    expect(result.changed).toBe(false);
    expect(result.changes).toEqual([expect.objectContaining({ rule: id, applied: false, reason: 'report-only' })]);
  });
});

function domain(devices: string, extra = ''): string {
  return `<domain type='kvm'>\n  <name>a</name>\n  <memory unit='GiB'>1</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n${devices}  </devices>\n${extra}</domain>\n`;
}

describe('runtime state', () => {
  it('keeps user aliases and targets libvirt does not generate', () => {
    const nic = (target: string, alias: string) => `    <interface type='network'>\n      <source network='default'/>\n      ${target}\n      <alias name='${alias}'/>\n    </interface>\n`;
    expect(ruleFindings('runtime-alias', domain(nic("<target dev='tap0'/>", 'ua-net_0')))).toEqual([]);
    expect(ruleFindings('runtime-alias', domain(nic("<target dev='tap0'/>", 'ua-net.0')))).toEqual(['11:14']);
    expect(ruleFindings('runtime-interface-target', domain(nic("<target dev='vnet0' managed='no'/>", 'ua-a')))).toEqual([]);
    expect(ruleFindings('runtime-interface-target', domain(nic("<target dev='macvtap2'/>", 'ua-a')))).toEqual(['10:15']);
  });

  it('keeps the label of a static security label, but not its image label', () => {
    const sec = (type: string) => `  <seclabel type='${type}' model='selinux' relabel='no'>\n    <label>system_u:system_r:svirt_t:s0:c1,c2</label>\n    <imagelabel>system_u:object_r:svirt_image_t:s0:c1,c2</imagelabel>\n  </seclabel>\n`;
    expect(ruleFindings('runtime-seclabel', domain('', sec('static')))).toEqual(['11:5']);
  });
});

describe('legacy forms', () => {
  it('recognises the channel paths every libvirt release generated, and no other', () => {
    const channel = (path: string) => domain(`    <channel type='unix'>\n      <source mode='bind' path='${path}'/>\n      <target type='virtio' name='org.qemu.guest_agent.0'/>\n    </channel>\n`);
    for (const path of [
      '/var/lib/libvirt/qemu/channel/target/a.org.qemu.guest_agent.0',
      '/var/lib/libvirt/qemu/channel/target/domain-a/org.qemu.guest_agent.0',
      '/var/lib/libvirt/qemu/channel/target/domain-7-a/org.qemu.guest_agent.0',
      '/run/libvirt/qemu/channel/7-a/org.qemu.guest_agent.0',
    ]) expect(ruleFindings('legacy-channel-auto-path', channel(path)), path).toEqual(['9:27']);
    expect(ruleFindings('legacy-channel-auto-path', channel('/tmp/agent.sock'))).toEqual([]);
    expect(ruleFindings('legacy-channel-auto-path', channel('/var/lib/libvirt/qemu/channel/target/a.other.name'))).toEqual([]);
  });

  it('moves disk <auth> only where the source can hold it', () => {
    const volume = domain("    <disk type='volume' device='disk'>\n      <auth username='u'>\n        <secret type='iscsi' usage='u'/>\n      </auth>\n      <source pool='p' volume='v'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n");
    expect(ruleFindings('legacy-disk-auth-placement', volume)).toEqual([]);
  });

  it('judges isa-serial by the document architecture, and memory units only where none is given', () => {
    const serial = (arch: string, machine: string) => `<domain type='kvm'>\n  <name>a</name>\n  <memory>1048576</memory>\n  <os>\n    <type arch='${arch}' machine='${machine}'>hvm</type>\n  </os>\n  <devices>\n    <serial type='pty'>\n      <target type='isa-serial' port='0'/>\n    </serial>\n  </devices>\n</domain>\n`;
    expect(ruleFindings('legacy-serial-isa-non-x86', serial('x86_64', 'q35'))).toEqual([]);
    expect(ruleFindings('legacy-serial-isa-non-x86', serial('ppc64', 'pseries'))).toEqual(['9:15']);
    expect(ruleFindings('legacy-memory-unit', serial('x86_64', 'q35'))).toEqual(['3:3']);
  });

  it('gives a shmem device a model only where the successor says the same (doorbell: no <size>; plain: no <msi>)', () => {
    const shmem = (inner: string) => domain(`    <shmem name='s'>\n${inner}    </shmem>\n`);
    const fixed = (doc: string) => migrate(doc, { only: ['legacy-shmem-without-model'] }).changes.map((c) => c.applied);
    expect(fixed(shmem("      <size unit='M'>4</size>\n"))).toEqual([true]);
    expect(fixed(shmem("      <server path='/run/s.sock'/>\n"))).toEqual([true]);
    expect(fixed(shmem("      <size unit='M'>4</size>\n      <server path='/run/s.sock'/>\n"))).toEqual([false]);
    expect(fixed(shmem("      <size unit='M'>4</size>\n      <msi vectors='4'/>\n"))).toEqual([false]);
  });

  it('keeps a <source> beside a generated channel path only when it says more than mode=\'bind\'', () => {
    const channel = (source: string) => domain(`    <channel type='unix'>\n      ${source}\n      <target type='virtio' name='org.qemu.guest_agent.0'/>\n    </channel>\n`);
    const path = '/var/lib/libvirt/qemu/channel/target/a.org.qemu.guest_agent.0';
    expect(migrate(channel(`<source mode='bind' path='${path}'/>`), { only: ['legacy-channel-auto-path'] }).xml).not.toContain('<source');
    expect(migrate(channel(`<source mode='bind' path='${path}'>\n        <seclabel model='dac' relabel='no'/>\n      </source>`), { only: ['legacy-channel-auto-path'] }).xml).toContain("<source mode='bind'>");
  });

  it('does not copy a VNC socket libvirt generated into a <listen> child', () => {
    const doc = domain("    <graphics type='vnc' socket='/var/lib/libvirt/qemu/domain-1-a/vnc.sock'/>\n");
    expect(ruleFindings('legacy-graphics-listen-attribute', doc)).toEqual([]);
    expect(ruleFindings('legacy-graphics-listen-attribute', doc.replace('/var/lib/libvirt/qemu/domain-1-a/vnc.sock', '/run/vnc/a.sock'))).toEqual(['8:26']);
  });

  it('marks the console as the serial port\'s alias when it adds the <serial>', () => {
    const result = migrate(domain("    <console type='pty'/>\n"), { only: ['legacy-console-without-serial'] });
    expect(result.xml).toContain("<serial type='pty'>\n      <target port='0'/>\n    </serial>\n    <console type='pty'>\n      <target type='serial' port='0'/>\n    </console>\n");
  });
});
