/**
 * `disk-target-invalid`: a disk's `<target dev>` that libvirt cannot use: a hard disk or LUN whose
 * name has no hd/sd/vd/xvd/ubd prefix, a floppy without fd, and (QEMU) a name that names a
 * partition, or that does not parse as prefix and letters on a disk with an explicit address (a
 * disk without one is `disk-target-name`'s, which reports that libvirt cannot derive the address).
 */
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { child, devices, diskDevice, diskTarget, isQemuDomain } from './util.js';

const DISK_PREFIXES = ['hd', 'sd', 'vd', 'xvd', 'ubd'];
/** The prefixes QEMU's disk names may start with, in the order libvirt tries them. */
const PARSE_PREFIXES = ['fd', 'hd', 'vd', 'sd', 'xvd', 'ubd'];

/**
 * A target name as libvirt's QEMU driver reads it: prefix, lower-case letters, and digits for a
 * partition (without a leading zero unless it is the only digit). Undefined when it does not parse.
 */
export function parseDiskName(name: string): { readonly partition: number } | undefined {
  const prefix = PARSE_PREFIXES.find((p) => name.startsWith(p));
  if (prefix === undefined) return undefined;
  const m = /^([a-z]+)([0-9]*)$/.exec(name.slice(prefix.length));
  if (!m) return undefined;
  const digits = m[2]!;
  if (digits.length > 1 && digits.startsWith('0')) return undefined;
  return { partition: digits === '' ? 0 : Number(digits) };
}

export const diskTargetInvalid: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-target-invalid',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A disk's `<target dev>` is not a name libvirt can use for its kind of disk, or names a partition.",
      why: 'libvirt refuses to define the domain. Hard disks and LUNs need a name starting with hd, sd, vd, xvd or ubd and floppies one starting with fd; the QEMU driver further needs the prefix, lower-case letters and nothing else: a target is a whole disk, so a partition number (`vdb1`) is refused.',
      example: {
        bad: domainXml({
          devices: ["<disk type='file' device='disk'>", "  <source file='/var/lib/libvirt/images/data.img'/>", "  <target dev='vdb1' bus='virtio'/>", '</disk>'],
        }),
        good: domainXml({
          devices: ["<disk type='file' device='disk'>", "  <source file='/var/lib/libvirt/images/data.img'/>", "  <target dev='vdb' bus='virtio'/>", '</disk>'],
        }),
      },
      libvirtMessage: "unsupported configuration: invalid disk target 'vdb1', partitions can't appear in disk targets",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDisk (virDiskNameParse); src/conf/domain_validate.c, virDomainDiskDefValidate (name prefixes)',
    },
  },
  check(ctx) {
    const qemu = isQemuDomain(ctx.platform);
    for (const disk of devices(ctx, 'disk')) {
      const target = child(disk, 'target');
      const dst = diskTarget(disk);
      if (target === undefined || dst === undefined) continue;
      const device = diskDevice(disk);
      if ((device === 'disk' || device === 'lun') && !DISK_PREFIXES.some((p) => dst.startsWith(p))) {
        ctx.report({ node: target, attribute: 'dev', message: `'${dst}' is not a valid name for a ${device === 'lun' ? 'LUN' : 'hard disk'}: use a name starting with vd, sd, hd, xvd or ubd (e.g. 'vdb')` });
        continue;
      }
      if (device === 'floppy' && !dst.startsWith('fd')) {
        ctx.report({ node: target, attribute: 'dev', message: `'${dst}' is not a valid name for a floppy: use 'fda' or 'fdb'` });
        continue;
      }
      if (!qemu) continue;
      const parsed = parseDiskName(dst);
      if (parsed === undefined) {
        if (child(disk, 'address') === undefined) continue;
        ctx.report({ node: target, attribute: 'dev', message: `QEMU cannot use the disk target '${dst}': use a prefix (vd, sd, hd, fd, xvd, ubd) followed by lower-case letters only, e.g. 'vdb'` });
      } else if (parsed.partition !== 0) {
        const whole = dst.replace(/[0-9]+$/, '');
        ctx.report({ node: target, attribute: 'dev', message: `'${dst}' names partition ${parsed.partition}, but a disk target is a whole disk: use '${whole}' (the guest sees the partitions inside it)` });
      }
    }
  },
};
