/**
 * Static DHCP hosts (`<ip><dhcp><host>`): what libvirt's parser requires of each entry
 * (virNetworkDHCPHostDefParseXML), and two slips it lets through: two entries for the same MAC,
 * name or address, and an address outside the subnet dnsmasq serves.
 */
import type { NetworkIp, NetworkIpDhcpHost } from '../../../model/generated/types/network.js';
import type { DocumentRule } from '../../types.js';
import { natNetwork, networkDoc } from './examples.js';
import { describeSubnet, inSubnet, ipSubnet, parseAddress } from './ip.js';

const IPV6_NETWORK = (hosts: string): string =>
  networkDoc(`  <bridge name='virbr1'/>\n  <ip family='ipv6' address='2001:db8:ca2:2::1' prefix='64'>\n    <dhcp>\n      <range start='2001:db8:ca2:2::10' end='2001:db8:ca2:2::ff'/>\n${hosts}    </dhcp>\n  </ip>\n`, 'ipv6net');

export const dhcpHostInvalid: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-host-invalid',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'A static DHCP `<host>` that lacks what its address family needs, or has what it cannot use.',
      why: "libvirt refuses to define the network when an IPv4 host has neither `mac` nor `name`, an IPv6 host has neither `id` nor `name`, an IPv6 host gives a `mac` (DHCPv6 identifies clients by DUID, not MAC), an `id` has characters other than hex digits and colons, or a `name` does not start with a letter or digit.",
      example: {
        bad: IPV6_NETWORK("      <host mac='52:54:00:6f:78:f3' ip='2001:db8:ca2:2::20'/>\n"),
        good: IPV6_NETWORK("      <host id='0:1:0:1:18:aa:62:fe:0:16:3e:44:55:66' ip='2001:db8:ca2:2::20'/>\n"),
      },
      libvirtMessage: "XML error: Invalid to specify MAC address '52:54:00:6f:78:f3' in network 'ipv6net' IPv6 static host definition",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDHCPHostDefParseXML',
    },
  },
  check(ctx) {
    for (const ip of ctx.model.ip ?? []) {
      const family = parseAddress(ip.address)?.family;
      for (const host of ip.dhcp?.host ?? []) {
        if (host.mac !== undefined && family === 6) {
          ctx.report({ node: host, attribute: 'mac', message: `a MAC address cannot identify a host in an IPv6 network: DHCPv6 uses the client's DUID; replace \`mac\` with \`id\` (or \`name\`)` });
        } else if (host.mac !== undefined && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(host.mac) && (parseInt(host.mac.slice(0, 2), 16) & 1) === 1) {
          ctx.report({ node: host, attribute: 'mac', message: `'${host.mac}' is a multicast MAC address: a host needs a unicast address (the lowest bit of the first byte clear)` });
        }
        if (host.id !== undefined) {
          const bad = /[^0-9a-fA-F:]/.exec(host.id);
          if (bad !== null) ctx.report({ node: host, attribute: 'id', message: `invalid character '${bad[0]}' in DUID '${host.id}': write the DUID as hex bytes separated by colons` });
        }
        if (host.name !== undefined && !/^[A-Za-z0-9]/.test(host.name)) {
          ctx.report({ node: host, attribute: 'name', message: `host name '${host.name}' must start with a letter or a digit` });
        }
        if (family === 6 && host.mac === undefined && host.id === undefined && host.name === undefined) {
          ctx.report({ node: host, message: 'a static host of an IPv6 network needs an `id` (its DUID) or a `name`' });
        } else if (family === 4 && host.mac === undefined && host.name === undefined) {
          ctx.report({ node: host, message: 'a static host of an IPv4 network needs a `mac` or a `name`' });
        }
      }
    }
  },
};

export const dhcpHostDuplicate: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-host-duplicate',
    category: 'network',
    level: 'warn',
    roots: ['network'],
    docs: {
      summary: 'Two static DHCP hosts of the same `<ip>` with the same MAC address, name or IP address.',
      why: "libvirt's parser accepts it, but dnsmasq then holds two reservations for one client or one address, and which one wins is not defined; `virsh net-update … add ip-dhcp-host` refuses such an entry for exactly that reason.",
      example: {
        bad: natNetwork("      <range start='192.168.122.100' end='192.168.122.254'/>\n      <host mac='52:54:00:6c:3c:01' name='web' ip='192.168.122.10'/>\n      <host mac='52:54:00:6c:3c:02' name='db' ip='192.168.122.10'/>\n"),
        good: natNetwork("      <range start='192.168.122.100' end='192.168.122.254'/>\n      <host mac='52:54:00:6c:3c:01' name='web' ip='192.168.122.10'/>\n      <host mac='52:54:00:6c:3c:02' name='db' ip='192.168.122.11'/>\n"),
      },
      libvirtMessage: "there is an existing dhcp host entry in network 'default' that matches \"<host mac='52:54:00:6c:3c:02' name='db' ip='192.168.122.10'/>\" (net-update only)",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefUpdateIPDHCPHost',
    },
  },
  check(ctx) {
    for (const ip of ctx.model.ip ?? []) {
      const seen = { mac: new Map<string, NetworkIpDhcpHost>(), name: new Map<string, NetworkIpDhcpHost>(), ip: new Map<string, NetworkIpDhcpHost>() };
      for (const host of ip.dhcp?.host ?? []) {
        const keys: [keyof typeof seen, string | undefined, string][] = [
          ['mac', host.mac?.toLowerCase(), 'MAC address'],
          ['name', host.name, 'name'],
          ['ip', (() => { const a = parseAddress(host.ip); return a === undefined ? undefined : `${a.family}:${a.value}`; })(), 'IP address'],
        ];
        for (const [attribute, key, what] of keys) {
          if (key === undefined) continue;
          const first = seen[attribute].get(key);
          if (first === undefined) {
            seen[attribute].set(key, host);
            continue;
          }
          ctx.report({
            node: host,
            attribute,
            message: `another static host (line ${ctx.locate({ node: first }).line}) already has the ${what} '${host[attribute]}': give each host its own, or merge the two entries`,
            related: [{ node: first, attribute, message: `first host with this ${what}` }],
          });
        }
      }
    }
  },
};

export const dhcpHostOutsideSubnet: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-host-outside-subnet',
    category: 'network',
    level: 'warn',
    roots: ['network'],
    docs: {
      summary: "A static DHCP host whose `ip` is not inside its `<ip>` element's subnet.",
      why: "libvirt's parser does not check it, but dnsmasq only hands out addresses of the subnets it serves: the guest never gets the reserved address.",
      example: {
        bad: natNetwork("      <range start='192.168.122.100' end='192.168.122.254'/>\n      <host mac='52:54:00:6c:3c:01' name='web' ip='192.168.1.10'/>\n"),
        good: natNetwork("      <range start='192.168.122.100' end='192.168.122.254'/>\n      <host mac='52:54:00:6c:3c:01' name='web' ip='192.168.122.10'/>\n"),
      },
      libvirtSource: 'src/conf/network_conf.c, virNetworkDHCPHostDefParseXML (no such check; dnsmasq ignores the reservation)',
    },
  },
  check(ctx) {
    for (const ip of ctx.model.ip ?? []) {
      const subnet = ipSubnet(ip);
      if (subnet === undefined || subnet.prefix < 0) continue;
      for (const host of ip.dhcp?.host ?? []) {
        const a = parseAddress(host.ip);
        if (a === undefined || inSubnet(a, subnet)) continue;
        ctx.report({ node: host, attribute: 'ip', message: `${host.ip} is outside network ${describeSubnet(subnet)}, so dnsmasq never hands it out: reserve an address of the subnet` });
      }
    }
  },
};

export const dhcpMultiple: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-multiple',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'DHCP ranges or hosts under more than one IPv4 (or more than one IPv6) `<ip>` of a network.',
      why: 'libvirt refuses to define the network: its dnsmasq configuration serves DHCP on a single IPv4 and a single IPv6 address per network.',
      example: {
        bad: networkDoc("  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n  <ip address='192.168.122.1' prefix='24'>\n    <dhcp>\n      <range start='192.168.122.2' end='192.168.122.254'/>\n    </dhcp>\n  </ip>\n  <ip address='192.168.123.1' prefix='24'>\n    <dhcp>\n      <range start='192.168.123.2' end='192.168.123.254'/>\n    </dhcp>\n  </ip>\n"),
        good: networkDoc("  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n  <ip address='192.168.122.1' prefix='24'>\n    <dhcp>\n      <range start='192.168.122.2' end='192.168.122.254'/>\n    </dhcp>\n  </ip>\n  <ip address='192.168.123.1' prefix='24'/>\n"),
      },
      libvirtMessage: 'unsupported configuration: Multiple IPv4 dhcp sections found -- dhcp is supported only for a single IPv4 address on each network',
      libvirtSource: 'src/network/bridge_driver.c, networkValidate',
    },
  },
  check(ctx) {
    const first = new Map<number, NetworkIp>();
    for (const ip of ctx.model.ip ?? []) {
      const family = parseAddress(ip.address)?.family;
      if (family === undefined) continue;
      if ((ip.dhcp?.range?.length ?? 0) === 0 && (ip.dhcp?.host?.length ?? 0) === 0) continue;
      const earlier = first.get(family);
      if (earlier === undefined) {
        first.set(family, ip);
        continue;
      }
      const name = family === 4 ? 'IPv4' : 'IPv6';
      ctx.report({
        node: ip.dhcp ?? ip,
        message: `DHCP is already served on another ${name} address (line ${ctx.locate({ node: earlier }).line}); libvirt serves DHCP on one ${name} address per network: move these ranges and hosts there, or drop them`,
        related: [{ node: earlier, message: `the ${name} address with DHCP` }],
      });
    }
  },
};

export const DHCP_HOST_RULES = [dhcpHostInvalid, dhcpHostDuplicate, dhcpHostOutsideSubnet, dhcpMultiple] as const;
