/**
 * `<memoryBacking><hugepages>`: one default page size, page sizes per guest NUMA cell that do not
 * overlap, and cells that exist.
 */
import type { DocumentRule } from '../../../types.js';
import { describeBytes, toBytes } from '../../units.js';
import { domainXml } from './examples.js';
import { bitmapBits, formatBits, numaCells, qemuAddsNumaCell } from './util.js';

function pages(lines: readonly string[]): string[] {
  return ['<memoryBacking>', '  <hugepages>', ...lines.map((l) => `    ${l}`), '  </hugepages>', '</memoryBacking>'];
}

const CELLS = ['<cpu>', '  <numa>', "    <cell id='0' cpus='0' memory='1' unit='GiB'/>", "    <cell id='1' cpus='1' memory='1' unit='GiB'/>", '  </numa>', '</cpu>'];

export const hugepagesNodeset: DocumentRule<'domain'> = {
  meta: {
    id: 'hugepages-nodeset',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Hugepage sizes conflict: two `<page>` elements without `nodeset`, nodesets that overlap, or a nodeset naming a guest NUMA cell that does not exist.',
      why: 'libvirt refuses to define the domain: one `<page>` without `nodeset` sets the default size, and each other one sets the size of the guest NUMA cells in its `nodeset`, which must exist.',
      example: {
        bad: domainXml({ vcpu: '<vcpu>2</vcpu>', body: [...pages(["<page size='2' unit='MiB' nodeset='1-2'/>"]), ...CELLS] }),
        good: domainXml({ vcpu: '<vcpu>2</vcpu>', body: [...pages(["<page size='2' unit='MiB' nodeset='1'/>"]), ...CELLS] }),
      },
      libvirtMessage: 'hugepages: node 2 not found',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefMemtuneValidate; src/conf/domain_postparse.c, virDomainDefPostParseMemtune',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const list = d.memoryBacking?.hugepages?.page ?? [];
    if (list.length === 0) return;
    const cells = numaCells(d).length || (qemuAddsNumaCell(d, ctx.platform) ? 1 : 0);
    const read = list.map((page) => {
      const p = page as { size?: string | number; unit?: string; nodeset?: string };
      const bytes = toBytes(p.size, p.unit);
      let bits = p.nodeset === undefined ? null : bitmapBits(p.nodeset);
      // Without guest NUMA cells, libvirt drops a nodeset of just node 0.
      if (cells === 0 && bits !== null && bits !== undefined && bits.size > 0 && [...bits].every((b) => b === 0)) bits = null;
      return { page, size: bytes === undefined ? String(p.size) : describeBytes(bytes), bits };
    });
    for (let i = 0; i < read.length; i++) {
      const a = read[i]!;
      if (a.bits === undefined || a.bits?.size === 0) continue; // unreadable: cpuset-invalid or the schema says why
      for (let j = 0; j < i; j++) {
        const b = read[j]!;
        if (b.bits === undefined || b.bits?.size === 0) continue;
        if (a.bits === null && b.bits === null) {
          ctx.report({
            node: a.page,
            message: `a second default page size (${a.size}; the first is ${b.size} on line ${ctx.locate({ node: b.page }).line}): only one <page> may go without nodeset, give this one the guest NUMA cells it is for`,
            related: [{ node: b.page, message: 'first default page size' }],
          });
          return;
        }
        if (a.bits !== null && b.bits !== null) {
          const shared = [...a.bits].filter((n) => b.bits!.has(n));
          if (shared.length > 0) {
            ctx.report({
              node: a.page,
              attribute: 'nodeset',
              message: `guest NUMA cell ${formatBits(shared)} gets page size ${a.size} here and ${b.size} on line ${ctx.locate({ node: b.page }).line}: give each cell one page size`,
              related: [{ node: b.page, attribute: 'nodeset', message: 'other page size for the same cell' }],
            });
            return;
          }
        }
      }
      if (a.bits === null) continue;
      const missing = [...a.bits].filter((n) => n >= cells);
      if (missing.length > 0) {
        ctx.report({
          node: a.page,
          attribute: 'nodeset',
          message:
            cells === 0
              ? `nodeset names guest NUMA cell ${formatBits(missing)}, but the domain has no guest NUMA cells: drop nodeset or define the cells in <cpu><numa>`
              : `nodeset names guest NUMA cell ${formatBits(missing)}, but the domain's cells are 0 to ${cells - 1}: name existing cells only`,
        });
        return;
      }
    }
  },
};

export const HUGEPAGES_RULES = [hugepagesNodeset] as const;
