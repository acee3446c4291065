/**
 * `nwfilter-port-without-protocol`: an `ip` or `ipv6` rule that matches ports without saying
 * which port-carrying protocol they belong to.
 */
import type { DocumentRule } from '../../types.js';
import { attr, children, elementOf } from '../hygiene/xml.js';

/** The protocol elements of a filter rule, as libvirt knows them. */
const PROTOCOL_ELEMENTS = new Set([
  'mac', 'vlan', 'stp', 'arp', 'rarp', 'ip', 'ipv6', 'tcp', 'udp', 'udplite', 'esp', 'ah', 'sctp', 'icmp', 'igmp', 'all',
  'tcp-ipv6', 'udp-ipv6', 'udplite-ipv6', 'esp-ipv6', 'ah-ipv6', 'sctp-ipv6', 'icmpv6', 'all-ipv6',
]);

/** IP protocol names libvirt accepts in a `protocol` attribute, with their numbers. */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { tcp: 6, udp: 17, udplite: 136, esp: 50, ah: 51, icmp: 1, igmp: 2, sctp: 132, icmpv6: 58 };
/** The protocols that have ports: TCP, UDP, DCCP and SCTP. */
const WITH_PORTS = new Set([6, 17, 33, 132]);
const PORT_ATTRIBUTES = ['srcportstart', 'srcportend', 'dstportstart', 'dstportend'];

/** A `protocol` value as libvirt reads it: a decimal byte, else a hex byte, else a name. */
function protocolNumber(value: string): number | undefined {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n <= 255 ? n : undefined;
  }
  if (/^(0x)?[0-9a-f]+$/i.test(value)) {
    const n = parseInt(value.replace(/^0x/i, ''), 16);
    return n <= 255 ? n : undefined;
  }
  return PROTOCOL_NUMBERS[value];
}

const FILTER = (match: string): string =>
  `<filter name='allow-web' chain='root'>\n  <rule action='accept' direction='in' priority='500'>\n    <ip ${match} dstportstart='80' dstportend='443'/>\n  </rule>\n</filter>\n`;

export const portWithoutProtocol: DocumentRule<'nwfilter'> = {
  meta: {
    id: 'nwfilter-port-without-protocol',
    category: 'nwfilter',
    level: 'error',
    roots: ['nwfilter'],
    docs: {
      summary: "An `ip` or `ipv6` filter rule with port attributes but no `protocol`, or with a protocol that has no ports.",
      why: 'libvirt refuses to define the filter: ports only exist in TCP (6), UDP (17), DCCP (33) and SCTP (132), and the firewall rule it would generate has to name the protocol before it can match a port.',
      example: {
        bad: FILTER("srcipaddr='0.0.0.0' srcipmask='0'"),
        good: FILTER("srcipaddr='0.0.0.0' srcipmask='0' protocol='tcp'"),
      },
      libvirtMessage: 'internal error: IP rule with port specification requires protocol specification with protocol to be either one of tcp(6), udp(17), dccp(33), or sctp(132)',
      libvirtSource: 'src/conf/nwfilter_conf.c, virNWFilterRuleValidate',
      limits: 'A protocol given by a variable (`protocol=\'$PROTO\'`) is not judged.',
    },
  },
  check(ctx) {
    for (const rule of children(elementOf(ctx.model), 'rule')) {
      // libvirt reads the children named like the rule's first protocol element, and only those.
      const kinds = children(rule).filter((c) => PROTOCOL_ELEMENTS.has(c.local));
      const kind = kinds[0]?.local;
      if (kind !== 'ip' && kind !== 'ipv6') continue;
      // Several elements of the kind fill one rule: an attribute's last occurrence wins.
      const same = kinds.filter((c) => c.local === kind);
      const withPort = same.find((c) => PORT_ATTRIBUTES.some((a) => attr(c, a) !== undefined));
      if (withPort === undefined) continue;
      const port = PORT_ATTRIBUTES.find((a) => attr(withPort, a) !== undefined)!;
      const protocolEl = [...same].reverse().find((c) => attr(c, 'protocol') !== undefined);
      const protocol = attr(protocolEl, 'protocol');
      const family = kind === 'ip' ? 'IPv4' : 'IPv6';
      if (protocol === undefined) {
        ctx.report({ node: withPort, attribute: port, message: `an ${family} rule that matches ports needs a \`protocol\`: add protocol='tcp', 'udp' or 'sctp'` });
        continue;
      }
      if (protocol.startsWith('$')) continue;
      const n = protocolNumber(protocol);
      if (n !== undefined && !WITH_PORTS.has(n)) {
        ctx.report({ node: protocolEl!, attribute: 'protocol', message: `protocol '${protocol}' has no ports, so \`${port}\` cannot match: use tcp, udp, dccp (33) or sctp, or drop the port attributes` });
      }
    }
  },
};
