/**
 * `pci-address-range`: a PCI address whose bus, slot or function does not fit its field (bus
 * 0–0xff, slot 0–0x1f, function 0–7). libvirt refuses the document while reading it.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { attr, devicesElement, kid, kids, uintAttr } from './common.js';
import { domainXml } from './examples.js';

const LIMITS = [
  { name: 'bus', max: 0xff, rule: 'PCI bus numbers go up to 0xff' },
  { name: 'slot', max: 0x1f, rule: 'a PCI bus has slots 0x00 to 0x1f' },
  { name: 'function', max: 7, rule: 'a PCI slot has functions 0 to 7' },
] as const;

/** Every element libvirt reads with virPCIDeviceAddressParseXML in a domain. */
function pciAddresses(devicesEl: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const dev of kids(devicesEl)) {
    const address = kid(dev, 'address');
    if (address !== undefined && attr(address, 'type') === 'pci') out.push(address);
    const source = kid(dev, 'source');
    const sourceAddress = kid(source, 'address');
    if (sourceAddress === undefined) continue;
    const hostPci =
      (dev.local === 'hostdev' && (attr(dev, 'mode') ?? 'subsystem') === 'subsystem' && attr(dev, 'type') === 'pci') ||
      (dev.local === 'interface' && attr(dev, 'type') === 'hostdev' && attr(sourceAddress, 'type') === 'pci') ||
      (dev.local === 'disk' && attr(dev, 'type') === 'nvme' && attr(source, 'type') === 'pci');
    if (hostPci) out.push(sourceAddress);
  }
  return out;
}

export const pciAddressRange: DocumentRule<'domain'> = {
  meta: {
    id: 'pci-address-range',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A PCI address has a bus above 0xff, a slot above 0x1f or a function above 7.',
      why: 'libvirt refuses the document while reading it: a PCI bus number is 8 bits, a slot 5 bits and a function 3 bits, in the guest as on the host. An address whose domain, bus and slot are all 0 is left alone: libvirt treats it as "assign one for me".',
      example: {
        bad: domainXml({
          devices: [
            "<interface type='network'>",
            "  <source network='default'/>",
            "  <model type='virtio'/>",
            "  <address type='pci' domain='0x0000' bus='0x100' slot='0x05' function='0x0'/>",
            '</interface>',
          ],
        }),
        good: domainXml({
          devices: [
            "<controller type='pci' index='1' model='pcie-root-port'/>",
            "<interface type='network'>",
            "  <source network='default'/>",
            "  <model type='virtio'/>",
            "  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>",
            '</interface>',
          ],
        }),
      },
      libvirtMessage: "XML error: Invalid PCI address bus='0x100', must be <= 0xFF",
      libvirtSource: 'src/conf/device_conf.c, virPCIDeviceAddressParseXML (virPCIDeviceAddressIsValid)',
    },
  },
  check(ctx) {
    const devicesEl = devicesElement(ctx);
    if (devicesEl === undefined) return;
    for (const address of pciAddresses(devicesEl)) {
      const domain = uintAttr(address, 'domain', 0) ?? 0;
      const bus = uintAttr(address, 'bus', 0) ?? 0;
      const slot = uintAttr(address, 'slot', 0) ?? 0;
      // An all-zero domain:bus:slot is "no address yet": libvirt does not check the rest.
      if (domain === 0 && bus === 0 && slot === 0) continue;
      for (const limit of LIMITS) {
        const value = uintAttr(address, limit.name, 0);
        if (value === undefined || value <= limit.max) continue;
        ctx.report({
          node: address,
          attribute: limit.name,
          message: `PCI address ${limit.name}='${attr(address, limit.name)}' is out of range: ${limit.rule}. Fix the number, or leave the address out and let libvirt assign one`,
        });
        break;
      }
    }
  },
};
