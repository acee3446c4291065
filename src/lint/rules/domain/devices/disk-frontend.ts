/**
 * What the guest sees of a disk: the SCSI/ATA `<vendor>` and `<product>` strings, floppies on
 * machines without a floppy controller, and `<throttlefilters>` that name no throttle group.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, children, devices, diskBus, diskDevice, diskTarget, isQemuDomain, lineOf, machineIs, machineLabel, textOf } from './util.js';

const VENDOR_MAX = 8;
const PRODUCT_MAX_SCSI = 16;
const PRODUCT_MAX_ATA = 40;

/** Printable ASCII, as libvirt's virStringIsPrintable wants it. */
function isPrintable(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

/** The length libvirt measures (strlen: bytes of UTF-8). */
function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

function scsiDisk(extra: readonly string[], target = "<target dev='sda' bus='scsi'/>"): string[] {
  return ["<disk type='block' device='disk'>", "  <driver name='qemu' type='raw'/>", "  <source dev='/dev/vg0/data'/>", `  ${target}`, ...extra.map((l) => `  ${l}`), '</disk>'];
}

export const diskVpdLength: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-vpd-length',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A disk's `<vendor>` or `<product>` string is too long or not printable ASCII.",
      why: 'libvirt refuses to define the domain: the strings go into fixed-size fields of the SCSI inquiry data and ATA identify data, at most 8 characters for the vendor and 16 (SCSI) or 40 (IDE, SATA) for the product, printable ASCII only.',
      example: {
        bad: domainXml({ devices: scsiDisk(['<product>WD10EZEX-00BN5A00</product>']) }),
        good: domainXml({ devices: scsiDisk(['<product>WD10EZEX-00BN5A</product>']) }),
      },
      libvirtMessage: 'unsupported configuration: disk product is more than 16 characters',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidate',
    },
  },
  check(ctx) {
    for (const disk of devices(ctx, 'disk')) {
      const check = (el: XmlElement | undefined, what: string, max: number): void => {
        const value = textOf(el);
        if (el === undefined || value === undefined) return;
        if (!isPrintable(value)) {
          ctx.report({ node: el, message: `the disk ${what} '${value}' holds characters that are not printable ASCII: use letters, digits, spaces and punctuation only` });
        } else if (byteLength(value) > max) {
          ctx.report({ node: el, message: `the disk ${what} '${value}' has ${byteLength(value)} characters, more than the ${max} it may have here: shorten it` });
        }
      };
      check(child(disk, 'vendor'), 'vendor', VENDOR_MAX);
      check(child(disk, 'product'), 'product', diskBus(disk) === 'scsi' ? PRODUCT_MAX_SCSI : PRODUCT_MAX_ATA);
    }
  },
};

export const diskVpdBus: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-vpd-bus',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A disk's `<vendor>` or `<product>` is set on a bus that has no such field, or on a passed-through LUN.",
      why: "libvirt refuses to define the domain: QEMU sets the vendor only on SCSI disks and the product only on SCSI, IDE and SATA disks; a `device='lun'` reports the real device's strings.",
      example: {
        bad: domainXml({ devices: scsiDisk(['<vendor>SEAGATE</vendor>'], "<target dev='vdb' bus='virtio'/>") }),
        good: domainXml({ devices: scsiDisk(['<vendor>SEAGATE</vendor>']) }),
      },
      libvirtMessage: "unsupported configuration: Only scsi disk supports 'vendor'",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDiskFrontend',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const disk of devices(ctx, 'disk')) {
      const vendor = child(disk, 'vendor');
      const product = child(disk, 'product');
      const bus = diskBus(disk);
      if (vendor !== undefined && bus !== 'scsi') {
        ctx.report({ node: vendor, message: `only SCSI disks carry a vendor string, and this disk is on bus '${bus}': remove <vendor> or put the disk on bus='scsi'` });
        continue;
      }
      if (product !== undefined && bus !== 'scsi' && bus !== 'ide' && bus !== 'sata') {
        ctx.report({ node: product, message: `only SCSI, IDE and SATA disks carry a product string, and this disk is on bus '${bus}': remove <product> or change the bus` });
        continue;
      }
      const first = vendor ?? product;
      if (first !== undefined && diskDevice(disk) === 'lun') {
        ctx.report({ node: first, message: `a passed-through LUN reports the device's own ${first === vendor ? 'vendor' : 'product'}: remove <${first.local}> or use device='disk'` });
      }
    }
  },
};

export const diskFloppyPseries: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-floppy-pseries',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A floppy disk on a PowerPC pSeries machine.',
      why: 'pSeries machines have no floppy controller: libvirt accepts the definition but refuses to start the domain.',
      example: {
        config: { arch: 'ppc64' },
        bad: domainXml({ arch: 'ppc64', devices: ["<disk type='file' device='floppy'>", "  <source file='/var/lib/libvirt/images/boot.img'/>", "  <target dev='fda' bus='fdc'/>", '</disk>'] }),
        good: domainXml({ arch: 'ppc64', devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='raw'/>", "  <source file='/var/lib/libvirt/images/boot.img'/>", "  <target dev='sda' bus='scsi'/>", '</disk>'] }),
      },
      libvirtMessage: 'unsupported configuration: PowerPC pseries machines do not support floppy device',
      libvirtSource: 'src/qemu/qemu_process.c, qemuProcessStartValidateDisks (at start)',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform) || machineIs(ctx.platform, 'pseries') !== true) return;
    for (const disk of devices(ctx, 'disk')) {
      if (diskDevice(disk) !== 'floppy') continue;
      ctx.report({ node: disk, attribute: 'device', message: `${machineLabel(ctx.platform)} has no floppy controller: attach the image as a disk or CD-ROM on a SCSI or USB bus` });
    }
  },
};

export const diskThrottleFilters: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-throttlefilters',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A disk's `<throttlefilter>` names a group that `<throttlegroups>` does not define, names one twice, or sits on a CD-ROM.",
      why: 'libvirt refuses to define the domain: each filter applies the limits of a throttle group defined once under `<throttlegroups>`, and CD-ROMs cannot be throttled this way.',
      example: {
        bad: domainXml({
          body: ['<throttlegroups>', '  <throttlegroup>', '    <total_iops_sec>1000</total_iops_sec>', '    <group_name>limit0</group_name>', '  </throttlegroup>', '</throttlegroups>'],
          devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='qcow2'/>", "  <source file='/var/lib/libvirt/images/demo.qcow2'/>", "  <target dev='vda' bus='virtio'/>", '  <throttlefilters>', "    <throttlefilter group='limit1'/>", '  </throttlefilters>', '</disk>'],
        }),
        good: domainXml({
          body: ['<throttlegroups>', '  <throttlegroup>', '    <total_iops_sec>1000</total_iops_sec>', '    <group_name>limit0</group_name>', '  </throttlegroup>', '</throttlegroups>'],
          devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='qcow2'/>", "  <source file='/var/lib/libvirt/images/demo.qcow2'/>", "  <target dev='vda' bus='virtio'/>", '  <throttlefilters>', "    <throttlefilter group='limit0'/>", '  </throttlefilters>', '</disk>'],
        }),
      },
      libvirtMessage: "XML error: throttle group 'limit1' not found",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidate; src/conf/domain_conf.c, virDomainDiskDefThrottleFiltersParse',
      limits: '`<throttlefilters>` beside `<iotune>` is left to the schema rule, which refuses it. Reported when a configured release is newer than 9.0.0, which has no throttle groups.',
    },
  },
  check(ctx) {
    if (!checkedSince(ctx, '11.3.0')) return;
    const groups = new Set<string>();
    for (const group of children(child(ctx.document.root, 'throttlegroups'), 'throttlegroup')) {
      const name = textOf(child(group, 'group_name'));
      if (name !== undefined) groups.add(name);
    }
    for (const disk of devices(ctx, 'disk')) {
      const filters = children(child(disk, 'throttlefilters'), 'throttlefilter');
      if (filters.length === 0) continue;
      if (diskDevice(disk) === 'cdrom') {
        ctx.report({ node: child(disk, 'throttlefilters')!, message: `throttle filters cannot be applied to the CD-ROM '${diskTarget(disk) ?? ''}': remove <throttlefilters>` });
        continue;
      }
      const seen = new Map<string, XmlElement>();
      for (const filter of filters) {
        const group = attr(filter, 'group');
        if (group === undefined) continue;
        const first = seen.get(group);
        if (first !== undefined) {
          ctx.report({
            node: filter,
            attribute: 'group',
            message: `throttle group '${group}' is already applied to this disk (line ${lineOf(ctx, first)}): remove the second filter`,
            related: [{ node: first, attribute: 'group', message: 'first filter for this group' }],
          });
          continue;
        }
        seen.set(group, filter);
        if (!groups.has(group)) {
          ctx.report({ node: filter, attribute: 'group', message: `no <throttlegroup> has the group_name '${group}': define it under <throttlegroups> or name a defined group` });
        }
      }
    }
  },
};

export const DISK_FRONTEND_RULES = [diskVpdLength, diskVpdBus, diskFloppyPseries, diskThrottleFilters];
