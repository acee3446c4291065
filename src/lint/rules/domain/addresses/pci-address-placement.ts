/**
 * `pci-address-placement`: a configured PCI address that the bus it names cannot take: a
 * controller plugged into a controller that does not accept its kind (a pcie-root-port into a
 * pci-bridge), an endpoint on a bus that takes only controllers, a slot outside the bus's range,
 * a PCI domain other than 0, an integrated device off bus 0, a pci-bridge on a bus numbered as
 * high as its own index.
 */
import type { DocumentRule } from '../../../types.js';
import { attr, controllers, describeDevice, isQemu } from './common.js';
import { domainXml } from './examples.js';
import { BUS_MODELS, busAccepts, connectWords, describeBus, deviceConnect, explicitPciAddresses, formatPci, pciBuses } from './pci.js';

export const pciAddressPlacement: DocumentRule<'domain'> = {
  meta: {
    id: 'pci-address-placement',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A device\'s PCI address names a bus that cannot take it there.',
      why: 'libvirt refuses to define the domain when a configured address does not fit the controller it names: each PCI controller model accepts certain kinds of device (a pcie-root-port plugs only into pcie-root or a pcie-expander-bus, a pci-expander-bus only into pci-root, a dmi-to-pci-bridge only into pcie-root or a pcie-expander-bus; endpoints go anywhere endpoints go, but not into a pcie-switch-upstream-port or a pcie-expander-bus) and has a range of slots (a pcie-root-port has slot 0 only; pci-root, pcie-root and pci-bridge start at slot 1). The PCI domain must be 0, integrated devices (virtio-iommu, pvpanic) must sit on bus 0, and a pci-bridge must have a higher index than the bus it sits on.',
      example: {
        bad: domainXml({
          devices: [
            "<controller type='pci' index='1' model='pcie-root-port'/>",
            "<controller type='pci' index='2' model='dmi-to-pci-bridge'>",
            "  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>",
            '</controller>',
          ],
        }),
        good: domainXml({
          devices: [
            "<controller type='pci' index='1' model='pcie-root-port'/>",
            "<controller type='pci' index='2' model='dmi-to-pci-bridge'>",
            "  <address type='pci' domain='0x0000' bus='0x00' slot='0x1e' function='0x0'/>",
            '</controller>',
          ],
        }),
      },
      libvirtMessage: "XML error: The device at PCI address 0000:01:00.0 cannot be plugged into the PCI controller with index='1'. It requires a controller that accepts a dmi-to-pci-bridge.",
      libvirtSource: 'src/conf/domain_addr.c, virDomainPCIAddressValidate and virDomainPCIAddressFlagsCompatible (from qemuDomainCollectPCIAddress); src/qemu/qemu_domain_address.c, qemuDomainAssignPCIAddresses (bridge index)',
      limits: 'QEMU domains only. Addresses on a bus that no controller of the document provides are left alone: libvirt adds bridges or root ports for endpoints there.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const buses = pciBuses(ctx);
    const all = controllers(ctx);
    for (const a of explicitPciAddresses(ctx)) {
      const need = deviceConnect(a.device);
      const where = `${describeDevice(a.device.el)} at PCI address ${formatPci(a)}`;
      if (need?.integrated === true && a.bus !== 0) {
        ctx.report({
          node: a.el,
          attribute: attr(a.el, 'bus') !== undefined ? 'bus' : undefined,
          message: `${where} is an integrated device and must sit on bus 0 (the root bus): set bus='0x00', or leave the address out`,
        });
        continue;
      }
      if (a.domain !== 0) {
        ctx.report({
          node: a.el,
          attribute: 'domain',
          message: `${where} names PCI domain ${a.domain.toString(16)}: QEMU guests have PCI domain 0 only; set domain='0x0000'`,
        });
        continue;
      }
      // The integrated PIIX3 controllers at slot 1 of bus 0 are checked against their fixed addresses instead.
      if (a.device.kind === 'controller' && a.bus === 0 && a.slot === 1 && (attr(a.device.el, 'type') === 'ide' || attr(a.device.el, 'type') === 'usb')) continue;
      const bus = buses?.get(a.bus);
      if (bus === undefined || bus.model === undefined || need === undefined) continue;
      const model = BUS_MODELS[bus.model];
      if (model === undefined) continue;
      if (!busAccepts(model, need)) {
        ctx.report({
          node: a.el,
          attribute: attr(a.el, 'bus') !== undefined ? 'bus' : undefined,
          message: `${where} cannot be plugged into ${describeBus(bus)}: that needs a controller that accepts a ${connectWords(need)}. Put it on such a bus, or leave the address out and let libvirt place it`,
          ...(bus.controller !== undefined ? { related: [{ node: bus.controller.el, message: `the controller with index='${bus.index}'` }] } : {}),
        });
        continue;
      }
      if (a.slot < model.minSlot || a.slot > model.maxSlot) {
        const range = model.minSlot === model.maxSlot ? `only slot ${model.minSlot}` : `slots ${model.minSlot}–0x${model.maxSlot.toString(16)}`;
        ctx.report({
          node: a.el,
          attribute: attr(a.el, 'slot') !== undefined ? 'slot' : undefined,
          message: `${where} uses slot 0x${a.slot.toString(16)}, but ${describeBus(bus)} has ${range}: pick a slot in that range`,
        });
        continue;
      }
      if (a.device.kind === 'controller' && attr(a.device.el, 'type') === 'pci' && attr(a.device.el, 'model') === 'pci-bridge') {
        const self = all.find((c) => c.el === a.device.el);
        if (self?.index !== undefined && self.index <= a.bus) {
          ctx.report({
            node: a.el,
            attribute: 'bus',
            message: `pci-bridge with index='${self.index}' sits on bus ${a.bus}: a pci-bridge's index must be higher than the bus it plugs into; renumber the bridge or move it to a lower bus`,
          });
        }
      }
    }
  },
};
