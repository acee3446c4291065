/**
 * `duplicate-interface-mac`: two interfaces of one domain with the same MAC address.
 */
import type { XmlElement } from '../../../xml/dom/types.js';
import type { DocumentRule } from '../../types.js';
import { domainDoc } from './examples.js';
import { attr, child, children } from './xml.js';

const NIC = (mac: string, network: string): string =>
  `    <interface type='network'>\n      <mac address='${mac}'/>\n      <source network='${network}'/>\n      <model type='virtio'/>\n    </interface>\n`;

export const duplicateInterfaceMac: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-interface-mac',
    category: 'hygiene',
    level: 'warn',
    roots: ['domain'],
    docs: {
      summary: 'Two interfaces of one domain with the same `<mac address>` (other than a failover pair).',
      why: "libvirt accepts it, but the guest sees two NICs with one address: on a shared network the switch and the DHCP server cannot tell them apart, and guest tools that name NICs by MAC pick either. Only a failover pair (`<teaming>`, a virtio NIC backed by a hostdev one) is meant to share a MAC. A copied `<interface>` that kept its `<mac>` is the usual cause; leave `<mac>` out to have one generated.",
      example: {
        bad: domainDoc(NIC('52:54:00:4a:1c:01', 'default') + NIC('52:54:00:4a:1c:01', 'lab')),
        good: domainDoc(NIC('52:54:00:4a:1c:01', 'default') + NIC('52:54:00:4a:1c:02', 'lab')),
      },
      libvirtSource: 'src/conf/domain_conf.c, virDomainNetDefParseXML (no such check)',
    },
  },
  check(ctx) {
    const seen = new Map<string, XmlElement>();
    for (const iface of children(child(ctx.document.root, 'devices'), 'interface')) {
      if (child(iface, 'teaming') !== undefined) continue;
      const mac = child(iface, 'mac');
      const address = attr(mac, 'address');
      if (mac === undefined || address === undefined) continue;
      const key = address.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, mac);
        continue;
      }
      ctx.report({
        node: mac,
        attribute: 'address',
        message: `another interface of this domain (line ${ctx.locate({ node: first }).line}) already has MAC address ${address}: give each interface its own, or leave \`<mac>\` out to have one generated`,
        related: [{ node: first, attribute: 'address', message: 'the other interface with this MAC address' }],
      });
    }
  },
};
