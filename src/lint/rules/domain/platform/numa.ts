/**
 * Guest NUMA cells (`<cpu><numa>`): their ids, their vCPUs, their distances and the HMAT
 * description (caches and interconnects).
 */
import type { NumaCell } from '../../../../model/generated/types/cputypes.js';
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { bitmapBits, formatBits, maxVcpus, numaCells } from './util.js';

/** Each cell with the id libvirt gives it: its `id`, else its position. */
function cellIds(cells: readonly NumaCell[]): { cell: NumaCell; id: number }[] {
  return cells.map((cell, i) => ({ cell, id: cell.id ?? i }));
}

/** Whether every cell has an id that libvirt accepts (each below the count, none twice). */
function idsValid(cells: readonly NumaCell[]): boolean {
  const seen = new Set<number>();
  for (const { id } of cellIds(cells)) {
    if (id >= cells.length || seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

function numaBody(cells: readonly string[], extra: readonly string[] = []): string[] {
  return ['<cpu>', '  <numa>', ...cells.map((c) => `    ${c}`), ...extra.map((c) => `    ${c}`), '  </numa>', '</cpu>'];
}

export const numaCellIds: DocumentRule<'domain'> = {
  meta: {
    id: 'numa-cell-ids',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Guest NUMA cell ids are not 0, 1, 2, … once each: an id is too large or used twice.',
      why: 'libvirt refuses to define the domain: with N cells the ids must be exactly 0 to N-1 (a cell without `id` takes its position).',
      example: {
        bad: domainXml({ vcpu: '<vcpu>4</vcpu>', body: numaBody(["<cell id='1' cpus='0-1' memory='1' unit='GiB'/>", "<cell id='2' cpus='2-3' memory='1' unit='GiB'/>"]) }),
        good: domainXml({ vcpu: '<vcpu>4</vcpu>', body: numaBody(["<cell id='0' cpus='0-1' memory='1' unit='GiB'/>", "<cell id='1' cpus='2-3' memory='1' unit='GiB'/>"]) }),
      },
      libvirtMessage: "XML error: Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed",
      libvirtSource: 'src/conf/numa_conf.c, virDomainNumaDefParseXML',
    },
  },
  check(ctx) {
    const cells = numaCells(ctx.model);
    const seen = new Map<number, NumaCell>();
    for (const { cell, id } of cellIds(cells)) {
      if (id >= cells.length) {
        ctx.report({
          node: cell,
          ...(cell.id !== undefined ? { attribute: 'id' } : {}),
          message: `cell id ${id} is out of range: with ${cells.length} NUMA cell${cells.length === 1 ? '' : 's'} the ids must be 0 to ${cells.length - 1}, each used once`,
        });
        return;
      }
      const first = seen.get(id);
      if (first !== undefined) {
        ctx.report({
          node: cell,
          ...(cell.id !== undefined ? { attribute: 'id' } : {}),
          message: `NUMA cell id ${id} is already used (line ${ctx.locate({ node: first }).line}): number the cells 0 to ${cells.length - 1}, each once`,
          related: [{ node: first, message: 'first cell with this id' }],
        });
        return;
      }
      seen.set(id, cell);
    }
  },
};

export const numaCellCpus: DocumentRule<'domain'> = {
  meta: {
    id: 'numa-cell-cpus',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Guest NUMA cells share vCPUs, or name vCPUs the domain does not have.',
      why: 'libvirt refuses to define the domain: each vCPU belongs to one NUMA cell at most, and the cells can only name vCPUs below the `<vcpu>` count.',
      example: {
        bad: domainXml({ vcpu: '<vcpu>4</vcpu>', body: numaBody(["<cell id='0' cpus='0-2' memory='1' unit='GiB'/>", "<cell id='1' cpus='2-3' memory='1' unit='GiB'/>"]) }),
        good: domainXml({ vcpu: '<vcpu>4</vcpu>', body: numaBody(["<cell id='0' cpus='0-1' memory='1' unit='GiB'/>", "<cell id='1' cpus='2-3' memory='1' unit='GiB'/>"]) }),
      },
      libvirtMessage: 'unsupported configuration: NUMA cells 1 and 0 have overlapping vCPU ids',
      libvirtSource: "src/conf/numa_conf.c, virDomainNumaDefParseXML; src/conf/domain_conf.c, virDomainDefParseXML (the <vcpu> count)",
    },
  },
  check(ctx) {
    const d = ctx.model;
    const cells = numaCells(d);
    if (!idsValid(cells)) return;
    const parsed: { cell: NumaCell; id: number; bits: ReadonlySet<number> }[] = [];
    for (const { cell, id } of cellIds(cells)) {
      if (cell.cpus === undefined) continue;
      const bits = bitmapBits(cell.cpus);
      if (bits === undefined) return; // cpuset-invalid or the schema says why
      if (bits.size === 0) continue;
      const other = parsed.find((p) => [...bits].some((b) => p.bits.has(b)));
      if (other !== undefined) {
        const shared = [...bits].filter((b) => other.bits.has(b));
        ctx.report({
          node: cell,
          attribute: 'cpus',
          message: `NUMA cells ${id} and ${other.id} both claim vCPU ${formatBits(shared)}: give each vCPU to one cell only`,
          related: [{ node: other.cell, attribute: 'cpus', message: `cell ${other.id}` }],
        });
        return;
      }
      parsed.push({ cell, id, bits });
    }
    const max = maxVcpus(d);
    if (max === undefined) return;
    const total = parsed.reduce((n, p) => n + p.bits.size, 0);
    if (total > max) {
      ctx.report({
        node: d.cpu!.numa!,
        message: `the NUMA cells hold ${total} vCPUs but <vcpu> is ${max}: raise <vcpu> or take vCPUs out of the cells`,
        ...(d.vcpu === undefined ? {} : { related: [{ node: d.vcpu, message: 'maximum vCPU count' }] }),
      });
      return;
    }
    for (const p of parsed) {
      const beyond = [...p.bits].filter((b) => b >= max);
      if (beyond.length === 0) continue;
      ctx.report({
        node: p.cell,
        attribute: 'cpus',
        message: `cell ${p.id} names vCPU ${formatBits(beyond)}, but the domain has vCPUs 0 to ${max - 1} only (<vcpu> is ${max}): name existing vCPUs or raise <vcpu>`,
      });
      return;
    }
  },
};

export const numaDistances: DocumentRule<'domain'> = {
  meta: {
    id: 'numa-distances',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A NUMA distance names a cell that does not exist, or has a value libvirt refuses.',
      why: 'libvirt refuses to define the domain: `<sibling id>` must be one of the cells, a cell\'s distance to itself must be 10, and to another cell between 11 and 255.',
      example: {
        bad: domainXml({
          vcpu: '<vcpu>4</vcpu>',
          body: numaBody([
            "<cell id='0' cpus='0-1' memory='1' unit='GiB'>",
            '  <distances>',
            "    <sibling id='0' value='10'/>",
            "    <sibling id='2' value='21'/>",
            '  </distances>',
            '</cell>',
            "<cell id='1' cpus='2-3' memory='1' unit='GiB'/>",
          ]),
        }),
        good: domainXml({
          vcpu: '<vcpu>4</vcpu>',
          body: numaBody([
            "<cell id='0' cpus='0-1' memory='1' unit='GiB'>",
            '  <distances>',
            "    <sibling id='0' value='10'/>",
            "    <sibling id='1' value='21'/>",
            '  </distances>',
            '</cell>',
            "<cell id='1' cpus='2-3' memory='1' unit='GiB'/>",
          ]),
        }),
      },
      libvirtMessage: "XML error: 'sibling_id 2' does not refer to a valid cell within NUMA 'cell id 1'",
      libvirtSource: 'src/conf/numa_conf.c, virDomainNumaDefNodeDistanceParseXML',
    },
  },
  check(ctx) {
    const cells = numaCells(ctx.model);
    if (!idsValid(cells)) return;
    for (const { cell, id } of cellIds(cells)) {
      for (const sibling of cell.distances?.sibling ?? []) {
        if (typeof sibling.id !== 'number' || typeof sibling.value !== 'number') continue;
        if (sibling.id >= cells.length) {
          ctx.report({
            node: sibling,
            attribute: 'id',
            message: `sibling id ${sibling.id} names no NUMA cell (the cells are 0 to ${cells.length - 1}): give distances to existing cells only`,
          });
          return;
        }
        const v = sibling.value;
        const self = sibling.id === id;
        if (v < 10 || v > 255 || (self && v !== 10) || (!self && v === 10)) {
          ctx.report({
            node: sibling,
            attribute: 'value',
            message: self
              ? `the distance of cell ${id} to itself must be 10, not ${v}`
              : `the distance from cell ${id} to cell ${sibling.id} must be between 11 and 255, not ${v}`,
          });
          return;
        }
      }
    }
  },
};

export const numaHmat: DocumentRule<'domain'> = {
  meta: {
    id: 'numa-hmat',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'The NUMA caches or interconnects (HMAT) are inconsistent: a cache level twice or above 3, or an interconnect naming a missing cell or cache, or given twice.',
      why: 'libvirt refuses to define the domain: each interconnect joins existing cells (its initiator holding vCPUs), names a cache level its target has, and is described once.',
      example: {
        bad: domainXml({
          vcpu: '<vcpu>4</vcpu>',
          body: numaBody(["<cell id='0' cpus='0-1' memory='1' unit='GiB'/>", "<cell id='1' cpus='2-3' memory='1' unit='GiB'/>"], ['<interconnects>', "  <latency initiator='0' target='2' type='access' value='5'/>", '</interconnects>']),
        }),
        good: domainXml({
          vcpu: '<vcpu>4</vcpu>',
          body: numaBody(["<cell id='0' cpus='0-1' memory='1' unit='GiB'/>", "<cell id='1' cpus='2-3' memory='1' unit='GiB'/>"], ['<interconnects>', "  <latency initiator='0' target='1' type='access' value='5'/>", '</interconnects>']),
        }),
      },
      libvirtMessage: "XML error: 'target' refers to a non-existent NUMA node",
      libvirtSource: 'src/conf/numa_conf.c, virDomainNumaDefValidate',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const cells = numaCells(d);
    if (!idsValid(cells)) return;
    const byId = new Map(cellIds(cells).map(({ cell, id }) => [id, cell]));
    for (const { cell, id } of cellIds(cells)) {
      const levels = new Map<number, object>();
      for (const cache of cell.cache ?? []) {
        if (typeof cache.level !== 'number') continue;
        if (cache.level > 3) {
          ctx.report({ node: cache, attribute: 'level', message: `cache level ${cache.level} of NUMA cell ${id} does not exist: levels are 1 to 3` });
          return;
        }
        const first = levels.get(cache.level);
        if (first !== undefined) {
          ctx.report({ node: cache, attribute: 'level', message: `NUMA cell ${id} describes cache level ${cache.level} twice: keep one`, related: [{ node: first, message: 'first description' }] });
          return;
        }
        levels.set(cache.level, cache);
      }
    }
    const ic = d.cpu?.numa?.interconnects;
    if (ic === undefined) return;
    const links = [
      ...(ic.latency ?? []).map((l) => ({ kind: 'latency', node: l, initiator: l.initiator, target: l.target, cache: l.cache ?? 0, type: l.type })),
      ...(ic.bandwidth ?? []).map((l) => ({ kind: 'bandwidth', node: l, initiator: l.initiator, target: l.target, cache: l.cache ?? 0, type: l.type })),
    ].sort((a, b) => ctx.locate({ node: a.node }).offset - ctx.locate({ node: b.node }).offset);
    const done: typeof links = [];
    for (const l of links) {
      if (typeof l.initiator !== 'number' || typeof l.target !== 'number') continue;
      if (l.initiator >= cells.length) {
        ctx.report({ node: l.node, attribute: 'initiator', message: `initiator ${l.initiator} names no NUMA cell (the cells are 0 to ${cells.length - 1})` });
        return;
      }
      if (l.target >= cells.length) {
        ctx.report({ node: l.node, attribute: 'target', message: `target ${l.target} names no NUMA cell (the cells are 0 to ${cells.length - 1})` });
        return;
      }
      const init = byId.get(l.initiator);
      if (init !== undefined && (bitmapBits(init.cpus)?.size ?? 0) === 0) {
        ctx.report({ node: l.node, attribute: 'initiator', message: `NUMA cell ${l.initiator} has no vCPUs, so it cannot be an initiator: name a cell with vCPUs` });
        return;
      }
      if (l.cache > 0 && !(byId.get(l.target)?.cache ?? []).some((c) => c.level === l.cache)) {
        ctx.report({ node: l.node, attribute: 'cache', message: `NUMA cell ${l.target} describes no cache level ${l.cache}: add it to the cell or drop cache` });
        return;
      }
      for (const o of done) {
        if (o.kind === l.kind && o.initiator === l.initiator && o.target === l.target && o.cache === l.cache && o.type === l.type) {
          ctx.report({ node: l.node, message: `this ${l.kind} from cell ${l.initiator} to cell ${l.target} is already given (line ${ctx.locate({ node: o.node }).line}): keep one`, related: [{ node: o.node, message: 'first description' }] });
          return;
        }
        if (l.initiator !== l.target && o.target === l.initiator && o.initiator === l.target) {
          ctx.report({ node: l.node, message: `the link between cells ${l.initiator} and ${l.target} is already described the other way (line ${ctx.locate({ node: o.node }).line}): describe each link once`, related: [{ node: o.node, message: 'the other direction' }] });
          return;
        }
      }
      done.push(l);
    }
  },
};

export const NUMA_RULES = [numaCellIds, numaCellCpus, numaDistances, numaHmat] as const;
