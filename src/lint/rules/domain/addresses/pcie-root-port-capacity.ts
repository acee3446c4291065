/**
 * `pcie-root-port-capacity`: more pcie-root-port controllers without an address than the buses
 * that take root ports (pcie-root and pcie-expander-bus) have functions for.
 *
 * libvirt packs root ports eight to a slot, but it cannot add a bus for them: pcie-root is the
 * only root, and it does not add expander buses on its own.
 */
import type { DocumentRule } from '../../../types.js';
import { attr, controllers, isQemu, machineOf } from './common.js';
import { domainXml } from './examples.js';
import { explicitPciAddresses, pciBuses } from './pci.js';

export const pcieRootPortCapacity: DocumentRule<'domain'> = {
  meta: {
    id: 'pcie-root-port-capacity',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'There are more pcie-root-ports to place than pcie-root and the pcie-expander-buses have room for.',
      why: 'libvirt refuses to define the domain when it cannot find a place for a pcie-root-port: root ports plug only into pcie-root (slots 1–31, eight ports per slot; on q35 slot 0x1f is the chipset\'s) or into a pcie-expander-bus (32 slots), and libvirt cannot add either on its own.',
      example: {
        bad: domainXml({ devices: ["<controller type='pci' index='0' model='pcie-root'/>", ...Array.from({ length: 241 }, () => "<controller type='pci' model='pcie-root-port'/>")] }),
        good: domainXml({ devices: ["<controller type='pci' index='0' model='pcie-root'/>", ...Array.from({ length: 16 }, () => "<controller type='pci' model='pcie-root-port'/>")] }),
      },
      libvirtMessage: "internal error: a PCI slot is needed to connect a PCI controller model='pcie-root-port', but none is available, and it cannot be automatically added",
      libvirtSource: 'src/conf/domain_addr.c, virDomainPCIAddressSetGrow (from qemuDomainAssignDevicePCISlots)',
      limits: 'An upper bound: the rule counts the functions of those buses not taken by configured addresses, and reports only when even that is too few.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const buses = pciBuses(ctx);
    // Only with a pcie-root as bus 0: otherwise the root bus itself is wrong (pci-root-controller).
    if (buses === undefined || buses.get(0)?.model !== 'pcie-root') return;
    const rootPorts = controllers(ctx).filter((c) => c.type === 'pci' && c.model === 'pcie-root-port');
    const placed = new Set(explicitPciAddresses(ctx).map((a) => a.device.el));
    const unplaced = rootPorts.filter((c) => !placed.has(c.el));
    if (unplaced.length === 0) return;
    // Functions on each bus that takes root ports, less those configured addresses use.
    const used = new Map<number, Set<string>>();
    for (const a of explicitPciAddresses(ctx)) {
      let s = used.get(a.bus);
      if (s === undefined) used.set(a.bus, (s = new Set()));
      s.add(`${a.slot}.${a.function}`);
    }
    let capacity = 0;
    for (const bus of buses.values()) {
      if (bus.model !== 'pcie-root' && bus.model !== 'pcie-expander-bus') continue;
      const slots = bus.model === 'pcie-root' ? 31 : 32;
      let free = slots * 8 - (used.get(bus.index)?.size ?? 0);
      // q35's chipset takes slot 0x1f of pcie-root before root ports are placed.
      if (bus.model === 'pcie-root' && machineOf(ctx.platform) === 'q35' && ![...(used.get(0) ?? [])].some((k) => k.startsWith('31.'))) free -= 8;
      capacity += free;
    }
    if (unplaced.length <= capacity) return;
    const first = unplaced[capacity]!;
    ctx.report({
      node: first.el,
      ...(attr(first.el, 'model') !== undefined ? { attribute: 'model' } : {}),
      message: `${unplaced.length} pcie-root-ports need a place, but pcie-root and the pcie-expander-buses have room for at most ${capacity}: remove root ports, or add a pcie-expander-bus for more`,
    });
  },
};
