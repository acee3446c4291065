/**
 * Shared helpers of the device rules: the document's elements as libvirt reads them, the driver
 * and machine type that decide which checks apply, and the defaults libvirt fills in before it
 * validates (a disk's bus from its target name, a disk's image format).
 *
 * The rules read the lossless XML tree rather than the typed model: a rule must see the attribute
 * at fault even where the grammar would not put it in the model, and libvirt itself reads the
 * attributes as written.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { GuestPlatform, RuleContext } from '../../../types.js';
import { isPPC64Arch as isPPC64, isQemuDomain, isS390Arch as isS390, isX86Arch as isX86, machineIs as machineFamilyIs, type MachineFamily } from '../../../platform.js';
import { childElements as children, childElement as child, attributeValue as attr, textContent as textOf } from '../../../xml-query.js';

// ---------------------------------------------------------------------------------------------
// XML access

export { childElements as children, childElement as child, attributeValue as attr, textContent as textOf } from '../../../xml-query.js';

/** Whether the element has the attribute, whatever its value. */
export function hasAttr(el: XmlElement | undefined, name: string): boolean {
  return attr(el, name) !== undefined;
}

/**
 * Whether two elements say the same thing: same name, same attributes and values (in any order),
 * the same text (spaces around it aside) and equivalent child elements in the same order.
 * Comments and the whitespace between elements do not count.
 */
export function equivalent(a: XmlElement, b: XmlElement): boolean {
  if (a.name !== b.name || a.attributes.length !== b.attributes.length) return false;
  for (const x of a.attributes) if (attr(b, x.name) !== x.value) return false;
  if ((textOf(a) ?? '').trim() !== (textOf(b) ?? '').trim()) return false;
  const ca = a.children.filter((c): c is XmlElement => c.kind === 'element');
  const cb = b.children.filter((c): c is XmlElement => c.kind === 'element');
  return ca.length === cb.length && ca.every((c, i) => equivalent(c, cb[i]!));
}

/** The `<devices>` element of the domain. */
export function devicesOf(ctx: RuleContext<'domain'>): XmlElement | undefined {
  return child(ctx.document.root, 'devices');
}

/** The devices named `name` (`disk`, `interface`, …) in document order. */
export function devices(ctx: RuleContext<'domain'>, name: string): XmlElement[] {
  return children(devicesOf(ctx), name);
}

/** The line of an element, for messages that name another place. */
export function lineOf(ctx: RuleContext<'domain'>, el: XmlElement): number {
  return ctx.locate({ node: el }).line;
}

/** Compares two `major.minor.micro` releases. */
function compareReleases(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Whether a check libvirt makes since release `since` applies: some configured release is that
 * one or newer. The lint's releases are 7.0.0, 9.0.0 and 11.3.0; a check of 11.3.0 that 9.0.0
 * (measured with Debian 12's libvirt) does not make is given as `11.3.0`, one that 7.0.0 did not
 * make (its tests accept such documents) as `9.0.0`.
 */
export function checkedSince(ctx: RuleContext<'domain'>, since: string): boolean {
  return ctx.releases.some((r) => compareReleases(r, since) >= 0);
}

// ---------------------------------------------------------------------------------------------
// Driver and machine type

export { isQemuDomain, isX86Arch as isX86, isPPC64Arch as isPPC64, isS390Arch as isS390 } from '../../../platform.js';

export type MachineKind = Extract<MachineFamily, 'q35' | 'i440fx' | 'pseries' | 'arm-virt' | 'riscv-virt' | 'loongarch-virt'>;

/** QEMU's default machine where the device rules rely on it: the i440fx `pc` on x86, `pseries` on ppc64. */
function qemuDefaultMachine(arch: string): string | undefined {
  return isX86(arch) ? 'pc' : isPPC64(arch) ? 'pseries' : undefined;
}

/**
 * Whether the guest's machine type is of `kind` as the QEMU driver tells it (architecture and
 * machine name together). With no machine named, QEMU's default machine decides: x86 defaults to
 * the i440fx `pc` and ppc64 to `pseries`; for other architectures the answer is undefined, and
 * rules do not guess.
 */
export function machineIs(platform: GuestPlatform, kind: MachineKind): boolean | undefined {
  return machineFamilyIs(platform, kind, qemuDefaultMachine);
}

/** The machine as a message names it. */
export function machineLabel(platform: GuestPlatform): string {
  return platform.machine === undefined ? `the default machine of ${platform.arch}` : `machine '${platform.machine}'`;
}

// ---------------------------------------------------------------------------------------------
// Disks

/** The disk's target name as libvirt keeps it (`ioemu:` dropped, as the Xen compatibility does). */
export function diskTarget(disk: XmlElement): string | undefined {
  const dev = attr(child(disk, 'target'), 'dev');
  return dev?.startsWith('ioemu:') ? dev.slice('ioemu:'.length) : dev;
}

/** `disk@device`, `disk` when absent. */
export function diskDevice(disk: XmlElement): string {
  return attr(disk, 'device') ?? 'disk';
}

/** `disk@type`, `file` when absent. */
export function diskType(disk: XmlElement): string {
  return attr(disk, 'type') ?? 'file';
}

/**
 * The disk's bus: `target@bus`, else what libvirt derives after parsing (fdc for floppies, then
 * from the target's prefix: hd ide, sd scsi, vd virtio, xvd xen, ubd uml; ide otherwise).
 */
export function diskBus(disk: XmlElement): string {
  const bus = attr(child(disk, 'target'), 'bus');
  if (bus !== undefined) return bus;
  if (diskDevice(disk) === 'floppy') return 'fdc';
  const dst = diskTarget(disk) ?? '';
  if (dst.startsWith('hd')) return 'ide';
  if (dst.startsWith('sd')) return 'scsi';
  if (dst.startsWith('vd')) return 'virtio';
  if (dst.startsWith('xvd')) return 'xen';
  if (dst.startsWith('ubd')) return 'uml';
  return 'ide';
}

/** The attribute of `<source>` that names a local disk source's path, by disk type. */
const PATH_ATTRIBUTE: Readonly<Record<string, string>> = { file: 'file', block: 'dev', dir: 'dir' };

/**
 * Whether a disk source is empty as libvirt sees it (virStorageSourceIsEmpty): a local source
 * (file, block, dir) without a path (an empty path counts as none), or a network source without a
 * protocol, or no `<source>` at all. `type` is the storage type of the source element's owner (`disk@type` or
 * `backingStore@type`).
 */
export function sourceIsEmpty(type: string, source: XmlElement | undefined): boolean {
  // Without a <source> libvirt takes the disk as an empty file, whatever its type.
  if (source === undefined) return true;
  const pathAttribute = PATH_ATTRIBUTE[type];
  if (pathAttribute !== undefined) {
    const path = attr(source, pathAttribute);
    return path === undefined || path === '';
  }
  if (type === 'network') return attr(source, 'protocol') === undefined;
  return false;
}

/**
 * The image format of a disk: `driver@type` when given. Undefined when absent, which the QEMU
 * driver reads as raw (except for volumes, whose format the pool decides).
 */
export function diskFormat(disk: XmlElement): string | undefined {
  return attr(child(disk, 'driver'), 'type');
}

/**
 * A disk's storage sources as libvirt chains them: the disk's own `<source>` with the disk's type
 * and format, then each `<backingStore>` with its type and `<format type>`.
 */
export interface StorageSource {
  /** The element that carries the type: `<disk>` or `<backingStore>`. */
  readonly owner: XmlElement;
  readonly type: string;
  readonly source: XmlElement | undefined;
  /** The element naming the format (`<driver>` or `<format>`) and its value, when given. */
  readonly formatElement: XmlElement | undefined;
  readonly format: string | undefined;
}

export function storageChain(disk: XmlElement): StorageSource[] {
  const driver = child(disk, 'driver');
  const chain: StorageSource[] = [{ owner: disk, type: diskType(disk), source: child(disk, 'source'), formatElement: driver, format: attr(driver, 'type') }];
  let next = child(disk, 'backingStore');
  while (next !== undefined) {
    const type = attr(next, 'type');
    if (type === undefined) break; // `<backingStore/>`: the chain ends here
    const format = child(next, 'format');
    chain.push({ owner: next, type, source: child(next, 'source'), formatElement: format, format: attr(format, 'type') });
    next = child(next, 'backingStore');
  }
  return chain;
}
