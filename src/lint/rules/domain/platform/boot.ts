/**
 * Boot order: `<os><boot dev>` against the devices' own `<boot order>`, orders used twice, and the
 * buses a virtiofs filesystem can boot from.
 */
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { checkedSince, childElement, deviceBoots, isQemuDomain, isS390Arch } from './util.js';

/**
 * Whether libvirt collects the boot orders of this domain: HVM guests, except in the Virtuozzo
 * driver, which keeps its own boot order (VIR_DOMAIN_DEF_FEATURE_NO_BOOT_ORDER).
 */
function isHvm(domain: { readonly type?: string; readonly os?: { readonly type?: { readonly $value?: string } } }): boolean {
  return domain.os?.type?.$value === 'hvm' && domain.type !== 'vz';
}

function orderOf(boot: { readonly order: string }): number | undefined {
  return /^\s*\d+\s*$/.test(boot.order) ? Number(boot.order) : undefined;
}

const DISK = [
  "<disk type='file' device='disk'>",
  "  <source file='/var/lib/libvirt/images/demo.qcow2'/>",
  "  <target dev='vda' bus='virtio'/>",
];
const NIC = [
  "<interface type='network'>",
  "  <source network='default'/>",
  "  <model type='virtio'/>",
];

export const bootOrderMixed: DocumentRule<'domain'> = {
  meta: {
    id: 'boot-order-mixed',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: '`<os><boot dev>` elements are used together with per-device `<boot order>`.',
      why: 'libvirt refuses to define the domain: the boot order comes either from the `<boot dev>` list of `<os>` or from the `<boot order>` of devices, never from both.',
      example: {
        bad: domainXml({ os: ["<boot dev='hd'/>"], devices: [...DISK, "  <boot order='1'/>", '</disk>'] }),
        good: domainXml({ devices: [...DISK, "  <boot order='1'/>", '</disk>'] }),
      },
      libvirtMessage: 'unsupported configuration: per-device boot elements cannot be used together with os/boot elements',
      libvirtSource: 'src/conf/domain_postparse.c, virDomainDefBootOrderPostParse',
    },
  },
  check(ctx) {
    const d = ctx.model;
    if (!isHvm(d)) return;
    const osBoots = d.os?.boot ?? [];
    const first = osBoots[0];
    if (first === undefined) return;
    const device = deviceBoots(d).find((b) => (orderOf(b.boot) ?? 0) > 0);
    if (device === undefined) return;
    ctx.report({
      node: first,
      message: `<os><boot dev> cannot be combined with the per-device <boot order> of this domain (line ${ctx.locate({ node: device.boot }).line}): remove the <os><boot> elements and give each bootable device a <boot order>, or drop the devices' <boot> elements`,
      related: [{ node: device.boot, message: 'per-device boot order' }],
    });
  },
};

export const duplicateBootOrder: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-boot-order',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two devices have the same `<boot order>`.',
      why: 'libvirt refuses to define the domain: each boot order number may be given to one device only.',
      example: {
        bad: domainXml({ devices: [...DISK, "  <boot order='1'/>", '</disk>', ...NIC, "  <boot order='1'/>", '</interface>'] }),
        good: domainXml({ devices: [...DISK, "  <boot order='1'/>", '</disk>', ...NIC, "  <boot order='2'/>", '</interface>'] }),
      },
      libvirtMessage: "unsupported configuration: boot order '1' used for more than one device",
      libvirtSource: 'src/conf/domain_postparse.c, virDomainDefCollectBootOrder',
    },
  },
  check(ctx) {
    if (!isHvm(ctx.model)) return;
    const seen = new Map<number, object>();
    for (const { boot } of deviceBoots(ctx.model)) {
      const order = orderOf(boot);
      if (order === undefined || order === 0) continue;
      const first = seen.get(order);
      if (first === undefined) {
        seen.set(order, boot);
        continue;
      }
      ctx.report({
        node: boot,
        attribute: 'order',
        message: `boot order ${order} is already given to another device (line ${ctx.locate({ node: first }).line}): give each device its own boot order`,
        related: [{ node: first, attribute: 'order', message: 'first device with this boot order' }],
      });
    }
  },
};

const FS = [
  "<filesystem type='mount' accessmode='passthrough'>",
  "  <driver type='virtiofs'/>",
  "  <source dir='/srv/share'/>",
  "  <target dir='share'/>",
  "  <boot order='1'/>",
];

export const virtiofsBootBus: DocumentRule<'domain'> = {
  meta: {
    id: 'virtiofs-boot-non-pci',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A virtiofs filesystem has a `<boot order>` but sits on a bus other than PCI (an explicit address, or CCW by default on s390).',
      why: 'The QEMU driver refuses the domain: QEMU can boot from a vhost-user-fs device only on PCI (on s390x, a CCW address makes it unbootable).',
      example: {
        bad: domainXml({
          arch: 's390x',
          body: ['<memoryBacking>', "  <source type='memfd'/>", "  <access mode='shared'/>", '</memoryBacking>'],
          devices: [...FS, "  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0002'/>", '</filesystem>'],
        }),
        good: domainXml({
          arch: 's390x',
          body: ['<memoryBacking>', "  <source type='memfd'/>", "  <access mode='shared'/>", '</memoryBacking>'],
          devices: [...FS.filter((l) => !l.includes('<boot')), "  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0002'/>", '</filesystem>'],
        }),
        config: { arch: 's390x' },
      },
      libvirtMessage: 'unsupported configuration: setting virtiofs boot order is supported only with PCI bus',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefFS',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const fs of ctx.model.devices?.filesystem ?? []) {
      if (fs.driver?.type !== 'virtiofs' || fs.boot === undefined || (orderOf(fs.boot) ?? 0) === 0) continue;
      // Without an address, s390 guests put virtio devices on the CCW bus.
      const type = fs.address?.type ?? (isS390Arch(ctx.platform.arch) ? 'ccw' : undefined);
      if (type === undefined || type === 'pci') continue;
      const implicit = fs.address === undefined;
      ctx.report({
        node: implicit ? fs.boot : fs.address!,
        ...(implicit ? {} : { attribute: 'type' }),
        message: implicit
          ? `a virtiofs filesystem can boot only from PCI, and without an address this ${ctx.platform.arch} guest puts it on the CCW bus: give it a PCI address or remove its <boot order>`
          : `a virtiofs filesystem can boot only from a PCI address, not '${type}': give it a PCI address or remove its <boot order>`,
        ...(implicit ? {} : { related: [{ node: fs.boot, message: 'boot order of this filesystem' }] }),
      });
    }
  },
};

export const shimWithoutKernel: DocumentRule<'domain'> = {
  meta: {
    id: 'shim-without-kernel',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: '`<os><shim>` is given without `<os><kernel>`.',
      why: 'libvirt refuses to define the domain: the shim is loaded ahead of a directly booted kernel, so it needs one.',
      example: {
        bad: domainXml({ osAttributes: " firmware='efi'", os: ['<shim>/boot/efi/EFI/fedora/shimx64.efi</shim>'], body: ['<features>', '  <acpi/>', '</features>'] }),
        good: domainXml({ osAttributes: " firmware='efi'", os: ['<kernel>/boot/vmlinuz</kernel>', '<shim>/boot/efi/EFI/fedora/shimx64.efi</shim>'], body: ['<features>', '  <acpi/>', '</features>'] }),
      },
      libvirtMessage: 'unsupported configuration: shim only allowed with kernel option',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefOSValidate',
      limits: 'Reported when a configured release is newer than 9.0.0, which has no `<shim>`.',
    },
  },
  check(ctx) {
    const os = ctx.model.os;
    // libvirt 9.0.0 has no <shim> and drops it unread.
    if (os?.shim === undefined || (os.kernel !== undefined && os.kernel !== '') || !checkedSince(ctx.releases, '11.3.0')) return;
    const el = childElement(os, 'shim');
    ctx.report({ node: el ?? os, message: 'a shim needs a directly booted kernel: add <kernel> to <os>, or remove <shim>' });
  },
};

export const BOOT_RULES = [bootOrderMixed, duplicateBootOrder, virtiofsBootBus, shimWithoutKernel] as const;
