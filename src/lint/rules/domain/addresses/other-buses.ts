/**
 * Addresses on the s390 and pSeries buses:
 *
 * - `duplicate-ccw-address`: two devices at one CCW address (cssid.ssid.devno) on an s390-ccw
 *   machine.
 * - `zpci-uid-range`: a zPCI uid of 0 or above 0xffff.
 * - `duplicate-zpci-id`: two PCI devices with the same zPCI uid, or the same fid.
 * - `spapr-vio-reg-range`: a spapr-vio `reg` above 0xffffffff.
 * - `duplicate-spapr-vio-address`: two spapr-vio devices with the same `reg`.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule, RuleContext } from '../../../types.js';
import { attr, describeDevice, devices, isQemu, isS390, kid, lineOf, parseUnsigned, type Device } from './common.js';
import { domainXml } from './examples.js';

function isS390Ccw(ctx: RuleContext): boolean {
  const m = ctx.platform.machine;
  // s390-ccw-virtio is the only machine type of QEMU's s390x emulator, and its default.
  return isS390(ctx.platform.arch) && (m === undefined || m.startsWith('s390-ccw'));
}

export const duplicateCcwAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-ccw-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two devices have the same CCW address (cssid, ssid and devno).',
      why: 'libvirt refuses to define the domain: on an s390 guest each device on the channel subsystem needs its own device number. libvirt fills in addresses only for devices that give none; a configured address must be free.',
      example: {
        bad: domainXml({
          arch: 's390x',
          devices: [
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/a.qcow2'/>",
            "  <target dev='vda' bus='virtio'/>",
            "  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>",
            '</disk>',
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/b.qcow2'/>",
            "  <target dev='vdb' bus='virtio'/>",
            "  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>",
            '</disk>',
          ],
        }),
        good: domainXml({
          arch: 's390x',
          devices: [
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/a.qcow2'/>",
            "  <target dev='vda' bus='virtio'/>",
            "  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0001'/>",
            '</disk>',
            "<disk type='file' device='disk'>",
            "  <source file='/var/lib/libvirt/images/b.qcow2'/>",
            "  <target dev='vdb' bus='virtio'/>",
            "  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0002'/>",
            '</disk>',
          ],
        }),
      },
      libvirtMessage: "XML error: The CCW devno 'fe.0.0001' is in use already",
      libvirtSource: 'src/conf/domain_addr.c, virDomainCCWAddressAssign (from qemuDomainAssignS390Addresses)',
      limits: 'QEMU domains on s390-ccw machines.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform) || !isS390Ccw(ctx)) return;
    const seen = new Map<string, Device>();
    for (const d of devices(ctx)) {
      const a = d.address;
      if (a === undefined || attr(a, 'type') !== 'ccw') continue;
      // vfio-ap mediated devices are not on the channel subsystem: libvirt drops their address.
      if (d.kind === 'hostdev' && attr(d.el, 'type') === 'mdev' && attr(d.el, 'model') === 'vfio-ap') continue;
      const parts = ['cssid', 'ssid', 'devno'].map((f) => parseUnsigned(attr(a, f), 0));
      if (parts.some((p) => p === undefined)) continue; // only complete addresses are taken as given
      const [cssid, ssid, devno] = parts as bigint[];
      const key = `${cssid!.toString(16)}.${ssid!.toString(16)}.${devno!.toString(16).padStart(4, '0')}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, d);
        continue;
      }
      ctx.report({
        node: a,
        attribute: 'devno',
        message: `CCW address ${key} of ${describeDevice(d.el)} is already used by ${describeDevice(first.el)} (line ${lineOf(ctx, first.el)}): give each device its own devno, or leave the address out and let libvirt assign one`,
        related: [{ node: first.address!, message: 'first device at this address' }],
      });
    }
  },
};

/** The `<zpci>` of a device's PCI address. */
function zpciOf(d: Device): XmlElement | undefined {
  return d.address !== undefined && attr(d.address, 'type') === 'pci' ? kid(d.address, 'zpci') : undefined;
}

export const zpciUidRange: DocumentRule<'domain'> = {
  meta: {
    id: 'zpci-uid-range',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A zPCI `uid` is 0 or above 0xffff.',
      why: 'libvirt refuses to define the domain: an s390 PCI device\'s user-defined identifier must be from 0x0001 to 0xffff (the function identifier `fid` may be any 32-bit value).',
      example: {
        bad: domainXml({
          arch: 's390x',
          devices: [
            "<hostdev mode='subsystem' type='pci' managed='no'>",
            '  <source>',
            "    <address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/>",
            '  </source>',
            "  <address type='pci'>",
            "    <zpci uid='0x0' fid='0x00000001'/>",
            '  </address>',
            '</hostdev>',
          ],
        }),
        good: domainXml({
          arch: 's390x',
          devices: [
            "<hostdev mode='subsystem' type='pci' managed='no'>",
            '  <source>',
            "    <address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/>",
            '  </source>',
            "  <address type='pci'>",
            "    <zpci uid='0x1' fid='0x00000001'/>",
            '  </address>',
            '</hostdev>',
          ],
        }),
      },
      libvirtMessage: "XML error: Invalid PCI address uid='0x0000', must be > 0x0000 and <= 0xffff",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefZPCIAddress',
      limits: 'QEMU domains only.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    for (const d of devices(ctx)) {
      const zpci = zpciOf(d);
      const uid = parseUnsigned(attr(zpci, 'uid'), 0);
      if (zpci === undefined || uid === undefined || uid > 0xffffffffn) continue;
      if (uid !== 0n && uid <= 0xffffn) continue;
      ctx.report({
        node: zpci,
        attribute: 'uid',
        message: `zPCI uid '${attr(zpci, 'uid')}' is out of range: it must be from 0x0001 to 0xffff (or left out for libvirt to assign)`,
      });
    }
  },
};

export const duplicateZpciId: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-zpci-id',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two PCI devices have the same zPCI `uid`, or the same `fid`.',
      why: 'libvirt refuses to define the domain: on s390 each PCI device is known to the guest by its uid and its fid, and both must be unique. Leave either out and libvirt picks a free one.',
      example: {
        bad: domainXml({
          arch: 's390x',
          devices: [
            "<hostdev mode='subsystem' type='pci' managed='no'>",
            "  <source><address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/></source>",
            "  <address type='pci'><zpci uid='0x1234' fid='0x00001234'/></address>",
            '</hostdev>',
            "<hostdev mode='subsystem' type='pci' managed='no'>",
            "  <source><address domain='0x0001' bus='0x00' slot='0x00' function='0x0'/></source>",
            "  <address type='pci'><zpci uid='0x1234' fid='0x00001235'/></address>",
            '</hostdev>',
          ],
        }),
        good: domainXml({
          arch: 's390x',
          devices: [
            "<hostdev mode='subsystem' type='pci' managed='no'>",
            "  <source><address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/></source>",
            "  <address type='pci'><zpci uid='0x1234' fid='0x00001234'/></address>",
            '</hostdev>',
            "<hostdev mode='subsystem' type='pci' managed='no'>",
            "  <source><address domain='0x0001' bus='0x00' slot='0x00' function='0x0'/></source>",
            "  <address type='pci'><zpci uid='0x1235' fid='0x00001235'/></address>",
            '</hostdev>',
          ],
        }),
      },
      libvirtMessage: 'internal error: zPCI uid 11064 is already reserved',
      libvirtSource: 'src/conf/domain_addr.c, virDomainZPCIAddressReserveId (from qemuDomainCollectPCIAddressExtension)',
      limits: 'QEMU domains only; only identifiers written in the document are compared.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const seen = { uid: new Map<bigint, XmlElement>(), fid: new Map<bigint, XmlElement>() };
    for (const d of devices(ctx)) {
      // Character devices take no zPCI extension.
      if (['serial', 'parallel', 'channel', 'console'].includes(d.kind)) continue;
      const zpci = zpciOf(d);
      if (zpci === undefined) continue;
      for (const name of ['uid', 'fid'] as const) {
        const value = parseUnsigned(attr(zpci, name), 0);
        if (value === undefined) continue;
        const first = seen[name].get(value);
        if (first === undefined) {
          seen[name].set(value, zpci);
          continue;
        }
        ctx.report({
          node: zpci,
          attribute: name,
          message: `zPCI ${name} 0x${value.toString(16)} is already used by the device on line ${lineOf(ctx, first)}: give each PCI device its own ${name}, or leave it out and let libvirt pick one`,
          related: [{ node: first, attribute: name, message: `first device with this ${name}` }],
        });
      }
    }
  },
};

/** The spapr-vio `reg` of a device, when its address names one. */
function regOf(d: Device): bigint | undefined {
  const a = d.address;
  if (a === undefined || attr(a, 'type') !== 'spapr-vio') return undefined;
  return parseUnsigned(attr(a, 'reg'), 16);
}

/** The devices whose spapr-vio address qemuDomainAssignSpaprVIOAddresses checks against the others. */
function isAssignedVio(d: Device): boolean {
  return d.kind === 'interface' || d.kind === 'controller' || d.kind === 'serial' || d.kind === 'nvram' || d.kind === 'tpm';
}

export const spaprVioRegRange: DocumentRule<'domain'> = {
  meta: {
    id: 'spapr-vio-reg-range',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A spapr-vio address has a `reg` above 0xffffffff.',
      why: 'libvirt refuses to define the domain: spapr-vio addresses on pSeries guests are 32 bits wide.',
      example: {
        bad: domainXml({ arch: 'ppc64', devices: ["<serial type='pty'>", "  <address type='spapr-vio' reg='0x100000000'/>", '</serial>'] }),
        good: domainXml({ arch: 'ppc64', devices: ["<serial type='pty'>", "  <address type='spapr-vio' reg='0x30000000'/>", '</serial>'] }),
      },
      libvirtMessage: "unsupported configuration: spapr-vio reg='0x100000000' exceeds maximum possible value (0xffffffff)",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefAddress',
      limits: 'QEMU domains only.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    for (const d of devices(ctx)) {
      const reg = regOf(d);
      if (reg === undefined || reg <= 0xffffffffn) continue;
      ctx.report({
        node: d.address!,
        attribute: 'reg',
        message: `spapr-vio reg '${attr(d.address, 'reg')}' is out of range: spapr-vio addresses are 32 bits, at most 0xffffffff`,
      });
    }
  },
};

export const duplicateSpaprVioAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-spapr-vio-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two spapr-vio devices have the same `reg`.',
      why: 'libvirt refuses to define the domain: each device on a pSeries guest\'s VIO bus needs its own address. libvirt chooses one for devices that give none, but a `reg` written in the document must be free.',
      example: {
        bad: domainXml({
          arch: 'ppc64',
          devices: [
            "<serial type='pty'>",
            "  <address type='spapr-vio' reg='0x30000000'/>",
            '</serial>',
            "<serial type='pty'>",
            "  <address type='spapr-vio' reg='0x30000000'/>",
            '</serial>',
          ],
        }),
        good: domainXml({
          arch: 'ppc64',
          devices: [
            "<serial type='pty'>",
            "  <address type='spapr-vio' reg='0x30000000'/>",
            '</serial>',
            "<serial type='pty'>",
            "  <address type='spapr-vio' reg='0x30001000'/>",
            '</serial>',
          ],
        }),
      },
      libvirtMessage: 'XML error: spapr-vio address 0x4000 already in use',
      libvirtSource: 'src/qemu/qemu_domain_address.c, qemuDomainAssignSpaprVIOAddress',
      limits: 'QEMU domains only; only addresses written in the document are compared.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const seen: { d: Device; reg: bigint }[] = [];
    for (const d of devices(ctx)) {
      const reg = regOf(d);
      if (reg === undefined) continue;
      // libvirt checks the network, controller, serial, NVRAM and TPM addresses against all others.
      const first = seen.find((s) => s.reg === reg && (isAssignedVio(s.d) || isAssignedVio(d)));
      if (first !== undefined) {
        ctx.report({
          node: d.address!,
          attribute: 'reg',
          message: `spapr-vio address 0x${reg.toString(16)} of ${describeDevice(d.el)} is already used by ${describeDevice(first.d.el)} (line ${lineOf(ctx, first.d.el)}): give each device its own reg, or leave reg out and let libvirt choose`,
          related: [{ node: first.d.address!, attribute: 'reg', message: 'first device at this address' }],
        });
        continue;
      }
      seen.push({ d, reg });
    }
  },
};
