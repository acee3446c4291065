/**
 * Smaller define-time checks of a network's own elements: its name and title, `<domain>`'s
 * register flag, the bridge's MAC address and static routes' gateways.
 */
import type { DocumentRule } from '../../types.js';
import { natNetwork, networkDoc } from './examples.js';
import { effectivePrefix, maskOf, parseAddress } from './ip.js';

const NAT = (extra: string, name = 'default'): string =>
  networkDoc(`  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n${extra}  <ip address='192.168.122.1' netmask='255.255.255.0'/>\n`, name);

export const nameInvalid: DocumentRule<'network'> = {
  meta: {
    id: 'network-name-invalid',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A network `<name>` that is empty or holds a `/` or a line break, or a `<title>` with a line break.",
      why: "libvirt refuses to define the network: the name becomes a file name (`/etc/libvirt/qemu/networks/NAME.xml`) and appears in one-line listings, so it must be non-empty without `/` or newlines; a title is shown on one line too.",
      example: {
        bad: NAT('', 'lab/nat'),
        good: NAT('', 'lab-nat'),
      },
      libvirtMessage: 'XML error: invalid char in name: /',
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefParseXML (and src/network/bridge_driver.c, networkValidate)',
    },
  },
  check(ctx) {
    const name = ctx.model.name;
    const nameEl = ctx.document.root.children.find((c) => c.kind === 'element' && c.local === 'name');
    if (typeof name === 'string' && nameEl !== undefined) {
      if (name === '') ctx.report({ node: nameEl, message: 'the network name is empty: give the network a name' });
      else if (name.includes('/')) ctx.report({ node: nameEl, message: `the network name '${name}' contains '/': it names a file, so use another character such as '-'` });
      else if (name.includes('\n')) ctx.report({ node: nameEl, message: 'the network name spans several lines: write it on one line' });
    }
    const title = ctx.model.title;
    const titleEl = ctx.document.root.children.find((c) => c.kind === 'element' && c.local === 'title');
    if (typeof title === 'string' && title.includes('\n') && titleEl !== undefined) {
      ctx.report({ node: titleEl, message: 'a network title cannot contain newlines: write it on one line and put the rest in `<description>`' });
    }
  },
};

export const domainRegister: DocumentRule<'network'> = {
  meta: {
    id: 'network-domain-register-without-local-only',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "`<domain register='yes'>` without `localOnly='yes'`.",
      why: 'libvirt refuses to define the network: registering the DNS domain with systemd-resolved only makes sense for a domain the network resolves itself.',
      example: {
        bad: NAT("  <domain name='lab.example' register='yes'/>\n"),
        good: NAT("  <domain name='lab.example' localOnly='yes' register='yes'/>\n"),
      },
      libvirtMessage: "unsupported configuration: attribute 'register=yes' in <domain> element requires 'localOnly=yes' in network default",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefParseXML',
      limits: 'libvirt 9.0.0 does not know the `register` attribute yet and ignores it; later releases refuse the combination.',
    },
  },
  check(ctx) {
    const d = ctx.model.domain;
    if (d?.register === 'yes' && d.localOnly !== 'yes') {
      ctx.report({ node: d, attribute: 'register', message: "`register='yes'` requires `localOnly='yes'` on the same `<domain>`: add it, or drop `register`" });
    }
  },
};

export const macMulticast: DocumentRule<'network'> = {
  meta: {
    id: 'network-mac-multicast',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A network's bridge `<mac address>` that is a multicast address.",
      why: 'libvirt refuses to define the network: the bridge needs a unicast address (the lowest bit of the first byte clear).',
      example: {
        bad: NAT("  <mac address='53:54:00:ab:cd:01'/>\n"),
        good: NAT("  <mac address='52:54:00:ab:cd:01'/>\n"),
      },
      libvirtMessage: "XML error: Invalid multicast bridge mac address '53:54:00:ab:cd:01' in network 'default'",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefParseXML',
    },
  },
  check(ctx) {
    const mac = ctx.model.mac;
    if (mac === undefined || !/^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i.test(mac.address)) return;
    if ((parseInt(mac.address.split(':')[0]!, 16) & 1) === 1) {
      ctx.report({ node: mac, attribute: 'address', message: `'${mac.address}' is a multicast MAC address: the bridge needs a unicast one, e.g. with 52:54:00 as its first bytes` });
    }
  },
};

export const routeGatewayUnreachable: DocumentRule<'network'> = {
  meta: {
    id: 'network-route-gateway-unreachable',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A static `<route>` whose `gateway` is in none of the network's `<ip>` subnets.",
      why: "libvirt refuses to define the network: the gateway must be directly reachable from the network's bridge, that is inside the subnet of one of its `<ip>` elements of the same family.",
      example: {
        bad: natNetwork("      <range start='192.168.122.2' end='192.168.122.254'/>\n").replace('</network>', "  <route address='10.20.0.0' prefix='16' gateway='192.168.1.2'/>\n</network>"),
        good: natNetwork("      <range start='192.168.122.2' end='192.168.122.254'/>\n").replace('</network>', "  <route address='10.20.0.0' prefix='16' gateway='192.168.122.2'/>\n</network>"),
      },
      libvirtMessage: "unsupported configuration: unreachable static route gateway '192.168.1.2' specified for network 'default'",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefParseXML',
    },
  },
  check(ctx) {
    const ips = (ctx.model.ip ?? []).flatMap((ip) => {
      const address = parseAddress(ip.address);
      if (address === undefined) return [];
      const netmask = ip.netmask === undefined ? undefined : parseAddress(ip.netmask);
      return [{ address, prefix: effectivePrefix(address, netmask, ip.prefix) }];
    });
    if (ips.length !== (ctx.model.ip ?? []).length) return; // an address we cannot read: do not guess
    for (const route of ctx.model.route ?? []) {
      const gw = parseAddress(route.gateway);
      if (gw === undefined) continue;
      const reachable = ips.some((ip) => {
        if (ip.address.family !== gw.family || ip.prefix < 0 || ip.prefix > (gw.family === 4 ? 32 : 128)) return false;
        const mask = maskOf(gw.family, ip.prefix);
        return (ip.address.value & mask) === (gw.value & mask);
      });
      if (!reachable) {
        ctx.report({ node: route, attribute: 'gateway', message: `gateway ${route.gateway} is not inside any \`<ip>\` subnet of this network, so the bridge cannot reach it: use an address of one of the network's subnets` });
      }
    }
  },
};

export const virtualportTypeMissing: DocumentRule<'network'> = {
  meta: {
    id: 'network-virtualport-type-missing',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A network-level `<virtualport>` without `type`.",
      why: "libvirt refuses to define the network: the network's virtual port profile says which kind of switch guests plug into (`openvswitch`, `802.1Qbg`, `802.1Qbh`, `midonet`), and port groups and guest interfaces add their parameters to it. (A port group's own `<virtualport>` may leave the type out.)",
      example: {
        bad: networkDoc("  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport/>\n", 'ovs-net'),
        good: networkDoc("  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>\n", 'ovs-net'),
      },
      libvirtMessage: 'XML error: missing required virtualport type',
      libvirtSource: 'src/conf/netdev_vport_profile_conf.c, virNetDevVPortProfileParse (required by src/conf/network_conf.c, virNetworkDefParseXML)',
    },
  },
  check(ctx) {
    const vp = ctx.model.virtualport;
    if (vp === undefined || vp.type !== undefined || (vp.$unknown ?? []).some((u) => u.kind === 'attribute' && u.name === 'type')) return;
    ctx.report({ node: vp, message: "the network's `<virtualport>` needs a `type`: 'openvswitch', '802.1Qbg', '802.1Qbh' or 'midonet'" });
  },
};

export const MISC_RULES = [nameInvalid, domainRegister, macMulticast, routeGatewayUnreachable, virtualportTypeMissing] as const;
