/**
 * DHCP ranges of a network's `<ip>`: libvirt checks each range against the subnet it belongs to
 * when it parses the network (virNetworkDHCPRangeDefParseXML → virSocketAddrGetRange), so a
 * range outside the subnet, reversed, or wider than its historic 65536-address limit is refused.
 * Overlapping ranges are accepted but hand out the same addresses twice over.
 */
import type { NetworkIp, NetworkIpDhcpRange } from '../../../model/generated/types/network.js';
import type { DocumentRule, RuleContext } from '../../types.js';
import { natNetwork } from './examples.js';
import { describeSubnet, formatAddress, inSubnet, ipSubnet, parseAddress, rangeProblem, type Address } from './ip.js';

interface ReadRange {
  readonly range: NetworkIpDhcpRange;
  readonly start: Address;
  readonly end: Address;
}

function readRanges(ip: NetworkIp): ReadRange[] {
  const out: ReadRange[] = [];
  for (const range of ip.dhcp?.range ?? []) {
    const start = parseAddress(range.start);
    const end = parseAddress(range.end);
    if (start !== undefined && end !== undefined) out.push({ range, start, end });
  }
  return out;
}

function forEachRange(ctx: RuleContext<'network'>, visit: (ip: NetworkIp, r: ReadRange) => void): void {
  for (const ip of ctx.model.ip ?? []) for (const r of readRanges(ip)) visit(ip, r);
}

export const dhcpRangeOutsideSubnet: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-range-outside-subnet',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'A DHCP `<range>` that does not lie within the usable addresses of its `<ip>` subnet.',
      why: "libvirt refuses to define the network: both ends of a range must be inside the subnet given by the `<ip>` element's address and prefix (or netmask), in the same address family, and for IPv4 the range may not start at the network address nor end at the broadcast address.",
      example: {
        bad: natNetwork("      <range start='192.168.123.2' end='192.168.123.254'/>\n"),
        good: natNetwork("      <range start='192.168.122.2' end='192.168.122.254'/>\n"),
      },
      libvirtMessage: 'internal error: range 192.168.123.2 - 192.168.123.254 is not entirely within network 192.168.122.1/24',
      libvirtSource: 'src/conf/network_conf.c, virNetworkDHCPRangeDefParseXML (src/util/virsocketaddr.c, virSocketAddrGetRange)',
      limits: 'Addresses are read in the numeric forms the schema allows; a range whose `<ip>` has no readable address is skipped.',
    },
  },
  check(ctx) {
    for (const ip of ctx.model.ip ?? []) {
      const subnet = ipSubnet(ip);
      if (subnet === undefined) continue;
      for (const { range, start, end } of readRanges(ip)) {
        const problem = rangeProblem(start, end, subnet);
        const where = `network ${describeSubnet(subnet)}`;
        const fix = 'move the range inside the subnet or widen the `<ip>` prefix';
        switch (problem?.kind) {
          case 'family-mismatch':
            ctx.report({ node: range, attribute: 'end', message: `range ${range.start} - ${range.end} mixes IPv4 and IPv6: give both ends in the family of ${where}` });
            break;
          case 'network-family-mismatch':
            ctx.report({ node: range, attribute: 'start', message: `range ${range.start} - ${range.end} is not in the address family of ${where}: put it under an \`<ip>\` of its own family` });
            break;
          case 'bad-prefix':
            ctx.report({ node: range, message: `the subnet of ${formatAddress(subnet.address)} cannot be worked out (no prefix, and the netmask is not contiguous or the address has no class): give the \`<ip>\` a \`prefix\`` });
            break;
          case 'outside': {
            const attribute = inSubnet(start, subnet) ? 'end' : 'start';
            ctx.report({ node: range, attribute, message: `range ${range.start} - ${range.end} is not entirely within ${where}: ${fix}` });
            break;
          }
          case 'network-address':
            ctx.report({ node: range, attribute: 'start', message: `range ${range.start} - ${range.end} starts at the network address of ${where}: start it at least one address higher` });
            break;
          case 'broadcast-address':
            ctx.report({ node: range, attribute: 'end', message: `range ${range.start} - ${range.end} ends at the broadcast address of ${where}: end it at least one address lower` });
            break;
          default:
            break;
        }
      }
    }
  },
};

export const dhcpRangeReversed: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-range-reversed',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'A DHCP `<range>` whose `start` comes after its `end`.',
      why: 'libvirt refuses to define the network: a range runs from its lower address to its higher one.',
      example: {
        bad: natNetwork("      <range start='192.168.122.254' end='192.168.122.2'/>\n"),
        good: natNetwork("      <range start='192.168.122.2' end='192.168.122.254'/>\n"),
      },
      libvirtMessage: 'internal error: range 192.168.122.254 - 192.168.122.2 is reversed',
      libvirtSource: 'src/conf/network_conf.c, virNetworkDHCPRangeDefParseXML (src/util/virsocketaddr.c, virSocketAddrGetRange)',
    },
  },
  check(ctx) {
    forEachRange(ctx, (_ip, { range, start, end }) => {
      if (start.family === end.family && start.value >> 16n === end.value >> 16n && end.value < start.value) {
        ctx.report({ node: range, attribute: 'start', message: `range start ${range.start} is after its end ${range.end}: swap the two addresses` });
      }
    });
  },
};

export const dhcpRangeTooLarge: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-range-too-large',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'A DHCP `<range>` that spans more than libvirt allows in one range.',
      why: 'libvirt refuses to define the network when the ends of a range differ anywhere but in their last 16 bits (the last two bytes of an IPv4 address, the last group of an IPv6 address), which caps a range at 65536 addresses.',
      example: {
        bad: natNetwork("      <range start='10.0.0.2' end='10.1.255.254'/>\n", "address='10.0.0.1' prefix='8'"),
        good: natNetwork("      <range start='10.0.0.2' end='10.0.255.254'/>\n      <range start='10.1.0.1' end='10.1.255.254'/>\n", "address='10.0.0.1' prefix='8'"),
      },
      libvirtMessage: 'internal error: range 10.0.0.2 - 10.1.255.254 is too large (> 65535)',
      libvirtSource: 'src/conf/network_conf.c, virNetworkDHCPRangeDefParseXML (src/util/virsocketaddr.c, virSocketAddrGetRange)',
    },
  },
  check(ctx) {
    forEachRange(ctx, (_ip, { range, start, end }) => {
      if (start.family === end.family && start.value >> 16n !== end.value >> 16n) {
        const unit = start.family === 4 ? 'the first two bytes' : 'the first seven groups';
        ctx.report({ node: range, attribute: 'end', message: `range ${range.start} - ${range.end} is too large: ${unit} of both ends must be equal (at most 65536 addresses); split it into several ranges` });
      }
    });
  },
};

export const dhcpRangeOverlap: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-range-overlap',
    category: 'network',
    level: 'warn',
    roots: ['network'],
    docs: {
      summary: 'Two DHCP ranges of the same `<ip>` that share addresses.',
      why: "libvirt accepts it, but `virsh net-update … add ip-dhcp-range` refuses a second identical range, and dnsmasq's lease limit, which libvirt computes as the sum of the ranges' sizes, counts the shared addresses twice. Overlapping ranges are almost always a copy-paste slip.",
      example: {
        bad: natNetwork("      <range start='192.168.122.2' end='192.168.122.128'/>\n      <range start='192.168.122.100' end='192.168.122.254'/>\n"),
        good: natNetwork("      <range start='192.168.122.2' end='192.168.122.128'/>\n      <range start='192.168.122.129' end='192.168.122.254'/>\n"),
      },
      libvirtMessage: "there is an existing dhcp range entry in network 'default' that matches \"<range start='192.168.122.2' end='192.168.122.128'/>\" (net-update only)",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefUpdateIPDHCPRange',
    },
  },
  check(ctx) {
    for (const ip of ctx.model.ip ?? []) {
      const ranges = readRanges(ip).filter((r) => r.start.family === r.end.family && r.start.value <= r.end.value);
      for (let i = 1; i < ranges.length; i++) {
        const r = ranges[i]!;
        const earlier = ranges.slice(0, i).find((o) => o.start.family === r.start.family && o.start.value <= r.end.value && r.start.value <= o.end.value);
        if (earlier === undefined) continue;
        ctx.report({
          node: r.range,
          message: `range ${r.range.start} - ${r.range.end} overlaps range ${earlier.range.start} - ${earlier.range.end} (line ${ctx.locate({ node: earlier.range }).line}): make the ranges disjoint or merge them`,
          related: [{ node: earlier.range, message: 'the overlapped range' }],
        });
      }
    }
  },
};

export const DHCP_RANGE_RULES = [dhcpRangeOutsideSubnet, dhcpRangeReversed, dhcpRangeTooLarge, dhcpRangeOverlap] as const;
