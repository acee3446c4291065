/**
 * A disk's bus and the options that only some buses and devices have: floppies and the floppy
 * controller, ejectable media, LUN passthrough, virtio-only driver options, removable and tray,
 * `io='native'` without a direct cache mode, and I/O limits given twice.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, children, devices, diskBus, diskDevice, diskTarget, isQemuDomain, textOf } from './util.js';

function diskName(disk: XmlElement): string {
  const dst = diskTarget(disk);
  return dst === undefined ? 'this disk' : `disk '${dst}'`;
}

/** The element naming the bus (`<target>`), or the disk when the bus is derived. */
function busNode(disk: XmlElement): { node: XmlElement; attribute?: string } {
  const target = child(disk, 'target');
  return target !== undefined && attr(target, 'bus') !== undefined ? { node: target, attribute: 'bus' } : { node: target ?? disk };
}

const FILE = "  <source file='/var/lib/libvirt/images/demo.img'/>";

export const diskBusDevice: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-bus-device',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A disk on a bus its device kind cannot use: a floppy off the floppy controller (or anything else on it), and with QEMU a CD-ROM on virtio or sd, a LUN on anything but SCSI or virtio, a read-only hard disk on IDE or SATA.",
      why: 'libvirt refuses to define the domain: floppies exist on the fdc bus only; QEMU\'s virtio-blk and SD devices have no removable media, LUN passthrough needs a SCSI or virtio-blk device, and QEMU\'s IDE and SATA hard disks cannot be read-only.',
      example: {
        bad: domainXml({ devices: ["<disk type='file' device='cdrom'>", "  <driver name='qemu' type='raw'/>", FILE, "  <target dev='vdb' bus='virtio'/>", '  <readonly/>', '</disk>'] }),
        good: domainXml({ devices: ["<disk type='file' device='cdrom'>", "  <driver name='qemu' type='raw'/>", FILE, "  <target dev='sdb' bus='sata'/>", '  <readonly/>', '</disk>'] }),
      },
      libvirtMessage: "unsupported configuration: disk type of 'vdb' does not support ejectable media",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidate; src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDiskFrontend',
      limits: 'Read-only IDE and SATA hard disks are judged when a configured release is 9.0.0 or newer: 7.0.0 defines them.',
    },
  },
  check(ctx) {
    const qemu = isQemuDomain(ctx.platform);
    for (const disk of devices(ctx, 'disk')) {
      const device = diskDevice(disk);
      const bus = diskBus(disk);
      const at = busNode(disk);
      if (device === 'floppy' && bus !== 'fdc') {
        ctx.report({ ...at, message: `a floppy sits on the floppy controller: use bus='fdc' for ${diskName(disk)}, not '${bus}'` });
      } else if (device !== 'floppy' && bus === 'fdc') {
        ctx.report({ ...at, message: `only floppies sit on the floppy controller, and ${diskName(disk)} is a ${device}: use device='floppy' or another bus` });
      } else if (qemu && device === 'cdrom' && (bus === 'virtio' || bus === 'sd')) {
        ctx.report({ ...at, message: `a ${bus} disk has no removable media, so ${diskName(disk)} cannot be a CD-ROM there: use bus='sata' or 'scsi' (or 'ide' on i440fx)` });
      } else if (qemu && device === 'lun' && bus !== 'scsi' && bus !== 'virtio') {
        ctx.report({ ...at, message: `LUN passthrough needs a SCSI or virtio disk, not bus '${bus}': use bus='scsi'` });
      } else if (qemu && device === 'disk' && (bus === 'ide' || bus === 'sata') && child(disk, 'readonly') !== undefined && checkedSince(ctx, '9.0.0')) {
        ctx.report({ node: child(disk, 'readonly')!, message: `QEMU's ${bus.toUpperCase()} hard disks cannot be read-only: remove <readonly/>, use bus='scsi' or 'virtio', or make ${diskName(disk)} a CD-ROM` });
      }
    }
  },
};

/** `<driver>` attributes of a disk that only virtio disks have. */
const VIRTIO_DRIVER_OPTIONS = ['queues', 'queue_size', 'event_idx', 'ioeventfd', 'iommu', 'ats', 'packed', 'page_per_vq'];
const VIRTIO_MODELS = new Set(['virtio', 'virtio-transitional', 'virtio-non-transitional']);

export const diskVirtioOptions: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-virtio-options',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A disk that is not on the virtio bus has a virtio model or a virtio-only `<driver>` option (queues, queue_size, event_idx, ioeventfd, iommu, ats, packed, page_per_vq).',
      why: 'libvirt refuses to define the domain: these describe the virtio-blk device, which a disk on another bus does not have.',
      example: {
        bad: domainXml({ devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw' queues='4'/>", FILE, "  <target dev='sda' bus='sata'/>", '</disk>'] }),
        good: domainXml({ devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw' queues='4'/>", FILE, "  <target dev='vda' bus='virtio'/>", '</disk>'] }),
      },
      libvirtMessage: 'unsupported configuration: queues attribute in disk driver element is only supported for virtio bus',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidate and virDomainCheckVirtioOptionsAreAbsent',
    },
  },
  check(ctx) {
    for (const disk of devices(ctx, 'disk')) {
      const bus = diskBus(disk);
      if (bus === 'virtio') continue;
      const model = attr(disk, 'model');
      if (model !== undefined && VIRTIO_MODELS.has(model)) {
        ctx.report({ node: disk, attribute: 'model', message: `model '${model}' describes a virtio disk, and ${diskName(disk)} is on bus '${bus}': remove the model or use bus='virtio'` });
        continue;
      }
      const driver = child(disk, 'driver');
      for (const name of VIRTIO_DRIVER_OPTIONS) {
        const value = attr(driver, name);
        if (value === undefined) continue;
        if ((name === 'queues' || name === 'queue_size') && /^\s*0*\s*$/.test(value)) continue;
        ctx.report({ node: driver!, attribute: name, message: `'${name}' is an option of virtio disks, and ${diskName(disk)} is on bus '${bus}': remove it or use bus='virtio'` });
        break;
      }
    }
  },
};

export const diskLunOptions: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-lun-options',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`rawio` or `sgio` on a disk that is not `device='lun'`, or `sgio='unfiltered'`.",
      why: "libvirt refuses to define the domain: raw I/O and SG_IO filtering concern SCSI commands passed through to a LUN; unfiltered SG_IO is no longer supported.",
      example: {
        bad: domainXml({ devices: ["<disk type='block' device='disk' rawio='yes'>", "  <driver name='qemu' type='raw'/>", "  <source dev='/dev/sdb'/>", "  <target dev='sda' bus='scsi'/>", '</disk>'] }),
        good: domainXml({ devices: ["<disk type='block' device='lun' rawio='yes'>", "  <driver name='qemu' type='raw'/>", "  <source dev='/dev/sdb'/>", "  <target dev='sda' bus='scsi'/>", '</disk>'] }),
      },
      libvirtMessage: "unsupported configuration: rawio can be used only with device='lun'",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidate',
      limits: "`sgio='unfiltered'` is judged when a configured release is 9.0.0 or newer: 7.0.0 still accepts it.",
    },
  },
  check(ctx) {
    for (const disk of devices(ctx, 'disk')) {
      const sgio = attr(disk, 'sgio');
      if (sgio === 'unfiltered' && checkedSince(ctx, '9.0.0')) {
        ctx.report({ node: disk, attribute: 'sgio', message: "unfiltered SG_IO is no longer supported: remove sgio or set sgio='filtered'" });
        continue;
      }
      if (diskDevice(disk) === 'lun') continue;
      for (const name of ['rawio', 'sgio']) {
        if (attr(disk, name) === undefined) continue;
        ctx.report({ node: disk, attribute: name, message: `'${name}' applies to passed-through LUNs only, and ${diskName(disk)} is a ${diskDevice(disk)}: remove it, or use device='lun' on a block device` });
      }
    }
  },
};

export const diskTargetOptions: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-target-options',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<target removable>` on a disk that is neither USB nor a SCSI hard disk, or `<target tray='open'>` on a disk that is neither CD-ROM nor floppy.",
      why: 'libvirt refuses to define the domain: only USB and SCSI hard disks can report removable media, and only drives with removable media have a tray.',
      example: {
        bad: domainXml({ devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw'/>", FILE, "  <target dev='vdb' bus='virtio' removable='on'/>", '</disk>'] }),
        good: domainXml({ devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw'/>", FILE, "  <target dev='sdb' bus='usb' removable='on'/>", '</disk>'] }),
      },
      libvirtMessage: 'XML error: removable is only valid for usb or scsi disks',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidate',
    },
  },
  check(ctx) {
    for (const disk of devices(ctx, 'disk')) {
      const target = child(disk, 'target');
      if (target === undefined) continue;
      const device = diskDevice(disk);
      const bus = diskBus(disk);
      if (attr(target, 'removable') !== undefined && bus !== 'usb' && !(bus === 'scsi' && device === 'disk')) {
        ctx.report({ node: target, attribute: 'removable', message: `only USB disks and SCSI hard disks can be marked removable, and ${diskName(disk)} is a ${device} on bus '${bus}': remove the attribute` });
      }
      if (attr(target, 'tray') === 'open' && device !== 'cdrom' && device !== 'floppy') {
        ctx.report({ node: target, attribute: 'tray', message: `only CD-ROMs and floppies have a tray, and ${diskName(disk)} is a ${device}: remove the attribute` });
      }
    }
  },
};

export const diskIoNativeCache: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-io-native-cache',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A disk with `io='native'` and a cache mode other than 'none' or 'directsync' (or none given).",
      why: "libvirt's QEMU driver refuses the domain: Linux native AIO works only on files opened with O_DIRECT, which only the 'none' and 'directsync' cache modes do.",
      example: {
        bad: domainXml({ devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw' io='native'/>", FILE, "  <target dev='vda' bus='virtio'/>", '</disk>'] }),
        good: domainXml({ devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw' cache='none' io='native'/>", FILE, "  <target dev='vda' bus='virtio'/>", '</disk>'] }),
      },
      libvirtMessage: "unsupported configuration: io='native' needs either no disk cache or directsync cache mode",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDiskFrontend',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const disk of devices(ctx, 'disk')) {
      const driver = child(disk, 'driver');
      if (attr(driver, 'io') !== 'native') continue;
      const cache = attr(driver, 'cache');
      if (cache === 'none' || cache === 'directsync') continue;
      ctx.report({ node: driver!, attribute: cache === undefined ? 'io' : 'cache', message: `io='native' needs O_DIRECT, which ${cache === undefined ? 'the default cache mode does not use' : `cache='${cache}' does not use`}: set cache='none' (or 'directsync'), or use io='threads'` });
    }
  },
};

/** The I/O limits that may be given as a total or as read and write, never both. */
const IOTUNE_PAIRS = ['bytes_sec', 'iops_sec', 'bytes_sec_max', 'iops_sec_max'];

function limitSet(iotune: XmlElement, name: string): XmlElement | undefined {
  const el = child(iotune, name);
  const value = textOf(el)?.trim();
  return el !== undefined && value !== undefined && /^\d+$/.test(value) && BigInt(value) > 0n ? el : undefined;
}

export const diskIotuneConflict: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-iotune-conflict',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'An `<iotune>` (or throttle group) sets a total limit together with the read or write limit of the same kind.',
      why: 'libvirt refuses to define the domain: a limit is given either as a total or split into read and write, not both.',
      example: {
        bad: domainXml({ devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw'/>", FILE, "  <target dev='vda' bus='virtio'/>", '  <iotune>', '    <total_iops_sec>2000</total_iops_sec>', '    <read_iops_sec>500</read_iops_sec>', '  </iotune>', '</disk>'] }),
        good: domainXml({ devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw'/>", FILE, "  <target dev='vda' bus='virtio'/>", '  <iotune>', '    <read_iops_sec>1500</read_iops_sec>', '    <write_iops_sec>500</write_iops_sec>', '  </iotune>', '</disk>'] }),
      },
      libvirtMessage: 'XML error: total and read/write iops_sec cannot be set at the same time',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskIoTuneValidate',
    },
  },
  check(ctx) {
    const tunes: XmlElement[] = devices(ctx, 'disk').flatMap((d) => children(d, 'iotune'));
    if (checkedSince(ctx, '11.3.0')) tunes.push(...children(child(ctx.document.root, 'throttlegroups'), 'throttlegroup'));
    for (const iotune of tunes) {
      for (const kind of IOTUNE_PAIRS) {
        const total = limitSet(iotune, `total_${kind}`);
        if (total === undefined) continue;
        const split = limitSet(iotune, `read_${kind}`) ?? limitSet(iotune, `write_${kind}`);
        if (split === undefined) continue;
        ctx.report({ node: split, message: `total_${kind} is already set (line ${ctx.locate({ node: total }).line}): give either the total or the read and write limits` , related: [{ node: total, message: 'total limit' }] });
      }
    }
  },
};

export const DISK_BUS_RULES = [diskBusDevice, diskVirtioOptions, diskLunOptions, diskTargetOptions, diskIoNativeCache, diskIotuneConflict];
