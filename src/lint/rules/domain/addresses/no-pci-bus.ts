/**
 * `no-pci-bus`: a PCI device on a machine type without a PCI bus (isapc, most ARM boards):
 * a device configured with a PCI address, or — on isapc, where the QEMU driver still places
 * devices on PCI — a USB controller or the memballoon libvirt adds by default.
 */
import type { DocumentRule } from '../../../types.js';
import { attr, controllers, describeDevice, devices, devicesElement, isQemu, kid, machineOf, uintAttr } from './common.js';
import { domainXml } from './examples.js';
import { explicitPciAddresses, formatPci, pciBuses } from './pci.js';

/** An address libvirt would replace with a PCI one: none, or a PCI one without a slot. */
function wantsPci(address: ReturnType<typeof kid>): boolean {
  if (address === undefined) return true;
  if (attr(address, 'type') !== 'pci') return false;
  return (uintAttr(address, 'domain', 0) ?? 0) === 0 && (uintAttr(address, 'bus', 0) ?? 0) === 0 && (uintAttr(address, 'slot', 0) ?? 0) === 0;
}

export const noPciBus: DocumentRule<'domain'> = {
  meta: {
    id: 'no-pci-bus',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A device needs a PCI slot on a machine type that has no PCI bus.',
      why: 'libvirt refuses to define the domain: machine types such as isapc, or ARM boards other than virt and versatilepb, have no PCI bus, so no device can be given a PCI address there. On isapc the QEMU driver still looks for a PCI slot for USB controllers, network interfaces and the virtio memballoon it adds when the document has no `<memballoon>`.',
      example: {
        bad: domainXml({
          machine: 'isapc',
          devices: ["<controller type='usb' index='0' model='piix3-uhci'/>", "<memballoon model='none'/>"],
        }),
        good: domainXml({
          machine: 'isapc',
          devices: ["<controller type='usb' index='0' model='none'/>", "<memballoon model='none'/>"],
        }),
      },
      libvirtMessage: 'XML error: No PCI buses available',
      libvirtSource: 'src/conf/domain_addr.c, virDomainPCIAddressValidate and virDomainPCIAddressGetNextAddr (from qemuDomainAssignPCIAddresses)',
      limits: 'QEMU domains whose document names the machine type. On isapc, of the devices that take a PCI slot by default only USB controllers, network interfaces and the memballoon are checked.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const buses = pciBuses(ctx);
    if (buses === undefined || buses.size > 0) return;
    for (const a of explicitPciAddresses(ctx)) {
      ctx.report({
        node: a.el,
        message: `${describeDevice(a.device.el)} has PCI address ${formatPci(a)}, but machine type '${ctx.platform.machine}' has no PCI bus: remove the address (and the device, if it can only be a PCI device)`,
      });
    }
    if (machineOf(ctx.platform) !== 'isapc') return;
    for (const c of controllers(ctx)) {
      if (c.type !== 'usb' || c.model === 'none' || c.model === 'qusb1' || c.model === 'qusb2') continue;
      const address = kid(c.el, 'address');
      if (!wantsPci(address)) continue;
      ctx.report({
        node: c.el,
        ...(attr(c.el, 'model') !== undefined ? { attribute: 'model' } : {}),
        message: `USB controllers are PCI devices, and machine type 'isapc' has no PCI bus: use model='none' (no USB), or a machine type with PCI`,
      });
    }
    for (const d of devices(ctx)) {
      if (d.kind !== 'interface' || attr(d.el, 'type') === 'hostdev' || attr(kid(d.el, 'model'), 'type') === 'usb-net') continue;
      if (!wantsPci(d.address)) continue;
      ctx.report({
        node: d.el,
        message: `network interfaces are PCI devices (all models but usb-net), and machine type 'isapc' has no PCI bus: use a usb-net model, or a machine type with PCI`,
      });
    }
    const balloon = devices(ctx).find((d) => d.kind === 'memballoon');
    if (balloon === undefined) {
      const devicesEl = devicesElement(ctx);
      ctx.report({
        node: devicesEl ?? ctx.document.root,
        message: `libvirt adds a virtio memballoon, a PCI device, to a domain with no <memballoon>, and machine type 'isapc' has no PCI bus: add <memballoon model='none'/>`,
      });
    } else {
      const model = attr(balloon.el, 'model');
      if (model !== undefined && model.startsWith('virtio') && wantsPci(balloon.address)) {
        ctx.report({
          node: balloon.el,
          attribute: 'model',
          message: `the virtio memballoon is a PCI device, and machine type 'isapc' has no PCI bus: use <memballoon model='none'/>`,
        });
      }
    }
  },
};
