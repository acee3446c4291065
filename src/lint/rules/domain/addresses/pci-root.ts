/**
 * The PCI root controller and the machine type:
 *
 * - `pci-root-controller`: the PCI controller with index 0 is the machine's root bus, so its
 *   model must be the machine's (pci-root on i440fx and pSeries, pcie-root on q35 and the `virt`
 *   machines); a pci-root or pcie-root controller must have index 0 (pSeries excepted, where
 *   every PHB is a pci-root) and no address.
 * - `pci-expander-bus-machine`: pci-expander-bus exists on i440fx machines only,
 *   pcie-expander-bus on q35 and ARM `virt` only.
 */
import type { DocumentRule } from '../../../types.js';
import { controllers, implicitPciRoot, isARM, isQemu, isX86, kid, machineOf } from './common.js';
import { domainXml } from './examples.js';

export const pciRootController: DocumentRule<'domain'> = {
  meta: {
    id: 'pci-root-controller',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'The PCI root controller does not match the machine type, has an index other than 0, or has an address.',
      why: 'The PCI controller with index 0 is the root bus the machine type provides: libvirt refuses a pcie-root on an i440fx or pSeries machine and a pci-root on q35 or a `virt` machine. A root bus plugs into nothing, so a pci-root or pcie-root controller may not have an `<address>`, and (except on pSeries, where each extra PHB is a pci-root) it must have index 0.',
      example: {
        bad: domainXml({ devices: ["<controller type='pci' index='0' model='pci-root'/>"] }),
        good: domainXml({ devices: ["<controller type='pci' index='0' model='pcie-root'/>"] }),
      },
      libvirtMessage: "XML error: The PCI controller with index='0' must be model='pcie-root' for this machine type, but model='pci-root' was found instead",
      libvirtSource: 'src/qemu/qemu_postparse.c, qemuDomainDefAddDefaultDevices and qemuDomainControllerDefPostParse; src/conf/domain_validate.c, virDomainControllerDefValidate (address)',
      limits: 'The model and index checks are the QEMU driver\'s and need the machine type in the document; the address check applies to every driver.',
    },
  },
  check(ctx) {
    const qemu = isQemu(ctx.platform);
    const root = implicitPciRoot(ctx.platform);
    const pseries = machineOf(ctx.platform) === 'pseries';
    const maybePseries = pseries || (ctx.platform.machine === undefined && (ctx.platform.arch === 'ppc64' || ctx.platform.arch === 'ppc64le'));
    for (const c of controllers(ctx)) {
      if (c.type !== 'pci') continue;
      const isRoot = c.model === 'pci-root' || c.model === 'pcie-root';
      const address = kid(c.el, 'address');
      if (isRoot && address !== undefined) {
        ctx.report({
          node: address,
          message: `a ${c.model} controller is the root bus and plugs into nothing: remove its <address>`,
        });
      }
      if (!qemu) continue;
      if (c.index === 0 && c.model !== undefined && (root === 'pci-root' || root === 'pcie-root') && c.model !== root) {
        const isRootModel = c.model === 'pci-root' || c.model === 'pcie-root';
        ctx.report({
          node: c.el,
          attribute: 'model',
          message:
            c.explicitIndex === undefined
              ? `this ${c.model} names no index, so libvirt numbers it 0 — the root bus, which on machine type '${ctx.platform.machine}' must be a ${root}: add <controller type='pci' index='0' model='${root}'/> before it, or give it an index`
              : isRootModel
                ? `the PCI controller with index='0' is the root bus, and machine type '${ctx.platform.machine}' has a ${root}: use model='${root}' (or a machine type whose root bus is a ${c.model})`
                : `the PCI controller with index='0' is the root bus, which on machine type '${ctx.platform.machine}' must be a ${root}, not a ${c.model}: give this controller another index and make index 0 a ${root}`,
        });
      } else if (isRoot && c.index !== undefined && c.index !== 0 && !maybePseries) {
        ctx.report({
          node: c.el,
          attribute: c.explicitIndex !== undefined ? 'index' : undefined,
          message: `a ${c.model} controller is the machine's root bus and must have index='0' (only pSeries guests have several pci-root PHBs): use index='0', or a bridge or root port model for the extra bus`,
        });
      }
    }
  },
};

export const pciExpanderBusMachine: DocumentRule<'domain'> = {
  meta: {
    id: 'pci-expander-bus-machine',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A pci-expander-bus on a machine other than i440fx, or a pcie-expander-bus on a machine other than q35 or ARM virt.',
      why: 'libvirt refuses to define the domain: QEMU\'s pxb device plugs into the i440fx machine\'s pci-root only, and pxb-pcie into the pcie-root of q35 and of ARM\'s virt machine.',
      example: {
        bad: domainXml({
          machine: 'pc',
          devices: ["<controller type='pci' index='0' model='pci-root'/>", "<controller type='pci' index='1' model='pcie-expander-bus'/>"],
        }),
        good: domainXml({
          machine: 'pc',
          devices: ["<controller type='pci' index='0' model='pci-root'/>", "<controller type='pci' index='1' model='pci-expander-bus'/>"],
        }),
      },
      libvirtMessage: 'unsupported configuration: pcie-expander-bus controllers are not supported with this machine type',
      libvirtSource: 'src/qemu/qemu_postparse.c, qemuDomainControllerDefPostParse',
      limits: 'QEMU domains only; on x86 and ARM the document must name the machine type.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const arch = ctx.platform.arch;
    const machine = machineOf(ctx.platform);
    for (const c of controllers(ctx)) {
      if (c.type !== 'pci') continue;
      if (c.model === 'pci-expander-bus') {
        const ok = isX86(arch) ? (machine === undefined ? undefined : machine === 'i440fx') : false;
        if (ok === false) {
          ctx.report({
            node: c.el,
            attribute: 'model',
            message: `pci-expander-bus controllers exist on i440fx machine types only, not on '${ctx.platform.machine ?? arch}': on q35 use a pcie-expander-bus`,
          });
        }
      } else if (c.model === 'pcie-expander-bus') {
        const ok = isX86(arch) || isARM(arch) ? (machine === undefined ? undefined : machine === 'q35' || machine === 'arm-virt') : false;
        if (ok === false) {
          ctx.report({
            node: c.el,
            attribute: 'model',
            message: `pcie-expander-bus controllers exist on q35 and ARM virt machine types only, not on '${ctx.platform.machine ?? arch}': on i440fx use a pci-expander-bus`,
          });
        }
      }
    }
  },
};
