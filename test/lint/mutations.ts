/**
 * Mutations of accepted domain documents, each introducing one define-time problem of the kind
 * lint rules look for. They edit the text at positions the lossless tree gives, so the rest of
 * the document stays as libvirt wrote it. A mutation that does not apply to a document says so
 * (undefined).
 */
import { parseXml } from '../../src/xml/dom/index.js';
import type { XmlAttribute, XmlElement } from '../../src/xml/dom/types.js';
import { attributeEnd } from '../../src/lint/locate.js';

export interface Mutation {
  readonly name: string;
  /** What the mutation breaks, in words. */
  readonly breaks: string;
  apply(xml: string): string | undefined;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function applyEdits(xml: string, edits: readonly Edit[]): string {
  let out = xml;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function children(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element' && (name === undefined || c.name === name));
}

function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el === undefined ? undefined : children(el, name)[0];
}

function attr(el: XmlElement | undefined, name: string): XmlAttribute | undefined {
  return el?.attributes.find((a) => a.name === name);
}

function setAttribute(el: XmlElement, name: string, value: string): Edit {
  const a = attr(el, name);
  if (a !== undefined) return { start: a.offset, end: attributeEnd(a), text: `${name}='${value}'` };
  const at = el.selfClosing ? el.startTagEnd - 2 : el.startTagEnd - 1;
  return { start: at, end: at, text: ` ${name}='${value}'` };
}

function text(el: XmlElement): string {
  return el.children.map((c) => (c.kind === 'text' ? c.value : '')).join('');
}

function replaceText(el: XmlElement, value: string): Edit {
  return { start: el.startTagEnd, end: el.end - `</${el.name}>`.length, text: value };
}

/** Devices (children of <devices>) that carry a PCI address. */
function pciDevices(devices: XmlElement): { device: XmlElement; address: XmlElement }[] {
  const out: { device: XmlElement; address: XmlElement }[] = [];
  for (const d of children(devices)) {
    const address = child(d, 'address');
    if (address !== undefined && attr(address, 'type')?.value === 'pci') out.push({ device: d, address });
  }
  return out;
}

function parts(xml: string): { root: XmlElement; os?: XmlElement; devices?: XmlElement } | undefined {
  try {
    const root = parseXml(xml).root;
    const os = child(root, 'os');
    const devices = child(root, 'devices');
    return { root, ...(os ? { os } : {}), ...(devices ? { devices } : {}) };
  } catch {
    return undefined;
  }
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'duplicate-disk-target',
    breaks: 'two disks get the same target name',
    apply(xml) {
      const p = parts(xml);
      const disks = p?.devices === undefined ? [] : children(p.devices, 'disk').map((d) => child(d, 'target')).filter((t) => t !== undefined && attr(t, 'dev') !== undefined) as XmlElement[];
      if (disks.length < 2) return undefined;
      return applyEdits(xml, [setAttribute(disks[1]!, 'dev', attr(disks[0]!, 'dev')!.value)]);
    },
  },
  {
    name: 'duplicate-pci-address',
    breaks: 'a device takes the PCI address of another',
    apply(xml) {
      const p = parts(xml);
      const devs = p?.devices === undefined ? [] : pciDevices(p.devices).filter((d) => d.device.name !== 'controller');
      if (devs.length < 2) return undefined;
      const [a, b] = [devs[0]!, devs[1]!];
      const source = xml.slice(a.address.offset, a.address.end);
      return applyEdits(xml, [{ start: b.address.offset, end: b.address.end, text: source }]);
    },
  },
  {
    name: 'pci-slot-out-of-range',
    breaks: 'a PCI slot above 0x1f',
    apply(xml) {
      const p = parts(xml);
      const devs = p?.devices === undefined ? [] : pciDevices(p.devices).filter((d) => d.device.name !== 'controller');
      if (devs.length === 0) return undefined;
      return applyEdits(xml, [setAttribute(devs[0]!.address, 'slot', '0x20')]);
    },
  },
  {
    name: 'vcpu-current-above-maximum',
    breaks: 'more current vCPUs than the maximum',
    apply(xml) {
      const vcpu = parts(xml) && child(parts(xml)!.root, 'vcpu');
      if (vcpu === undefined) return undefined;
      const max = Number(text(vcpu).trim());
      if (!Number.isInteger(max)) return undefined;
      return applyEdits(xml, [setAttribute(vcpu, 'current', String(max + 1))]);
    },
  },
  {
    name: 'boot-order-mixed',
    breaks: 'a per-device boot order beside <os><boot>',
    apply(xml) {
      const p = parts(xml);
      if (p?.os === undefined || p.devices === undefined || children(p.os, 'boot').length === 0) return undefined;
      const disk = children(p.devices, 'disk').find((d) => child(d, 'boot') === undefined && child(d, 'target') !== undefined);
      if (disk === undefined) return undefined;
      const target = child(disk, 'target')!;
      return applyEdits(xml, [{ start: target.end, end: target.end, text: "\n      <boot order='1'/>" }]);
    },
  },
  {
    name: 'duplicate-boot-order',
    breaks: 'two devices with the same boot order',
    apply(xml) {
      const p = parts(xml);
      if (p?.devices === undefined || children(p.devices).some((d) => child(d, 'boot') !== undefined)) return undefined;
      const disks = children(p.devices, 'disk').filter((d) => child(d, 'target') !== undefined);
      if (disks.length < 2) return undefined;
      // Per-device order cannot stand beside <os><boot>: those go, so only the duplicate is wrong.
      const osBoots = p.os === undefined ? [] : children(p.os, 'boot').map((b) => ({ start: b.offset, end: b.end, text: '' }));
      const edits = disks.slice(0, 2).map((d) => ({ start: child(d, 'target')!.end, end: child(d, 'target')!.end, text: "\n      <boot order='1'/>" }));
      return applyEdits(xml, [...osBoots, ...edits]);
    },
  },
  {
    name: 'duplicate-pci-controller-index',
    breaks: 'two PCI controllers with the same index',
    apply(xml) {
      const p = parts(xml);
      const ctl = p?.devices === undefined ? undefined : children(p.devices, 'controller').find((c) => attr(c, 'type')?.value === 'pci' && attr(c, 'index')?.value !== '0');
      if (ctl === undefined) return undefined;
      const copy = xml.slice(ctl.offset, ctl.end).replace(/\s*<address[^>]*\/>/, '');
      return applyEdits(xml, [{ start: ctl.end, end: ctl.end, text: `\n    ${copy}` }]);
    },
  },
];
