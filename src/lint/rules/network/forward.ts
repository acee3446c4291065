/**
 * A network's `<forward>` element: its device pool (`dev`, `<interface>`, `<address>`, `<pf>`),
 * its `<nat>` settings, and what each forward mode needs or cannot take. The checks are libvirt's
 * parser's (virNetworkForwardDefParseXML, virNetworkDefParseXML) and its network driver's
 * (networkValidate), both run by `virsh net-define`.
 */
import type { NetworkForwardAddress, NetworkForwardInterface } from '../../../model/generated/types/network.js';
import type { DocumentRule } from '../../types.js';
import { attr, elementOf, parseUintBase0 } from '../hygiene/xml.js';
import { networkDoc } from './examples.js';
import { describeMode, forwardFacts, isLayer3 } from './forward-facts.js';
import { parseAddress, rangeProblem } from './ip.js';

const IP = "  <ip address='192.168.122.1' netmask='255.255.255.0'/>\n";

export const forwardDevConflict: DocumentRule<'network'> = {
  meta: {
    id: 'network-forward-dev-conflict',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "`<forward dev>` that differs from the first `<interface>`, or that is given together with `<address>` or `<pf>` children.",
      why: "libvirt refuses to define the network: `dev` is a short form of the first `<interface dev>`, so the two must agree, and it cannot name a device when the pool is given by PCI address or physical function.",
      example: {
        bad: networkDoc("  <forward mode='bridge' dev='eth1'>\n    <interface dev='eth2'/>\n    <interface dev='eth3'/>\n  </forward>\n", 'macvtap'),
        good: networkDoc("  <forward mode='bridge' dev='eth2'>\n    <interface dev='eth2'/>\n    <interface dev='eth3'/>\n  </forward>\n", 'macvtap'),
      },
      libvirtMessage: "XML error: <forward dev='eth1'> must match first <interface dev='eth2'/> in network macvtap",
      libvirtSource: 'src/conf/network_conf.c, virNetworkForwardDefParseXML',
    },
  },
  check(ctx) {
    const fwd = ctx.model.forward;
    if (fwd?.dev === undefined) return;
    if ((fwd.address?.length ?? 0) > 0 || fwd.pf !== undefined) {
      ctx.report({ node: fwd, attribute: 'dev', message: "`dev` cannot be used when the pool is given by `<address>` or `<pf>`: drop `dev`" });
      return;
    }
    const first = fwd.interface?.[0];
    if (first !== undefined && first.dev !== fwd.dev) {
      ctx.report({
        node: first,
        attribute: 'dev',
        message: `the first \`<interface dev='${first.dev}'>\` must match \`<forward dev='${fwd.dev}'>\`: make them the same device, or drop \`dev\``,
        related: [{ node: fwd, attribute: 'dev', message: 'the forward device' }],
      });
    }
  },
};

function pciKey(a: NetworkForwardAddress): string | undefined {
  const el = elementOf(a);
  const parts = ['domain', 'bus', 'slot', 'function'].map((n) => {
    const v = attr(el, n);
    return v === undefined ? 0 : parseUintBase0(v);
  });
  return parts.some((p) => p === undefined) ? undefined : parts.join(':');
}

export const forwardPoolDuplicate: DocumentRule<'network'> = {
  meta: {
    id: 'network-forward-pool-duplicate',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'A device listed twice in the pool of a `<forward>` element (an `<interface>` or a PCI `<address>`).',
      why: 'libvirt refuses to define the network: each physical device can be in the pool only once, since it is handed to one guest interface at a time.',
      example: {
        bad: networkDoc("  <forward mode='passthrough'>\n    <interface dev='eth3'/>\n    <interface dev='eth4'/>\n    <interface dev='eth3'/>\n  </forward>\n", 'passthrough-net'),
        good: networkDoc("  <forward mode='passthrough'>\n    <interface dev='eth3'/>\n    <interface dev='eth4'/>\n    <interface dev='eth5'/>\n  </forward>\n", 'passthrough-net'),
      },
      libvirtMessage: "XML error: interface 'eth3' can only be listed once in network passthrough-net",
      libvirtSource: 'src/conf/network_conf.c, virNetworkForwardDefParseXML',
    },
  },
  check(ctx) {
    const facts = forwardFacts(ctx.model);
    const fwd = facts.forward;
    if (fwd === undefined) return;
    if (facts.poolKind === 'netdev') {
      const seen = new Map<string, NetworkForwardInterface>();
      for (const iface of fwd.interface ?? []) {
        const first = seen.get(iface.dev);
        if (first === undefined) {
          seen.set(iface.dev, iface);
          continue;
        }
        ctx.report({
          node: iface,
          attribute: 'dev',
          message: `interface '${iface.dev}' is already in the pool (line ${ctx.locate({ node: first }).line}): list each device once`,
          related: [{ node: first, attribute: 'dev', message: 'first listing' }],
        });
      }
    } else if (facts.poolKind === 'pci') {
      const seen = new Map<string, NetworkForwardAddress>();
      for (const a of fwd.address ?? []) {
        const key = pciKey(a);
        if (key === undefined) continue;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, a);
          continue;
        }
        const [d, b, s, f] = key.split(':').map(Number) as [number, number, number, number];
        const name = `${d.toString(16).padStart(4, '0')}:${b.toString(16).padStart(2, '0')}:${s.toString(16).padStart(2, '0')}.${f.toString(16)}`;
        ctx.report({
          node: a,
          message: `PCI device ${name} is already in the pool (line ${ctx.locate({ node: first }).line}): list each device once`,
          related: [{ node: first, message: 'first listing' }],
        });
      }
    }
  },
};

export const forwardNatMisplaced: DocumentRule<'network'> = {
  meta: {
    id: 'network-forward-nat-misplaced',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A `<nat>` element inside a `<forward>` whose mode is not `nat`.",
      why: 'libvirt refuses to define the network: NAT addresses and ports only apply to NAT forwarding.',
      example: {
        bad: networkDoc(`  <forward mode='route'>\n    <nat>\n      <port start='1024' end='65535'/>\n    </nat>\n  </forward>\n  <bridge name='virbr0'/>\n${IP}`),
        good: networkDoc(`  <forward mode='nat'>\n    <nat>\n      <port start='1024' end='65535'/>\n    </nat>\n  </forward>\n  <bridge name='virbr0'/>\n${IP}`),
      },
      libvirtMessage: "XML error: The <nat> element can only be used when <forward> 'mode' is 'nat' in network default",
      libvirtSource: 'src/conf/network_conf.c, virNetworkForwardNatDefParseXML',
    },
  },
  check(ctx) {
    const { mode, forward } = forwardFacts(ctx.model);
    if (forward?.nat === undefined || mode === undefined || mode === 'nat') return;
    ctx.report({ node: forward.nat, message: `\`<nat>\` only applies to forward mode='nat', not '${mode}': drop it or change the mode` });
  },
};

export const forwardNatInvalid: DocumentRule<'network'> = {
  meta: {
    id: 'network-forward-nat-invalid',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A `<nat>` address or port range that is reversed, not IPv4, or out of bounds.",
      why: 'libvirt refuses to define the network: the SNAT address range must be IPv4 with its start not after its end (and at most 65536 addresses), and the port range must run from a start to a not smaller end, both at most 65535.',
      example: {
        bad: networkDoc(`  <forward mode='nat'>\n    <nat>\n      <address start='203.0.113.20' end='203.0.113.10'/>\n    </nat>\n  </forward>\n  <bridge name='virbr0'/>\n${IP}`),
        good: networkDoc(`  <forward mode='nat'>\n    <nat>\n      <address start='203.0.113.10' end='203.0.113.20'/>\n    </nat>\n  </forward>\n  <bridge name='virbr0'/>\n${IP}`),
      },
      libvirtMessage: 'internal error: range 203.0.113.20 - 203.0.113.10 is reversed',
      libvirtSource: 'src/conf/network_conf.c, virNetworkForwardNatDefParseXML',
    },
  },
  check(ctx) {
    const nat = ctx.model.forward?.nat;
    if (nat === undefined) return;
    const a = nat.address;
    if (a !== undefined) {
      const start = parseAddress(a.start);
      const end = parseAddress(a.end);
      if (start !== undefined && start.family !== 4) {
        ctx.report({ node: a, attribute: 'start', message: `NAT addresses are IPv4 only; '${a.start}' is not: give an IPv4 address` });
      } else if (end !== undefined && end.family !== 4) {
        ctx.report({ node: a, attribute: 'end', message: `NAT addresses are IPv4 only; '${a.end}' is not: give an IPv4 address` });
      } else if (start !== undefined && end !== undefined) {
        const p = rangeProblem(start, end);
        if (p?.kind === 'too-large') ctx.report({ node: a, attribute: 'end', message: `NAT range ${a.start} - ${a.end} is too large: the first two bytes of both ends must be equal` });
        else if (p?.kind === 'reversed') ctx.report({ node: a, attribute: 'start', message: `NAT range start ${a.start} is after its end ${a.end}: swap the two addresses` });
      }
    }
    const p = nat.port;
    if (p !== undefined && typeof p.start === 'number' && typeof p.end === 'number') {
      if (p.start > 65535) ctx.report({ node: p, attribute: 'start', message: `port ${p.start} is above 65535` });
      else if (p.end > 65535) ctx.report({ node: p, attribute: 'end', message: `port ${p.end} is above 65535` });
      else if (p.end < p.start) ctx.report({ node: p, attribute: 'end', message: `port range end ${p.end} is below its start ${p.start}: swap the two` });
    }
  },
};

export const forwardRequiresIp: DocumentRule<'network'> = {
  meta: {
    id: 'network-forward-requires-ip',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A network with forward mode `nat` or `route` (or a `<forward>` with no mode, which means `nat`) but no `<ip>`.",
      why: 'libvirt refuses to define the network: routing or NATing traffic needs the subnet the network is on.',
      example: {
        bad: networkDoc("  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n"),
        good: networkDoc(`  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n${IP}`),
      },
      libvirtMessage: "XML error: nat forwarding requested, but no IP address provided for network 'default'",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefParseXML',
    },
  },
  check(ctx) {
    const { mode, forward } = forwardFacts(ctx.model);
    if (forward === undefined || (mode !== 'nat' && mode !== 'route') || (ctx.model.ip?.length ?? 0) > 0) return;
    ctx.report({ node: forward, message: `${mode} forwarding needs the network's subnet: add an \`<ip address=… prefix=…>\` element` });
  },
};

export const forwardPoolMode: DocumentRule<'network'> = {
  meta: {
    id: 'network-forward-pool-mode',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A `<forward>` device pool of a kind its mode cannot use: several devices for `nat` or `route`, any device for `open`, interface names for `hostdev`, PCI addresses for any mode but `hostdev`.",
      why: "libvirt refuses to define the network: NAT and routed networks go out through at most one device, an open network places no restriction on where traffic goes, a `hostdev` network assigns SR-IOV functions by PCI address, and only `hostdev` can use PCI addresses.",
      example: {
        bad: networkDoc(`  <forward mode='nat'>\n    <interface dev='eth0'/>\n    <interface dev='eth1'/>\n  </forward>\n  <bridge name='virbr0'/>\n${IP}`),
        good: networkDoc(`  <forward mode='nat'>\n    <interface dev='eth0'/>\n  </forward>\n  <bridge name='virbr0'/>\n${IP}`),
      },
      libvirtMessage: "XML error: multiple forwarding interfaces specified for network 'default', only one is supported",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefParseXML; src/network/bridge_driver.c, networkValidate',
    },
  },
  check(ctx) {
    const { mode, forward, poolSize, poolKind } = forwardFacts(ctx.model);
    if (forward === undefined || mode === undefined) return;
    const second = poolKind === 'netdev' ? forward.interface?.[1] : forward.address?.[1];
    if ((mode === 'nat' || mode === 'route') && poolSize > 1) {
      ctx.report({ node: second ?? forward, message: `a ${mode} network forwards through one device at most, but ${poolSize} are listed: keep one` });
    } else if (mode === 'open' && poolSize > 0) {
      ctx.report({ node: forward.dev !== undefined ? forward : (forward.interface?.[0] ?? forward.address?.[0] ?? forward), attribute: forward.dev !== undefined ? 'dev' : undefined, message: 'an open network places no restriction on where its traffic goes, so it takes no forward device: drop it' });
    } else if (mode === 'hostdev' && poolKind === 'netdev') {
      const named = forward.dev !== undefined ? forward.dev : forward.interface?.[0]?.dev;
      ctx.report({ node: forward.dev !== undefined ? forward : forward.interface![0]!, attribute: 'dev', message: `a hostdev network lists its devices by PCI address, not by interface name ('${named}'): use \`<address type='pci' …>\` children (or \`<pf dev=…>\`)` });
    } else if (mode !== 'hostdev' && poolKind === 'pci') {
      ctx.report({ node: forward.address![0]!, message: `only forward mode='hostdev' can list devices by PCI address, not ${describeMode(mode)}: list interfaces by name instead, or use mode='hostdev'` });
    }
  },
};

/** Which bridge settings each mode refuses, as libvirt's parser checks them. */
export const bridgeOptionsForbidden: DocumentRule<'network'> = {
  meta: {
    id: 'network-bridge-options-forbidden',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "`<bridge>` settings in a forward mode that does not use a libvirt-managed bridge.",
      why: "libvirt refuses to define the network: in modes `private`, `vepa`, `passthrough` and `hostdev` guests attach directly to a physical device, so there is no bridge to name, zone or give a MAC table manager; in those modes and in `bridge` mode the `delay`, `stp` and `zone` settings of a libvirt-created bridge do not apply; and a `bridge` mode network uses either an existing bridge or a forward device, not both.",
      example: {
        bad: networkDoc("  <forward mode='bridge'/>\n  <bridge name='br0' stp='off'/>\n", 'host-bridge'),
        good: networkDoc("  <forward mode='bridge'/>\n  <bridge name='br0'/>\n", 'host-bridge'),
      },
      libvirtMessage: "XML error: bridge delay/stp/zone options only allowed in open, route, nat, and isolated mode, not in bridge (network 'host-bridge')",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefParseXML',
    },
  },
  check(ctx) {
    const { mode, poolSize, hasPf } = forwardFacts(ctx.model);
    const bridge = ctx.model.bridge;
    if (mode === undefined || isLayer3(mode) || bridge === undefined) return;
    const direct = mode !== 'bridge';
    const report = (attribute: string, message: string): void => ctx.report({ node: bridge, attribute, message });
    if (direct && bridge.name !== undefined) report('name', `forward mode='${mode}' attaches guests directly to a device, so the network has no bridge to name: drop \`<bridge name>\``);
    else if (direct && bridge.zone !== undefined) report('zone', `forward mode='${mode}' has no bridge to put in a firewall zone: drop \`zone\``);
    else if (direct && bridge.macTableManager !== undefined) report('macTableManager', `forward mode='${mode}' has no bridge whose MAC table to manage: drop \`macTableManager\``);
    else if (bridge.delay !== undefined && /^\d+$/.test(String(bridge.delay)) && BigInt(bridge.delay) !== 0n) report('delay', `\`delay\` only applies to bridges libvirt creates (isolated, nat, route and open networks), not to forward mode='${mode}': drop it`);
    else if (bridge.stp !== undefined || elementOf(bridge)?.attributes.some((a) => a.name === 'stp')) report('stp', `\`stp\` only applies to bridges libvirt creates (isolated, nat, route and open networks), not to forward mode='${mode}': drop it`);
    else if (bridge.zone !== undefined) report('zone', `\`zone\` only applies to bridges libvirt creates (isolated, nat, route and open networks), not to forward mode='${mode}': drop it`);
    else if (bridge.name !== undefined && (poolSize > 0 || hasPf)) report('name', `a forward mode='${mode}' network uses either an existing bridge or a forward device, not both: drop \`<bridge name>\` or the forward device`);
  },
};

export const mtuForbidden: DocumentRule<'network'> = {
  meta: {
    id: 'network-mtu-forbidden',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "`<mtu>` in a network whose forward mode is `bridge`, `private`, `vepa`, `passthrough` or `hostdev`.",
      why: "libvirt refuses to define the network: it sets the MTU only on bridges it creates itself (isolated, nat, route and open networks); other modes use a device's own MTU.",
      example: {
        bad: networkDoc("  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <mtu size='9000'/>\n", 'host-bridge'),
        good: networkDoc("  <forward mode='bridge'/>\n  <bridge name='br0'/>\n", 'host-bridge'),
      },
      libvirtMessage: "XML error: mtu size only allowed in open, route, nat, and isolated mode, not in bridge (network 'host-bridge')",
      libvirtSource: 'src/conf/network_conf.c, virNetworkDefParseXML',
    },
  },
  check(ctx) {
    const { mode } = forwardFacts(ctx.model);
    const mtu = ctx.model.mtu;
    if (mode === undefined || isLayer3(mode) || mtu === undefined || !mtu.size) return;
    ctx.report({ node: mtu, attribute: 'size', message: `forward mode='${mode}' uses the MTU of the host's own device; libvirt sets it only for bridges it creates: set the MTU on the host device and drop \`<mtu>\`` });
  },
};

export const modeForbidsElement: DocumentRule<'network'> = {
  meta: {
    id: 'network-forward-mode-forbids-element',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "`<mac>`, `<ip>`, DNS records, `<domain>` or a network-wide `<bandwidth>` in a network whose forward mode is `bridge`, `private`, `vepa`, `passthrough` or `hostdev`.",
      why: "libvirt refuses to define the network: in those modes libvirt runs no bridge of its own, no DHCP or DNS server and no shaping, so there is nothing to give an address, a MAC, records or a DNS domain to. (A `bridge` mode network on an existing `<bridge name>` may set `<bandwidth>`.)",
      example: {
        bad: networkDoc("  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <ip address='192.168.1.1' prefix='24'/>\n", 'host-bridge'),
        good: networkDoc("  <forward mode='bridge'/>\n  <bridge name='br0'/>\n", 'host-bridge'),
      },
      libvirtMessage: "unsupported configuration: Unsupported <ip> element in network host-bridge with forward mode='bridge'",
      libvirtSource: 'src/network/bridge_driver.c, networkValidate',
    },
  },
  check(ctx) {
    const { mode } = forwardFacts(ctx.model);
    if (mode === undefined || isLayer3(mode)) return;
    const net = ctx.model;
    if (net.mac !== undefined) ctx.report({ node: net.mac, message: `\`<mac>\` has no bridge to apply to in forward mode='${mode}': drop it` });
    const ip = net.ip?.[0];
    if (ip !== undefined) ctx.report({ node: ip, message: `\`<ip>\` is not supported with forward mode='${mode}': guests get their addresses from the physical network, not from libvirt; drop it` });
    const dns = net.dns;
    if (dns !== undefined && ((dns.txt?.length ?? 0) > 0 || (dns.host?.length ?? 0) > 0 || (dns.srv?.length ?? 0) > 0)) {
      ctx.report({ node: dns, message: `DNS records are not served in forward mode='${mode}' (libvirt runs no DNS server there): drop them` });
    }
    if (net.domain?.name !== undefined) ctx.report({ node: net.domain, message: `\`<domain>\` has no DNS server to apply to in forward mode='${mode}': drop it` });
    const bw = net.bandwidth;
    const bandwidthAllowed = mode === 'bridge' && net.bridge?.name !== undefined;
    if (bw !== undefined && (bw.inbound !== undefined || bw.outbound !== undefined) && !bandwidthAllowed) {
      ctx.report({ node: bw, message: `a network-wide \`<bandwidth>\` is not supported with forward mode='${mode}'${mode === 'bridge' ? ' without a `<bridge name>`' : ''}: set bandwidth on the guests' interfaces instead` });
    }
  },
};

export const forwardPoolMissing: DocumentRule<'network'> = {
  meta: {
    id: 'network-forward-pool-missing',
    category: 'network',
    level: 'warn',
    roots: ['network'],
    docs: {
      summary: "A network in forward mode `private`, `vepa`, `passthrough` or `hostdev` (or `bridge` without `<bridge name>`) that lists no device to attach guests to.",
      why: "These modes connect each guest interface directly to a physical device (macvtap or an SR-IOV function) taken from the `<forward>` element's pool: `dev`, `<interface>`, `<address>` or a `<pf>` whose functions libvirt enumerates. libvirt defines and starts such a network without one, but every guest interface that connects to it fails.",
      example: {
        bad: networkDoc("  <forward mode='passthrough'/>\n", 'passthrough-net'),
        good: networkDoc("  <forward mode='passthrough'>\n    <pf dev='eth3'/>\n  </forward>\n", 'passthrough-net'),
      },
      libvirtMessage: "internal error: network 'passthrough-net' uses a direct mode, but has no forward dev and no interface pool",
      libvirtSource: 'src/network/bridge_driver.c, networkAllocatePort (when a guest interface connects)',
    },
  },
  check(ctx) {
    const { mode, forward, poolSize, hasPf } = forwardFacts(ctx.model);
    if (mode === undefined || forward === undefined || isLayer3(mode) || poolSize > 0 || hasPf) return;
    if (mode === 'bridge' && ctx.model.bridge?.name !== undefined) return;
    const what = mode === 'bridge' ? "a bridge-mode network needs either an existing host bridge (`<bridge name='br0'/>`) or devices for macvtap" : `forward mode='${mode}' attaches guests directly to host devices`;
    ctx.report({ node: forward, attribute: 'mode', message: `${what}, but none is listed, so guests cannot connect: add \`<interface dev='…'/>\`${mode === 'hostdev' ? ", \`<address type='pci' …/>\`" : ''} or \`<pf dev='…'/>\` children` });
  },
};

export const FORWARD_RULES = [
  forwardDevConflict, forwardPoolDuplicate, forwardNatMisplaced, forwardNatInvalid, forwardRequiresIp, forwardPoolMode,
  bridgeOptionsForbidden, mtuForbidden, modeForbidsElement, forwardPoolMissing,
] as const;
