/**
 * Host devices:
 *
 * - `duplicate-hostdev`: the same host device assigned twice (the same host PCI address, USB
 *   device, SCSI LUN, vhost-scsi WWPN or mediated device UUID), by `<hostdev>` or
 *   `<interface type='hostdev'>`.
 * - `mdev-address-type`: a mediated device whose guest address does not match its model (a
 *   vfio-pci mdev takes a PCI address, a vfio-ccw mdev a CCW address).
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { attr, devicesElement, kid, kids, lineOf, parseUnsigned, text } from './common.js';
import { domainXml } from './examples.js';

/** What identifies the host side of a host device, as virDomainHostdevMatch compares it. */
type Source =
  | { readonly kind: 'pci'; readonly addr: string }
  | { readonly kind: 'usb'; readonly bus: bigint; readonly device: bigint; readonly vendor: bigint; readonly product: bigint }
  | { readonly kind: 'scsi-host'; readonly adapter: string; readonly addr: string }
  | { readonly kind: 'scsi-iscsi'; readonly host: string; readonly port: string; readonly path: string }
  | { readonly kind: 'scsi_host'; readonly protocol: string; readonly wwpn: string }
  | { readonly kind: 'mdev'; readonly uuid: string }
  | { readonly kind: 'caps'; readonly type: string; readonly value: string };

const num = (el: XmlElement | undefined, name: string): bigint => parseUnsigned(attr(el, name), 0) ?? 0n;

function pciKey(address: XmlElement | undefined): string {
  return ['domain', 'bus', 'slot', 'function'].map((f) => num(address, f).toString()).join(':');
}

/** The source of a `<hostdev>` or of an `<interface type='hostdev'>`; undefined when unreadable. */
function sourceOf(el: XmlElement): Source | undefined {
  const source = kid(el, 'source');
  if (source === undefined) return undefined;
  if (el.local === 'interface') {
    const address = kid(source, 'address');
    const type = attr(address, 'type');
    if (type === 'pci') return { kind: 'pci', addr: pciKey(address) };
    if (type === 'usb') return { kind: 'usb', bus: num(address, 'bus'), device: num(address, 'device'), vendor: 0n, product: 0n };
    return undefined;
  }
  const mode = attr(el, 'mode') ?? 'subsystem';
  const type = attr(el, 'type');
  if (mode === 'capabilities') {
    const child = type === 'storage' ? 'block' : type === 'misc' ? 'char' : type === 'net' ? 'interface' : undefined;
    if (child === undefined) return undefined;
    const value = text(kid(source, child));
    return value === undefined ? undefined : { kind: 'caps', type: type!, value };
  }
  if (mode !== 'subsystem') return undefined;
  switch (type) {
    case 'pci':
      return { kind: 'pci', addr: pciKey(kid(source, 'address')) };
    case 'usb': {
      const address = kid(source, 'address');
      return {
        kind: 'usb',
        bus: num(address, 'bus'),
        device: num(address, 'device'),
        vendor: parseUnsigned(attr(kid(source, 'vendor'), 'id'), 0) ?? 0n,
        product: parseUnsigned(attr(kid(source, 'product'), 'id'), 0) ?? 0n,
      };
    }
    case 'scsi': {
      if (attr(source, 'protocol') === 'iscsi') {
        const host = kid(source, 'host');
        const name = attr(source, 'name');
        if (host === undefined || name === undefined) return undefined;
        return { kind: 'scsi-iscsi', host: attr(host, 'name') ?? '', port: attr(host, 'port') ?? '', path: name };
      }
      const adapter = attr(kid(source, 'adapter'), 'name');
      if (adapter === undefined) return undefined;
      const address = kid(source, 'address');
      return { kind: 'scsi-host', adapter, addr: ['bus', 'target', 'unit'].map((f) => num(address, f).toString()).join(':') };
    }
    case 'scsi_host': {
      const wwpn = attr(source, 'wwpn');
      return wwpn === undefined ? undefined : { kind: 'scsi_host', protocol: attr(source, 'protocol') ?? '', wwpn };
    }
    case 'mdev': {
      const uuid = attr(kid(source, 'address'), 'uuid');
      return uuid === undefined ? undefined : { kind: 'mdev', uuid };
    }
    default:
      return undefined;
  }
}

/** virDomainHostdevMatch, with the earlier host device first (USB compares asymmetrically). */
function matches(first: Source, second: Source): boolean {
  if (first.kind !== second.kind) return false;
  switch (first.kind) {
    case 'pci':
      return first.addr === (second as typeof first).addr;
    case 'usb': {
      const s = second as typeof first;
      if (first.bus !== 0n && first.device !== 0n) return first.bus === s.bus && first.device === s.device;
      return first.vendor === s.vendor && first.product === s.product;
    }
    case 'scsi-host': {
      const s = second as typeof first;
      return first.adapter === s.adapter && first.addr === s.addr;
    }
    case 'scsi-iscsi': {
      const s = second as typeof first;
      return first.host === s.host && first.port === s.port && first.path === s.path;
    }
    case 'scsi_host': {
      const s = second as typeof first;
      return first.protocol === s.protocol && first.wwpn === s.wwpn;
    }
    case 'mdev':
      return first.uuid === (second as typeof first).uuid;
    case 'caps': {
      const s = second as typeof first;
      return first.type === s.type && first.value === s.value;
    }
  }
}

function describeSource(s: Source): string {
  switch (s.kind) {
    case 'pci':
      return 'host PCI device';
    case 'usb':
      return 'host USB device';
    case 'scsi-host':
    case 'scsi-iscsi':
      return 'host SCSI device';
    case 'scsi_host':
      return 'vhost-scsi target';
    case 'mdev':
      return 'mediated device';
    case 'caps':
      return `host ${s.type}`;
  }
}

export const duplicateHostdev: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-hostdev',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'The same host device is assigned to the guest twice.',
      why: 'libvirt refuses to define the domain: a host device can be handed to a guest once. It compares the host side: the PCI address, the USB bus and device number (or vendor and product when no bus/device is given), the SCSI adapter and LUN or iSCSI target, the vhost-scsi WWPN, the mediated device UUID — for `<hostdev>` and `<interface type=\'hostdev\'>` alike.',
      example: {
        bad: domainXml({
          devices: [
            "<hostdev mode='subsystem' type='pci' managed='yes'>",
            '  <source>',
            "    <address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/>",
            '  </source>',
            '</hostdev>',
            "<hostdev mode='subsystem' type='pci' managed='yes'>",
            '  <source>',
            "    <address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/>",
            '  </source>',
            '</hostdev>',
          ],
        }),
        good: domainXml({
          devices: [
            "<hostdev mode='subsystem' type='pci' managed='yes'>",
            '  <source>',
            "    <address domain='0x0000' bus='0x06' slot='0x12' function='0x5'/>",
            '  </source>',
            '</hostdev>',
            "<hostdev mode='subsystem' type='pci' managed='yes'>",
            '  <source>',
            "    <address domain='0x0000' bus='0x06' slot='0x12' function='0x6'/>",
            '  </source>',
            '</hostdev>',
          ],
        }),
      },
      libvirtMessage: 'XML error: Hostdev already exists in the domain configuration',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefHostdevValidate (virDomainHostdevMatch in src/conf/domain_conf.c)',
    },
  },
  check(ctx) {
    const devicesEl = devicesElement(ctx);
    if (devicesEl === undefined) return;
    const seen: { el: XmlElement; source: Source }[] = [];
    for (const el of kids(devicesEl)) {
      if (el.local !== 'hostdev' && !(el.local === 'interface' && attr(el, 'type') === 'hostdev')) continue;
      const source = sourceOf(el);
      if (source === undefined) continue;
      const first = seen.find((s) => matches(s.source, source));
      if (first !== undefined) {
        ctx.report({
          node: kid(el, 'source') ?? el,
          message: `this ${describeSource(source)} is already assigned to the guest on line ${lineOf(ctx, first.el)}: a host device can be assigned once; remove one of the two`,
          related: [{ node: kid(first.el, 'source') ?? first.el, message: 'first assignment' }],
        });
        continue;
      }
      seen.push({ el, source });
    }
  },
};

export const mdevAddressType: DocumentRule<'domain'> = {
  meta: {
    id: 'mdev-address-type',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A mediated device has a guest address of the wrong type for its model.',
      why: 'libvirt refuses to define the domain: a vfio-pci mediated device appears in the guest as a PCI device and takes a PCI address; a vfio-ccw one appears on the channel subsystem and takes a CCW address.',
      example: {
        bad: domainXml({
          devices: [
            "<hostdev mode='subsystem' type='mdev' model='vfio-pci'>",
            '  <source>',
            "    <address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/>",
            '  </source>',
            "  <address type='drive' controller='0' bus='0' target='0' unit='1'/>",
            '</hostdev>',
          ],
        }),
        good: domainXml({
          devices: [
            "<controller type='pci' index='1' model='pcie-root-port'/>",
            "<hostdev mode='subsystem' type='mdev' model='vfio-pci'>",
            '  <source>',
            "    <address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/>",
            '  </source>',
            "  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>",
            '</hostdev>',
          ],
        }),
      },
      libvirtMessage: "XML error: Unsupported address type 'drive' with mediated device model 'vfio-pci'",
      libvirtSource: 'src/conf/domain_postparse.c, virDomainHostdevDefPostParse',
    },
  },
  check(ctx) {
    const devicesEl = devicesElement(ctx);
    if (devicesEl === undefined) return;
    for (const el of kids(devicesEl, 'hostdev')) {
      if ((attr(el, 'mode') ?? 'subsystem') !== 'subsystem' || attr(el, 'type') !== 'mdev') continue;
      const model = attr(el, 'model');
      const address = kid(el, 'address');
      const type = attr(address, 'type');
      if (address === undefined || type === undefined) continue;
      const wanted = model === 'vfio-pci' ? 'pci' : model === 'vfio-ccw' ? 'ccw' : undefined;
      if (wanted === undefined || type === wanted) continue;
      ctx.report({
        node: address,
        attribute: 'type',
        message: `a ${model} mediated device takes a ${wanted.toUpperCase()} address, not one of type '${type}': use <address type='${wanted}' .../>, or leave the address out`,
      });
    }
  },
};
