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
      limits: 'An upper bound: the rule counts the functions of those buses that configured addresses leave to root ports, assuming the most room, and reports only when even that is too few.',
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
    // Configured addresses are placed first. A slot takes further root ports only when a root port is
    // among its configured devices (libvirt marks a slot for aggregation by its first device; lint
    // assumes the best case), and then only on its free functions.
    const slots = new Map<string, { functions: Set<number>; rootPort: boolean }>();
    for (const a of explicitPciAddresses(ctx)) {
      const key = `${a.bus}/${a.slot}`;
      let s = slots.get(key);
      if (s === undefined) slots.set(key, (s = { functions: new Set(), rootPort: false }));
      s.functions.add(a.function);
      if (a.device.kind === 'controller' && attr(a.device.el, 'model') === 'pcie-root-port') s.rootPort = true;
    }
    const q35 = machineOf(ctx.platform) === 'q35';
    let capacity = 0;
    for (const bus of buses.values()) {
      if (bus.model !== 'pcie-root' && bus.model !== 'pcie-expander-bus') continue;
      const first = bus.model === 'pcie-root' ? 1 : 0;
      for (let slot = first; slot <= 31; slot++) {
        const s = slots.get(`${bus.index}/${slot}`);
        // q35's chipset sits in slot 0x1f of pcie-root (functions 0, 2 and 3), placed before root ports.
        const chipset = q35 && bus.index === 0 && slot === 0x1f;
        if (s === undefined) {
          if (!chipset) capacity += 8;
          continue;
        }
        if (!s.rootPort) continue;
        const used = new Set(s.functions);
        if (chipset) [0, 2, 3].forEach((f) => used.add(f));
        capacity += 8 - used.size;
      }
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
