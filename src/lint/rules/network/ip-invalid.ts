/**
 * `network-ip-invalid`: an `<ip>` element whose address, family, prefix or netmask disagree, or
 * that holds what only an IPv4 address can have.
 */
import type { DocumentRule } from '../../types.js';
import { networkDoc } from './examples.js';
import { parseAddress } from './ip.js';

export const ipInvalid: DocumentRule<'network'> = {
  meta: {
    id: 'network-ip-invalid',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "An `<ip>` whose address does not match its `family`, whose prefix is too long, or that lacks an address.",
      why: "libvirt refuses to define the network: every `<ip>` needs an `address`; without `family` (or with `family='ipv4'`) it must be IPv4 with a prefix of at most 32, with `family='ipv6'` it must be IPv6 and take no `netmask`; and `<tftp>` is only served on IPv4.",
      example: {
        bad: networkDoc("  <bridge name='virbr1'/>\n  <ip address='2001:db8:ca2:2::1' prefix='64'/>\n", 'ipv6net'),
        good: networkDoc("  <bridge name='virbr1'/>\n  <ip family='ipv6' address='2001:db8:ca2:2::1' prefix='64'/>\n", 'ipv6net'),
      },
      libvirtMessage: "unsupported configuration: no family specified for non-IPv4 address '2001:db8:ca2:2::1' in network 'ipv6net'",
      libvirtSource: 'src/conf/network_conf.c, virNetworkIPDefParseXML',
    },
  },
  check(ctx) {
    for (const ip of ctx.model.ip ?? []) {
      if (ip.address === undefined) {
        if (!(ip.$unknown ?? []).some((u) => u.kind === 'attribute' && u.name === 'address')) {
          ctx.report({ node: ip, message: 'an `<ip>` element needs an `address` attribute: the host-side address of the network' });
        }
        continue;
      }
      const address = parseAddress(ip.address);
      if (address === undefined) continue;
      const family = ip.family;
      if (family === undefined || family === 'ipv4') {
        if (address.family !== 4) {
          ctx.report({
            node: ip,
            attribute: family === undefined ? 'address' : 'family',
            message: family === undefined
              ? `'${ip.address}' is an IPv6 address: add \`family='ipv6'\` to the \`<ip>\` element`
              : `\`family='ipv4'\` does not match the IPv6 address '${ip.address}': write \`family='ipv6'\``,
          });
        } else if (ip.netmask === undefined && ip.prefix !== undefined && ip.prefix > 32) {
          ctx.report({ node: ip, attribute: 'prefix', message: `prefix ${ip.prefix} is too long for an IPv4 address: use at most 32` });
        }
      } else if (family === 'ipv6') {
        if (address.family !== 6) {
          ctx.report({ node: ip, attribute: 'family', message: `\`family='ipv6'\` does not match the IPv4 address '${ip.address}': drop \`family\` or write \`family='ipv4'\`` });
        } else if (ip.netmask !== undefined) {
          ctx.report({ node: ip, attribute: 'netmask', message: 'an IPv6 address takes no `netmask`: give its length as `prefix` instead' });
        }
      }
      if (ip.tftp !== undefined && address.family !== 4) {
        ctx.report({ node: ip.tftp, message: '`<tftp>` is only served on IPv4: move it to the IPv4 `<ip>` of the network' });
      }
    }
  },
};
