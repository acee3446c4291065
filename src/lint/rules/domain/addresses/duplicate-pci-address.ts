/**
 * `duplicate-pci-address`: two devices (controllers, host devices and every other device kind
 * that takes a PCI address) configured at the same PCI domain:bus:slot.function, or a device
 * configured where the machine's chipset already sits (the PIIX3 functions of slot 1 on i440fx,
 * the ICH9 functions of slot 0x1f on q35).
 *
 * Functions of one slot are separate addresses: a multifunction device spreads over them, and
 * libvirt accepts any mix of functions in a slot.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule, RuleContext } from '../../../types.js';
import { attr, controllerFor, controllers, describeDevice, devices, diskBus, diskDriveAddress, isQemu, lineOf, machineOf } from './common.js';
import { domainXml } from './examples.js';
import { explicitPciAddresses, formatPci, type ExplicitPciAddress, type PciAddress } from './pci.js';

const key = (a: PciAddress): string => formatPci(a);

interface Reserved extends PciAddress {
  /** What sits there, for the message. */
  readonly what: string;
}

function isPiix3Usb(model: string | undefined): boolean {
  return model === undefined || model === 'piix3-uhci';
}

/** Whether the guest has an IDE controller with index 0 (named, or added because it has IDE disks). */
function hasPrimaryIde(ctx: RuleContext): boolean | undefined {
  const cs = controllers(ctx).filter((c) => c.type === 'ide');
  if (cs.some((c) => c.index === undefined)) return undefined;
  if (cs.some((c) => c.index === 0)) return true;
  // libvirt adds IDE controllers 0 to the highest one its IDE disks name (virDomainDefAddDiskControllersForType).
  return devices(ctx).some((d) => d.kind === 'disk' && diskBus(d.el) === 'ide' && diskDriveAddress(d.el, false) !== undefined);
}

/** The functions the chipset of the machine occupies (qemuDomainValidateDevicePCISlotsChipsets). */
function chipsetFunctions(ctx: RuleContext): Reserved[] {
  const machine = machineOf(ctx.platform);
  const at = (slot: number, fn: number, what: string): Reserved => ({ domain: 0, bus: 0, slot, function: fn, what });
  if (machine === 'i440fx') {
    const out = [at(1, 0, "the i440fx machine's PIIX3 ISA bridge"), at(1, 3, "the i440fx machine's PIIX3 power management function")];
    if (hasPrimaryIde(ctx) === true) out.push(at(1, 1, 'the primary IDE controller (index 0), built into the PIIX3'));
    const usb = controllers(ctx).filter((c) => c.type === 'usb');
    if (usb.every((c) => c.index !== undefined)) {
      const first = usb.filter((c) => c.index === 0);
      if (first.length === 0 || first.some((c) => isPiix3Usb(c.model))) out.push(at(1, 2, 'the PIIX3 USB controller (index 0)'));
    }
    return out;
  }
  if (machine === 'q35') {
    const out = [at(0x1f, 0, "the q35 machine's ICH9 LPC/ISA bridge"), at(0x1f, 3, "the q35 machine's ICH9 SMBus controller")];
    const sata = controllers(ctx).filter((c) => c.type === 'sata' && c.index === 0);
    // The primary SATA controller is always there; with an address of its own it is checked as a device.
    if (sata.every((c) => !devices(ctx).some((d) => d.el === c.el && d.address !== undefined && attr(d.address, 'type') === 'pci'))) {
      out.push(at(0x1f, 2, "the q35 machine's built-in SATA controller (index 0)"));
    }
    return out;
  }
  return [];
}

/**
 * The integrated PIIX3 controllers libvirt leaves out of the addresses it collects: the IDE
 * controller with index 0 at 0:0:1.1 and the PIIX3 USB controller with index 0 at 0:0:1.2.
 */
function isSkippedIntegrated(ctx: RuleContext, a: ExplicitPciAddress): boolean {
  if (a.device.kind !== 'controller' || a.domain !== 0 || a.bus !== 0 || a.slot !== 1) return false;
  const c = controllerFor(ctx, a.device.el);
  if (c === undefined || c.index !== 0) return false;
  return (c.type === 'ide' && a.function === 1) || (c.type === 'usb' && isPiix3Usb(c.model) && a.function === 2);
}

export const duplicatePciAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-pci-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two devices have the same PCI address, or a device is placed where the machine\'s chipset already is.',
      why: 'libvirt refuses to define the domain: each PCI function can hold one device. Every device with an `<address type=\'pci\'>` counts — controllers, host devices, disks, interfaces, video, memballoon and the rest — and so do the functions the chipset occupies: slot 1 functions 0 and 3 on i440fx (plus function 1 for the primary IDE controller and function 2 for the PIIX3 USB controller), slot 0x1f functions 0, 2 and 3 on q35. Different functions of one slot are different addresses.',
      example: {
        bad: domainXml({
          devices: [
            "<controller type='pci' index='1' model='pcie-root-port'>",
            "  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>",
            '</controller>',
            "<controller type='pci' index='2' model='pcie-root-port'>",
            "  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>",
            '</controller>',
          ],
        }),
        good: domainXml({
          devices: [
            "<controller type='pci' index='1' model='pcie-root-port'>",
            "  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>",
            '</controller>',
            "<controller type='pci' index='2' model='pcie-root-port'>",
            "  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x1'/>",
            '</controller>',
          ],
        }),
      },
      libvirtMessage: 'XML error: Attempted double use of PCI Address 0000:00:01.1',
      libvirtSource: 'src/conf/domain_addr.c, virDomainPCIAddressReserveAddrInternal (from qemuDomainCollectPCIAddress and qemuDomainValidateDevicePCISlotsPIIX3/Q35 in src/qemu/qemu_domain_address.c)',
      limits: 'QEMU domains only. The chipset functions are checked only when the document names an i440fx or q35 machine type.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const collected = explicitPciAddresses(ctx).filter((a) => !isSkippedIntegrated(ctx, a));
    const first = new Map<string, ExplicitPciAddress>();
    const reported = new Set<XmlElement>();
    for (const a of collected) {
      const k = key(a);
      const prior = first.get(k);
      if (prior === undefined) {
        first.set(k, a);
        continue;
      }
      reported.add(a.el);
      ctx.report({
        node: a.el,
        message: `PCI address ${formatPci(a)} of ${describeDevice(a.device.el)} is already used by ${describeDevice(prior.device.el)} (line ${lineOf(ctx, prior.device.el)}): give each device its own slot or function, or leave the address out and let libvirt assign one`,
        related: [{ node: prior.el, message: 'first device at this address' }],
      });
    }
    for (const r of chipsetFunctions(ctx)) {
      const a = first.get(key(r));
      if (a === undefined || reported.has(a.el)) continue;
      ctx.report({
        node: a.el,
        message: `PCI address ${formatPci(a)} of ${describeDevice(a.device.el)} is where ${r.what} sits: move the device to a free slot, or leave the address out and let libvirt assign one`,
      });
    }
  },
};
