/**
 * Virtual networks on one host: libvirt creates a bridge and routes a subnet for each isolated,
 * NAT, routed or open network, so two of them cannot share a bridge name or overlapping subnets.
 */
import type { FleetLocation, FleetRule } from '../../types.js';
import { forwardFacts, isLayer3 } from '../network/forward-facts.js';
import { formatAddress, ipSubnet, maskOf } from '../network/ip.js';
import { at } from './facts.js';

interface SubnetFact {
  readonly family: 4 | 6;
  /** The masked network address as a decimal string (bigints do not cross JSON). */
  readonly network: string;
  readonly prefix: number;
  readonly shown: string;
  readonly at: FleetLocation;
}

const NAT = (bridge: string, address: string): string =>
  `<network>\n  <name>lab</name>\n  <forward mode='nat'/>\n  <bridge name='${bridge}'/>\n  <ip address='${address}' prefix='24'/>\n</network>\n`;

export const subnetOverlap: FleetRule<'network', SubnetFact[]> = {
  meta: {
    id: 'fleet-network-subnet-overlap',
    category: 'fleet',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "Two virtual networks whose `<ip>` subnets overlap.",
      why: "libvirt gives each isolated, NAT, routed or open network its own bridge with a route to its subnet. Two networks over one subnet cannot both run: starting the second fails (`Network is already in use by interface virbr0`), and routing between them would be ambiguous anyway.",
      example: {
        bad: NAT('virbr1', '192.168.122.1'),
        good: NAT('virbr1', '192.168.123.1'),
      },
      libvirtMessage: 'internal error: Network is already in use by interface virbr0',
      libvirtSource: 'src/network/bridge_driver_linux.c, networkCheckRouteCollision (when the network starts; it finds an identical subnet, a partial overlap breaks routing instead)',
      limits: 'The bad example clashes only beside the usual default network on 192.168.122.0/24. Bridge- and macvtap-mode networks, whose addresses libvirt does not manage, are not compared. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
    },
  },
  collect(ctx) {
    const { mode } = forwardFacts(ctx.model);
    if (mode === undefined || !isLayer3(mode)) return [];
    const out: SubnetFact[] = [];
    for (const ip of ctx.model.ip ?? []) {
      const subnet = ipSubnet(ip);
      if (subnet === undefined || subnet.prefix < 0 || subnet.prefix > (subnet.address.family === 4 ? 32 : 128)) continue;
      const network = subnet.address.value & maskOf(subnet.address.family, subnet.prefix);
      out.push({
        family: subnet.address.family,
        network: network.toString(),
        prefix: subnet.prefix,
        shown: `${formatAddress({ family: subnet.address.family, value: network })}/${subnet.prefix}`,
        at: at(ctx, ip, 'address'),
      });
    }
    return out;
  },
  checkFleet(entries, context) {
    const seen: { file: string; fact: SubnetFact }[] = [];
    for (const e of entries) {
      for (const fact of e.facts ?? []) {
        const clash = seen.find((s) => {
          if (s.file === e.file || s.fact.family !== fact.family) return false;
          const prefix = Math.min(s.fact.prefix, fact.prefix);
          const mask = maskOf(fact.family, prefix);
          return (BigInt(s.fact.network) & mask) === (BigInt(fact.network) & mask);
        });
        if (clash !== undefined) {
          context.report({
            file: e.file,
            at: fact.at,
            message: `subnet ${fact.shown} overlaps ${clash.fact.shown} of the network in ${clash.file} (line ${clash.fact.at.line}): the two networks cannot run at once; give this one a subnet of its own`,
            related: [{ ...clash.fact.at, file: clash.file, message: 'the overlapping subnet' }],
          });
        }
        seen.push({ file: e.file, fact });
      }
    }
  },
};

interface BridgeFact {
  readonly name: string;
  /** Whether libvirt creates this bridge (and so claims its name). */
  readonly managed: boolean;
  readonly at: FleetLocation;
}

export const duplicateBridge: FleetRule<'network', BridgeFact[]> = {
  meta: {
    id: 'fleet-duplicate-bridge-name',
    category: 'fleet',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'Two virtual networks with the same `<bridge name>` where libvirt creates the bridge.',
      why: "libvirt refuses to define an isolated, NAT, routed or open network whose bridge name another network already uses (`bridge name 'virbr0' already in use.`): it creates that bridge itself. Networks in bridge mode may share an existing host bridge.",
      example: {
        bad: NAT('virbr0', '192.168.123.1'),
        good: NAT('virbr1', '192.168.123.1'),
      },
      libvirtMessage: "internal error: bridge name 'virbr0' already in use.",
      libvirtSource: 'src/network/bridge_driver.c, networkBridgeNameValidate',
      limits: 'The bad example clashes only beside another network on virbr0 (the usual default network). All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
    },
  },
  collect(ctx) {
    const bridge = ctx.model.bridge;
    const name = bridge?.name;
    const { mode } = forwardFacts(ctx.model);
    if (bridge === undefined || name === undefined || name.includes('%d') || mode === undefined) return [];
    return [{ name, managed: isLayer3(mode), at: at(ctx, bridge, 'name') }];
  },
  checkFleet(entries, context) {
    const seen: { file: string; fact: BridgeFact }[] = [];
    for (const e of entries) {
      for (const fact of e.facts ?? []) {
        const clash = seen.find((s) => s.file !== e.file && s.fact.name === fact.name && (s.fact.managed || fact.managed));
        if (clash !== undefined) {
          context.report({
            file: e.file,
            at: fact.at,
            message: `bridge name '${fact.name}' is already used by the network in ${clash.file} (line ${clash.fact.at.line}), and libvirt creates this bridge for ${fact.managed && clash.fact.managed ? 'both networks' : 'one of them'}: give each network its own bridge name (e.g. virbr1)`,
            related: [{ ...clash.fact.at, file: clash.file, message: 'the other network on this bridge' }],
          });
        }
        seen.push({ file: e.file, fact });
      }
    }
  },
};

export const NETWORK_FLEET_RULES = [subnetOverlap, duplicateBridge] as const;
