/**
 * Port groups, VLAN tags and bandwidth settings of a network, as libvirt's network driver checks
 * them when the network is defined (networkValidate) and as its bandwidth parser reads them.
 */
import type { Bandwidth } from '../../../model/generated/types/networkcommon.js';
import type { NetworkPortgroup } from '../../../model/generated/types/network.js';
import type { DocumentRule, RuleContext } from '../../types.js';
import { networkDoc } from './examples.js';
import { forwardFacts, isLayer3 } from './forward-facts.js';

const NAT = (extra: string): string =>
  networkDoc(`  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n${extra}  <ip address='192.168.122.1' netmask='255.255.255.0'/>\n`);

const OVS = (extra: string): string =>
  networkDoc(`  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>\n${extra}`, 'ovs-net');

export const portgroupDuplicate: DocumentRule<'network'> = {
  meta: {
    id: 'network-portgroup-duplicate',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "Two `<portgroup>` elements with the same name, or more than one with `default='yes'`.",
      why: 'libvirt refuses to define the network: guest interfaces pick a port group by name, and the default one is used when they name none, so both must be unambiguous.',
      example: {
        bad: OVS("  <portgroup name='web' default='yes'/>\n  <portgroup name='db' default='yes'/>\n"),
        good: OVS("  <portgroup name='web' default='yes'/>\n  <portgroup name='db'/>\n"),
      },
      libvirtMessage: "unsupported configuration: network 'ovs-net' has multiple default <portgroup> elements (web and db), but only one default is allowed",
      libvirtSource: 'src/network/bridge_driver.c, networkValidate',
    },
  },
  check(ctx) {
    let defaultGroup: NetworkPortgroup | undefined;
    const byName = new Map<string, NetworkPortgroup>();
    for (const pg of ctx.model.portgroup ?? []) {
      if (pg.default === 'yes') {
        if (defaultGroup !== undefined) {
          ctx.report({
            node: pg,
            attribute: 'default',
            message: `port group '${defaultGroup.name}' (line ${ctx.locate({ node: defaultGroup }).line}) is already the default: only one port group can be`,
            related: [{ node: defaultGroup, attribute: 'default', message: 'the default port group' }],
          });
        } else {
          defaultGroup = pg;
        }
      }
      const first = byName.get(pg.name);
      if (first !== undefined) {
        ctx.report({
          node: pg,
          attribute: 'name',
          message: `another port group (line ${ctx.locate({ node: first }).line}) is already named '${pg.name}': give each port group its own name`,
          related: [{ node: first, attribute: 'name', message: 'first port group with this name' }],
        });
      } else if (typeof pg.name === 'string') {
        byName.set(pg.name, pg);
      }
    }
  },
};

function hasRates(bw: Bandwidth | undefined): bw is Bandwidth {
  return bw !== undefined && (bw.inbound !== undefined || bw.outbound !== undefined);
}

export const portgroupBandwidthForbidden: DocumentRule<'network'> = {
  meta: {
    id: 'network-portgroup-bandwidth-forbidden',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A `<portgroup>` with `<bandwidth>` in a network whose forward mode cannot shape traffic.",
      why: 'libvirt refuses to define the network: it shapes traffic only on bridges (isolated, nat, route and open networks, and bridge mode on a named bridge); macvtap modes and hostdev networks have no place to apply the limits.',
      example: {
        bad: networkDoc("  <forward mode='vepa'>\n    <interface dev='eth1'/>\n  </forward>\n  <portgroup name='slow'>\n    <bandwidth>\n      <inbound average='1000'/>\n    </bandwidth>\n  </portgroup>\n", 'vepa-net'),
        good: networkDoc("  <forward mode='vepa'>\n    <interface dev='eth1'/>\n  </forward>\n  <portgroup name='slow'/>\n", 'vepa-net'),
      },
      libvirtMessage: "unsupported configuration: Unsupported <bandwidth> element in network 'vepa-net' in portgroup 'slow' with forward mode='vepa'",
      libvirtSource: 'src/network/bridge_driver.c, networkValidate',
    },
  },
  check(ctx) {
    const { mode } = forwardFacts(ctx.model);
    if (mode === undefined) return;
    const allowed = isLayer3(mode) || (mode === 'bridge' && ctx.model.bridge?.name !== undefined);
    if (allowed) return;
    for (const pg of ctx.model.portgroup ?? []) {
      if (!hasRates(pg.bandwidth)) continue;
      ctx.report({ node: pg.bandwidth, message: `port group '${pg.name}' sets bandwidth, which forward mode='${mode}' cannot apply: drop the \`<bandwidth>\`` });
    }
  },
};

export const vlanUnsupported: DocumentRule<'network'> = {
  meta: {
    id: 'network-vlan-unsupported',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: 'A `<vlan>` tag in a network (or port group) whose connection type cannot apply VLAN tags.',
      why: "libvirt refuses to define the network: only `hostdev` and `passthrough` networks (SR-IOV devices) and `bridge` networks on an Open vSwitch bridge (`<virtualport type='openvswitch'>`) can tag traffic; a port group with its own `<virtualport>` must be an Open vSwitch one in bridge mode. When a default port group exists, the network-level tag is judged through the port groups.",
      example: {
        bad: NAT("  <vlan>\n    <tag id='42'/>\n  </vlan>\n"),
        good: OVS("  <vlan>\n    <tag id='42'/>\n  </vlan>\n"),
      },
      libvirtMessage: "unsupported configuration: <vlan> element specified for network default, whose type doesn't support vlan configuration",
      libvirtSource: 'src/network/bridge_driver.c, networkValidate',
    },
  },
  check(ctx) {
    const net = ctx.model;
    const { mode } = forwardFacts(net);
    if (mode === undefined) return;
    const vlanAllowed = mode === 'hostdev' || mode === 'passthrough' || (mode === 'bridge' && net.virtualport?.type === 'openvswitch');
    const vlanUsed = (net.vlan?.tag?.length ?? 0) > 0;
    let hasDefault = false;
    let bad: NetworkPortgroup | undefined;
    for (const pg of net.portgroup ?? []) {
      if (vlanUsed || (pg.vlan?.tag?.length ?? 0) > 0) {
        const own = pg.virtualport;
        const badHere = own !== undefined ? mode !== 'bridge' || own.type !== 'openvswitch' : !vlanAllowed;
        if (badHere && bad === undefined) bad = pg;
      }
      if (pg.default === 'yes') hasDefault = true;
    }
    if (bad !== undefined) {
      report(ctx, bad.vlan ?? net.vlan ?? bad, bad.virtualport !== undefined
        ? `port group '${bad.name}' gets a VLAN tag but its \`<virtualport>\` is not an Open vSwitch one in bridge mode: only Open vSwitch (or hostdev/passthrough networks) can tag traffic`
        : `port group '${bad.name}' gets a VLAN tag, which forward mode='${mode}' cannot apply: use an Open vSwitch bridge, or a hostdev/passthrough network`);
    } else if (vlanUsed && !vlanAllowed && !hasDefault) {
      report(ctx, net.vlan!, mode === 'none'
        ? 'an isolated network cannot tag traffic with a VLAN: use an Open vSwitch bridge network, or a hostdev/passthrough network'
        : `forward mode='${mode}' cannot tag traffic with a VLAN: use an Open vSwitch bridge network (\`<virtualport type='openvswitch'>\`), or a hostdev/passthrough network`);
    }
  },
};

function report(ctx: RuleContext<'network'>, node: object, message: string): void {
  ctx.report({ node, message });
}

export const bandwidthInvalid: DocumentRule<'network'> = {
  meta: {
    id: 'network-bandwidth-invalid',
    category: 'network',
    level: 'error',
    roots: ['network'],
    docs: {
      summary: "A network's or port group's `<bandwidth>` with a `classID`, a `floor`, or a rate with neither `average` nor `floor` (or with `peak`/`burst` but no `average`).",
      why: 'libvirt refuses to define the network: `classID` is state libvirt assigns to running interfaces, `floor` guarantees are set per guest interface (not network-wide), and every rate needs an `average` to which `peak` and `burst` apply.',
      example: {
        bad: NAT("  <bandwidth>\n    <inbound peak='5000'/>\n  </bandwidth>\n"),
        good: NAT("  <bandwidth>\n    <inbound average='1000' peak='5000'/>\n  </bandwidth>\n"),
      },
      libvirtMessage: 'XML error: Missing mandatory average or floor attributes',
      libvirtSource: 'src/conf/netdev_bandwidth_conf.c, virNetDevBandwidthParse (called from src/conf/network_conf.c, virNetworkDefParseXML and virNetworkPortGroupParseXML)',
    },
  },
  check(ctx) {
    const all: Bandwidth[] = [];
    if (ctx.model.bandwidth !== undefined) all.push(ctx.model.bandwidth);
    for (const pg of ctx.model.portgroup ?? []) if (pg.bandwidth !== undefined) all.push(pg.bandwidth);
    for (const bw of all) {
      if (bw.classID !== undefined) {
        ctx.report({ node: bw, attribute: 'classID', message: '`classID` is assigned by libvirt to running interfaces and cannot be set on a network: drop it' });
      }
      for (const [rate, name] of [[bw.inbound, 'inbound'], [bw.outbound, 'outbound']] as const) {
        if (rate === undefined) continue;
        if (rate.average === undefined && rate.floor === undefined) {
          ctx.report({ node: rate, message: `\`<${name}>\` needs an \`average\` rate (kilobytes per second)` });
        } else if ((rate.peak !== undefined || rate.burst !== undefined) && rate.average === undefined) {
          ctx.report({ node: rate, attribute: rate.peak !== undefined ? 'peak' : 'burst', message: `\`peak\` and \`burst\` apply to an \`average\` rate: add \`average\` to \`<${name}>\`` });
        } else if (rate.floor !== undefined) {
          ctx.report({ node: rate, attribute: 'floor', message: '`floor` is a guarantee for one guest interface and cannot be set network-wide or on a port group: set it on the guest\'s `<interface><bandwidth>`' });
        }
      }
    }
  },
};

export const PORTGROUP_RULES = [portgroupDuplicate, portgroupBandwidthForbidden, vlanUnsupported, bandwidthInvalid] as const;
