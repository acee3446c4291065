/**
 * USB buses, ports and controllers:
 *
 * - `usb-address`: a USB address libvirt cannot place: a port path it cannot read (more than four
 *   levels), a bus no USB controller provides, a port the controller or hub does not have, a path
 *   through a port where no hub is configured, two devices (or hubs) on one port, two USB
 *   controllers with ports at one index.
 * - `usb-disabled`: USB devices, hubs or further controllers in a domain whose USB controller is
 *   `model='none'`.
 * - `usb-controller-ports`: an xHCI controller with more than 15 ports.
 * - `usb-controller-master`: USB controllers that are all companions, with no master controller.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule, RuleContext } from '../../../types.js';
import { attr, controllers, devices, describeDevice, isARM, isQemu, isX86, kid, lineOf, machineOf, uintAttr, type Controller, type Device } from './common.js';
import { domainXml } from './examples.js';

const MAX_PORT_DEPTH = 4;
const HUB_PORTS = 8;
const XHCI_MAX_PORTS = 15;

/** Whether virDomainDeviceIsUSB counts the device (hubs included). */
function isUsbDevice(d: Device): boolean {
  const el = d.el;
  switch (d.kind) {
    case 'hub':
      return attr(el, 'type') === 'usb';
    case 'hostdev':
      return (attr(el, 'mode') ?? 'subsystem') === 'subsystem' && attr(el, 'type') === 'usb';
    case 'disk':
      return attr(kid(el, 'target'), 'bus') === 'usb';
    case 'interface':
      return attr(kid(el, 'model'), 'type') === 'usb-net';
    case 'controller':
      return attr(el, 'type') === 'ccid';
    case 'input':
      return attr(el, 'bus') === 'usb';
    case 'serial':
      return attr(kid(el, 'target'), 'type') === 'usb-serial';
    case 'sound':
      return attr(el, 'model') === 'usb';
    case 'redirdev':
      return attr(el, 'bus') === 'usb';
    case 'filesystem':
      return attr(kid(el, 'driver'), 'type') === 'mtp';
    default:
      return false;
  }
}

/**
 * A USB port path as virDomainDeviceUSBAddressParsePort reads it: up to four numbers joined by
 * dots. Undefined when libvirt refuses it.
 */
function parsePort(port: string): number[] | undefined {
  const parts = port.split('.');
  if (parts.length > MAX_PORT_DEPTH) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[ \t\n\v\f\r]*\+?[0-9]+$/.test(p)) return undefined;
    const v = Number(p.trim().replace('+', ''));
    if (v > 0xffffffff) return undefined;
    out.push(v);
  }
  return out;
}

/** The ports a USB controller provides (virDomainUSBAddressControllerModelToPorts); undefined when it depends on QEMU. */
function controllerPorts(c: Controller, ctx: RuleContext): number | undefined {
  const ports = uintAttr(c.el, 'ports', 10);
  switch (c.model) {
    case undefined:
      // The QEMU driver makes it a piix3-uhci on x86; elsewhere it depends on QEMU.
      return isX86(ctx.platform.arch) ? 2 : undefined;
    case 'piix3-uhci':
    case 'piix4-uhci':
    case 'vt82c686b-uhci':
      return 2;
    case 'ehci':
    case 'ich9-ehci1':
      return 6;
    case 'ich9-uhci1':
    case 'ich9-uhci2':
    case 'ich9-uhci3':
    case 'none':
      return 0;
    case 'pci-ohci':
      return 3;
    case 'nec-xhci':
    case 'qemu-xhci':
      return ports ?? 4;
    case 'qusb1':
    case 'qusb2':
      return ports ?? 8;
    default:
      return undefined;
  }
}

/**
 * The USB controller the QEMU driver adds at index 0 when the document has none there
 * (qemuDomainDefAddDefaultDevices): false when it adds none, undefined when lint cannot tell.
 */
function implicitUsbController(ctx: RuleContext): { ports: number | undefined } | false | undefined {
  const machine = machineOf(ctx.platform);
  const arch = ctx.platform.arch;
  const m = ctx.platform.machine;
  if (machine === undefined || m === undefined) return undefined;
  if (isX86(arch)) return machine === 'isapc' ? false : { ports: machine === 'i440fx' ? 2 : undefined };
  if (isARM(arch)) return m === 'versatilepb' || m.startsWith('realview') ? { ports: 3 } : false;
  if (['ppc64', 'ppc64le', 'alpha', 'ppc', 'ppcemb', 'sh4', 'sh4eb', 'sparc64', 'mips', 'mipsel', 'mips64', 'mips64el'].includes(arch)) return { ports: undefined };
  if (['riscv32', 'riscv64', 's390', 's390x', 'loongarch64'].includes(arch)) return false;
  return undefined;
}

interface Hub {
  /** Undefined when lint cannot tell how many ports it has. */
  readonly nports: number | undefined;
  readonly hubs: Map<number, Hub>;
  readonly used: Map<number, XmlElement>;
}

const newHub = (nports: number | undefined): Hub => ({ nports, hubs: new Map(), used: new Map() });

export const usbAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'usb-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A USB address names a bus, port or hub the guest does not have, or a port already taken.',
      why: 'libvirt refuses to define the domain when it cannot place a USB device where its `<address type=\'usb\'>` says: `bus` is the index of a USB controller, and `port` a path of up to four port numbers through hubs (`1.2` is port 2 of the hub on port 1). A piix3-uhci controller has 2 ports, ehci 6, pci-ohci 3, an xHCI controller 4 unless `ports` says otherwise, a hub 8; each port holds one device or hub, and a path can only go through a port where a hub is configured.',
      example: {
        bad: domainXml({
          machine: 'pc',
          devices: [
            "<controller type='usb' index='0' model='piix3-uhci'/>",
            "<input type='tablet' bus='usb'>",
            "  <address type='usb' bus='0' port='1'/>",
            '</input>',
            "<input type='keyboard' bus='usb'>",
            "  <address type='usb' bus='0' port='1'/>",
            '</input>',
          ],
        }),
        good: domainXml({
          machine: 'pc',
          devices: [
            "<controller type='usb' index='0' model='piix3-uhci'/>",
            "<input type='tablet' bus='usb'>",
            "  <address type='usb' bus='0' port='1'/>",
            '</input>',
            "<input type='keyboard' bus='usb'>",
            "  <address type='usb' bus='0' port='2'/>",
            '</input>',
          ],
        }),
      },
      libvirtMessage: 'XML error: Duplicate USB address bus 0 port 1',
      libvirtSource: 'src/conf/domain_addr.c, virDomainUSBAddressFindPort, virDomainUSBAddressReserve, virDomainUSBAddressSetAddHub and virDomainUSBAddressAssign (from qemuDomainAssignUSBAddresses); src/conf/device_conf.c, virDomainDeviceUSBAddressParsePort',
      limits: 'The port path syntax is checked for every driver; the rest is the QEMU driver\'s. Ports are counted only for controllers whose model the document names (or, on x86, leaves to the piix3-uhci default).',
    },
  },
  check(ctx) {
    const usbAddresses: { device: Device; el: XmlElement; bus: number | undefined; port: number[] | undefined }[] = [];
    for (const d of devices(ctx)) {
      const el = d.address;
      if (el === undefined || attr(el, 'type') !== 'usb') continue;
      const portText = attr(el, 'port');
      let port: number[] | undefined;
      if (portText !== undefined) {
        port = parsePort(portText);
        if (port === undefined) {
          ctx.report({
            node: el,
            attribute: 'port',
            message: `USB port '${portText}' cannot be read: a port is a path of up to ${MAX_PORT_DEPTH} port numbers separated by dots (at most three hubs deep), e.g. '1' or '1.2'`,
          });
          continue;
        }
      }
      if (isUsbDevice(d)) usbAddresses.push({ device: d, el, bus: uintAttr(el, 'bus', 10), port });
    }
    if (!isQemu(ctx.platform)) return;
    // With USB disabled (model='none') every USB address is wrong: usb-disabled says so.
    const usbControllers = controllers(ctx).filter((c) => c.type === 'usb');
    if (usbControllers.some((c) => c.model === 'none')) return;

    // Buses: USB controllers by index (none and the UHCI companions provide no ports).
    const usb = usbControllers;
    const known = usb.every((c) => c.index !== undefined);
    const buses = new Map<number, { hub: Hub; el: XmlElement | undefined }>();
    if (known) {
      for (const c of usb) {
        const n = controllerPorts(c, ctx);
        if (n === 0) continue;
        const prior = buses.get(c.index!);
        if (prior !== undefined) {
          ctx.report({
            node: c.el,
            ...(attr(c.el, 'index') !== undefined ? { attribute: 'index' } : {}),
            message: `two USB controllers with ports have index ${c.index} (the other on line ${lineOf(ctx, prior.el!)}): only a USB2 controller's UHCI companions may share its index; give this controller its own index`,
          });
          continue;
        }
        buses.set(c.index!, { hub: newHub(n), el: c.el });
      }
      if (!usb.some((c) => c.index === 0)) {
        const implicit = implicitUsbController(ctx);
        if (implicit === undefined) return; // whether the QEMU driver adds one depends on QEMU
        if (implicit !== false) buses.set(0, { hub: newHub(implicit.ports), el: undefined });
      }
    }

    const show = (bus: number, port: number[]): string => `bus ${bus} port ${port.join('.')}`;

    /** The hub holding the last port of the path, or a message saying why there is none. */
    const findPort = (bus: number, port: number[]): Hub | string | undefined => {
      const b = buses.get(bus);
      if (b === undefined) return known ? `there is no USB bus ${bus}: no USB controller with ports has index ${bus}` : undefined;
      let hub = b.hub;
      for (let i = 0; i < port.length - 1; i++) {
        const p = port[i]!;
        if (hub.nports !== undefined && p > hub.nports) return `port ${p} in USB address ${show(bus, port)} is out of range: that ${i === 0 ? 'controller' : 'hub'} has ${hub.nports} ports`;
        const next = hub.hubs.get(p);
        if (next === undefined) return `there is no hub at port ${p} for USB address ${show(bus, port)}: configure a <hub type='usb'> there first`;
        hub = next;
      }
      const last = port[port.length - 1]!;
      if (hub.nports !== undefined && last > hub.nports) {
        return `USB port ${port.join('.')} is not present on USB bus ${bus}: that ${port.length === 1 ? 'controller' : 'hub'} has ${hub.nports} ports`;
      }
      return hub;
    };

    // Hubs with a port come first, in document order, then the other devices with a port.
    const withPort = usbAddresses.filter((a) => a.bus !== undefined && a.port !== undefined && a.port.length > 0 && a.port[0] !== 0 && !a.port.includes(0));
    const hubsFirst = [...withPort.filter((a) => a.device.kind === 'hub'), ...withPort.filter((a) => a.device.kind !== 'hub')];
    for (const a of hubsFirst) {
      const at = findPort(a.bus!, a.port!);
      if (at === undefined) continue;
      if (typeof at === 'string') {
        ctx.report({ node: a.el, attribute: 'port', message: `${at}` });
        continue;
      }
      const last = a.port![a.port!.length - 1]!;
      const prior = a.device.kind === 'hub' ? at.hubs.get(last) : undefined;
      const taken = at.used.get(last);
      if (taken !== undefined || prior !== undefined) {
        ctx.report({
          node: a.el,
          attribute: 'port',
          message: `USB ${show(a.bus!, a.port!)} is already taken by the device on line ${lineOf(ctx, taken!)}: give each device its own port, or leave the port out and let libvirt choose`,
        });
        continue;
      }
      at.used.set(last, a.device.el);
      if (a.device.kind === 'hub') at.hubs.set(last, newHub(HUB_PORTS));
    }
    // Devices that name a bus but no port must find that bus.
    if (!known) return;
    for (const a of usbAddresses) {
      if (a.bus === undefined || withPort.includes(a) || buses.has(a.bus)) continue;
      ctx.report({
        node: a.el,
        attribute: 'bus',
        message: `${describeDevice(a.device.el)} asks for USB bus ${a.bus}, but no USB controller with ports has index ${a.bus}: use the index of an existing USB controller, or add one`,
      });
    }
  },
};

export const usbDisabled: DocumentRule<'domain'> = {
  meta: {
    id: 'usb-disabled',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'USB devices, hubs or more USB controllers in a domain whose USB controller is `model=\'none\'`.',
      why: 'A USB controller of model `none` says the guest has no USB at all: libvirt refuses another USB controller next to it, and any device that needs a USB bus (USB input devices, hubs, redirected devices, USB disks, host devices, serial ports, sound cards, usb-net interfaces, smartcard readers, MTP filesystems).',
      example: {
        bad: domainXml({ devices: ["<controller type='usb' index='0' model='none'/>", "<input type='tablet' bus='usb'/>"] }),
        good: domainXml({ devices: ["<controller type='usb' index='0' model='none'/>", "<input type='tablet' bus='virtio'/>"] }),
      },
      libvirtMessage: "unsupported configuration: Can't add USB input device. USB bus is disabled",
      libvirtSource: 'src/conf/domain_conf.c, virDomainDefControllersParse and virDomainDefParseXML; src/conf/domain_validate.c, virDomainRedirdevDefValidate; src/qemu/qemu_domain_address.c, qemuDomainUSBAddressAddHubs',
      limits: 'Disks, host devices, serial ports, sound cards, interfaces, smartcard readers and filesystems are the QEMU driver\'s check.',
    },
  },
  check(ctx) {
    const usb = controllers(ctx).filter((c) => c.type === 'usb');
    const none = usb.find((c) => c.model === 'none');
    if (none === undefined) return;
    for (const c of usb) {
      if (c === none) continue;
      ctx.report({
        node: c.el,
        message: `this USB controller comes with the model='none' controller on line ${lineOf(ctx, none.el)}, which disables USB: remove one of the two`,
        related: [{ node: none.el, message: "the controller that disables USB" }],
      });
    }
    if (usb.some((c) => c.model !== 'none')) return;
    const qemu = isQemu(ctx.platform);
    for (const d of devices(ctx)) {
      if (!isUsbDevice(d)) continue;
      const generic = d.kind === 'input' || d.kind === 'hub' || d.kind === 'redirdev';
      if (!generic && !qemu) continue;
      ctx.report({
        node: d.el,
        message: `${describeDevice(d.el)} needs a USB bus, but the USB controller on line ${lineOf(ctx, none.el)} is model='none', which disables USB: give the guest a USB controller, or attach the device another way`,
        related: [{ node: none.el, message: 'the controller that disables USB' }],
      });
    }
  },
};

export const usbControllerPorts: DocumentRule<'domain'> = {
  meta: {
    id: 'usb-controller-ports',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'An xHCI USB controller (nec-xhci, qemu-xhci) is given more than 15 ports.',
      why: 'libvirt refuses to define the domain: QEMU\'s xHCI controllers have at most 15 ports. Add a USB hub, or a second controller, for more devices.',
      example: {
        bad: domainXml({ devices: ["<controller type='usb' index='0' model='qemu-xhci' ports='16'/>"] }),
        good: domainXml({ devices: ["<controller type='usb' index='0' model='qemu-xhci' ports='15'/>"] }),
      },
      libvirtMessage: "unsupported configuration: 'qemu-xhci' controller only supports up to '15' ports",
      libvirtSource: 'src/qemu/qemu_postparse.c, qemuDomainControllerDefPostParse',
      limits: 'QEMU domains only; a USB controller without a model is left alone (its default model depends on QEMU).',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    for (const c of controllers(ctx)) {
      if (c.type !== 'usb' || (c.model !== 'nec-xhci' && c.model !== 'qemu-xhci')) continue;
      const ports = uintAttr(c.el, 'ports', 10);
      if (ports === undefined || ports <= XHCI_MAX_PORTS) continue;
      ctx.report({
        node: c.el,
        attribute: 'ports',
        message: `a ${c.model} controller has at most ${XHCI_MAX_PORTS} ports, not ${ports}: lower ports, and add a USB hub or another controller for more devices`,
      });
    }
  },
};

export const usbControllerMaster: DocumentRule<'domain'> = {
  meta: {
    id: 'usb-controller-master',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Every USB controller is a companion (ich9-uhci1–3, or one with `<master>`): there is no master controller.',
      why: 'libvirt refuses the document: UHCI companions (ich9-uhci1, ich9-uhci2, ich9-uhci3, or any controller with a `<master>` element) only lend their ports to a USB2 master controller, such as ich9-ehci1, at the same index; without one there is no USB bus.',
      example: {
        bad: domainXml({ devices: ["<controller type='usb' index='0' model='ich9-uhci1'/>"] }),
        good: domainXml({ devices: ["<controller type='usb' index='0' model='ich9-ehci1'/>", "<controller type='usb' index='0' model='ich9-uhci1'/>"] }),
      },
      libvirtMessage: 'No master USB controller specified',
      libvirtSource: 'src/conf/domain_conf.c, virDomainDefControllersParse',
    },
  },
  check(ctx) {
    const usb = controllers(ctx).filter((c) => c.type === 'usb');
    if (!usb.some((c) => c.model !== 'none')) return;
    const isCompanion = (c: Controller): boolean =>
      c.model !== 'none' && (kid(c.el, 'master') !== undefined || c.model === 'ich9-uhci1' || c.model === 'ich9-uhci2' || c.model === 'ich9-uhci3');
    if (usb.some((c) => !isCompanion(c))) return;
    const first = usb[0]!;
    ctx.report({
      node: first.el,
      message: `${usb.length === 1 ? 'this USB controller is a companion' : 'these USB controllers are all companions'} (ich9-uhci1–3 or <master>) with no master controller: add the USB2 master (e.g. <controller type='usb' model='ich9-ehci1'/> at the same index), or use a controller model that stands alone`,
    });
  },
};
