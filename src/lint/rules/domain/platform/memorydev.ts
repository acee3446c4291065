/**
 * Memory devices (`<devices><memory>`): the guest NUMA cell each one plugs into, the hotplug room
 * of `<maxMemory>`, and guest physical addresses that overlap.
 */
import type { Domain, Memorydev } from '../../../../model/generated/types/domaincommon.js';
import type { DocumentRule, GuestPlatform } from '../../../types.js';
import { toBytes, toKiB } from '../../units.js';
import { domainXml } from './examples.js';
import { checkedBefore, checkedSince, childElement, isPPC64Arch, isQemuDomain, isS390Arch, numaCells, qemuAddsNumaCell } from './util.js';

/** How many guest NUMA cells the domain has once defined (the QEMU driver may add one itself). */
function nodeCount(d: Domain, p: GuestPlatform): number {
  return numaCells(d).length || (qemuAddsNumaCell(d, p) ? 1 : 0);
}

const NUMA = ['<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='2' unit='GiB'/>", '  </numa>', '</cpu>'];
const MAXMEM = "<maxMemory slots='4' unit='GiB'>16</maxMemory>";

function dimm(node: number | undefined, size = '1'): string[] {
  return ["<memory model='dimm'>", '  <target>', `    <size unit='GiB'>${size}</size>`, ...(node === undefined ? [] : [`    <node>${node}</node>`]), '  </target>', '</memory>'];
}

export const memoryDeviceNode: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-device-node',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A memory device names a guest NUMA cell (`<target><node>`) that does not exist, or names none although the guest has NUMA cells.',
      why: 'libvirt refuses the domain: a memory device plugs into one of the guest NUMA cells (0 to N-1); with NUMA cells, the QEMU driver needs DIMM, NVDIMM and virtio-mem devices to say which.',
      example: {
        bad: domainXml({ body: [MAXMEM, ...NUMA], devices: dimm(1) }),
        good: domainXml({ body: [MAXMEM, ...NUMA], devices: dimm(0) }),
      },
      libvirtMessage: "can't add memory backend for guest node '1' as the guest has only '1' NUMA nodes configured",
      libvirtSource: 'src/conf/domain_validate.c, virDomainMemoryDefValidate; src/qemu/qemu_domain.c, qemuDomainDefValidateMemoryHotplugDevice',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const count = nodeCount(d, ctx.platform);
    const explicitCells = numaCells(d).length;
    for (const mem of d.devices?.memory ?? []) {
      const node = mem.target?.node;
      if (typeof node === 'number') {
        if (count === 0) {
          ctx.report({ node: childElement(mem.target, 'node') ?? mem.target, message: `this memory device names guest NUMA cell ${node}, but the guest has no NUMA cells: define them in <cpu><numa>, or drop <node>` });
        } else if (node >= count) {
          ctx.report({ node: childElement(mem.target, 'node') ?? mem.target, message: `guest NUMA cell ${node} does not exist: the guest has ${count} cell${count === 1 ? '' : 's'} (0 to ${count - 1})` });
        }
        continue;
      }
      if (isQemuDomain(ctx.platform) && d.maxMemory !== undefined && explicitCells > 0 && (mem.model === 'dimm' || mem.model === 'nvdimm' || mem.model === 'virtio-mem')) {
        ctx.report({ node: mem.target ?? mem, message: `with guest NUMA cells, a ${mem.model} device must name the cell it plugs into: add <node>N</node> to its <target>` });
      }
    }
  },
};

/** The guest physical address range a memory device claims, in bytes, or undefined when it has no fixed base. */
function mappedRange(mem: Memorydev): { start: bigint; end: bigint; base: object; attribute: string } | undefined {
  let base: string | undefined;
  let node: object | undefined;
  let attribute = 'base';
  if (mem.model === 'virtio-pmem' || mem.model === 'virtio-mem') {
    base = mem.target?.address?.base;
    node = mem.target?.address;
  } else if (mem.model === 'dimm' || mem.model === 'nvdimm') {
    const a = mem.address as { type?: string; base?: string } | undefined;
    if (a?.type === 'dimm') {
      base = a.base;
      node = mem.address;
    }
  }
  if (base === undefined || node === undefined) return undefined;
  let start: bigint;
  try {
    start = BigInt(base.trim());
  } catch {
    return undefined;
  }
  if (start === 0n) return undefined;
  let size = toBytes(mem.target?.size?.$value, mem.target?.size?.unit);
  if (size === undefined) return undefined;
  if (mem.model === 'nvdimm' && mem.target?.label !== undefined) {
    // The label is not mapped; its rounding depends on the alignment (the host page size when unset).
    const label = toBytes(mem.target.label.size?.$value, mem.target.label.size?.unit);
    const align = toBytes(mem.source?.alignsize?.$value, mem.source?.alignsize?.unit);
    if (label === undefined || align === undefined || align === 0n) return undefined;
    size -= ((label + align - 1n) / align) * align;
  }
  return { start, end: start + size, base: node, attribute };
}

export const memoryDeviceOverlap: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-device-overlap',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two memory devices with fixed guest physical addresses overlap.',
      why: 'libvirt refuses the domain: a memory device given a base address (`<target><address base>` for virtio-mem and virtio-pmem, `<address type=\'dimm\' base>` for DIMMs) claims its whole size from there.',
      example: {
        bad: domainXml({
          body: [MAXMEM, ...NUMA],
          devices: [
            "<memory model='virtio-mem'>", '  <target>', "    <size unit='GiB'>1</size>", '    <node>0</node>', "    <block unit='MiB'>2</block>", "    <requested unit='MiB'>512</requested>", "    <address base='0x140000000'/>", '  </target>', '</memory>',
            "<memory model='virtio-mem'>", '  <target>', "    <size unit='GiB'>2</size>", '    <node>0</node>', "    <block unit='MiB'>2</block>", "    <requested unit='GiB'>1</requested>", "    <address base='0x170000000'/>", '  </target>', '</memory>',
          ],
        }),
        good: domainXml({
          body: [MAXMEM, ...NUMA],
          devices: [
            "<memory model='virtio-mem'>", '  <target>', "    <size unit='GiB'>1</size>", '    <node>0</node>', "    <block unit='MiB'>2</block>", "    <requested unit='MiB'>512</requested>", "    <address base='0x140000000'/>", '  </target>', '</memory>',
            "<memory model='virtio-mem'>", '  <target>', "    <size unit='GiB'>2</size>", '    <node>0</node>', "    <block unit='MiB'>2</block>", "    <requested unit='GiB'>1</requested>", "    <address base='0x180000000'/>", '  </target>', '</memory>',
          ],
        }),
      },
      libvirtMessage: 'unsupported configuration: memory device address [0x140000000:0x180000000] overlaps with other memory device (0x170000000)',
      libvirtSource: 'src/conf/domain_validate.c, virDomainMemoryDefCheckConflict',
      limits: 'An NVDIMM with a label but no `<alignsize>` maps a size that depends on the host page size; it is not compared. Reported when a configured release is newer than 9.0.0, which does not compare the addresses.',
    },
  },
  check(ctx) {
    if (!checkedSince(ctx.releases, '11.3.0')) return;
    const ranges: { mem: Memorydev; r: NonNullable<ReturnType<typeof mappedRange>> }[] = [];
    for (const mem of ctx.model.devices?.memory ?? []) {
      const r = mappedRange(mem);
      if (r === undefined) continue;
      const other = ranges.find((o) => (r.start <= o.r.start && r.end > o.r.start) || (o.r.start <= r.start && o.r.end > r.start));
      if (other !== undefined) {
        const hex = (v: bigint) => `0x${v.toString(16)}`;
        ctx.report({
          node: r.base,
          attribute: r.attribute,
          message: `this memory device claims [${hex(r.start)}:${hex(r.end)}], which overlaps the device at ${hex(other.r.start)}-${hex(other.r.end)} (line ${ctx.locate({ node: other.r.base }).line}): move its base to ${hex(other.r.end)} or beyond`,
          related: [{ node: other.r.base, attribute: other.r.attribute, message: 'overlapping memory device' }],
        });
        continue;
      }
      ranges.push({ mem, r });
    }
  },
};

export const memoryHotplugRoom: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-hotplug-room',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Memory devices do not fit `<maxMemory>`: there is no `<maxMemory>`, more DIMMs than its slots, or a DIMM slot past them.',
      why: "The QEMU driver refuses the domain: memory devices are hotpluggable memory, which `<maxMemory slots>` sizes: DIMMs and NVDIMMs take one slot each, numbered from 0.",
      example: {
        bad: domainXml({ body: ["<maxMemory slots='1' unit='GiB'>16</maxMemory>", ...NUMA], devices: [...dimm(0), ...dimm(0)] }),
        good: domainXml({ body: ["<maxMemory slots='2' unit='GiB'>16</maxMemory>", ...NUMA], devices: [...dimm(0), ...dimm(0)] }),
      },
      libvirtMessage: "unsupported configuration: count of memory devices requiring memory slots '2' exceeds slots count '1'",
      libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainDefValidateMemoryHotplug, qemuDomainDefValidateMemoryHotplugDevice',
    },
  },
  check(ctx) {
    const d = ctx.model;
    if (!isQemuDomain(ctx.platform)) return;
    const mems = d.devices?.memory ?? [];
    if (mems.length === 0) return;
    const max = d.maxMemory;
    if (max === undefined) {
      ctx.report({ node: mems[0]!, message: "memory devices need memory hotplug: add <maxMemory slots='N' unit='GiB'>…</maxMemory> with room for them" });
      return;
    }
    const maxKiB = toKiB(max.$value, max.unit);
    if (maxKiB === undefined || maxKiB === 0n) return;
    const slots = max.slots ?? 0;
    const slotted = mems.filter((m) => m.model === 'dimm' || m.model === 'nvdimm');
    if (slotted.length > slots) {
      ctx.report({ node: slotted[slots]!, message: `${slotted.length} DIMM/NVDIMM devices need ${slotted.length} memory slots, but <maxMemory> has ${slots}: raise slots to at least ${slotted.length}`, related: [{ node: max, message: 'memory slots' }] });
      return;
    }
    for (const m of slotted) {
      const a = m.address as { type?: string; slot?: number } | undefined;
      if (a?.type === 'dimm' && typeof a.slot === 'number' && a.slot >= slots) {
        ctx.report({ node: m.address!, attribute: 'slot', message: `memory slot ${a.slot} does not exist: <maxMemory> has slots 0 to ${slots - 1}` });
        return;
      }
    }
  },
};

export const memoryHotplugWithoutNuma: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-hotplug-without-numa',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Memory hotplug (`<maxMemory>`) is enabled without guest NUMA cells, which libvirt releases before 11.3.0 refuse.',
      why: 'Once the hotplug backend is on, QEMU gives the guest a NUMA node anyway; libvirt 9.0.0 asks for that node in the document. libvirt 11.3.0 adds the cell itself when it defines the domain.',
      example: {
        bad: domainXml({ body: [MAXMEM] }),
        good: domainXml({ body: [MAXMEM, ...NUMA] }),
        config: { libvirt: '9.0.0' },
      },
      libvirtMessage: 'unsupported configuration: At least one numa node has to be configured when enabling memory hotplug',
      libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainDefValidateMemoryHotplug; src/qemu/qemu_postparse.c, qemuDomainDefNumaAutoAdd (11.3.0)',
      limits: 'Reported only when a configured release is older than 11.3.0; ppc64 and s390 guests do not need the cell.',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const p = ctx.platform;
    if (!isQemuDomain(p) || d.maxMemory === undefined || numaCells(d).length > 0) return;
    if (isPPC64Arch(p.arch) || isS390Arch(p.arch) || !checkedBefore(ctx.releases, '11.3.0')) return;
    const max = toKiB(d.maxMemory.$value, d.maxMemory.unit);
    if ((max === undefined || max === 0n) && (d.maxMemory.slots ?? 0) === 0) return;
    ctx.report({ node: d.maxMemory, message: "memory hotplug needs a guest NUMA cell in libvirt releases before 11.3.0: add <cpu><numa><cell id='0' cpus='…' memory='…'/></numa></cpu>" });
  },
};

export const MEMORYDEV_RULES = [memoryDeviceNode, memoryDeviceOverlap, memoryHotplugRoom, memoryHotplugWithoutNuma] as const;
