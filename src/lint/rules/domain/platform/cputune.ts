/**
 * `<cputune>` and the cpusets/nodesets: scheduler settings given twice for a thread, threads that
 * do not exist, and sets that libvirt cannot hold or that select nothing.
 */
import type { Domain } from '../../../../model/generated/types/domaincommon.js';
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { bitmapBits, childElement, formatBits, maxVcpus, numaCells, parseBitmap } from './util.js';

/** The I/O thread ids the domain has: `<iothreadids>` plus the ones libvirt numbers itself up to `<iothreads>`. */
export function iothreadIds(d: Domain): Set<number> | undefined {
  const explicit = (d.iothreadids?.iothread ?? []).map((t) => t.id);
  if (explicit.some((id) => typeof id !== 'number')) return undefined;
  const count = Math.max(d.iothreads ?? 0, explicit.length);
  const ids = new Set<number>(explicit);
  for (let id = 1; ids.size < count; id++) ids.add(id);
  return ids;
}

const CPUTUNE_HEAD = ['<iothreads>2</iothreads>', '<cputune>'];

export const cputuneSchedOverlap: DocumentRule<'domain'> = {
  meta: {
    id: 'cputune-sched-overlap',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two `<vcpusched>` (or `<iothreadsched>`) elements set the scheduler of the same thread.',
      why: 'libvirt refuses to define the domain: each vCPU or I/O thread takes its scheduler from one element only.',
      example: {
        bad: domainXml({ vcpu: '<vcpu>4</vcpu>', body: ['<cputune>', "  <vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>", "  <vcpusched vcpus='1-2' scheduler='rr' priority='1'/>", '</cputune>'] }),
        good: domainXml({ vcpu: '<vcpu>4</vcpu>', body: ['<cputune>', "  <vcpusched vcpus='0-1' scheduler='fifo' priority='1'/>", "  <vcpusched vcpus='2' scheduler='rr' priority='1'/>", '</cputune>'] }),
      },
      libvirtMessage: "'vcpusched' attributes 'vcpus' must not overlap",
      libvirtSource: 'src/conf/domain_conf.c, virDomainThreadSchedParseHelper',
    },
  },
  check(ctx) {
    const tune = ctx.model.cputune;
    if (tune === undefined) return;
    for (const [list, attr, what] of [
      [tune.vcpusched ?? [], 'vcpus', 'vCPU'],
      [tune.iothreadsched ?? [], 'iothreads', 'I/O thread'],
    ] as const) {
      const seen: { node: object; bits: ReadonlySet<number> }[] = [];
      for (const el of list) {
        const bits = bitmapBits((el as unknown as Record<string, string | undefined>)[attr]);
        if (bits === undefined) continue;
        const other = seen.find((s) => [...bits].some((b) => s.bits.has(b)));
        if (other !== undefined) {
          const shared = [...bits].filter((b) => other.bits.has(b));
          ctx.report({
            node: el,
            attribute: attr,
            message: `${what} ${formatBits(shared)} already has its scheduler set (line ${ctx.locate({ node: other.node }).line}): give each ${what} one <${attr === 'vcpus' ? 'vcpusched' : 'iothreadsched'}> only`,
            related: [{ node: other.node, attribute: attr, message: 'first setting' }],
          });
          break;
        }
        seen.push({ node: el, bits });
      }
    }
  },
};

export const cputuneThreadMissing: DocumentRule<'domain'> = {
  meta: {
    id: 'cputune-thread-missing',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: '`<vcpusched>`, `<iothreadsched>` or `<iothreadpin>` names a vCPU or I/O thread the domain does not have.',
      why: 'libvirt refuses to define the domain: scheduler and pinning settings must name existing threads (I/O threads are those of `<iothreadids>`, else 1 to `<iothreads>`).',
      example: {
        bad: domainXml({ body: [...CPUTUNE_HEAD, "  <iothreadpin iothread='3' cpuset='1'/>", '</cputune>'] }),
        good: domainXml({ body: [...CPUTUNE_HEAD, "  <iothreadpin iothread='2' cpuset='1'/>", '</cputune>'] }),
      },
      libvirtMessage: "unsupported configuration: Cannot find 'iothread' : 2",
      libvirtSource: 'src/conf/domain_conf.c, virDomainIOThreadPinDefParseXML, virDomainDefGetIOThreadSched, virDomainDefGetVcpuSched',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const tune = d.cputune;
    if (tune === undefined) return;
    const ids = iothreadIds(d);
    const describe = (s: ReadonlySet<number>) => (s.size === 0 ? 'it has none' : `it has ${formatBits(s)}`);
    if (ids !== undefined) {
      for (const pin of tune.iothreadpin ?? []) {
        if (typeof pin.iothread !== 'number' || ids.has(pin.iothread)) continue;
        ctx.report({ node: pin, attribute: 'iothread', message: `the domain has no I/O thread ${pin.iothread} (${describe(ids)}): pin an existing thread or add it to <iothreadids>/<iothreads>` });
        return;
      }
    }
    const max = maxVcpus(d);
    if (max !== undefined) {
      for (const s of tune.vcpusched ?? []) {
        const missing = [...(bitmapBits(s.vcpus) ?? [])].filter((v) => v >= max);
        if (missing.length === 0) continue;
        ctx.report({ node: s, attribute: 'vcpus', message: `the domain has no vCPU ${formatBits(missing)} (<vcpu> is ${max}): name vCPUs 0 to ${max - 1} only` });
        return;
      }
    }
    if (ids !== undefined) {
      for (const s of tune.iothreadsched ?? []) {
        const missing = [...(bitmapBits(s.iothreads) ?? [])].filter((v) => !ids.has(v));
        if (missing.length === 0) continue;
        ctx.report({ node: s, attribute: 'iothreads', message: `the domain has no I/O thread ${formatBits(missing)} (${describe(ids)}): name existing threads only` });
        return;
      }
    }
  },
};

interface SetAttribute {
  readonly node: object;
  readonly attribute: string;
  readonly value: string | undefined;
  /** An empty set is accepted (a NUMA cell without vCPUs). */
  readonly emptyOk?: boolean;
}

/** The cpuset/nodeset attributes libvirt reads, where it reads them. */
function setAttributes(d: Domain): SetAttribute[] {
  const out: SetAttribute[] = [];
  const max = maxVcpus(d);
  if (d.vcpu !== undefined && d.vcpu.placement !== 'auto') out.push({ node: d.vcpu, attribute: 'cpuset', value: d.vcpu.cpuset });
  const tune = d.cputune;
  for (const pin of tune?.vcpupin ?? []) {
    // libvirt skips a vcpupin of a vCPU the domain does not have, cpuset unread.
    if (max !== undefined && typeof pin.vcpu === 'number' && pin.vcpu < max) out.push({ node: pin, attribute: 'cpuset', value: pin.cpuset });
  }
  if (tune?.emulatorpin !== undefined) out.push({ node: tune.emulatorpin, attribute: 'cpuset', value: tune.emulatorpin.cpuset });
  for (const pin of tune?.iothreadpin ?? []) out.push({ node: pin, attribute: 'cpuset', value: pin.cpuset });
  for (const s of tune?.vcpusched ?? []) out.push({ node: s, attribute: 'vcpus', value: s.vcpus });
  for (const s of tune?.iothreadsched ?? []) out.push({ node: s, attribute: 'iothreads', value: s.iothreads });
  // libvirt drops a cachetune or memorytune that selects no vCPU without a word.
  for (const c of tune?.cachetune ?? []) out.push({ node: c, attribute: 'vcpus', value: (c as { vcpus?: string }).vcpus, emptyOk: true });
  for (const m of tune?.memorytune ?? []) out.push({ node: m, attribute: 'vcpus', value: (m as { vcpus?: string }).vcpus, emptyOk: true });
  const memory = d.numatune?.memory as { nodeset?: string } | undefined;
  if (memory !== undefined) out.push({ node: memory, attribute: 'nodeset', value: memory.nodeset });
  for (const n of d.numatune?.memnode ?? []) out.push({ node: n, attribute: 'nodeset', value: n.nodeset });
  for (const p of d.memoryBacking?.hugepages?.page ?? []) out.push({ node: p, attribute: 'nodeset', value: (p as { nodeset?: string }).nodeset });
  for (const cell of numaCells(d)) out.push({ node: cell, attribute: 'cpus', value: cell.cpus, emptyOk: true });
  for (const mem of d.devices?.memory ?? []) {
    if (mem.source?.nodemask !== undefined) out.push({ node: mem.source, attribute: 'nodemask', value: mem.source.nodemask });
  }
  return out;
}

export const cpusetInvalid: DocumentRule<'domain'> = {
  meta: {
    id: 'cpuset-invalid',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A cpuset or nodeset selects nothing (`0,^0`), has a range that ends before it starts, or names a CPU or node past 16383.',
      why: 'libvirt refuses to define the domain: these sets are kept in a bitmap of 16384 entries and must select at least one CPU, vCPU or host node.',
      example: {
        bad: domainXml({ body: ['<numatune>', "  <memory mode='strict' nodeset='0,^0'/>", '</numatune>'] }),
        good: domainXml({ body: ['<numatune>', "  <memory mode='strict' nodeset='0'/>", '</numatune>'] }),
      },
      libvirtMessage: "unsupported configuration: Invalid value of 'nodeset': 0,^0",
      libvirtSource: 'src/util/virbitmap.c, virBitmapParse; src/conf/numa_conf.c, virDomainNumatuneParseXML; src/conf/domain_conf.c (each cpuset)',
      limits: 'Text that is not a list of numbers, ranges and ^numbers is left to the `schema` rule. `<memnode>` is read only when the domain has NUMA cells and placement is not automatic.',
    },
  },
  check(ctx) {
    for (const s of setAttributes(ctx.model)) {
      if (s.value === undefined) continue;
      const r = parseBitmap(s.value);
      // The memory device's <nodemask> is an element: point at it.
      const target = s.attribute === 'nodemask' ? { node: childElement(s.node, 'nodemask') ?? s.node } : { node: s.node, attribute: s.attribute };
      if (!r.ok) {
        if (r.kind === 'syntax') continue;
        ctx.report({ ...target, message: `${s.attribute} '${s.value}' cannot be read: ${r.detail}` });
      } else if (r.bits.size === 0 && s.emptyOk !== true) {
        ctx.report({ ...target, message: `${s.attribute} '${s.value}' selects nothing: name at least one ${s.attribute === 'cpuset' ? 'host CPU' : s.attribute === 'vcpus' ? 'vCPU' : s.attribute === 'iothreads' ? 'I/O thread' : 'host NUMA node'}` });
      }
    }
  },
};

export const iothreadPoolSize: DocumentRule<'domain'> = {
  meta: {
    id: 'iothread-pool-size',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'An I/O thread (or `<defaultiothread>`) has `thread_pool_max` 0, or a `thread_pool_min` without a `thread_pool_max` at least as large.',
      why: 'libvirt refuses to define the domain: the worker pool of an I/O thread needs at least one thread at most, and its minimum cannot exceed its maximum (a minimum alone is compared with an unset maximum and fails).',
      example: {
        bad: domainXml({ body: ['<iothreadids>', "  <iothread id='1' thread_pool_min='4' thread_pool_max='2'/>", '</iothreadids>'] }),
        good: domainXml({ body: ['<iothreadids>', "  <iothread id='1' thread_pool_min='2' thread_pool_max='4'/>", '</iothreadids>'] }),
      },
      libvirtMessage: 'unsupported configuration: thread_pool_min must be smaller or equal to thread_pool_max',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefValidateIOThreadsThreadPool',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const pools: { node: object; min?: number; max?: number; what: string }[] = [];
    for (const t of d.iothreadids?.iothread ?? []) pools.push({ node: t, min: t.thread_pool_min, max: t.thread_pool_max, what: `I/O thread ${t.id}` });
    const def = d.defaultiothread;
    // libvirt keeps <defaultiothread> only when it sets one of the two.
    if (def !== undefined && (def.thread_pool_min !== undefined || def.thread_pool_max !== undefined)) {
      pools.push({ node: def, min: def.thread_pool_min, max: def.thread_pool_max, what: 'the default I/O thread' });
    }
    for (const p of pools) {
      if (p.max === 0) {
        ctx.report({ node: p.node, attribute: 'thread_pool_max', message: `${p.what} has thread_pool_max='0': the pool needs at least one thread` });
      } else if (p.min !== undefined && p.min > (p.max ?? -1)) {
        ctx.report({
          node: p.node,
          attribute: 'thread_pool_min',
          message: p.max === undefined
            ? `${p.what} sets thread_pool_min without thread_pool_max, which libvirt refuses: add thread_pool_max='${Math.max(p.min, 1)}' or more`
            : `${p.what} has thread_pool_min='${p.min}' above thread_pool_max='${p.max}': make the minimum at most the maximum`,
        });
      }
    }
  },
};

export const CPUTUNE_RULES = [cputuneSchedOverlap, cputuneThreadMissing, cpusetInvalid, iothreadPoolSize] as const;
