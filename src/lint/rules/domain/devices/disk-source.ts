/**
 * What a disk's storage source may be: image formats the QEMU driver refuses, encryption it cannot
 * open, `<auth>` and `<encryption>` given twice, protocols and secrets that do not go together,
 * LUN passthrough of something that is not a block device, empty USB disks and shared images
 * QEMU cannot share.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import { removeElement, setAttribute } from '../../../fix.js';
import type { DocumentRule } from '../../../types.js';
import { releasesOf } from '../../hygiene/releases.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, devices, equivalent, diskBus, diskDevice, diskFormat, diskTarget, diskType, isQemuDomain, lineOf, sourceIsEmpty, storageChain, type StorageSource } from './util.js';

/** The `<encryption>` of each storage source of a disk: the disk's own (under `<source>` or `<disk>`), then its backing stores'. */
function encryptions(disk: XmlElement): { readonly source: StorageSource; readonly encryption: XmlElement }[] {
  const out: { source: StorageSource; encryption: XmlElement }[] = [];
  storageChain(disk).forEach((s, i) => {
    const encryption = child(s.source, 'encryption') ?? (i === 0 ? child(disk, 'encryption') : undefined);
    if (encryption !== undefined) out.push({ source: s, encryption });
  });
  return out;
}

/** The `<auth>` of each network source of a disk: under `<source>`, or for the disk's own source directly under `<disk>`. */
function auths(disk: XmlElement): { readonly source: StorageSource; readonly auth: XmlElement }[] {
  const out: { source: StorageSource; auth: XmlElement }[] = [];
  storageChain(disk).forEach((s, i) => {
    const auth = child(s.source, 'auth') ?? (i === 0 ? child(disk, 'auth') : undefined);
    if (auth !== undefined) out.push({ source: s, auth });
  });
  return out;
}

const FILE_DISK = (target: string, extra: readonly string[] = [], driver = "<driver name='qemu' type='qcow2'/>"): string[] => [
  "<disk type='file' device='disk'>",
  `  ${driver}`,
  "  <source file='/var/lib/libvirt/images/demo.img'/>",
  `  <target dev='${target}' bus='virtio'/>`,
  ...extra.map((l) => `  ${l}`),
  '</disk>',
];

/** A file disk whose `<source>` holds `inner` (encryption, seclabels). */
const ENCRYPTED_DISK = (inner: readonly string[], driver = "<driver name='qemu' type='qcow2'/>"): string[] => [
  "<disk type='file' device='disk'>",
  `  ${driver}`,
  "  <source file='/var/lib/libvirt/images/demo.img'>",
  ...inner.map((l) => `    ${l}`),
  '  </source>',
  "  <target dev='vda' bus='virtio'/>",
  '</disk>',
];

// ---------------------------------------------------------------------------------------------

export const diskFormatUnsupported: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-format-unsupported',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A disk image format the QEMU driver does not open: 'cow', 'dir', 'iso', or 'fat' on anything but a directory.",
      why: "libvirt refuses to define the domain. QEMU dropped the old 'cow' format; a directory is given as `<disk type='dir'>` (with format 'fat'), and an ISO image is read as 'raw'.",
      example: {
        bad: domainXml({ devices: ["<disk type='file' device='cdrom'>", "  <driver name='qemu' type='iso'/>", "  <source file='/var/lib/libvirt/images/install.iso'/>", "  <target dev='sda' bus='sata'/>", '  <readonly/>', '</disk>'] }),
        good: domainXml({ devices: ["<disk type='file' device='cdrom'>", "  <driver name='qemu' type='raw'/>", "  <source file='/var/lib/libvirt/images/install.iso'/>", "  <target dev='sda' bus='sata'/>", '  <readonly/>', '</disk>'] }),
      },
      libvirtMessage: "unsupported configuration: storage format 'iso' is not directly supported by QEMU, use 'raw' instead",
      libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainValidateStorageSource',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const disk of devices(ctx, 'disk')) {
      for (const s of storageChain(disk)) {
        if (s.formatElement === undefined || s.format === undefined) continue;
        let message: string | undefined;
        if (s.format === 'cow') message = "QEMU no longer supports the 'cow' image format: convert the image (qemu-img convert -O qcow2) and use type='qcow2'";
        else if (s.format === 'dir') message = "the 'dir' format is not an image format QEMU opens: describe a directory as <disk type='dir'> with format 'fat'";
        else if (s.format === 'iso') message = "QEMU reads ISO images as plain data: use type='raw'";
        else if (s.format === 'fat' && s.type !== 'dir' && s.type !== 'volume') message = "the 'fat' format is only for directories shared as a virtual FAT disk (<disk type='dir'>): use the image's own format";
        if (message !== undefined) ctx.report({ node: s.formatElement, attribute: 'type', message });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const diskEncryptionUnsupported: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-encryption-unsupported',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "Disk encryption the QEMU driver cannot open: the old qcow encryption, LUKS2 through QEMU, or LUKS inside an image that is neither raw nor qcow2.",
      why: "libvirt refuses to define the domain. QEMU's own encryption engine handles LUKS in raw and qcow2 images only; the legacy qcow encryption is no longer supported, and LUKS2 or 'luks-any' need `engine='librbd'` on an RBD disk.",
      example: {
        bad: domainXml({ devices: ENCRYPTED_DISK(["<encryption format='luks'>", "  <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>", '</encryption>'], "<driver name='qemu' type='vmdk'/>") }),
        good: domainXml({ devices: ENCRYPTED_DISK(["<encryption format='luks'>", "  <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>", '</encryption>']) }),
      },
      libvirtMessage: "unsupported configuration: encryption is supported only with 'raw' and 'qcow2' image format",
      libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainValidateStorageSource',
      limits: 'A volume disk (`type=\'volume\'`) without a format is not judged: its format comes from the storage pool.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const disk of devices(ctx, 'disk')) {
      for (const { source, encryption } of encryptions(disk)) {
        const format = attr(encryption, 'format');
        const engine = attr(encryption, 'engine') ?? 'qemu';
        if (format === 'default' || format === 'qcow') {
          ctx.report({ node: encryption, attribute: 'format', message: "QEMU no longer supports the old qcow encryption: re-encrypt the image with LUKS (format='luks')" });
          continue;
        }
        if (engine !== 'qemu') continue;
        if (format === 'luks2' || format === 'luks-any') {
          ctx.report({ node: encryption, attribute: 'format', message: `QEMU's own encryption engine does not open '${format}': use format='luks', or engine='librbd' on an RBD disk` });
        } else if (format === 'luks' && source.format !== undefined && !['raw', 'none', 'qcow2'].includes(source.format) && source.formatElement !== undefined) {
          ctx.report({
            node: encryption,
            attribute: 'format',
            message: `LUKS encryption works only inside raw and qcow2 images, not '${source.format}' (line ${lineOf(ctx, source.formatElement)}): convert the image to raw or qcow2`,
            related: [{ node: source.formatElement, attribute: 'type', message: 'image format' }],
          });
        }
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const diskSourceDefinedTwice: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-source-defined-twice',
    legacy: releasesOf('disk-source-defined-twice'),
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    fixable: true,
    docs: {
      summary: 'A disk has `<auth>` or `<encryption>` both directly under `<disk>` and inside its `<source>`.',
      why: 'libvirt refuses to define the domain: the disk-level element is the older spelling of the one inside `<source>`, and with both it cannot tell which one applies. When both say the same, the fix removes the disk-level one.',
      example: {
        bad: domainXml({
          devices: [
            "<disk type='file' device='disk'>",
            "  <driver name='qemu' type='raw'/>",
            "  <source file='/var/lib/libvirt/images/secret.img'>",
            "    <encryption format='luks'>",
            "      <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>",
            '    </encryption>',
            '  </source>',
            "  <target dev='vda' bus='virtio'/>",
            "  <encryption format='luks'>",
            "    <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>",
            '  </encryption>',
            '</disk>',
          ],
        }),
        good: domainXml({
          devices: [
            "<disk type='file' device='disk'>",
            "  <driver name='qemu' type='raw'/>",
            "  <source file='/var/lib/libvirt/images/secret.img'>",
            "    <encryption format='luks'>",
            "      <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>",
            '    </encryption>',
            '  </source>',
            "  <target dev='vda' bus='virtio'/>",
            '</disk>',
          ],
        }),
      },
      libvirtMessage: 'unsupported configuration: an <encryption> definition already found for disk source',
      libvirtSource: 'src/conf/domain_conf.c, virDomainDiskDefParseSourceXML',
    },
  },
  check(ctx) {
    for (const disk of devices(ctx, 'disk')) {
      const source = child(disk, 'source');
      for (const name of ['auth', 'encryption']) {
        const inner = child(source, name);
        const outer = child(disk, name);
        if (inner === undefined || outer === undefined) continue;
        ctx.report({
          node: outer,
          message: `the disk's source already has an <${name}> (line ${lineOf(ctx, inner)}): keep only the one inside <source>`,
          related: [{ node: inner, message: `<${name}> inside <source>` }],
          ...(equivalent(inner, outer) ? { fix: { description: `remove the disk-level <${name}>, which repeats the one inside <source>`, edits: [removeElement(ctx.document, outer)] } } : {}),
        });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

/** Network protocols whose sources take no `<auth>`. */
const NO_AUTH_PROTOCOLS = new Set(['nbd', 'sheepdog', 'gluster', 'tftp', 'vxhs', 'nfs']);
/** The secret usage a protocol's `<auth>` must name. */
const AUTH_SECRET: Readonly<Record<string, string>> = { iscsi: 'iscsi', rbd: 'ceph' };

export const diskAuthMismatch: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-auth-mismatch',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A network disk's `<auth>` does not fit its protocol: a protocol without authentication, or a secret of the wrong usage type (iSCSI needs 'iscsi', RBD needs 'ceph').",
      why: 'libvirt refuses to define the domain: it looks the secret up by the usage type the protocol needs, and NBD, Gluster, NFS, TFTP and VxHS sources cannot authenticate at all.',
      example: {
        bad: domainXml({
          devices: [
            "<disk type='network' device='disk'>",
            "  <driver name='qemu' type='raw'/>",
            "  <source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-pool/1'>",
            "    <host name='iscsi.example.com' port='3260'/>",
            "    <auth username='myname'>",
            "      <secret type='ceph' usage='mycluster_myname'/>",
            '    </auth>',
            '  </source>',
            "  <target dev='vda' bus='virtio'/>",
            '</disk>',
          ],
        }),
        good: domainXml({
          devices: [
            "<disk type='network' device='disk'>",
            "  <driver name='qemu' type='raw'/>",
            "  <source protocol='iscsi' name='iqn.2013-07.com.example:iscsi-pool/1'>",
            "    <host name='iscsi.example.com' port='3260'/>",
            "    <auth username='myname'>",
            "      <secret type='iscsi' usage='libvirtiscsi'/>",
            '    </auth>',
            '  </source>',
            "  <target dev='vda' bus='virtio'/>",
            '</disk>',
          ],
        }),
      },
      libvirtMessage: "unsupported configuration: invalid secret type 'ceph'",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidateSourceChainOne',
      limits: 'A missing or unknown secret type is left to the schema rule.',
    },
  },
  check(ctx) {
    for (const disk of devices(ctx, 'disk')) {
      for (const { source, auth } of auths(disk)) {
        if (source.type !== 'network') continue;
        const protocol = attr(source.source, 'protocol');
        if (protocol === undefined) continue;
        if (NO_AUTH_PROTOCOLS.has(protocol)) {
          ctx.report({ node: auth, message: `'${protocol}' disk sources do not support authentication: remove the <auth> element` });
          continue;
        }
        const wanted = AUTH_SECRET[protocol];
        const secret = child(auth, 'secret');
        const type = attr(secret, 'type');
        if (wanted === undefined || secret === undefined || type === undefined || type === wanted) continue;
        ctx.report({ node: secret, attribute: 'type', message: `a '${protocol}' source authenticates with a secret of usage type '${wanted}', not '${type}': set type='${wanted}' and name a secret of that usage` });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const diskSheepdog: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-sheepdog',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A network disk uses the 'sheepdog' protocol.",
      why: 'libvirt refuses to define the domain: no hypervisor driver supports Sheepdog any more (QEMU removed it in 6.0).',
      example: {
        bad: domainXml({
          devices: [
            "<disk type='network' device='disk'>",
            "  <driver name='qemu' type='raw'/>",
            "  <source protocol='sheepdog' name='images/demo'>",
            "    <host name='sheep.example.com' port='7000'/>",
            '  </source>',
            "  <target dev='vda' bus='virtio'/>",
            '</disk>',
          ],
        }),
        good: domainXml({
          devices: [
            "<disk type='network' device='disk'>",
            "  <driver name='qemu' type='raw'/>",
            "  <source protocol='rbd' name='images/demo'>",
            "    <host name='ceph.example.com' port='6789'/>",
            '  </source>',
            "  <target dev='vda' bus='virtio'/>",
            '</disk>',
          ],
        }),
      },
      libvirtMessage: "unsupported configuration: 'sheepdog' protocol is no longer supported by any hypervisor driver",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidateSourceChainOne',
      limits: 'Reported when a configured release is newer than 9.0.0, which still defines Sheepdog disks.',
    },
  },
  check(ctx) {
    if (!checkedSince(ctx, '11.3.0')) return;
    for (const disk of devices(ctx, 'disk')) {
      for (const s of storageChain(disk)) {
        if (s.type !== 'network' || s.source === undefined || attr(s.source, 'protocol') !== 'sheepdog') continue;
        ctx.report({ node: s.source, attribute: 'protocol', message: 'no hypervisor driver supports Sheepdog any more: move the image to another storage (RBD, iSCSI, NBD or a local file)' });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const diskLuksCipher: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-luks-cipher',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A disk's LUKS `<encryption>` gives a `<cipher>`.",
      why: 'libvirt refuses to define the domain: the cipher of a LUKS image is stored in its header and chosen when the image is created (a storage volume\'s `<encryption>`), not in the domain.',
      example: {
        bad: domainXml({
          devices: ENCRYPTED_DISK(["<encryption format='luks'>", "  <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>", "  <cipher name='serpent' size='256' mode='cbc' hash='sha256'/>", "  <ivgen name='plain64' hash='sha256'/>", '</encryption>']),
        }),
        good: domainXml({ devices: ENCRYPTED_DISK(["<encryption format='luks'>", "  <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>", '</encryption>']) }),
      },
      libvirtMessage: 'unsupported configuration: supplying <cipher> for domain disk definition is unnecessary',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefValidateSourceChainOne',
    },
  },
  check(ctx) {
    for (const disk of devices(ctx, 'disk')) {
      for (const { encryption } of encryptions(disk)) {
        if (attr(encryption, 'format') !== 'luks') continue;
        const cipher = child(encryption, 'cipher');
        if (cipher === undefined) continue;
        ctx.report({ node: cipher, message: 'a LUKS image keeps its cipher in its header: remove <cipher> (and <ivgen>) from the disk\'s <encryption>' });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const diskLunSource: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-lun-source',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `device='lun'` disk whose source cannot be passed through: a network protocol other than iSCSI, an image format other than raw, or encryption.",
      why: 'libvirt refuses to define the domain: LUN passthrough hands SCSI commands to a block device or an iSCSI LUN as it is, so there is no image format or encryption layer in between.',
      example: {
        bad: domainXml({
          devices: ["<disk type='block' device='lun'>", "  <driver name='qemu' type='qcow2'/>", "  <source dev='/dev/sdb'/>", "  <target dev='sda' bus='scsi'/>", '</disk>'],
        }),
        good: domainXml({
          devices: ["<disk type='block' device='lun'>", "  <driver name='qemu' type='raw'/>", "  <source dev='/dev/sdb'/>", "  <target dev='sda' bus='scsi'/>", '</disk>'],
        }),
      },
      libvirtMessage: "unsupported configuration: disk device 'lun' must use 'raw' format",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDiskDefSourceLUNValidate',
      limits: 'A LUN on a file or directory source is left to the schema rule, which refuses it.',
    },
  },
  check(ctx) {
    for (const disk of devices(ctx, 'disk')) {
      if (diskDevice(disk) !== 'lun') continue;
      const source = child(disk, 'source');
      const protocol = attr(source, 'protocol');
      if (diskType(disk) === 'network' && source !== undefined && protocol !== undefined && protocol !== 'iscsi') {
        ctx.report({ node: source, attribute: 'protocol', message: `device='lun' passes through iSCSI LUNs only, not '${protocol}' sources: use device='disk'` });
        continue;
      }
      const driver = child(disk, 'driver');
      const format = diskFormat(disk);
      if (driver !== undefined && format !== undefined && format !== 'raw' && format !== 'none') {
        ctx.report({ node: driver, attribute: 'type', message: `a LUN is passed through as it is: its format must be 'raw', not '${format}' (use device='disk' for an image)` });
        continue;
      }
      const encryption = child(source, 'encryption') ?? child(disk, 'encryption');
      const encryptionFormat = attr(encryption, 'format');
      if (encryption !== undefined && encryptionFormat !== undefined && encryptionFormat !== 'default') {
        ctx.report({ node: encryption, message: 'a passed-through LUN cannot be encrypted by libvirt: remove <encryption> or use device=\'disk\'' });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const diskUsbEmpty: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-usb-empty',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A USB disk (usually a CD-ROM) has no medium.',
      why: 'libvirt refuses to define the domain: QEMU\'s usb-storage device cannot exist without a medium, so a USB CD-ROM or floppy cannot start empty and get its medium later.',
      example: {
        bad: domainXml({ devices: ["<disk type='file' device='cdrom'>", "  <driver name='qemu' type='raw'/>", "  <target dev='sdb' bus='usb'/>", '  <readonly/>', '</disk>'] }),
        good: domainXml({ devices: ["<disk type='file' device='cdrom'>", "  <driver name='qemu' type='raw'/>", "  <target dev='sdb' bus='sata'/>", '  <readonly/>', '</disk>'] }),
      },
      libvirtMessage: "unsupported configuration: 'usb' disk must not be empty",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDiskFrontend',
      limits: 'Reported when a configured release is newer than 9.0.0, which still defines empty USB disks.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform) || !checkedSince(ctx, '11.3.0')) return;
    for (const disk of devices(ctx, 'disk')) {
      const target = child(disk, 'target');
      if (target === undefined || diskBus(disk) !== 'usb') continue;
      const source = child(disk, 'source');
      if (!sourceIsEmpty(diskType(disk), source)) continue;
      ctx.report({ node: target, attribute: 'bus', message: `the USB disk '${diskTarget(disk) ?? ''}' has no medium, which QEMU's usb-storage cannot do: give it a <source>, or put an empty CD-ROM on bus='sata' or 'scsi'` });
    }
  },
};

// ---------------------------------------------------------------------------------------------

export const diskSharedFormat: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-shared-format',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A writable `<shareable/>` disk uses an image format other than raw.',
      why: 'libvirt refuses to define the domain: only raw images can be written by two QEMU processes at once; a qcow2 image\'s metadata would be corrupted.',
      example: {
        bad: domainXml({ devices: FILE_DISK('vdb', ['<shareable/>']) }),
        good: domainXml({ devices: FILE_DISK('vdb', ['<shareable/>'], "<driver name='qemu' type='raw' cache='none'/>") }),
      },
      libvirtMessage: "unsupported configuration: shared access for disk 'hda' requires use of supported storage format",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDisk (qemuBlockStorageSourceSupportsConcurrentAccess)',
      limits: 'A volume disk without a format is not judged: its format comes from the storage pool.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const disk of devices(ctx, 'disk')) {
      const shareable = child(disk, 'shareable');
      if (shareable === undefined || child(disk, 'readonly') !== undefined || diskDevice(disk) === 'cdrom') continue;
      const driver = child(disk, 'driver');
      const format = diskFormat(disk);
      if (driver === undefined || format === undefined || format === 'raw' || format === 'none') continue;
      ctx.report({
        node: driver,
        attribute: 'type',
        message: `disk '${diskTarget(disk) ?? ''}' is <shareable/> and writable, which works only with raw images, not '${format}': use a raw image, or make the disk <readonly/>`,
        related: [{ node: shareable, message: 'shared here' }],
      });
    }
  },
};

/** Xen's disk driver names (libxl): backends that all read an image as its `type` says, raw when none is given. */
const XEN_DRIVER_NAMES = new Set(['tap', 'tap2', 'file', 'phy']);
/** Formats Xen's backends and QEMU read alike (`aio` is Xen's spelling of raw). */
const SHARED_FORMATS = new Set(['raw', 'aio', 'qcow', 'qcow2']);

export const diskDriverName: DocumentRule<'domain'> = {
  meta: {
    id: 'disk-driver-name',
    legacy: releasesOf('disk-driver-name'),
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    fixable: true,
    docs: {
      summary: "A disk's `<driver name>` is not 'qemu' in a QEMU or KVM domain (typically Xen's `tap`, `tap2`, `file` or `phy`).",
      why: "libvirt refuses to define the domain: the driver name picks the hypervisor's disk backend, and QEMU has one, `qemu`; the image format is the driver's `type`. Xen's names come from a configuration written for Xen. They carry no format of their own (Xen reads an image without `type` as raw, as QEMU does), so where the format is one both read alike (raw, `aio`, qcow, qcow2) the fix writes name='qemu' and keeps `type`.",
      example: {
        bad: domainXml({ devices: ["<disk type='block' device='disk'>", "  <driver name='phy' type='raw'/>", "  <source dev='/dev/vg0/web01'/>", "  <target dev='vda' bus='virtio'/>", '</disk>'] }),
        good: domainXml({ devices: ["<disk type='block' device='disk'>", "  <driver name='qemu' type='raw'/>", "  <source dev='/dev/vg0/web01'/>", "  <target dev='vda' bus='virtio'/>", '</disk>'] }),
      },
      libvirtMessage: "unsupported configuration: unsupported driver name 'phy' for disk 'vda'",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDisk',
      limits: "No fix for a name that is not Xen's, for a format Xen names otherwise than QEMU (Xen's `vhd` is QEMU's `vpc`) or that Xen's backends did not read, and for a volume disk without a format (QEMU takes the pool's format where Xen read raw).",
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const disk of devices(ctx, 'disk')) {
      const driver = child(disk, 'driver');
      const name = attr(driver, 'name');
      if (driver === undefined || name === undefined || name === 'qemu') continue;
      const format = diskFormat(disk);
      const lossless = XEN_DRIVER_NAMES.has(name) && (format === undefined ? diskType(disk) !== 'volume' : SHARED_FORMATS.has(format));
      const named = XEN_DRIVER_NAMES.has(name) ? `Xen's driver '${name}'` : `the driver '${name}'`;
      ctx.report({
        node: driver,
        attribute: 'name',
        message: `disk '${diskTarget(disk) ?? ''}' names ${named}, but QEMU's only disk driver is 'qemu': write name='qemu' (the image format is the driver's type)`,
        ...(lossless ? { fix: { description: "write name='qemu'", edits: [setAttribute(driver, 'name', 'qemu')] } } : {}),
      });
    }
  },
};

/** Every rule of this file. */
export const DISK_SOURCE_RULES = [diskFormatUnsupported, diskEncryptionUnsupported, diskSourceDefinedTwice, diskAuthMismatch, diskSheepdog, diskLuksCipher, diskLunSource, diskUsbEmpty, diskSharedFormat, diskDriverName];
