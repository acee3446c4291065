/**
 * Shared helpers of the address rules: the document's devices as libvirt walks them, attribute
 * numbers read the way libvirt reads them, the machine types the QEMU driver tells apart and the
 * controller indexes libvirt assigns to controllers that name none.
 *
 * The rules read the lossless XML tree rather than the typed model: addresses hold numbers in
 * hexadecimal, octal or decimal spellings the model keeps as text, and a rule must see the exact
 * attribute at fault, whatever the grammar thinks of it.
 */
import type { XmlDocument, XmlElement } from '../../../../xml/dom/types.js';
import type { GuestPlatform, RuleContext } from '../../../types.js';
import { familyOfMachine, isARMArch as isARM, isPPC64Arch as isPPC64, isRISCVArch as isRISCV, isX86Arch as isX86, type MachineFamily } from '../../../platform.js';
import { childElements as kids, childElement as kid, attributeValue as attr, textContent as text } from '../../../xml-query.js';

// ---------------------------------------------------------------------------------------------
// XML access

export { childElements as kids, childElement as kid, attributeValue as attr, textContent as text } from '../../../xml-query.js';

// ---------------------------------------------------------------------------------------------
// Numbers as libvirt reads them (strtoul and friends)

const SPACE = /[ \t\n\v\f\r]/;

/**
 * An unsigned integer as C's strtoull reads the whole string in `base` (0: `0x` hexadecimal,
 * leading `0` octal, else decimal; 16 also takes a `0x` prefix), rejecting a minus sign as
 * libvirt's virStrToLong_u* do. Undefined when the text is absent or not such a number.
 */
export function parseUnsigned(value: string | undefined, base: 0 | 10 | 16): bigint | undefined {
  if (value === undefined) return undefined;
  let i = 0;
  while (i < value.length && SPACE.test(value[i]!)) i++;
  if (value[i] === '+') i++;
  else if (value[i] === '-') return undefined;
  let radix: number = base;
  if ((base === 0 || base === 16) && value[i] === '0' && (value[i + 1] === 'x' || value[i + 1] === 'X') && /[0-9a-fA-F]/.test(value[i + 2] ?? '')) {
    i += 2;
    radix = 16;
  } else if (base === 0) {
    radix = value[i] === '0' ? 8 : 10;
  }
  const digits = value.slice(i);
  if (digits === '') return undefined;
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  return radix === 16 ? BigInt(`0x${digits}`) : radix === 8 ? BigInt(`0o${digits}`) : BigInt(digits);
}

const UINT_MAX = 0xffffffffn;

/** An `unsigned int` attribute as virXMLPropUInt reads it; undefined when absent or unreadable. */
export function uintAttr(el: XmlElement | undefined, name: string, base: 0 | 10 | 16): number | undefined {
  const v = parseUnsigned(attr(el, name), base);
  return v === undefined || v > UINT_MAX ? undefined : Number(v);
}

/** A signed `int` as virXMLPropInt reads it (base 10 or 0); undefined when absent or unreadable. */
export function parseInt32(value: string | undefined, base: 0 | 10): number | undefined {
  if (value === undefined) return undefined;
  let i = 0;
  while (i < value.length && SPACE.test(value[i]!)) i++;
  let sign = 1n;
  if (value[i] === '+') i++;
  else if (value[i] === '-') {
    sign = -1n;
    i++;
  }
  if (!/[0-9]/.test(value[i] ?? '')) return undefined;
  const magnitude = parseUnsigned(value.slice(i), base);
  if (magnitude === undefined) return undefined;
  const v = sign * magnitude;
  return v < -2147483648n || v > 2147483647n ? undefined : Number(v);
}

// ---------------------------------------------------------------------------------------------
// Drivers and machine types

/** The driver and architecture tests every domain rule shares (src/lint/platform.ts). */
export { isQemuDomain as isQemu, isX86Arch as isX86, isPPC64Arch as isPPC64, isS390Arch as isS390, isRISCVArch as isRISCV } from '../../../platform.js';
export { isARM };

/** The machine types whose PCI and USB topology the QEMU driver treats specially. */
export type Machine = MachineFamily;

/**
 * The machine type as the QEMU driver tells it apart (qemuDomainMachineIs*), or undefined when
 * the document names none: QEMU's default machine then decides, which lint does not guess.
 */
export function machineOf(platform: GuestPlatform): Machine | undefined {
  return platform.machine === undefined ? undefined : familyOfMachine(platform.arch, platform.machine);
}

/**
 * The PCI root controller the QEMU driver adds at index 0 for the machine
 * (qemuDomainDefAddDefaultDevices): `none` when the machine has no PCI bus of its own,
 * undefined when lint cannot tell (no machine named, or it depends on QEMU's capabilities).
 */
export function implicitPciRoot(platform: GuestPlatform): 'pci-root' | 'pcie-root' | 'none' | undefined {
  const machine = machineOf(platform);
  if (machine === undefined) return undefined;
  const arch = platform.arch;
  const m = platform.machine!;
  if (isX86(arch)) return machine === 'q35' ? 'pcie-root' : machine === 'i440fx' ? 'pci-root' : 'none';
  if (isARM(arch)) return machine === 'arm-virt' ? 'pcie-root' : m === 'versatilepb' ? 'pci-root' : 'none';
  if (isPPC64(arch)) return 'pci-root';
  if (['alpha', 'ppc', 'ppcemb', 'sh4', 'sh4eb', 'sparc64'].includes(arch)) return 'pci-root';
  if (isRISCV(arch)) return machine === 'riscv-virt' ? 'pcie-root' : 'none';
  if (arch === 'loongarch64') return 'pcie-root';
  if (['mips', 'mipsel', 'mips64', 'mips64el'].includes(arch)) return m === 'malta' ? 'pci-root' : 'none';
  return undefined; // s390 (depends on zPCI support) and the rest
}

/** `<os><type>`'s text: hvm, xen, linux, exe… */
export function osType(ctx: RuleContext): string | undefined {
  return text(kid(kid(ctx.document.root, 'os'), 'type'))?.trim();
}

// ---------------------------------------------------------------------------------------------
// Devices

/** The device elements whose `<address>` libvirt reads (those with a virDomainDeviceInfo). */
const DEVICES_WITH_INFO = new Set([
  'disk', 'interface', 'sound', 'hostdev', 'video', 'controller', 'smartcard', 'serial', 'parallel', 'channel',
  'console', 'input', 'filesystem', 'watchdog', 'memballoon', 'rng', 'nvram', 'hub', 'shmem', 'tpm', 'panic',
  'memory', 'redirdev', 'iommu', 'vsock', 'crypto', 'pstore',
]);

export interface Device {
  readonly el: XmlElement;
  /** The element name: `disk`, `interface`, `controller`… */
  readonly kind: string;
  /** Its `<address>` child, when it has one. */
  readonly address: XmlElement | undefined;
}

export function devicesElement(ctx: RuleContext): XmlElement | undefined {
  const root = ctx.document.root;
  if (root.ns !== '' || root.local !== 'domain') return undefined;
  return kid(root, 'devices');
}

/**
 * The devices libvirt iterates (virDomainDeviceInfoIterate), in document order. The first
 * `<console>` of an HVM guest that stands for a serial port is left out when the document has a
 * `<serial>`: libvirt then treats it as an alias of that serial port, not as a device of its own.
 */
export function devices(ctx: RuleContext): Device[] {
  const devicesEl = devicesElement(ctx);
  if (devicesEl === undefined) return [];
  const hvm = osType(ctx) === 'hvm';
  const hasSerial = kids(devicesEl, 'serial').length > 0;
  let firstConsole = true;
  const out: Device[] = [];
  for (const el of kids(devicesEl)) {
    if (!DEVICES_WITH_INFO.has(el.local)) continue;
    if (el.local === 'console') {
      const first = firstConsole;
      firstConsole = false;
      const targetType = attr(kid(el, 'target'), 'type');
      if (first && hvm && hasSerial && (targetType === undefined || targetType === 'serial')) continue;
    }
    out.push({ el, kind: el.local, address: kid(el, 'address') });
  }
  return out;
}

/** A short name of a device for messages: `<interface>`, `<controller type='pci' index='1'>`. */
export function describeDevice(el: XmlElement): string {
  if (el.local === 'controller') {
    const type = attr(el, 'type');
    const index = attr(el, 'index');
    return `<controller${type !== undefined ? ` type='${type}'` : ''}${index !== undefined ? ` index='${index}'` : ''}>`;
  }
  if (el.local === 'disk') {
    const dev = attr(kid(el, 'target'), 'dev');
    return dev !== undefined ? `disk '${dev}'` : '<disk>';
  }
  return `<${el.local}>`;
}

/** The line of a node, for messages that name another place. */
export function lineOf(ctx: RuleContext, el: XmlElement): number {
  return ctx.locate({ node: el }).line;
}

// ---------------------------------------------------------------------------------------------
// Controllers and their indexes

export interface Controller {
  readonly el: XmlElement;
  /** `type`, `ide` when absent (as libvirt defaults it). */
  readonly type: string;
  readonly model: string | undefined;
  /** The index as written, when it is a non-negative integer. */
  readonly explicitIndex: number | undefined;
  /**
   * The index libvirt uses: the written one, or the one virDomainAssignControllerIndexes gives a
   * controller that names none. Undefined when the written index is invalid, or lint cannot tell.
   */
  readonly index: number | undefined;
}

const USB2_COMPANION_MODELS = new Set(['ich9-ehci1', 'ich9-uhci1', 'ich9-uhci2', 'ich9-uhci3']);

/** Each document's controllers, worked out once: many rules ask, some once per device. */
const controllersOf = new WeakMap<XmlDocument, readonly Controller[]>();

/** The document's controllers, with the indexes libvirt gives them. */
export function controllers(ctx: RuleContext): readonly Controller[] {
  let list = controllersOf.get(ctx.document);
  if (list === undefined) controllersOf.set(ctx.document, (list = readControllers(ctx)));
  return list;
}

const controllerByElement = new WeakMap<XmlDocument, ReadonlyMap<XmlElement, Controller>>();

/** The controller a `<controller>` element of the document is. */
export function controllerFor(ctx: RuleContext, el: XmlElement): Controller | undefined {
  let byElement = controllerByElement.get(ctx.document);
  if (byElement === undefined) controllerByElement.set(ctx.document, (byElement = new Map(controllers(ctx).map((c) => [c.el, c]))));
  return byElement.get(el);
}

function readControllers(ctx: RuleContext): Controller[] {
  const devicesEl = devicesElement(ctx);
  const els = kids(devicesEl, 'controller');
  const list = els.map((el) => {
    const written = attr(el, 'index');
    const parsed = parseInt32(written, 10);
    return {
      el,
      type: attr(el, 'type') ?? 'ide',
      model: attr(el, 'model'),
      written,
      explicitIndex: parsed !== undefined && parsed >= 0 ? parsed : undefined,
    };
  });
  const used = new Map<string, Set<number>>();
  for (const c of list) {
    if (c.explicitIndex === undefined) continue;
    let set = used.get(c.type);
    if (set === undefined) used.set(c.type, (set = new Set()));
    set.add(c.explicitIndex);
  }
  // USB controllers without an index follow the companion rules of virDomainAssignControllerIndexes;
  // lint assigns them only in the plain cases: a lone controller, or one group of USB2 companions.
  const usb = list.filter((c) => c.type === 'usb');
  const usbUnindexed = usb.filter((c) => c.written === undefined);
  let usbGroupIndex: number | undefined;
  let usbKnown = true;
  if (usbUnindexed.length > 0) {
    const models = usbUnindexed.map((c) => c.model ?? '');
    const oneGroup = usbUnindexed.length === usb.length && models.every((m) => USB2_COMPANION_MODELS.has(m)) && new Set(models).size === models.length;
    if (usbUnindexed.length === 1 || oneGroup) {
      const set = used.get('usb') ?? new Set<number>();
      let idx = 0;
      while (set.has(idx)) idx++;
      usbGroupIndex = idx;
    } else {
      usbKnown = false;
    }
  }
  const out: Controller[] = [];
  for (const c of list) {
    let index: number | undefined = c.explicitIndex;
    if (c.written === undefined) {
      if (c.type === 'usb') {
        index = usbKnown ? usbGroupIndex : undefined;
      } else {
        let set = used.get(c.type);
        if (set === undefined) used.set(c.type, (set = new Set()));
        let idx = 0;
        while (set.has(idx)) idx++;
        set.add(idx);
        index = idx;
      }
    }
    out.push({ el: c.el, type: c.type, model: c.model, explicitIndex: c.explicitIndex, index });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Disks

/** A disk's `<target dev>` as libvirt keeps it (a leading `ioemu:` is dropped). */
export function diskTarget(disk: XmlElement): string | undefined {
  const dev = attr(kid(disk, 'target'), 'dev');
  return dev?.startsWith('ioemu:') ? dev.slice('ioemu:'.length) : dev;
}

/** A disk's bus: `<target bus>`, else the one libvirt derives from the device and target name. */
export function diskBus(disk: XmlElement): string {
  const bus = attr(kid(disk, 'target'), 'bus');
  if (bus !== undefined) return bus;
  if (attr(disk, 'device') === 'floppy') return 'fdc';
  const dst = diskTarget(disk) ?? '';
  if (dst.startsWith('hd')) return 'ide';
  if (dst.startsWith('sd')) return 'scsi';
  if (dst.startsWith('vd')) return 'virtio';
  if (dst.startsWith('xvd')) return 'xen';
  if (dst.startsWith('ubd')) return 'uml';
  return 'ide';
}

/**
 * The index of a disk name as virDiskNameToIndex computes it (`sda` 0, `sdz` 25, `sdaa` 26),
 * or undefined when libvirt cannot read the name (then it needs an explicit address).
 */
export function diskNameIndex(name: string): number | undefined {
  const prefix = ['fd', 'hd', 'vd', 'sd', 'xvd', 'ubd'].find((p) => name.startsWith(p));
  if (prefix === undefined) return undefined;
  const rest = name.slice(prefix.length);
  const m = /^([a-z]+)([0-9]*)$/.exec(rest);
  if (m === null) return undefined;
  // libvirt refuses a name whose index does not fit a C int.
  let idx = 0;
  const letters = m[1]!;
  for (let i = 0; i < letters.length; i++) {
    idx = (i === 0 ? idx : idx + 1) * 26 + (letters.charCodeAt(i) - 97);
    if (idx > 0x7fffffff) return undefined;
  }
  return idx;
}

export interface DriveAddress {
  readonly controller: number;
  readonly bus: number;
  readonly target: number;
  readonly unit: number;
}

/**
 * The drive address of a disk on an IDE, SATA, SCSI or floppy bus: the one it names, or the one
 * libvirt derives from its target name (virDomainDiskDefAssignAddress). `wideScsi`: the driver
 * puts 15 disks on a SCSI controller (VMware) rather than 7. Undefined for other buses, for a
 * non-drive address and when libvirt could not derive one.
 */
export function diskDriveAddress(disk: XmlElement, wideScsi: boolean): { address: DriveAddress; explicit: boolean } | undefined {
  const bus = diskBus(disk);
  const el = kid(disk, 'address');
  if (el !== undefined) {
    if (attr(el, 'type') !== 'drive') return undefined;
    const fields = ['controller', 'bus', 'target', 'unit'].map((f) => (attr(el, f) === undefined ? 0 : uintAttr(el, f, 10)));
    if (fields.some((v) => v === undefined)) return undefined;
    const [controller, b, target, unit] = fields as number[];
    return { address: { controller: controller!, bus: b!, target: target!, unit: unit! }, explicit: true };
  }
  const dst = diskTarget(disk);
  if (dst === undefined) return undefined;
  const idx = diskNameIndex(dst);
  if (idx === undefined) return undefined;
  switch (bus) {
    case 'ide':
      return { address: { controller: Math.floor(idx / 4), bus: Math.floor((idx % 4) / 2), target: 0, unit: idx % 2 }, explicit: false };
    case 'sata':
      return { address: { controller: Math.floor(idx / 6), bus: 0, target: 0, unit: idx % 6 }, explicit: false };
    case 'fdc':
      return { address: { controller: Math.floor(idx / 2), bus: 0, target: 0, unit: idx % 2 }, explicit: false };
    case 'scsi': {
      if (wideScsi) {
        let unit = idx % 15;
        if (unit >= 7) unit++;
        return { address: { controller: Math.floor(idx / 15), bus: 0, target: 0, unit }, explicit: false };
      }
      return { address: { controller: Math.floor(idx / 7), bus: 0, target: 0, unit: idx % 7 }, explicit: false };
    }
    default:
      return undefined;
  }
}
