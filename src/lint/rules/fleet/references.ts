/**
 * Domains name networks, storage pools and network filters defined elsewhere. When the linted
 * set defines some of them, a name it does not define is most likely a typo or a missing file.
 * When it defines none of that kind (a repository of domains only), the rule stays silent: the
 * objects live on the hosts.
 */
import type { RootName } from '../../../model/generated/grammar/index.js';
import type { FleetLocation, FleetRule, RuleContext } from '../../types.js';
import { attr, child, children, descendants } from '../hygiene/xml.js';
import { at, devices } from './facts.js';

/** What one document gives: the names it defines, and the names it refers to. */
interface RefFacts {
  readonly defines?: string;
  readonly refs: readonly { readonly name: string; readonly at: FleetLocation }[];
}

/** The filters every libvirt installation ships (src/nwfilter/xml), which need no definition. */
const BUILTIN_FILTERS = new Set([
  'allow-arp', 'allow-dhcp', 'allow-dhcp-server', 'allow-dhcpv6', 'allow-dhcpv6-server', 'allow-incoming-ipv4', 'allow-incoming-ipv6',
  'allow-ipv4', 'allow-ipv6', 'clean-traffic', 'clean-traffic-gateway', 'no-arp-ip-spoofing', 'no-arp-mac-spoofing', 'no-arp-spoofing',
  'no-ip-multicast', 'no-ip-spoofing', 'no-ipv6-multicast', 'no-ipv6-spoofing', 'no-mac-broadcast', 'no-mac-spoofing',
  'no-other-l2-traffic', 'no-other-rarp-traffic', 'qemu-announce-self', 'qemu-announce-self-rarp',
]);

const DOMAIN = (devicesXml: string): string =>
  `<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n${devicesXml}  </devices>\n</domain>\n`;

function referenceRule(options: {
  id: string;
  kind: string;
  definingRoot: RootName;
  docs: FleetRule['meta']['docs'];
  defines: (ctx: RuleContext) => string | undefined;
  refs: (ctx: RuleContext) => { name: string; at: FleetLocation }[];
  builtin?: ReadonlySet<string>;
}): FleetRule<RootName, RefFacts> {
  return {
    meta: { id: options.id, category: 'fleet', level: 'warn', roots: ['domain', options.definingRoot], docs: options.docs },
    collect(ctx) {
      if (ctx.root === options.definingRoot) {
        // A filter can include other filters: those references count as well.
        return { defines: options.defines(ctx), refs: options.definingRoot === 'nwfilter' ? options.refs(ctx) : [] };
      }
      return { refs: options.refs(ctx) };
    },
    checkFleet(entries, context) {
      const defining = entries.filter((e) => e.root === options.definingRoot);
      if (defining.length === 0) return;
      const known = new Set(defining.map((e) => e.facts.defines).filter((n): n is string => n !== undefined));
      for (const e of entries) {
        for (const ref of e.facts.refs) {
          if (known.has(ref.name) || options.builtin?.has(ref.name)) continue;
          const names = [...known].sort();
          const shown = names.length <= 5 ? names.map((n) => `'${n}'`).join(', ') : `${names.slice(0, 5).map((n) => `'${n}'`).join(', ')}, …`;
          context.report({ file: e.file, at: ref.at, message: `no linted file defines the ${options.kind} '${ref.name}' (defined: ${shown}): check the name, or add the ${options.kind}'s definition` });
        }
      }
    },
  };
}

export const unknownNetwork = referenceRule({
  id: 'fleet-unknown-network',
  kind: 'network',
  definingRoot: 'network',
  docs: {
    summary: "A domain interface whose `<source network>` names a network no linted file defines.",
    why: "The domain's interface cannot start without that network on the host (`Network not found: no network with matching name`). When the linted set defines networks, a name none of them has is usually a typo or a forgotten file. The rule is silent when the set defines no network at all.",
    example: {
      bad: DOMAIN("    <interface type='network'>\n      <source network='defualt'/>\n      <model type='virtio'/>\n    </interface>\n"),
      good: DOMAIN("    <interface type='network'>\n      <source network='default'/>\n      <model type='virtio'/>\n    </interface>\n"),
    },
    libvirtMessage: "Network not found: no network with matching name 'defualt'",
    limits: 'The bad example is reported only beside a network definition (e.g. of the network default). Networks that exist on the hosts but not in the linted files are reported too.',
  },
  defines: (ctx) => { const n = child(ctx.document.root, 'name'); return n === undefined ? undefined : n.children.map((c) => (c.kind === 'text' ? c.value : '')).join('').trim(); },
  refs: (ctx) => devices(ctx.document.root, 'interface').flatMap((iface) => {
    if (attr(iface, 'type') !== 'network') return [];
    const source = child(iface, 'source');
    const name = attr(source, 'network');
    return source === undefined || name === undefined ? [] : [{ name, at: at(ctx, source, 'network') }];
  }),
});

export const unknownPool = referenceRule({
  id: 'fleet-unknown-pool',
  kind: 'storage pool',
  definingRoot: 'storagepool',
  docs: {
    summary: "A domain disk whose `<source pool>` names a storage pool no linted file defines.",
    why: "The disk cannot be used without that pool on the host (`Storage pool not found`). When the linted set defines pools, a name none of them has is usually a typo or a forgotten file. The rule is silent when the set defines no pool at all.",
    example: {
      bad: DOMAIN("    <disk type='volume' device='disk'>\n      <source pool='imagse' volume='web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
      good: DOMAIN("    <disk type='volume' device='disk'>\n      <source pool='images' volume='web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
    },
    libvirtMessage: "Storage pool not found: no storage pool with matching name 'imagse'",
    limits: 'The bad example is reported only beside a pool definition (e.g. of the pool images).',
  },
  defines: (ctx) => { const n = child(ctx.document.root, 'name'); return n === undefined ? undefined : n.children.map((c) => (c.kind === 'text' ? c.value : '')).join('').trim(); },
  refs: (ctx) => devices(ctx.document.root, 'disk').flatMap((disk) => {
    if (attr(disk, 'type') !== 'volume') return [];
    const source = child(disk, 'source');
    const name = attr(source, 'pool');
    return source === undefined || name === undefined ? [] : [{ name, at: at(ctx, source, 'pool') }];
  }),
});

export const unknownFilter = referenceRule({
  id: 'fleet-unknown-nwfilter',
  kind: 'network filter',
  definingRoot: 'nwfilter',
  builtin: BUILTIN_FILTERS,
  docs: {
    summary: "A `<filterref filter>` (in a domain interface or a filter) naming a filter that no linted file defines and libvirt does not ship.",
    why: "libvirt cannot start the interface without the filter (`referenced filter '…' is missing`). When the linted set defines filters, a name none of them has, and that is not one of the filters every libvirt installs (clean-traffic, no-mac-spoofing, …), is usually a typo or a forgotten file. The rule is silent when the set defines no filter at all.",
    example: {
      bad: DOMAIN("    <interface type='network'>\n      <source network='default'/>\n      <filterref filter='acme-egres'/>\n    </interface>\n"),
      good: DOMAIN("    <interface type='network'>\n      <source network='default'/>\n      <filterref filter='acme-egress'/>\n    </interface>\n"),
    },
    libvirtMessage: "internal error: referenced filter 'acme-egres' is missing",
    limits: 'The bad example is reported only beside a filter definition (e.g. of acme-egress).',
  },
  defines: (ctx) => attr(ctx.document.root, 'name'),
  refs: (ctx) => {
    const root = ctx.document.root;
    const out: { name: string; at: FleetLocation }[] = [];
    const holders = ctx.root === 'nwfilter' ? [root] : devices(root, 'interface');
    for (const holder of holders) {
      const refs = ctx.root === 'nwfilter' ? children(holder, 'filterref') : [...descendants(holder)].map((d) => d.el).filter((el) => el.local === 'filterref' && el.ns === '');
      for (const ref of refs) {
        const name = attr(ref, 'filter');
        if (name !== undefined && !name.startsWith('$')) out.push({ name, at: at(ctx, ref, 'filter') });
      }
    }
    return out;
  },
});

export const REFERENCE_RULES = [unknownNetwork, unknownPool, unknownFilter] as const;
