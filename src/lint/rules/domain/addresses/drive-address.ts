/**
 * Drive addresses (controller, bus, target, unit on an IDE, SATA, SCSI or floppy controller):
 *
 * - `duplicate-drive-address`: two disks of one bus at the same drive address, two SCSI host
 *   devices at the same address, or a SCSI disk and a SCSI host device sharing one. A disk
 *   without an `<address>` counts at the address libvirt derives from its target name
 *   (`sda` is controller 0 unit 0, `sdb` unit 1…).
 * - `disk-address-type`: a disk whose `<address>` is of a type its bus cannot have (a PCI
 *   address on an IDE disk, anything but a USB address on a USB disk).
 * - `disk-target-name`: a disk without an address whose target name libvirt cannot turn into
 *   one (`hdaxxxxxxxxxx`, a name without a known prefix).
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { attr, controllers, devicesElement, diskBus, diskDriveAddress, diskNameIndex, diskTarget, isQemu, kid, kids, lineOf, uintAttr, type DriveAddress } from './common.js';
import { domainXml } from './examples.js';

const same = (a: DriveAddress, b: DriveAddress): boolean =>
  a.controller === b.controller && a.bus === b.bus && a.target === b.target && a.unit === b.unit;

const show = (a: DriveAddress): string => `controller='${a.controller}' bus='${a.bus}' target='${a.target}' unit='${a.unit}'`;

interface DiskAt {
  readonly el: XmlElement;
  readonly bus: string;
  readonly dst: string | undefined;
  readonly address: DriveAddress;
  readonly explicit: boolean;
}

interface HostdevAt {
  readonly el: XmlElement;
  readonly addressEl: XmlElement;
  readonly address: DriveAddress;
}

function readDrive(el: XmlElement): DriveAddress | undefined {
  const fields = ['controller', 'bus', 'target', 'unit'].map((f) => (attr(el, f) === undefined ? 0 : uintAttr(el, f, 10)));
  if (fields.some((v) => v === undefined)) return undefined;
  const [controller, bus, target, unit] = fields as number[];
  return { controller: controller!, bus: bus!, target: target!, unit: unit! };
}

const BUS_NAMES: Readonly<Record<string, string>> = { ide: 'IDE', sata: 'SATA', scsi: 'SCSI', fdc: 'floppy' };
const BUS_ARTICLE: Readonly<Record<string, string>> = { ide: 'an IDE', sata: 'a SATA', scsi: 'a SCSI', fdc: 'a floppy' };

const isScsiHostdev = (el: XmlElement): boolean => (attr(el, 'mode') ?? 'subsystem') === 'subsystem' && attr(el, 'type') === 'scsi';

export const duplicateDriveAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-drive-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two disks, two SCSI host devices, or a SCSI disk and a SCSI host device share a drive address.',
      why: 'libvirt refuses to define the domain: a drive address (controller, bus, target, unit) holds one device. A disk without an `<address>` gets the address its target name implies — on SCSI `sda` is controller 0 unit 0, `sdb` unit 1 and so on, 7 disks per controller; on SATA 6 per controller; on IDE 2 per bus, 2 buses per controller — so a disk with an explicit address can collide with one without.',
      example: {
        bad: domainXml({
          devices: [
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/a.qcow2'/>",
            "  <target dev='sda' bus='sata'/>",
            '</disk>',
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/b.qcow2'/>",
            "  <target dev='sdb' bus='sata'/>",
            "  <address type='drive' controller='0' bus='0' target='0' unit='0'/>",
            '</disk>',
          ],
        }),
        good: domainXml({
          devices: [
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/a.qcow2'/>",
            "  <target dev='sda' bus='sata'/>",
            '</disk>',
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/b.qcow2'/>",
            "  <target dev='sdb' bus='sata'/>",
            "  <address type='drive' controller='0' bus='0' target='0' unit='1'/>",
            '</disk>',
          ],
        }),
      },
      libvirtMessage: "unsupported configuration: Found duplicate drive address for disk with target name 'sda' controller='0' bus='0' target='0' unit='0'",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefDuplicateDriveAddressesValidate; src/conf/domain_conf.c, virDomainDiskDefAssignAddress; src/conf/domain_postparse.c, virDomainHostdevDefPostParse',
      limits: 'SCSI host devices without an address are left out: libvirt gives them a free one.',
    },
  },
  check(ctx) {
    const devicesEl = devicesElement(ctx);
    if (devicesEl === undefined) return;
    const wide = ctx.platform.virtType === 'vmware';
    const disks: DiskAt[] = [];
    for (const el of kids(devicesEl, 'disk')) {
      const drive = diskDriveAddress(el, wide);
      if (drive === undefined) continue;
      const bus = diskBus(el);
      if (!['ide', 'sata', 'scsi', 'fdc'].includes(bus) && !drive.explicit) continue;
      disks.push({ el, bus, dst: diskTarget(el), address: drive.address, explicit: drive.explicit });
    }
    const hostdevs: HostdevAt[] = [];
    for (const el of kids(devicesEl, 'hostdev')) {
      if (!isScsiHostdev(el)) continue;
      const addressEl = kid(el, 'address');
      if (addressEl === undefined || attr(addressEl, 'type') !== 'drive') continue;
      const address = readDrive(addressEl);
      if (address !== undefined) hostdevs.push({ el, addressEl, address });
    }
    const where = (d: DiskAt): { node: XmlElement; attribute?: string } =>
      d.explicit ? { node: kid(d.el, 'address')! } : { node: kid(d.el, 'target')!, attribute: 'dev' };

    // A SCSI disk named without an address must not land where a SCSI host device is configured.
    const flagged = new Set<DiskAt>();
    for (const d of disks) {
      if (d.explicit || d.bus !== 'scsi') continue;
      const h = hostdevs.find((x) => same(x.address, d.address));
      if (h === undefined) continue;
      flagged.add(d);
      ctx.report({
        ...where(d),
        message: `disk target '${d.dst}' implies drive address ${show(d.address)}, which the SCSI host device on line ${lineOf(ctx, h.el)} already has: give the disk an <address> of its own, or rename it`,
        related: [{ node: h.addressEl, message: 'SCSI host device at this address' }],
      });
    }
    for (let j = 0; j < disks.length; j++) {
      const b = disks[j]!;
      if (flagged.has(b)) continue;
      const a = disks.slice(0, j).find((x) => x.bus === b.bus && same(x.address, b.address) && x.dst !== b.dst && !flagged.has(x));
      if (a === undefined) continue;
      ctx.report({
        ...where(b),
        message: `${BUS_NAMES[b.bus] ?? b.bus} disk '${b.dst}' is at drive address ${show(b.address)}, as is disk '${a.dst}' (line ${lineOf(ctx, a.el)})${a.explicit ? '' : ", which gets it from its target name"}: give each disk its own unit`,
        related: [{ ...where(a), message: `disk '${a.dst}'` }],
      });
    }
    for (let j = 0; j < hostdevs.length; j++) {
      const h = hostdevs[j]!;
      const prior = hostdevs.slice(0, j).find((x) => same(x.address, h.address));
      if (prior !== undefined) {
        ctx.report({
          node: h.addressEl,
          message: `SCSI host device at drive address ${show(h.address)}, which the SCSI host device on line ${lineOf(ctx, prior.el)} already has: give each its own unit`,
          related: [{ node: prior.addressEl, message: 'first SCSI host device at this address' }],
        });
        continue;
      }
      const disk = disks.find((d) => d.bus === 'scsi' && d.explicit && same(d.address, h.address));
      if (disk !== undefined) {
        ctx.report({
          node: h.addressEl,
          message: `SCSI host device at drive address ${show(h.address)}, which SCSI disk '${disk.dst}' (line ${lineOf(ctx, disk.el)}) already has: give each its own unit`,
          related: [{ node: kid(disk.el, 'address')!, message: `disk '${disk.dst}'` }],
        });
      }
    }
  },
};

export const diskAddressType: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-address-type',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A disk\'s `<address>` is of a type its bus cannot have.',
      why: 'libvirt refuses to define the domain: IDE, SATA, SCSI and floppy disks sit on a controller and need a drive address (controller, bus, target, unit), and a USB disk takes a USB address. The PCI address belongs on the controller, not on the disk.',
      example: {
        bad: domainXml({
          devices: [
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/a.qcow2'/>",
            "  <target dev='sda' bus='sata'/>",
            "  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>",
            '</disk>',
          ],
        }),
        good: domainXml({
          devices: [
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/a.qcow2'/>",
            "  <target dev='sda' bus='sata'/>",
            "  <address type='drive' controller='0' bus='0' target='0' unit='0'/>",
            '</disk>',
          ],
        }),
      },
      libvirtMessage: "unsupported configuration: Invalid address type 'pci' for the disk 'sda' with the bus type 'sata'",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskAddressDiskBusCompatibility; src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDisk (USB)',
      limits: 'The USB case is the QEMU driver\'s check.',
    },
  },
  check(ctx) {
    const devicesEl = devicesElement(ctx);
    if (devicesEl === undefined) return;
    for (const el of kids(devicesEl, 'disk')) {
      const address = kid(el, 'address');
      const type = attr(address, 'type');
      if (address === undefined || type === undefined) continue;
      const bus = diskBus(el);
      const dst = diskTarget(el);
      if (['ide', 'sata', 'scsi', 'fdc'].includes(bus) && type !== 'drive') {
        ctx.report({
          node: address,
          attribute: 'type',
          message: `${BUS_NAMES[bus]} disk '${dst}' cannot have an address of type '${type}': a disk on ${BUS_ARTICLE[bus]} controller takes <address type='drive' .../> (or none, and libvirt derives it from the target name)`,
        });
      } else if (bus === 'usb' && type !== 'usb' && isQemu(ctx.platform)) {
        ctx.report({
          node: address,
          attribute: 'type',
          message: `USB disk '${dst}' cannot have an address of type '${type}': use <address type='usb' bus='0' port='N'/>, or none`,
        });
      }
    }
  },
};

export const diskTargetName: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-target-name',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A disk without an `<address>` has a target name libvirt cannot derive an address from.',
      why: 'libvirt refuses to define the domain: it numbers a disk from its target name (a prefix fd, hd, sd, vd, xvd or ubd, then letters a–z, optionally a partition number) to give it an address; a name it cannot read, or whose number does not fit a C int, needs an explicit `<address>`.',
      example: {
        bad: domainXml({
          devices: ["<disk type='file' device='disk'>", "  <source file='/var/lib/libvirt/images/a.qcow2'/>", "  <target dev='vdaxxxxxxxxxx' bus='virtio'/>", '</disk>'],
        }),
        good: domainXml({
          devices: ["<disk type='file' device='disk'>", "  <source file='/var/lib/libvirt/images/a.qcow2'/>", "  <target dev='vda' bus='virtio'/>", '</disk>'],
        }),
      },
      libvirtMessage: "XML error: Unknown disk name 'hdaxxxxxxxxxx' and no address specified",
      libvirtSource: 'src/conf/domain_conf.c, virDomainDiskDefAssignAddress (from virDomainDiskDefPostParse)',
    },
  },
  check(ctx) {
    const devicesEl = devicesElement(ctx);
    if (devicesEl === undefined) return;
    for (const el of kids(devicesEl, 'disk')) {
      if (kid(el, 'address') !== undefined) continue;
      const dst = diskTarget(el);
      if (dst === undefined || diskNameIndex(dst) !== undefined) continue;
      ctx.report({
        node: kid(el, 'target')!,
        attribute: 'dev',
        message: `libvirt cannot derive an address from disk target '${dst}': use a name like sda, vdb or hdc (a known prefix and letters), or give the disk an explicit <address>`,
      });
    }
  },
};

/** What QEMU's controllers can take (qemuValidateDomainDeviceDefAddressDrive), per disk bus. */
const LIMITS: Readonly<Record<string, { readonly field: keyof DriveAddress; readonly why: string }[]>> = {
  scsi: [{ field: 'bus', why: 'a SCSI controller has a single bus, 0 (use target and unit to tell disks apart)' }],
  ide: [
    { field: 'controller', why: 'QEMU has a single IDE controller, 0 (use SATA or SCSI for more disks)' },
    { field: 'target', why: 'IDE has no targets: target must be 0 (use bus and unit)' },
  ],
  fdc: [
    { field: 'controller', why: 'QEMU has a single floppy controller, 0' },
    { field: 'bus', why: 'the floppy controller has a single bus, 0' },
    { field: 'target', why: 'floppy drives have no targets: target must be 0' },
  ],
  sata: [
    { field: 'bus', why: 'a SATA controller has a single bus, 0 (use unit, or another controller)' },
    { field: 'target', why: 'SATA has no targets: target must be 0 (use unit)' },
  ],
};

export const driveAddressLimits: DocumentRule<'domain'> = {
  meta: {
    id: 'drive-address-limits',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A drive address uses a controller, bus or target QEMU\'s controller of that kind does not have.',
      why: 'libvirt refuses to define the domain: QEMU has one IDE controller and one floppy controller (index 0); SCSI, SATA and floppy controllers have a single bus; IDE, SATA and floppy drives have no targets; an lsilogic SCSI controller only target 0. This counts for the addresses libvirt derives from target names too: `hde` is IDE controller 1, which does not exist.',
      example: {
        bad: domainXml({
          machine: 'pc',
          devices: ["<disk type='file' device='disk'>", "  <source file='/var/lib/libvirt/images/a.qcow2'/>", "  <target dev='hde' bus='ide'/>", '</disk>'],
        }),
        good: domainXml({
          machine: 'pc',
          devices: ["<disk type='file' device='disk'>", "  <source file='/var/lib/libvirt/images/a.qcow2'/>", "  <target dev='hdd' bus='ide'/>", '</disk>'],
        }),
      },
      libvirtMessage: 'internal error: Only 1 IDE controller is supported',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefAddressDrive',
      limits: 'QEMU domains only. The lsilogic target limit is checked when the controller names its model.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const devicesEl = devicesElement(ctx);
    if (devicesEl === undefined) return;
    const scsiControllers = controllers(ctx).filter((c) => c.type === 'scsi');
    const check = (node: XmlElement, explicit: boolean, bus: string, a: DriveAddress, name: string): void => {
      const where = explicit ? { node: kid(node, 'address')! } : { node: kid(node, 'target')!, attribute: 'dev' };
      for (const limit of LIMITS[bus] ?? []) {
        if (a[limit.field] === 0) continue;
        ctx.report({
          ...where,
          ...(explicit && attr(kid(node, 'address'), limit.field) !== undefined ? { attribute: limit.field } : {}),
          message: `${name} has drive address ${show(a)}, but ${limit.why}${explicit ? '' : '; this address comes from the target name, so pick another name or give an explicit <address>'}`,
        });
        return;
      }
      if (bus === 'scsi' && a.target !== 0) {
        const ctl = scsiControllers.find((c) => c.index === a.controller);
        if (ctl !== undefined && ctl.model === 'lsilogic') {
          ctx.report({ ...where, message: `${name} has target ${a.target}, but an lsilogic SCSI controller has only target 0: use unit to tell disks apart, or a virtio-scsi controller` });
        }
      }
    };
    for (const el of kids(devicesEl, 'disk')) {
      const bus = diskBus(el);
      if (LIMITS[bus] === undefined) continue;
      const drive = diskDriveAddress(el, false);
      if (drive === undefined) continue;
      check(el, drive.explicit, bus, drive.address, `${BUS_NAMES[bus] ?? bus} disk '${diskTarget(el)}'`);
    }
    for (const el of kids(devicesEl, 'hostdev')) {
      const addressEl = kid(el, 'address');
      if (!isScsiHostdev(el) || attr(addressEl, 'type') !== 'drive') continue;
      const a = readDrive(addressEl!);
      if (a !== undefined) check(el, true, 'scsi', a, 'this SCSI host device');
    }
  },
};
