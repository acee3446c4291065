/**
 * The network's `<dns>` element: records libvirt's parser refuses (virNetworkDNSDefParseXML and
 * the record parsers it calls), and records given to a DNS service that is switched off.
 */
import type { DocumentRule } from '../../types.js';
import { networkDoc } from './examples.js';

const NAT = (dns: string): string =>
  networkDoc(`  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n${dns}  <ip address='192.168.122.1' netmask='255.255.255.0'/>\n`);

/** The characters libvirt allows in an SRV record's service name. */
const SERVICE_CHARS = /^[A-Za-z0-9_\-+/*]*$/;
/** 512 bytes less the record's overhead (RFC 2782), as libvirt limits it. */
const SRV_MAX = 512 - 30;

export const dnsDisabledWithRecords: DocumentRule<'network'> = {
  meta: {
    id: 'network-dns-disabled-with-records',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "`<dns enable='no'>` that still lists forwarders, hosts, SRV or TXT records.",
      why: 'libvirt refuses to define the network: with its DNS server switched off, nothing would serve the records.',
      example: {
        bad: NAT("  <dns enable='no'>\n    <host ip='192.168.122.2'>\n      <hostname>web</hostname>\n    </host>\n  </dns>\n"),
        good: NAT("  <dns>\n    <host ip='192.168.122.2'>\n      <hostname>web</hostname>\n    </host>\n  </dns>\n"),
      },
      libvirtMessage: "XML error: Extra data in disabled network 'default'",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDNSDefParseXML',
    },
  },
  check(ctx) {
    const dns = ctx.model.dns;
    if (dns?.enable !== 'no') return;
    const records = [...(dns.forwarder ?? []), ...(dns.host ?? []), ...(dns.srv ?? []), ...(dns.txt ?? [])];
    if (records.length === 0) return;
    ctx.report({
      node: dns,
      attribute: 'enable',
      message: `DNS is switched off (\`enable='no'\`) but ${records.length} record${records.length === 1 ? ' is' : 's are'} given: drop the records, or enable DNS`,
    });
  },
};

export const dnsRecordInvalid: DocumentRule<'network'> = {
  meta: {
    id: 'network-dns-record-invalid',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'A DNS `<forwarder>` or `<srv>` record that libvirt cannot turn into a dnsmasq setting.',
      why: "libvirt refuses to define the network when a forwarder has neither `addr` nor `domain`, or an SRV record's service holds characters other than letters, digits and `_-+/*` (or is longer than 482 bytes), has a `port`, `priority` or `weight` without a `target`, or has `port='0'`.",
      example: {
        bad: NAT("  <dns>\n    <srv service='name' protocol='tcp' port='1024'/>\n  </dns>\n"),
        good: NAT("  <dns>\n    <srv service='name' protocol='tcp' target='web.example' port='1024'/>\n  </dns>\n"),
      },
      libvirtMessage: "XML error: DNS SRV port attribute not permitted without target for service 'name' in network 'default'",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDNSSrvDefParseXML, virNetworkDNSDefParseXML',
    },
  },
  check(ctx) {
    const dns = ctx.model.dns;
    if (dns === undefined) return;
    for (const f of dns.forwarder ?? []) {
      if (f.addr === undefined && f.domain === undefined && !(f.$unknown ?? []).some((u) => u.kind === 'attribute')) {
        ctx.report({ node: f, message: 'a `<forwarder>` needs an `addr` (the server to forward to) or a `domain` (the domain to forward), or both' });
      }
    }
    for (const srv of dns.srv ?? []) {
      if (typeof srv.service === 'string') {
        if (!SERVICE_CHARS.test(srv.service)) {
          ctx.report({ node: srv, attribute: 'service', message: `service '${srv.service}' may only hold letters, digits and the characters _-+/* (no '.': it separates the record's fields)` });
        } else if (Buffer.byteLength(srv.service) > SRV_MAX) {
          ctx.report({ node: srv, attribute: 'service', message: `service name is ${Buffer.byteLength(srv.service)} bytes long; the limit is ${SRV_MAX}` });
        }
      }
      if (srv.target === undefined) {
        for (const attribute of ['port', 'priority', 'weight'] as const) {
          if (srv[attribute] !== undefined) {
            ctx.report({ node: srv, attribute, message: `\`${attribute}\` needs a \`target\` on the same SRV record: add the host that offers the service, or drop \`${attribute}\`` });
          }
        }
      } else if (srv.port === 0) {
        ctx.report({ node: srv, attribute: 'port', message: 'an SRV port must be between 1 and 65535' });
      }
    }
  },
};

export const DNS_RULES = [dnsDisabledWithRecords, dnsRecordInvalid] as const;
