/**
 * Fleet rules judge every linted file together: names, UUIDs, MACs, disk images, pool storage,
 * secrets, bridges and subnets that two definitions cannot share, and references to networks,
 * pools and filters the set does not define.
 */
import { describe, expect, it } from 'vitest';
import { lint, type LintInput } from '../../src/lint/index.js';

function domain(name: string, uuid: string, devices = ''): string {
  return `<domain type='kvm'>\n  <name>${name}</name>\n  <uuid>${uuid}</uuid>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n${devices}  </devices>\n</domain>\n`;
}

const UUID1 = '6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e01';
const UUID2 = '6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e02';
const UUID3 = '6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e03';

function nic(mac: string, network = 'default', extra = ''): string {
  return `    <interface type='network'>\n      <mac address='${mac}'/>\n      <source network='${network}'/>\n${extra}    </interface>\n`;
}

function disk(file: string, flags = '', device = 'disk', dev = 'vda'): string {
  return `    <disk type='file' device='${device}'>\n      <source file='${file}'/>\n      <target dev='${dev}' bus='${device === 'cdrom' ? 'sata' : 'virtio'}'/>\n${flags}    </disk>\n`;
}

function network(name: string, bridge: string, address: string, prefix = 24, mode = 'nat'): string {
  return `<network>\n  <name>${name}</name>\n  <forward mode='${mode}'/>\n  <bridge name='${bridge}'/>\n  <ip address='${address}' prefix='${prefix}'/>\n</network>\n`;
}

/** Findings of fleet rules only, as `file:line:column rule`. */
function fleet(inputs: LintInput[]): string[] {
  const result = lint(inputs, { rules: { 'fleet-unknown-network': 'warn', 'fleet-unknown-pool': 'warn', 'fleet-unknown-nwfilter': 'warn' } });
  return result.results.flatMap((r) => r.findings.filter((f) => f.rule.startsWith('fleet-')).map((f) => `${r.file}:${f.line}:${f.column} ${f.rule}`));
}

describe('fleet rules', () => {
  it('finds a domain name and a UUID used twice, at the second file, pointing back at the first', () => {
    const result = lint([
      { file: 'a.xml', text: domain('web01', UUID1) },
      { file: 'b.xml', text: domain('web01', UUID2) },
      { file: 'c.xml', text: domain('web03', UUID1.toUpperCase()) },
    ]);
    const findings = result.results.flatMap((r) => r.findings.map((f) => ({ file: r.file, ...f })));
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual(['b.xml:2:3 fleet-duplicate-domain-name', 'c.xml:3:3 fleet-duplicate-domain-uuid']);
    const name = findings.find((f) => f.rule === 'fleet-duplicate-domain-name')!;
    expect(name.severity).toBe('error');
    expect(name.path).toBe('/domain/name');
    expect(name.message).toContain("'web01' is already defined in a.xml (line 2)");
    expect(name.related).toEqual([expect.objectContaining({ file: 'a.xml', line: 2, column: 3, path: '/domain/name' })]);
  });

  it('finds a MAC address shared by two domains, whatever its case, but not one used twice within a domain', () => {
    expect(fleet([
      { file: 'a.xml', text: domain('a', UUID1, nic('52:54:00:4a:1c:01') + nic('52:54:00:4a:1c:09')) },
      { file: 'b.xml', text: domain('b', UUID2, nic('52:54:00:4A:1C:01')) },
    ])).toEqual(['b.xml:10:12 fleet-duplicate-mac']);
    expect(fleet([{ file: 'a.xml', text: domain('a', UUID1, nic('52:54:00:4a:1c:01') + nic('52:54:00:4a:1c:01')) }])).toEqual([]);
  });

  it('finds a writable image used by two domains, and lets read-only, shareable and CD-ROM uses share', () => {
    const img = '/var/lib/libvirt/images/shared.qcow2';
    expect(fleet([
      { file: 'a.xml', text: domain('a', UUID1, disk(img)) },
      { file: 'b.xml', text: domain('b', UUID2, disk(img)) },
    ])).toEqual(['b.xml:10:15 fleet-shared-disk-image']);
    // One writer and one reader still clash: the reader sees a changing image.
    expect(fleet([
      { file: 'a.xml', text: domain('a', UUID1, disk(img, '      <readonly/>\n')) },
      { file: 'b.xml', text: domain('b', UUID2, disk('/var/lib/libvirt/images//shared.qcow2')) },
    ])).toEqual(['b.xml:10:15 fleet-shared-disk-image']);
    expect(fleet([
      { file: 'a.xml', text: domain('a', UUID1, disk(img, '      <readonly/>\n')) },
      { file: 'b.xml', text: domain('b', UUID2, disk(img, '      <shareable/>\n')) },
      { file: 'c.xml', text: domain('c', UUID3, disk(img, '', 'cdrom', 'sda')) },
    ])).toEqual([]);
    // The same image twice in one domain is not this rule's business.
    expect(fleet([{ file: 'a.xml', text: domain('a', UUID1, disk(img) + disk(img, '', 'disk', 'vdb')) }])).toEqual([]);
  });

  it('finds networks on one bridge name or over overlapping subnets', () => {
    expect(fleet([
      { file: 'default.xml', text: network('default', 'virbr0', '192.168.122.1') },
      { file: 'lab.xml', text: network('lab', 'virbr0', '10.0.0.1', 8) },
      { file: 'wide.xml', text: network('wide', 'virbr2', '192.168.0.1', 16) },
    ])).toEqual(['lab.xml:4:11 fleet-duplicate-bridge-name', 'wide.xml:5:7 fleet-network-subnet-overlap']);
    // Bridge-mode networks may share a host bridge; their addresses are not libvirt's.
    const bridged = (name: string): string => `<network>\n  <name>${name}</name>\n  <forward mode='bridge'/>\n  <bridge name='br0'/>\n</network>\n`;
    expect(fleet([{ file: 'a.xml', text: bridged('a') }, { file: 'b.xml', text: bridged('b') }])).toEqual([]);
  });

  it('finds duplicate network, pool and filter names, pools over one storage, and secrets for one usage', () => {
    const pool = (name: string, path: string): string => `<pool type='dir'>\n  <name>${name}</name>\n  <target>\n    <path>${path}</path>\n  </target>\n</pool>\n`;
    const secret = (uuid: string): string => `<secret ephemeral='no' private='yes'>\n  <uuid>${uuid}</uuid>\n  <usage type='ceph'>\n    <name>client.admin secret</name>\n  </usage>\n</secret>\n`;
    const filter = "<filter name='acme' chain='root'>\n  <filterref filter='clean-traffic'/>\n</filter>\n";
    expect(fleet([
      { file: 'n1.xml', text: network('default', 'virbr0', '192.168.122.1') },
      { file: 'n2.xml', text: network('default', 'virbr1', '192.168.123.1') },
      { file: 'p1.xml', text: pool('images', '/srv/images') },
      { file: 'p2.xml', text: pool('images', '/srv/other') },
      { file: 'p3.xml', text: pool('more', '/srv//images/') },
      { file: 's1.xml', text: secret(UUID1) },
      { file: 's2.xml', text: secret(UUID2) },
      { file: 'f1.xml', text: filter },
      { file: 'f2.xml', text: filter },
    ])).toEqual([
      'n2.xml:2:3 fleet-duplicate-network-name',
      'p2.xml:2:3 fleet-duplicate-pool-name',
      'p3.xml:4:5 fleet-duplicate-pool-source',
      's2.xml:4:5 fleet-duplicate-secret-usage',
      'f2.xml:1:9 fleet-duplicate-nwfilter-name',
    ]);
  });

  it('warns about networks, pools and filters no file defines, only when the set defines some of that kind', () => {
    const devices = nic('52:54:00:4a:1c:01', 'defualt', "      <filterref filter='acme-egres'/>\n")
      + nic('52:54:00:4a:1c:02', 'default', "      <filterref filter='clean-traffic'/>\n")
      + "    <disk type='volume' device='disk'>\n      <source pool='imagse' volume='a.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n";
    const dom = { file: 'dom.xml', text: domain('a', UUID1, devices) };
    expect(fleet([dom])).toEqual([]);
    const all = lint([
      dom,
      { file: 'net.xml', text: network('default', 'virbr0', '192.168.122.1') },
      { file: 'pool.xml', text: "<pool type='dir'>\n  <name>images</name>\n  <target>\n    <path>/srv/images</path>\n  </target>\n</pool>\n" },
      { file: 'filter.xml', text: "<filter name='acme-egress' chain='root'>\n  <filterref filter='acme-base'/>\n</filter>\n" },
    ]);
    const findings = all.results.flatMap((r) => r.findings.map((f) => `${r.file}:${f.line}:${f.column} ${f.rule} ${f.severity}`));
    expect(findings).toEqual([
      'dom.xml:11:15 fleet-unknown-network warning',
      'dom.xml:12:18 fleet-unknown-nwfilter warning',
      'dom.xml:20:15 fleet-unknown-pool warning',
      'filter.xml:2:14 fleet-unknown-nwfilter warning',
    ]);
    expect(all.errorCount).toBe(0);
  });

  it('follows the level configured for the file a finding lands in', () => {
    const inputs = [{ file: 'a.xml', text: domain('web01', UUID1) }, { file: 'b.xml', text: domain('web01', UUID2) }];
    expect(lint(inputs, { rules: { 'fleet-duplicate-domain-name': 'off' } }).results.flatMap((r) => r.findings)).toEqual([]);
    expect(lint(inputs, { rules: { 'fleet-duplicate-domain-name': 'warn' } }).warningCount).toBe(1);
  });
});
