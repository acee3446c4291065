/**
 * The domain's memory sizes: `<memory>`, `<currentMemory>`, `<maxMemory>`, the NUMA cells and the
 * memory devices, as libvirt adds them up when a domain is defined.
 */
import type { Domain, Memorydev } from '../../../../model/generated/types/domaincommon.js';
import type { DocumentRule, GuestPlatform } from '../../../types.js';
import { describeBytes, toKiB } from '../../units.js';
import { domainXml } from './examples.js';
import { cellKiB, hasUnknownElement, isPPC64Arch, isQemuDomain, numaCells } from './util.js';

function kib(size: bigint): string {
  return describeBytes(size * 1024n);
}

/** A memory device's size in KiB as the QEMU driver keeps it after defining (ppc64 rounds modules to 256 MiB). */
function deviceKiB(mem: Memorydev, platform: GuestPlatform): bigint | undefined {
  const size = toKiB(mem.target?.size?.$value, mem.target?.size?.unit);
  if (size === undefined) return undefined;
  if (isQemuDomain(platform) && isPPC64Arch(platform.arch)) {
    if (mem.model === 'nvdimm') return undefined; // aligned with its label: not worth guessing
    const align = 256n * 1024n;
    return ((size + align - 1n) / align) * align;
  }
  return size;
}

interface MemoryTotals {
  /** `<memory>` in KiB; 0 when absent. */
  readonly memory: bigint;
  /** The sum of the NUMA cells, 0 without cells. */
  readonly numa: bigint;
  /** The sum of the memory devices. */
  readonly hotplug: bigint;
  /** What libvirt keeps as the domain's memory once defined: the NUMA cells plus the devices, else `<memory>`. */
  readonly total: bigint;
}

/** The sizes libvirt adds up on define, or undefined when one of them cannot be read. */
function memoryTotals(d: Domain, platform: GuestPlatform): MemoryTotals | undefined {
  if (hasUnknownElement(d, 'memory')) return undefined;
  const memory = d.memory === undefined ? 0n : toKiB(d.memory.$value, d.memory.unit);
  if (memory === undefined) return undefined;
  let numa = 0n;
  for (const cell of numaCells(d)) {
    const size = cellKiB(cell);
    if (size === undefined) return undefined;
    numa += size;
  }
  let hotplug = 0n;
  for (const mem of d.devices?.memory ?? []) {
    const size = deviceKiB(mem, platform);
    if (size === undefined) return undefined;
    hotplug += size;
  }
  return { memory, numa, hotplug, total: numa > 0n ? numa + hotplug : memory };
}

export const memoryMissing: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-missing',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'The domain has no memory size: no `<memory>` (or zero, or all of it taken by memory devices) and no NUMA cell sizes.',
      why: "libvirt refuses to define a domain whose initial memory is zero: it takes the size from `<memory>` or from the sum of the guest NUMA cells, less what memory devices add.",
      example: {
        bad: domainXml({ memory: null }),
        good: domainXml(),
      },
      libvirtMessage: 'XML error: Memory size must be specified via <memory> or in the <numa> configuration',
      libvirtSource: 'src/conf/domain_postparse.c, virDomainDefPostParseMemory',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const t = memoryTotals(d, ctx.platform);
    if (t === undefined || t.numa > 0n) return;
    if (t.hotplug > t.memory) return; // memory-devices-exceed-memory says it
    if (t.memory - t.hotplug > 0n) return;
    if (d.memory === undefined) {
      ctx.report({ node: d, message: "the domain has no <memory> and no NUMA cell sizes: add <memory unit='GiB'>N</memory> with the guest's memory size" });
    } else if (t.memory === 0n) {
      ctx.report({ node: d.memory, message: '<memory> is zero: give the guest a memory size' });
    } else {
      ctx.report({ node: d.memory, message: `the memory devices take all ${kib(t.memory)} of <memory>, leaving no initial memory: raise <memory> to the initial memory plus the devices' sizes` });
    }
  },
};

const MAXMEM = ["<maxMemory slots='4' unit='GiB'>16</maxMemory>"];
const DIMM = ["<memory model='dimm'>", '  <target>', "    <size unit='GiB'>2</size>", '  </target>', '</memory>'];

export const memoryDevicesExceedMemory: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-devices-exceed-memory',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'The memory devices add up to more than `<memory>`.',
      why: "Without guest NUMA cells, libvirt reads `<memory>` as the total: the initial memory plus every `<memory>` device. It refuses the domain when the devices alone are larger.",
      example: {
        bad: domainXml({ arch: 'ppc64', memory: "<memory unit='GiB'>1</memory>", body: MAXMEM, devices: DIMM }),
        good: domainXml({ arch: 'ppc64', memory: "<memory unit='GiB'>3</memory>", body: MAXMEM, devices: DIMM }),
        config: { arch: 'ppc64' },
      },
      libvirtMessage: 'XML error: Total size of memory devices exceeds the total memory size',
      libvirtSource: 'src/conf/domain_postparse.c, virDomainDefPostParseMemory',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const t = memoryTotals(d, ctx.platform);
    if (t === undefined || t.numa > 0n || t.hotplug <= t.memory) return;
    ctx.report({
      node: d.memory ?? d,
      message: `the memory devices add up to ${kib(t.hotplug)}, more than <memory> (${kib(t.memory)}), which counts them: set <memory> to the initial memory plus the devices' sizes`,
    });
  },
};

export const memoryAboveMaximum: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-above-maximum',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: '`<maxMemory>` is smaller than the domain\'s memory, or is zero while it names memory slots.',
      why: 'libvirt refuses to define the domain: the maximum memory the guest can grow to by hotplug must be at least its memory (with NUMA cells, the sum of the cells plus the memory devices).',
      example: {
        bad: domainXml({ memory: "<memory unit='GiB'>8</memory>", body: ["<maxMemory slots='4' unit='GiB'>4</maxMemory>", '<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='8' unit='GiB'/>", '  </numa>', '</cpu>'] }),
        good: domainXml({ memory: "<memory unit='GiB'>8</memory>", body: ["<maxMemory slots='4' unit='GiB'>16</maxMemory>", '<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='8' unit='GiB'/>", '  </numa>', '</cpu>'] }),
      },
      libvirtMessage: 'XML error: maximum memory size must be equal or greater than the actual memory size',
      libvirtSource: 'src/conf/domain_postparse.c, virDomainDefPostParseMemory',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const max = d.maxMemory;
    if (max === undefined) return;
    const maxKiB = toKiB(max.$value, max.unit);
    if (maxKiB === undefined) return;
    if (maxKiB === 0n) {
      if ((max.slots ?? 0) > 0) {
        ctx.report({ node: max, message: `<maxMemory> is zero but names ${max.slots} memory slots: give the maximum memory the guest may grow to` });
      }
      return;
    }
    const t = memoryTotals(d, ctx.platform);
    if (t === undefined || t.total === 0n || maxKiB >= t.total) return;
    const what = t.numa > 0n ? `the NUMA cells${t.hotplug > 0n ? ' and memory devices' : ''} add up to ${kib(t.total)}` : `<memory> is ${kib(t.total)}`;
    ctx.report({
      node: max,
      message: `<maxMemory> (${kib(maxKiB)}) is below the domain's memory: ${what}; raise <maxMemory> or lower the memory`,
    });
  },
};

export const memoryCurrentAboveMaximum: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-current-above-maximum',
    category: 'domain',
    level: 'warn',
    roots: ['domain'],
    docs: {
      summary: '`<currentMemory>` is larger than the domain\'s memory.',
      why: 'libvirt silently lowers `<currentMemory>` (the balloon target at boot) to the domain\'s memory, so the value written is not the one the guest gets.',
      example: {
        bad: domainXml({ body: ["<currentMemory unit='GiB'>4</currentMemory>"] }),
        good: domainXml({ body: ["<currentMemory unit='GiB'>1</currentMemory>"] }),
      },
      libvirtSource: 'src/conf/domain_postparse.c, virDomainDefPostParseMemory (lowers cur_balloon to the total)',
      limits: 'libvirt accepts the document and keeps the domain\'s memory as the current size; the rule warns only.',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const cur = d.currentMemory;
    if (cur === undefined) return;
    const curKiB = toKiB(cur.$value, cur.unit);
    const t = memoryTotals(d, ctx.platform);
    if (curKiB === undefined || t === undefined || t.total === 0n || curKiB <= t.total) return;
    ctx.report({
      node: cur,
      message: `<currentMemory> (${kib(curKiB)}) is larger than the domain's memory (${kib(t.total)}), and libvirt lowers it to that: set it at most to the memory size`,
    });
  },
};

/** 2^53 - 1 KiB: the largest size libvirt keeps (LLONG_MAX bytes, in KiB). */
const MAX_KIB = (1n << 53n) - 1n;

function roundUp(v: bigint, align: bigint): bigint {
  return ((v + align - 1n) / align) * align;
}

export const memorySizeOverflow: DocumentRule<'domain'> = {
  meta: {
    id: 'memory-size-overflow',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A memory size is so close to libvirt\'s limit (2^53 - 1 KiB) that rounding it up for QEMU passes the limit.',
      why: 'The QEMU driver rounds NUMA cells, the initial and maximum memory up to 1 MiB (256 MiB on ppc64) and memory modules to 2 MiB; a size that then passes the largest one libvirt keeps makes the domain fail to start.',
      example: {
        bad: domainXml({ type: 'qemu', memory: "<memory unit='KiB'>9007199254740991</memory>", body: ['<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='9007199254740991' unit='KiB'/>", '  </numa>', '</cpu>'] }),
        good: domainXml({ type: 'qemu', memory: "<memory unit='TiB'>4</memory>", body: ['<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='4' unit='TiB'/>", '  </numa>', '</cpu>'] }),
      },
      libvirtMessage: "unsupported configuration: memory size of NUMA node '0' overflowed after alignment",
      libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainAlignMemorySizes (when the domain starts)',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const d = ctx.model;
    const ppc = isPPC64Arch(ctx.platform.arch);
    const align = ppc ? 256n * 1024n : 1024n;
    const cells = numaCells(d);
    let initial = 0n;
    cells.forEach((cell, i) => {
      const size = cellKiB(cell);
      if (size === undefined) return;
      const rounded = roundUp(size, align);
      initial += rounded;
      if (rounded > MAX_KIB) {
        ctx.report({ node: cell, attribute: 'memory', message: `NUMA cell ${i} (${size} KiB) passes libvirt's largest size (${MAX_KIB} KiB) once QEMU rounds it up to ${kib(align)}: make it smaller` });
      }
    });
    const t = memoryTotals(d, ctx.platform);
    if (cells.length === 0 && t !== undefined && d.memory !== undefined) {
      const rounded = roundUp(t.memory - t.hotplug, align);
      if (rounded > MAX_KIB) {
        ctx.report({ node: d.memory, message: `the initial memory passes libvirt's largest size (${MAX_KIB} KiB) once QEMU rounds it up to ${kib(align)}: make it smaller` });
      }
    }
    const max = d.maxMemory;
    const maxKiB = max === undefined ? undefined : toKiB(max.$value, max.unit);
    if (max !== undefined && maxKiB !== undefined && roundUp(maxKiB, align) > MAX_KIB) {
      ctx.report({ node: max, message: `<maxMemory> passes libvirt's largest size (${MAX_KIB} KiB) once QEMU rounds it up to ${kib(align)}: make it smaller` });
    }
    for (const mem of d.devices?.memory ?? []) {
      if (mem.model === 'nvdimm' && ppc) continue;
      const size = toKiB(mem.target?.size?.$value, mem.target?.size?.unit);
      if (size === undefined) continue;
      if (roundUp(size, ppc ? align : 2048n) > MAX_KIB) {
        ctx.report({ node: mem.target.size, message: `this memory module passes libvirt's largest size (${MAX_KIB} KiB) once QEMU rounds it up: make it smaller` });
      }
    }
  },
};

export const MEMORY_RULES = [memoryMissing, memoryDevicesExceedMemory, memoryAboveMaximum, memoryCurrentAboveMaximum, memorySizeOverflow] as const;
