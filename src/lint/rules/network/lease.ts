/**
 * `network-dhcp-lease-too-short`: a DHCP `<lease expiry>` under dnsmasq's two-minute minimum.
 */
import type { NetworkIpDhcpHostLease, NetworkIpDhcpRangeLease } from '../../../model/generated/types/network.js';
import type { DocumentRule } from '../../types.js';
import { natNetwork } from './examples.js';

export const dhcpLeaseTooShort: DocumentRule<'network'> = {
  meta: {
    id: 'network-dhcp-lease-too-short',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'A DHCP `<lease>` shorter than two minutes.',
      why: "libvirt refuses to define the network: dnsmasq's shortest lease is two minutes. `expiry='0'` means an infinite lease and is allowed; the unit defaults to minutes.",
      example: {
        bad: natNetwork("      <range start='192.168.122.2' end='192.168.122.254'>\n        <lease expiry='60' unit='seconds'/>\n      </range>\n"),
        good: natNetwork("      <range start='192.168.122.2' end='192.168.122.254'>\n        <lease expiry='2' unit='minutes'/>\n      </range>\n"),
      },
      libvirtMessage: 'unsupported configuration: The minimum lease time should be greater than 2 minutes',
      libvirtSource: 'src/conf/network_conf.c, virNetworkDHCPLeaseTimeDefParseXML',
    },
  },
  check(ctx) {
    const leases: (NetworkIpDhcpRangeLease | NetworkIpDhcpHostLease)[] = [];
    for (const ip of ctx.model.ip ?? []) {
      for (const r of ip.dhcp?.range ?? []) if (r.lease !== undefined) leases.push(r.lease);
      for (const h of ip.dhcp?.host ?? []) if (h.lease !== undefined) leases.push(h.lease);
    }
    for (const lease of leases) {
      if (!/^\d+$/.test(String(lease.expiry))) continue;
      const expiry = BigInt(lease.expiry);
      const unit = lease.unit ?? 'minutes';
      if (expiry === 0n) continue;
      if ((unit === 'seconds' && expiry < 120n) || (unit === 'minutes' && expiry < 2n)) {
        ctx.report({ node: lease, attribute: 'expiry', message: `a lease of ${expiry} ${unit} is shorter than dnsmasq's minimum of two minutes: use at least ${unit === 'seconds' ? "120 seconds" : '2 minutes'} (or 0 for an infinite lease)` });
      }
    }
  },
};
