/**
 * The guest's PCI topology as the QEMU driver builds it when it assigns addresses
 * (qemuDomainAssignPCIAddresses): the buses its PCI controllers provide, what each bus accepts,
 * and the addresses the document gives its devices.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { RuleContext } from '../../../types.js';
import { attr, controllers, devices, implicitPciRoot, type Controller, type Device, uintAttr } from './common.js';

export interface PciAddress {
  readonly domain: number;
  readonly bus: number;
  readonly slot: number;
  readonly function: number;
}

export interface ExplicitPciAddress extends PciAddress {
  readonly device: Device;
  /** The `<address>` element. */
  readonly el: XmlElement;
}

/** `0000:00:01.1`, as libvirt prints PCI addresses. */
export function formatPci(a: PciAddress): string {
  const hex = (n: number, w: number): string => n.toString(16).padStart(w, '0');
  return `${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.slot, 2)}.${a.function.toString(16)}`;
}

/**
 * The PCI addresses the document gives its devices, as libvirt reads them: `<address type='pci'>`
 * with its fields (absent ones are 0). Left out: addresses whose domain, bus and slot are all 0
 * (libvirt reads them as "assign one"), unreadable ones, and the address of a USB controller of
 * model `none` (libvirt ignores it).
 */
export function explicitPciAddresses(ctx: RuleContext): ExplicitPciAddress[] {
  const out: ExplicitPciAddress[] = [];
  for (const device of devices(ctx)) {
    const el = device.address;
    if (el === undefined || attr(el, 'type') !== 'pci') continue;
    if (device.kind === 'controller' && attr(device.el, 'type') === 'usb' && attr(device.el, 'model') === 'none') continue;
    const fields = ['domain', 'bus', 'slot', 'function'].map((f) => (attr(el, f) === undefined ? 0 : uintAttr(el, f, 0)));
    if (fields.some((v) => v === undefined)) continue;
    const [domain, bus, slot, fn] = fields as number[];
    if (domain === 0 && bus === 0 && slot === 0) continue;
    if (bus! > 0xff || slot! > 0x1f || fn! > 7) continue; // refused while reading: pci-address-range
    out.push({ device, el, domain: domain!, bus: bus!, slot: slot!, function: fn! });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Connection types (virDomainPCIConnectFlags) and what each controller model accepts

export type Connect =
  | 'pci-device'
  | 'pcie-device'
  | 'pci-bridge'
  | 'pci-expander-bus'
  | 'pcie-expander-bus'
  | 'dmi-to-pci-bridge'
  | 'pcie-to-pci-bridge'
  | 'pcie-root-port'
  | 'pcie-switch-upstream-port'
  | 'pcie-switch-downstream-port';

export interface BusModel {
  readonly accepts: readonly Connect[];
  readonly minSlot: number;
  readonly maxSlot: number;
}

/** virDomainPCIAddressBusSetModel: what a bus of each controller model accepts, and its slots. */
export const BUS_MODELS: Readonly<Record<string, BusModel>> = {
  'pci-root': { accepts: ['pci-device', 'pci-bridge', 'pci-expander-bus'], minSlot: 1, maxSlot: 31 },
  'pci-bridge': { accepts: ['pci-device', 'pci-bridge'], minSlot: 1, maxSlot: 31 },
  'pci-expander-bus': { accepts: ['pci-device', 'pci-bridge'], minSlot: 0, maxSlot: 31 },
  'pcie-root': { accepts: ['pcie-device', 'pcie-root-port', 'dmi-to-pci-bridge', 'pcie-expander-bus'], minSlot: 1, maxSlot: 31 },
  'dmi-to-pci-bridge': { accepts: ['pci-device', 'pci-bridge'], minSlot: 0, maxSlot: 31 },
  'pcie-to-pci-bridge': { accepts: ['pci-device', 'pci-bridge'], minSlot: 1, maxSlot: 31 },
  'pcie-root-port': { accepts: ['pcie-device', 'pcie-switch-upstream-port', 'pcie-to-pci-bridge'], minSlot: 0, maxSlot: 0 },
  'pcie-switch-downstream-port': { accepts: ['pcie-device', 'pcie-switch-upstream-port', 'pcie-to-pci-bridge'], minSlot: 0, maxSlot: 0 },
  'pcie-switch-upstream-port': { accepts: ['pcie-switch-downstream-port'], minSlot: 0, maxSlot: 31 },
  'pcie-expander-bus': { accepts: ['pcie-root-port', 'dmi-to-pci-bridge'], minSlot: 0, maxSlot: 31 },
};

/** virDomainPCIControllerModelToConnectType: how a PCI controller of each model plugs in. */
const CONTROLLER_CONNECT: Readonly<Record<string, Connect>> = {
  'pci-bridge': 'pci-bridge',
  'pci-expander-bus': 'pci-expander-bus',
  'pcie-expander-bus': 'pcie-expander-bus',
  'dmi-to-pci-bridge': 'dmi-to-pci-bridge',
  'pcie-to-pci-bridge': 'pcie-to-pci-bridge',
  'pcie-root-port': 'pcie-root-port',
  'pcie-switch-upstream-port': 'pcie-switch-upstream-port',
  'pcie-switch-downstream-port': 'pcie-switch-downstream-port',
};

export interface DeviceConnect {
  /** What the device needs from the bus it plugs into; undefined for an ordinary endpoint. */
  readonly controller: Connect | undefined;
  /** Integrated devices (virtio-iommu, pvpanic) must sit on bus 0. */
  readonly integrated: boolean;
}

/**
 * How a device with a PCI address in the document connects. Endpoints whose address comes from
 * the document may go on any bus that takes PCI or PCI Express endpoints
 * (virDomainPCIAddressFlagsCompatible relaxes the two for configured addresses).
 */
export function deviceConnect(device: Device): DeviceConnect | undefined {
  const el = device.el;
  if (device.kind === 'controller' && attr(el, 'type') === 'pci') {
    const model = attr(el, 'model');
    if (model === undefined) return undefined;
    if (model === 'pci-root' || model === 'pcie-root') return { controller: undefined, integrated: false };
    const connect = CONTROLLER_CONNECT[model];
    return connect === undefined ? undefined : { controller: connect, integrated: false };
  }
  if (device.kind === 'iommu' && attr(el, 'model') === 'virtio') return { controller: undefined, integrated: true };
  if (device.kind === 'panic' && attr(el, 'model') === 'pvpanic') return { controller: undefined, integrated: true };
  return { controller: undefined, integrated: false };
}

/** Whether a bus of `busModel` takes a device connecting as `need` when its address is configured. */
export function busAccepts(busModel: BusModel, need: DeviceConnect): boolean {
  const endpoints = busModel.accepts.includes('pci-device') || busModel.accepts.includes('pcie-device');
  if (need.controller === undefined) return endpoints;
  // A pci-bridge may be placed wherever a standard PCI device may.
  if (need.controller === 'pci-bridge') return endpoints || busModel.accepts.includes('pci-bridge');
  return busModel.accepts.includes(need.controller);
}

/** The words libvirt uses for what a device needs from its bus. */
export function connectWords(need: DeviceConnect): string {
  return need.controller ?? 'standard PCI device';
}

// ---------------------------------------------------------------------------------------------
// Buses

export interface PciBus {
  readonly index: number;
  /** The controller model; undefined when the document leaves it out. */
  readonly model: string | undefined;
  /** The controller, or undefined for the root bus the machine provides implicitly. */
  readonly controller: Controller | undefined;
}

/**
 * The PCI buses of the guest: one per PCI controller (by index), plus the root bus the machine
 * adds at index 0 when the document names none. Undefined when lint cannot tell the root bus.
 */
export function pciBuses(ctx: RuleContext): Map<number, PciBus> | undefined {
  const buses = new Map<number, PciBus>();
  for (const c of controllers(ctx)) {
    if (c.type !== 'pci') continue;
    if (c.index === undefined) return undefined;
    if (!buses.has(c.index)) buses.set(c.index, { index: c.index, model: c.model, controller: c });
  }
  if (!buses.has(0)) {
    const root = implicitPciRoot(ctx.platform);
    if (root === undefined) return undefined;
    if (root !== 'none') buses.set(0, { index: 0, model: root, controller: undefined });
  }
  return buses;
}

/** A short name of a bus for messages. */
export function describeBus(bus: PciBus): string {
  return `the PCI controller with index='${bus.index}'${bus.model !== undefined ? ` (${bus.model})` : ''}`;
}

