/**
 * Shared memory devices (ivshmem): the models QEMU still has and what each takes, the size of the
 * region, MSI without a server, names and addresses.
 */
import type { DocumentRule } from '../../../types.js';
import { describeBytes, toBytes } from '../../units.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, devices, isQemuDomain, textOf } from './util.js';

const MIB = 1024n * 1024n;

export const shmemSize: DocumentRule<'domain'> = {
  meta: {
    id: 'shmem-size',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<shmem>` size that is not a power of two of at least 1 MiB.',
      why: "libvirt refuses the domain (9.0.0 only when starting it): the shared region is an ivshmem PCI BAR, whose size QEMU requires to be a power of two, and libvirt requires at least 1 MiB.",
      example: {
        bad: domainXml({ devices: ["<shmem name='shmem0'>", "  <model type='ivshmem-plain'/>", "  <size unit='K'>12345</size>", '</shmem>'] }),
        good: domainXml({ devices: ["<shmem name='shmem0'>", "  <model type='ivshmem-plain'/>", "  <size unit='M'>16</size>", '</shmem>'] }),
      },
      libvirtMessage: 'XML error: shmem size must be a power of 2 and at least 1 MiB (1024 KiB)',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefShmem',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const shmem of devices(ctx, 'shmem')) {
      const size = child(shmem, 'size');
      const bytes = toBytes(textOf(size), attr(size, 'unit'), 'b');
      if (size === undefined || bytes === undefined || bytes === 0n) continue;
      if (bytes >= MIB && (bytes & (bytes - 1n)) === 0n) continue;
      let up = MIB;
      while (up < bytes) up *= 2n;
      ctx.report({ node: size, message: `the shared memory size (${describeBytes(bytes)}) must be a power of two of at least 1 MiB: use e.g. ${describeBytes(up)}` });
    }
  },
};

export const shmemMsiWithoutServer: DocumentRule<'domain'> = {
  meta: {
    id: 'shmem-msi-without-server',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<shmem>` has `<msi>` but no `<server>`.',
      why: 'libvirt refuses to define the domain: MSI interrupts signal events from the ivshmem server (the doorbell), so they mean nothing without one.',
      example: {
        bad: domainXml({ devices: ["<shmem name='shmem0'>", "  <model type='ivshmem-plain'/>", '  <msi/>', '</shmem>'] }),
        good: domainXml({ devices: ["<shmem name='shmem0'>", "  <model type='ivshmem-doorbell'/>", "  <server path='/tmp/shmem0-sock'/>", '  <msi/>', '</shmem>'] }),
      },
      libvirtMessage: 'XML error: msi option is only supported with a server',
      libvirtSource: 'src/conf/domain_conf.c, virDomainShmemDefParseXML',
    },
  },
  check(ctx) {
    for (const shmem of devices(ctx, 'shmem')) {
      const msi = child(shmem, 'msi');
      if (msi === undefined || child(shmem, 'server') !== undefined) continue;
      ctx.report({ node: msi, message: "MSI interrupts come from an ivshmem server: remove <msi>, or use model 'ivshmem-doorbell' with a <server>" });
    }
  },
};

export const shmemModel: DocumentRule<'domain'> = {
  meta: {
    id: 'shmem-model',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `<shmem>` of the removed 'ivshmem' model (also the model when none is given), an 'ivshmem-doorbell' without a server or with a size, or an 'ivshmem-plain' with a server.",
      why: "libvirt's QEMU driver refuses the domain: QEMU dropped the old ivshmem device for 'ivshmem-plain' (memory only) and 'ivshmem-doorbell' (memory from a server that also sizes it).",
      example: {
        bad: domainXml({ devices: ["<shmem name='shmem0'>", "  <size unit='M'>4</size>", '</shmem>'] }),
        good: domainXml({ devices: ["<shmem name='shmem0'>", "  <model type='ivshmem-plain'/>", "  <size unit='M'>4</size>", '</shmem>'] }),
      },
      libvirtMessage: 'unsupported configuration: ivshmem device is no longer supported',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefShmem; src/qemu/qemu_postparse.c, qemuDomainShmemDefPostParse',
      limits: "The 'ivshmem' model is judged when a configured release is 9.0.0 or newer: 7.0.0 still drives it.",
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const shmem of devices(ctx, 'shmem')) {
      const modelEl = child(shmem, 'model');
      const model = attr(modelEl, 'type') ?? 'ivshmem';
      const server = child(shmem, 'server');
      const size = child(shmem, 'size');
      if (model === 'ivshmem') {
        if (!checkedSince(ctx, '9.0.0')) continue;
        ctx.report({ node: modelEl ?? shmem, ...(modelEl !== undefined ? { attribute: 'type' } : {}), message: `QEMU no longer has the 'ivshmem' device${modelEl === undefined ? ', which a <shmem> without <model> means' : ''}: use <model type='ivshmem-plain'/> (or 'ivshmem-doorbell' with a server)` });
      } else if (model === 'ivshmem-doorbell' && server === undefined) {
        ctx.report({ node: modelEl!, attribute: 'type', message: "an 'ivshmem-doorbell' device gets its memory from an ivshmem server: add <server path='…'/>, or use 'ivshmem-plain'" });
      } else if (model === 'ivshmem-doorbell' && size !== undefined) {
        ctx.report({ node: size, message: "the ivshmem server decides the size of an 'ivshmem-doorbell' region: remove <size>" });
      } else if (model === 'ivshmem-plain' && server !== undefined) {
        ctx.report({ node: server, message: "an 'ivshmem-plain' device has no server: remove <server>, or use model 'ivshmem-doorbell'" });
      }
    }
  },
};

export const shmemAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'shmem-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<shmem>` with an address that is not a PCI address.',
      why: "ivshmem devices are PCI devices: libvirt accepts the definition but refuses to start the domain.",
      example: {
        bad: domainXml({ devices: ["<shmem name='shmem0'>", "  <model type='ivshmem-plain'/>", "  <address type='isa' iobase='0x505'/>", '</shmem>'] }),
        good: domainXml({ devices: ["<shmem name='shmem0'>", "  <model type='ivshmem-plain'/>", '</shmem>'] }),
      },
      libvirtMessage: "unsupported configuration: only 'pci' addresses are supported for the shared memory device",
      libvirtSource: 'src/qemu/qemu_command.c, qemuBuildShmemDevProps (at start)',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const shmem of devices(ctx, 'shmem')) {
      const address = child(shmem, 'address');
      const type = attr(address, 'type');
      if (address === undefined || type === undefined || type === 'pci') continue;
      ctx.report({ node: address, attribute: 'type', message: `a shared memory device is a PCI device, not on a '${type}' bus: give it a PCI address or none` });
    }
  },
};

export const shmemName: DocumentRule<'domain'> = {
  meta: {
    id: 'shmem-name',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `<shmem>` named '.' or '..'.",
      why: 'libvirt refuses to define the domain: the name becomes a file under /dev/shm, and these names are directories.',
      example: {
        bad: domainXml({ devices: ["<shmem name='..'>", "  <model type='ivshmem-plain'/>", '</shmem>'] }),
        good: domainXml({ devices: ["<shmem name='shmem0'>", "  <model type='ivshmem-plain'/>", '</shmem>'] }),
      },
      libvirtMessage: "unsupported configuration: shmem name cannot be equal to '..'",
      libvirtSource: 'src/conf/domain_validate.c, virDomainShmemDefValidate',
      limits: "A name with '/' is left to the schema rule, which refuses it.",
    },
  },
  check(ctx) {
    for (const shmem of devices(ctx, 'shmem')) {
      const name = attr(shmem, 'name');
      if (name === '.' || name === '..') ctx.report({ node: shmem, attribute: 'name', message: `'${name}' names a directory, not a shared memory file: choose another name` });
    }
  },
};

export const SHMEM_RULES = [shmemSize, shmemMsiWithoutServer, shmemModel, shmemAddress, shmemName];
