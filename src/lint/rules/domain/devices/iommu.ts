/**
 * The `<iommu>` device: the machine types each model exists on, ACPI for virtio-iommu, the
 * `<driver>` options only the Intel IOMMU has, and where each model may sit.
 */
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, devicesOf, isQemuDomain, machineIs, machineLabel } from './util.js';

const ACPI = ['<features>', '  <acpi/>', '</features>'];

export const iommuMachine: DocumentRule<'domain'> = {
  meta: {
    id: 'iommu-machine',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "An `<iommu>` model the machine type does not have: 'intel' needs q35, 'smmuv3' an ARM virt machine, 'virtio' either.",
      why: "libvirt's QEMU driver refuses the domain: the Intel IOMMU is part of the q35 chipset, SMMUv3 of ARM's virt machine, and virtio-iommu needs the ACPI or device-tree description only these machines give.",
      example: {
        bad: domainXml({ machine: 'pc', devices: ["<iommu model='intel'/>"] }),
        good: domainXml({ machine: 'q35', body: ['<features>', '  <acpi/>', "  <ioapic driver='qemu'/>", '</features>'], devices: ["<iommu model='intel'>", "  <driver intremap='on'/>", '</iommu>'] }),
      },
      libvirtMessage: "unsupported configuration: IOMMU device: 'intel' is only supported with Q35 machines",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefIOMMU',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const iommu = child(devicesOf(ctx), 'iommu');
    const model = attr(iommu, 'model');
    if (iommu === undefined || model === undefined) return;
    const p = ctx.platform;
    const q35 = machineIs(p, 'q35');
    const virt = machineIs(p, 'arm-virt');
    let needs: string | undefined;
    if (model === 'intel' && q35 === false) needs = 'q35 machines';
    else if (model === 'smmuv3' && virt === false) needs = 'ARM virt machines';
    else if (model === 'virtio' && q35 === false && virt === false) needs = 'q35 and ARM virt machines';
    if (needs === undefined) return;
    ctx.report({ node: iommu, attribute: 'model', message: `the '${model}' IOMMU exists only on ${needs}, and this guest has ${machineLabel(p)}: change the machine type or remove the <iommu>` });
  },
};

export const iommuVirtioAcpi: DocumentRule<'domain'> = {
  meta: {
    id: 'iommu-virtio-acpi',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A virtio `<iommu>` in a domain without `<features><acpi/>`.",
      why: "libvirt's QEMU driver refuses the domain: the guest learns which devices sit behind virtio-iommu from an ACPI table (VIOT).",
      example: {
        bad: domainXml({ devices: ["<iommu model='virtio'/>"] }),
        good: domainXml({ body: ACPI, devices: ["<iommu model='virtio'/>"] }),
      },
      libvirtMessage: "unsupported configuration: IOMMU device: 'virtio' requires ACPI",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefIOMMU',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const iommu = child(devicesOf(ctx), 'iommu');
    if (iommu === undefined || attr(iommu, 'model') !== 'virtio') return;
    const p = ctx.platform;
    // The machine check comes first in libvirt; do not pile a second finding on a wrong machine.
    if (machineIs(p, 'q35') !== true && machineIs(p, 'arm-virt') !== true) return;
    const acpi = child(child(ctx.document.root, 'features'), 'acpi');
    if (acpi !== undefined && attr(acpi, 'state') !== 'off') return;
    ctx.report({ node: iommu, attribute: 'model', message: 'virtio-iommu is described to the guest by ACPI: add <acpi/> to <features>' });
  },
};

/** The `<driver>` attributes only the Intel IOMMU takes. */
const INTEL_ONLY = ['intremap', 'caching_mode', 'eim', 'iotlb', 'aw_bits', 'dma_translation'];

export const iommuDriverOptions: DocumentRule<'domain'> = {
  meta: {
    id: 'iommu-driver-options',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<iommu><driver>` options that do not apply: Intel-only options on a virtio or SMMUv3 IOMMU, interrupt remapping without a split I/O APIC, or EIM without interrupt remapping.",
      why: "libvirt refuses to define the domain: intremap, caching_mode, eim, iotlb, aw_bits and dma_translation are properties of the Intel IOMMU; interrupt remapping needs QEMU's own I/O APIC (`<ioapic driver='qemu'/>`), and extended interrupt mode needs interrupt remapping.",
      example: {
        bad: domainXml({ body: ACPI, devices: ["<iommu model='virtio'>", "  <driver dma_translation='on'/>", '</iommu>'] }),
        good: domainXml({ body: ACPI, devices: ["<iommu model='virtio'/>"] }),
      },
      libvirtMessage: "XML error: iommu model 'virtio' doesn't support additional attributes",
      libvirtSource: 'src/conf/domain_validate.c, virDomainIOMMUDefValidate and virDomainDefIOMMUValidate',
    },
  },
  check(ctx) {
    const iommu = child(devicesOf(ctx), 'iommu');
    const driver = child(iommu, 'driver');
    const model = attr(iommu, 'model');
    if (iommu === undefined || driver === undefined || model === undefined) return;
    if (model === 'virtio' || model === 'smmuv3') {
      for (const name of INTEL_ONLY) {
        if (attr(driver, name) === undefined) continue;
        // dma_translation came after 9.0.0, which ignores it.
        if (name === 'dma_translation' && !checkedSince(ctx, '11.3.0')) continue;
        ctx.report({ node: driver, attribute: name, message: `'${name}' is an option of the Intel IOMMU; the '${model}' IOMMU takes no <driver> options: remove it` });
      }
      return;
    }
    if (attr(driver, 'intremap') === 'on') {
      const ioapic = child(child(ctx.document.root, 'features'), 'ioapic');
      if (attr(ioapic, 'driver') !== 'qemu') {
        ctx.report({ node: driver, attribute: 'intremap', message: "interrupt remapping needs QEMU's split I/O APIC: add <ioapic driver='qemu'/> to <features>" });
      }
    } else if (attr(driver, 'eim') === 'on') {
      ctx.report({ node: driver, attribute: 'eim', message: "extended interrupt mode needs interrupt remapping: add intremap='on'" });
    }
  },
};

export const iommuAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'iommu-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "An `<iommu>` address its model cannot have: any address on the Intel IOMMU or SMMUv3, anything but a PCI address on virtio-iommu.",
      why: 'libvirt refuses the domain: the Intel IOMMU and SMMUv3 are built into the machine, while virtio-iommu is a PCI device.',
      example: {
        bad: domainXml({ body: ACPI, devices: ["<iommu model='virtio'>", "  <address type='virtio-mmio'/>", '</iommu>'] }),
        good: domainXml({ body: ACPI, devices: ["<iommu model='virtio'/>"] }),
      },
      libvirtMessage: "unsupported configuration: IOMMU device: 'virtio' needs a PCI address",
      libvirtSource: 'src/conf/domain_validate.c, virDomainIOMMUDefValidate; src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefIOMMU',
    },
  },
  check(ctx) {
    const iommu = child(devicesOf(ctx), 'iommu');
    const address = child(iommu, 'address');
    const model = attr(iommu, 'model');
    const type = attr(address, 'type');
    if (address === undefined || model === undefined) return;
    if (model === 'intel' || model === 'smmuv3') {
      ctx.report({ node: address, message: `the '${model}' IOMMU is built into the machine and takes no address: remove <address>` });
    } else if (model === 'virtio' && isQemuDomain(ctx.platform) && type !== undefined && type !== 'pci') {
      ctx.report({ node: address, attribute: 'type', message: `virtio-iommu is a PCI device: give it a PCI address or none, not '${type}'` });
    }
  },
};

export const IOMMU_RULES = [iommuMachine, iommuVirtioAcpi, iommuDriverOptions, iommuAddress];
