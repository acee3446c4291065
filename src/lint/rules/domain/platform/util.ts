/**
 * Shared helpers of the platform rules: which driver checks a domain, the machine families as
 * libvirt's QEMU driver tells them apart, the cpuset/nodeset syntax and a few sizes.
 */
import type { UnknownNode } from '../../../../model/base.js';
import type { Domain } from '../../../../model/generated/types/domaincommon.js';
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { GuestPlatform } from '../../../types.js';
import { isQemuDomain, machineIs as machineFamilyIs, type MachineFamily } from '../../../platform.js';
import { toKiB } from '../../units.js';

export { isQemuDomain, isX86Arch, isPPC64Arch, isS390Arch, isRISCVArch } from '../../../platform.js';

/** The machine families the platform rules tell apart. */
export type Machine = Extract<MachineFamily, 'q35' | 'i440fx' | 'pseries' | 's390-ccw' | 'arm-virt' | 'riscv-virt'>;

/**
 * Whether the guest's machine type is of `kind`, as the QEMU driver decides it (architecture and
 * machine name together). Undefined when the architecture fits but the document names no machine:
 * QEMU's default machine then decides, which lint does not guess.
 */
export function machineIs(platform: GuestPlatform, kind: Machine): boolean | undefined {
  return machineFamilyIs(platform, kind);
}

/** The machine as a message names it. */
export function machineName(platform: GuestPlatform): string {
  return platform.machine ?? "(QEMU's default)";
}

/** A cpuset/nodeset as libvirt reads it (util/virbitmap.c): the numbers it selects, or why it fails. */
export type BitmapResult =
  | { readonly ok: true; readonly bits: ReadonlySet<number> }
  /** `syntax`: not of the form the grammar allows (the schema rule reports it); `range`: a reversed range or a number past the limit. */
  | { readonly ok: false; readonly kind: 'syntax' | 'range'; readonly detail: string };

/** libvirt's bound for cpusets and nodesets kept in a fixed-size bitmap (VIR_DOMAIN_CPUMASK_LEN). */
export const CPUMASK_LEN = 16384;

/** Reads `N`, `N-M`, `^N` items separated by commas (spaces allowed around them), as libvirt does. */
export function parseBitmap(text: string, limit: number | undefined = CPUMASK_LEN): BitmapResult {
  const bits = new Set<number>();
  const s = text.trim();
  if (s === '') return { ok: false, kind: 'syntax', detail: 'it is empty' };
  for (const raw of s.split(',')) {
    const item = raw.trim();
    const m = /^(\^)?\s*(\d+)(?:\s*-\s*(\d+))?$/.exec(item);
    if (!m || (m[1] !== undefined && m[3] !== undefined)) return { ok: false, kind: 'syntax', detail: `'${item}' is not a number, a range or ^number` };
    const start = Number(m[2]);
    const last = m[3] === undefined ? start : Number(m[3]);
    if (start > 2147483647 || last > 2147483647) return { ok: false, kind: 'range', detail: `${m[3] === undefined ? start : last} is too large` };
    if (last < start) return { ok: false, kind: 'range', detail: `the range ${start}-${last} ends before it starts` };
    if (limit !== undefined && last >= limit) return { ok: false, kind: 'range', detail: `${last} is past the largest number libvirt accepts here (${limit - 1})` };
    if (m[1] !== undefined) bits.delete(start);
    else for (let i = start; i <= last; i++) bits.add(i);
  }
  return { ok: true, bits };
}

/** The numbers of a bitmap that parses, else undefined. */
export function bitmapBits(text: string | undefined, limit?: number): ReadonlySet<number> | undefined {
  if (text === undefined) return undefined;
  const r = parseBitmap(text, limit);
  return r.ok ? r.bits : undefined;
}

/** A short list of numbers for messages: `0-3,5`. */
export function formatBits(bits: Iterable<number>): string {
  const sorted = [...bits].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i]!;
    parts.push(start === end ? `${start}` : `${start}-${end}`);
  }
  return parts.join(',');
}

/** The maximum vCPU count (`<vcpu>`'s text; 1 when absent), or undefined when it is not a number libvirt reads. */
export function maxVcpus(domain: Domain): number | undefined {
  const v = domain.vcpu;
  if (v === undefined) return hasUnknownElement(domain, 'vcpu') ? undefined : 1;
  return typeof v.$value === 'number' ? v.$value : undefined;
}

/** The number of vCPUs online at boot: the enabled `<vcpus><vcpu>` entries when present, else `vcpu@current`, else the maximum. */
export function currentVcpus(domain: Domain): number | undefined {
  const max = maxVcpus(domain);
  const individual = domain.vcpus?.vcpu ?? [];
  if (individual.length > 0) return individual.filter((v) => v.enabled === 'yes').length;
  return domain.vcpu?.current ?? max;
}

/** Whether `node` holds a child element `name` that the model could not read (kept in `$unknown`). */
export function hasUnknownElement(node: object, name: string): boolean {
  const unknown = (node as { $unknown?: readonly UnknownNode[] }).$unknown;
  return unknown?.some((n) => n.kind === 'element' && n.name === name) ?? false;
}

/** The guest NUMA cells of `<cpu><numa>`. */
export function numaCells(domain: Domain) {
  return domain.cpu?.numa?.cell ?? [];
}

/**
 * Whether the QEMU driver adds a NUMA cell itself when the domain is defined: memory hotplug
 * (`<maxMemory>`) without guest NUMA cells, except on s390-ccw (qemu_postparse.c, qemuDomainDefNumaAutoAdd).
 */
export function qemuAddsNumaCell(domain: Domain, platform: GuestPlatform): boolean {
  return isQemuDomain(platform) && numaCells(domain).length === 0 && domain.maxMemory !== undefined && machineIs(platform, 's390-ccw') !== true;
}

/** The size of a NUMA cell in KiB, or undefined when libvirt would not read it. */
export function cellKiB(cell: { readonly memory: string; readonly unit?: string }): bigint | undefined {
  return toKiB(cell.memory, cell.unit);
}

/** All `<boot order>` elements of devices, with the device element they belong to. */
export function deviceBoots(domain: Domain): { readonly device: object; readonly boot: { readonly order: string } & object; readonly kind: string }[] {
  const out: { device: object; boot: { order: string } & object; kind: string }[] = [];
  const devices = domain.devices as Record<string, unknown> | undefined;
  if (devices === undefined) return out;
  for (const [kind, value] of Object.entries(devices)) {
    if (kind.startsWith('$')) continue;
    const list = Array.isArray(value) ? value : [value];
    for (const device of list) {
      if (device === null || typeof device !== 'object') continue;
      const boot = (device as { boot?: unknown }).boot;
      if (boot !== null && typeof boot === 'object' && typeof (boot as { order?: unknown }).order === 'string') {
        out.push({ device, boot: boot as { order: string }, kind });
      }
    }
  }
  return out;
}

/** The XML element of a child of a parsed model object (for values the model keeps as plain text, like `<nodemask>`). */
export function childElement(node: object, name: string): XmlElement | undefined {
  const element = (node as { $layout?: { element: XmlElement } }).$layout?.element;
  return element?.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name);
}

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
 * Whether a check libvirt makes since release `since` applies: some configured release is that one
 * or newer. Checks 9.0.0 does not make (measured with Debian 12's libvirt) are given as `11.3.0`,
 * checks 7.0.0 did not make (its tests accept such documents) as `9.0.0`.
 */
export function checkedSince(releases: readonly string[], since: string): boolean {
  return releases.some((r) => compareReleases(r, since) >= 0);
}

/** Whether some configured release is older than `before`: for what libvirt did until that release and stopped doing. */
export function checkedBefore(releases: readonly string[], before: string): boolean {
  return releases.some((r) => compareReleases(r, before) < 0);
}
