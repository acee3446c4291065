/**
 * The address arithmetic under the network rules, and cases the rules' own examples do not show:
 * libvirt's natural prefixes, IPv6 ranges, the ends of a subnet, a forward without a mode.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { effectivePrefix, formatAddress, parseAddress, parseIPv6, rangeProblem } from '../../src/lint/rules/network/ip.js';

function findings(text: string, prefix = 'network-'): string[] {
  return lint({ file: 'net.xml', text }).results[0]!.findings.filter((f) => f.rule.startsWith(prefix)).map((f) => `${f.line}:${f.column} ${f.rule}`);
}

function net(body: string): string {
  return `<network>\n  <name>n</name>\n${body}</network>\n`;
}

describe('addresses', () => {
  it('reads IPv6 in its compressed and IPv4-tailed forms', () => {
    expect(parseIPv6('::')).toBe(0n);
    expect(parseIPv6('::1')).toBe(1n);
    expect(parseIPv6('2001:db8::1')).toBe((0x2001n << 112n) | (0xdb8n << 96n) | 1n);
    expect(parseIPv6('::ffff:192.168.1.1')).toBe((0xffffn << 32n) | (192n << 24n) | (168n << 16n) | (1n << 8n) | 1n);
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIPv6('1::2::3')).toBeUndefined();
    expect(parseAddress('300.1.1.1')).toBeUndefined();
    expect(formatAddress(parseAddress('2001:db8:0:0:1:0:0:1')!)).toBe('2001:db8::1:0:0:1');
  });

  it('derives the prefix as libvirt does: explicit, netmask, else the address class', () => {
    expect(effectivePrefix(parseAddress('10.1.2.3')!, undefined, undefined)).toBe(8);
    expect(effectivePrefix(parseAddress('172.16.0.1')!, undefined, undefined)).toBe(16);
    expect(effectivePrefix(parseAddress('192.168.1.1')!, undefined, 0)).toBe(24);
    expect(effectivePrefix(parseAddress('224.0.0.1')!, undefined, undefined)).toBe(-1);
    expect(effectivePrefix(parseAddress('2001:db8::1')!, undefined, undefined)).toBe(64);
    expect(effectivePrefix(parseAddress('10.0.0.1')!, parseAddress('255.255.252.0'), undefined)).toBe(22);
    expect(effectivePrefix(parseAddress('10.0.0.1')!, parseAddress('255.0.255.0'), undefined)).toBe(-1);
  });

  it('checks ranges like virSocketAddrGetRange', () => {
    const a = (s: string) => parseAddress(s)!;
    const net24 = { address: a('192.168.1.1'), prefix: 24 };
    expect(rangeProblem(a('192.168.1.0'), a('192.168.1.9'), net24)).toEqual({ kind: 'network-address' });
    expect(rangeProblem(a('192.168.1.9'), a('192.168.1.255'), net24)).toEqual({ kind: 'broadcast-address' });
    expect(rangeProblem(a('192.168.1.9'), a('192.168.2.9'), net24)).toEqual({ kind: 'outside' });
    expect(rangeProblem(a('192.168.1.9'), a('2001:db8::9'), net24)).toEqual({ kind: 'family-mismatch' });
    expect(rangeProblem(a('10.0.255.0'), a('10.1.0.5'))).toEqual({ kind: 'too-large' });
    expect(rangeProblem(a('10.0.1.5'), a('10.0.0.5'))).toEqual({ kind: 'reversed' });
    expect(rangeProblem(a('2001:db8::10'), a('2001:db8::1:10'))).toEqual({ kind: 'too-large' });
    // IPv6 has no network or broadcast address to avoid.
    expect(rangeProblem(a('2001:db8::'), a('2001:db8::ffff'), { address: a('2001:db8::1'), prefix: 64 })).toBeUndefined();
  });
});

describe('network rules', () => {
  it('points at the end of a range that leaves the subnet, using the class prefix when none is given', () => {
    const text = net("  <bridge name='virbr5'/>\n  <ip address='192.168.5.1'>\n    <dhcp>\n      <range start='192.168.6.2' end='192.168.6.9'/>\n      <range start='192.168.5.200' end='192.168.5.255'/>\n    </dhcp>\n  </ip>\n");
    expect(findings(text)).toEqual(['6:14 network-dhcp-range-outside-subnet', '7:36 network-dhcp-range-outside-subnet']);
    // Class A: 10.1.0.1 is in 10.0.0.0/8, so this range is inside, but too large for one range.
    expect(findings(net("  <bridge name='virbr5'/>\n  <ip address='10.1.0.1'>\n    <dhcp>\n      <range start='10.2.0.2' end='10.255.0.9'/>\n    </dhcp>\n  </ip>\n"))).toEqual(['6:31 network-dhcp-range-too-large']);
  });

  it('reads a <forward> without mode as NAT, which needs an <ip>', () => {
    expect(findings(net("  <forward/>\n  <bridge name='virbr5'/>\n"))).toEqual(['3:3 network-forward-requires-ip']);
    expect(findings(net("  <bridge name='virbr5'/>\n"))).toEqual([]);
  });

  it('judges port group VLANs through a default port group', () => {
    const ovs = (pg: string) => net(`  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>\n${pg}`);
    expect(findings(ovs("  <portgroup name='a'>\n    <vlan>\n      <tag id='1'/>\n    </vlan>\n  </portgroup>\n"))).toEqual([]);
    expect(findings(ovs("  <portgroup name='a'>\n    <vlan>\n      <tag id='1'/>\n    </vlan>\n    <virtualport type='802.1Qbh'/>\n  </portgroup>\n"))).toEqual(['7:5 network-vlan-unsupported']);
  });

  it('finds a duplicate PCI address written in two number bases', () => {
    const text = net("  <forward mode='hostdev' managed='yes'>\n    <address type='pci' domain='0' bus='4' slot='0' function='1'/>\n    <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x1'/>\n  </forward>\n");
    expect(findings(text)).toEqual(['5:5 network-forward-pool-duplicate']);
  });

  it('lets an IPv6 host be named by DUID, and flags a host outside its subnet as a warning only', () => {
    const text = net("  <bridge name='virbr5'/>\n  <ip family='ipv6' address='2001:db8::1' prefix='64'>\n    <dhcp>\n      <host id='0:3:0:1:0:16:3e:11:22:33' ip='2001:db8::10'/>\n      <host name='b' ip='2001:db9::10'/>\n    </dhcp>\n  </ip>\n");
    const result = lint({ file: 'n.xml', text }).results[0]!;
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.rule} ${f.severity}`)).toEqual(['7:22 network-dhcp-host-outside-subnet warning']);
  });
});
