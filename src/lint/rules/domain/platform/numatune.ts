/**
 * `<numatune>`: where the guest's memory comes from on the host, for the whole guest
 * (`<memory>`) and per guest NUMA cell (`<memnode>`).
 */
import type { Domain } from '../../../../model/generated/types/domaincommon.js';
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { checkedSince, numaCells } from './util.js';

interface MemoryTune {
  readonly mode?: string;
  readonly placement?: string;
  readonly nodeset?: string;
}

/** `<numatune><memory>` with the attributes libvirt reads. */
function tuneMemory(d: Domain): (MemoryTune & object) | undefined {
  return d.numatune?.memory as (MemoryTune & object) | undefined;
}

/**
 * The placement libvirt settles on for `<numatune><memory>`: written, else `static` with a nodeset,
 * else that of `<vcpu placement>`; `<vcpu placement='auto'>` without `<memory>` also means `auto`.
 * Undefined when the domain sets no memory tuning at all (an empty `<memory/>` sets none).
 */
function memoryPlacement(d: Domain): 'static' | 'auto' | undefined {
  const m = tuneMemory(d);
  const vcpuStatic = d.vcpu?.placement !== 'auto';
  if (m === undefined) return vcpuStatic ? undefined : 'auto';
  // An empty <memory/> sets nothing, not even the placement <vcpu> would give it.
  if (m.mode === undefined && m.placement === undefined && m.nodeset === undefined) return undefined;
  if (m.placement === 'static' || m.placement === 'auto') return m.placement;
  if (m.nodeset !== undefined) return 'static';
  return vcpuStatic ? 'static' : 'auto';
}

const CELLS = ['<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='2' unit='GiB'/>", '  </numa>', '</cpu>'];

export const numatuneNodesetMissing: DocumentRule<'domain'> = {
  meta: {
    id: 'numatune-nodeset-missing',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<numatune><memory>` has static placement (written, or taken from `<vcpu placement='static'>`) but no `nodeset`.",
      why: 'libvirt refuses to define the domain: static placement binds the memory to the host nodes of `nodeset`, so it needs one; automatic placement asks numad instead.',
      example: {
        bad: domainXml({ body: ['<numatune>', "  <memory mode='strict' placement='static'/>", '</numatune>'] }),
        good: domainXml({ body: ['<numatune>', "  <memory mode='strict' placement='static' nodeset='0'/>", '</numatune>'] }),
      },
      libvirtMessage: "unsupported configuration: nodeset for NUMA memory tuning must be set if 'placement' is 'static'",
      libvirtSource: 'src/conf/numa_conf.c, virDomainNumatuneSet',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const m = tuneMemory(d);
    if (m === undefined || m.nodeset !== undefined || memoryPlacement(d) !== 'static') return;
    const written = m.placement === 'static';
    ctx.report({
      node: m,
      ...(written ? { attribute: 'placement' } : {}),
      message: written
        ? "placement='static' needs a nodeset: add nodeset='…' with the host NUMA nodes, or use placement='auto'"
        : "this <memory> gets static placement from <vcpu placement='static'> but has no nodeset: add nodeset='…' with the host NUMA nodes, or placement='auto'",
    });
  },
};

export const numatuneMemnode: DocumentRule<'domain'> = {
  meta: {
    id: 'numatune-memnode',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: '`<numatune><memnode>` is used with automatic placement, without guest NUMA cells, for a cell that does not exist, or twice for a cell.',
      why: 'libvirt refuses to define the domain: `<memnode>` binds the memory of one guest NUMA cell to host nodes, which needs that cell and static placement.',
      example: {
        bad: domainXml({ body: ['<numatune>', "  <memnode cellid='0' mode='strict' nodeset='0'/>", '</numatune>'] }),
        good: domainXml({ body: [...CELLS, '<numatune>', "  <memnode cellid='0' mode='strict' nodeset='0'/>", '</numatune>'] }),
      },
      libvirtMessage: "XML error: Element 'memnode' is invalid without any guest NUMA cells",
      libvirtSource: 'src/conf/numa_conf.c, virDomainNumatuneNodeParseXML',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const memnodes = d.numatune?.memnode ?? [];
    const first = memnodes[0];
    if (first === undefined) return;
    const m = tuneMemory(d);
    if (memoryPlacement(d) === 'auto') {
      const why = m !== undefined ? m : d.vcpu;
      ctx.report({
        node: first,
        message: "<memnode> cannot be used with automatic NUMA placement: set <memory placement='static' nodeset='…'> or drop the <memnode> elements",
        ...(why !== undefined ? { related: [{ node: why, message: 'automatic placement' }] } : {}),
      });
      return;
    }
    const cells = numaCells(d).length;
    if (cells === 0) {
      ctx.report({ node: first, message: '<memnode> needs guest NUMA cells: define them in <cpu><numa>, or drop <memnode>' });
      return;
    }
    const seen = new Map<number, object>();
    for (const n of memnodes) {
      if (typeof n.cellid !== 'number') continue;
      if (n.cellid >= cells) {
        ctx.report({ node: n, attribute: 'cellid', message: `cellid ${n.cellid} names no guest NUMA cell (the cells are 0 to ${cells - 1})` });
        return;
      }
      const prev = seen.get(n.cellid);
      if (prev !== undefined) {
        ctx.report({ node: n, attribute: 'cellid', message: `cell ${n.cellid} already has a <memnode> (line ${ctx.locate({ node: prev }).line}): keep one`, related: [{ node: prev, message: 'first memnode' }] });
        return;
      }
      seen.set(n.cellid, n);
    }
  },
};

export const numatuneRestrictiveMixed: DocumentRule<'domain'> = {
  meta: {
    id: 'numatune-restrictive-mixed',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`mode='restrictive'` is used in `<numatune><memory>` or a `<memnode>` but not in both.",
      why: "libvirt refuses to define the domain: restrictive mode leaves the memory policy to cgroups for the whole guest, so the guest-wide `<memory>` and every `<memnode>` must all use it or none.",
      example: {
        bad: domainXml({ body: [...CELLS, '<numatune>', "  <memory mode='restrictive' nodeset='0'/>", "  <memnode cellid='0' mode='strict' nodeset='0'/>", '</numatune>'] }),
        good: domainXml({ body: [...CELLS, '<numatune>', "  <memory mode='restrictive' nodeset='0'/>", "  <memnode cellid='0' mode='restrictive' nodeset='0'/>", '</numatune>'] }),
      },
      libvirtMessage: "XML error: 'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element",
      libvirtSource: 'src/conf/numa_conf.c, virDomainNumaDefValidate',
      limits: "A restrictive `<memnode>` under a `<memory>` that is not restrictive is reported when a configured release is newer than 9.0.0, which checks the other direction only.",
    },
  },
  check(ctx) {
    const d = ctx.model;
    const cells = numaCells(d).length;
    const m = tuneMemory(d);
    // Without <memory mode>, libvirt's guest-wide mode is strict.
    const memoryRestrictive = m?.mode === 'restrictive' && memoryPlacement(d) !== undefined;
    for (const n of d.numatune?.memnode ?? []) {
      if (typeof n.cellid !== 'number' || n.cellid >= cells) continue;
      const nodeRestrictive = (n.mode ?? 'strict') === 'restrictive';
      if (memoryRestrictive && !nodeRestrictive) {
        ctx.report({
          node: n,
          ...(n.mode !== undefined ? { attribute: 'mode' } : {}),
          message: `<memory mode='restrictive'> needs mode='restrictive' on every <memnode>, and cell ${n.cellid} has '${n.mode ?? 'strict'}': make them all restrictive, or none`,
          related: [{ node: m!, attribute: 'mode', message: 'guest-wide mode' }],
        });
        return;
      }
      // libvirt 9.0.0 checks the first direction only.
      if (!memoryRestrictive && nodeRestrictive && checkedSince(ctx.releases, '11.3.0')) {
        ctx.report({
          node: n,
          attribute: 'mode',
          message: `mode='restrictive' on a <memnode> needs <memory mode='restrictive'> too (it is ${m?.mode === undefined ? 'strict by default' : `'${m.mode}'`}): make them all restrictive, or none`,
          ...(m !== undefined ? { related: [{ node: m, message: 'guest-wide mode' }] } : {}),
        });
        return;
      }
    }
  },
};

export const NUMATUNE_RULES = [numatuneNodesetMissing, numatuneMemnode, numatuneRestrictiveMixed] as const;
