/**
 * `integrated-controller-address`: a chipset controller configured at a PCI address other than
 * the one it has in the machine: the primary IDE controller (0:0:1.1) and the PIIX3 USB
 * controller (0:0:1.2) of i440fx, the primary SATA controller (0:0:1f.2) of q35.
 */
import type { DocumentRule } from '../../../types.js';
import { controllers, isQemu, machineOf } from './common.js';
import { domainXml } from './examples.js';
import { explicitPciAddresses, formatPci, type PciAddress } from './pci.js';

const at = (slot: number, fn: number): PciAddress => ({ domain: 0, bus: 0, slot, function: fn });

export const integratedControllerAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'integrated-controller-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A controller built into the machine\'s chipset is given a PCI address other than its own.',
      why: 'libvirt refuses to define the domain: some controllers are part of the chipset and cannot move. On i440fx the IDE controller with index 0 is the PIIX3\'s, at 0000:00:01.1, and a PIIX3 USB controller (piix3-uhci, the default) with index 0 is at 0000:00:01.2; on q35 the SATA controller with index 0 is the ICH9\'s, at 0000:00:1f.2. Leave their address out, or write that one.',
      example: {
        bad: domainXml({ devices: ["<controller type='sata' index='0'>", "  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>", '</controller>'] }),
        good: domainXml({ devices: ["<controller type='sata' index='0'>", "  <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>", '</controller>'] }),
      },
      libvirtMessage: 'internal error: Primary SATA controller must have PCI address 0:0:1f.2',
      libvirtSource: 'src/qemu/qemu_domain_address.c, qemuDomainValidateDevicePCISlotsPIIX3 and qemuDomainValidateDevicePCISlotsQ35',
      limits: 'QEMU domains whose document names an i440fx or q35 machine type.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const machine = machineOf(ctx.platform);
    if (machine !== 'i440fx' && machine !== 'q35') return;
    const byElement = new Map(explicitPciAddresses(ctx).map((a) => [a.device.el, a]));
    for (const c of controllers(ctx)) {
      if (c.index !== 0) continue;
      let fixed: PciAddress | undefined;
      let what = '';
      if (machine === 'i440fx' && c.type === 'ide') [fixed, what] = [at(1, 1), 'the primary IDE controller (index 0) is the PIIX3\'s'];
      else if (machine === 'i440fx' && c.type === 'usb' && (c.model === undefined || c.model === 'piix3-uhci')) [fixed, what] = [at(1, 2), 'the PIIX3 USB controller with index 0 is the chipset\'s'];
      else if (machine === 'q35' && c.type === 'sata') [fixed, what] = [at(0x1f, 2), 'the SATA controller with index 0 is the q35 chipset\'s'];
      const a = byElement.get(c.el);
      if (fixed === undefined || a === undefined || formatPci(a) === formatPci(fixed)) continue;
      ctx.report({
        node: a.el,
        message: `${what}, at PCI address ${formatPci(fixed)}, not ${formatPci(a)}: write that address, or leave the address out`,
      });
    }
  },
};
