/**
 * `pci-controller-target`: the `<target>` of a PCI controller out of range: a pSeries PHB's
 * target index (0–30, and 0 exactly for the controller with index 0), chassisNr, chassis, port
 * and busNr, or a NUMA node on the root controller or beyond the guest's NUMA cells.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { attr, controllers, isQemu, kid, kids, parseInt32, text } from './common.js';
import { domainXml } from './examples.js';

const RANGES = [
  { name: 'chassisNr', min: 1, max: 255 },
  { name: 'chassis', min: 0, max: 255 },
  { name: 'port', min: 0, max: 255 },
  { name: 'busNr', min: 1, max: 254 },
  { name: 'index', min: 0, max: 30 },
] as const;

export const pciControllerTarget: DocumentRule<'domain'> = {
  meta: {
    id: 'pci-controller-target',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A PCI controller\'s `<target>` has a value out of range, or a NUMA node the guest does not have.',
      why: 'libvirt refuses to define the domain. A pSeries PHB\'s target index is 0–30, and the PHB with controller index 0 (the default one) must have target index 0 while no other may; chassisNr is 1–255, chassis and port 0–255, busNr 1–254. The default PHB (index 0) cannot be tied to a NUMA node, and a node given to a PHB or expander bus must be one of the cells of `<cpu><numa>`.',
      example: {
        bad: domainXml({
          arch: 'ppc64',
          devices: ["<controller type='pci' index='0' model='pci-root'/>", "<controller type='pci' index='1' model='pci-root'>", "  <target index='0'/>", '</controller>'],
        }),
        good: domainXml({
          arch: 'ppc64',
          devices: ["<controller type='pci' index='0' model='pci-root'/>", "<controller type='pci' index='1' model='pci-root'>", "  <target index='1'/>", '</controller>'],
        }),
        config: { arch: 'ppc64' },
      },
      libvirtMessage: 'unsupported configuration: Only the PCI controller with index 0 can have target index 0, and vice versa',
      libvirtSource: 'src/conf/domain_validate.c, virDomainControllerDefValidate; src/conf/domain_conf.c, virDomainControllerDefParseXML; src/qemu/qemu_postparse.c, qemuDomainControllerDefPostParse (NUMA cells)',
      limits: 'The check against the number of NUMA cells is the QEMU driver\'s.',
    },
  },
  check(ctx) {
    const numa = kid(kid(ctx.document.root, 'cpu'), 'numa');
    const cells = kids(numa, 'cell').length;
    for (const c of controllers(ctx)) {
      if (c.type !== 'pci') continue;
      const target = kid(c.el, 'target');
      if (target === undefined) continue;
      let bad = false;
      for (const r of RANGES) {
        const written = attr(target, r.name);
        if (written === undefined) continue;
        const value = parseInt32(written, 0);
        if (value === undefined || value < r.min || value > r.max) {
          const what = r.name === 'index' ? 'target index' : r.name;
          ctx.report({
            node: target,
            attribute: r.name,
            message: `PCI controller ${what} '${written}' is out of range: it must be ${r.min}–${r.max}`,
          });
          bad = true;
        }
      }
      const targetIndex = parseInt32(attr(target, 'index'), 0);
      if (!bad && targetIndex !== undefined && c.index !== undefined && (c.index === 0) !== (targetIndex === 0)) {
        ctx.report({
          node: target,
          attribute: 'index',
          message:
            c.index === 0
              ? `the PCI controller with index 0 is the default PHB and must have target index 0, not ${targetIndex}: set <target index='0'/> or drop it`
              : `target index 0 belongs to the default PHB (the PCI controller with index 0); this controller has index ${c.index}: give it a target index from 1 to 30, or leave it out and let libvirt choose`,
        });
      }
      const node = kid(target, 'node');
      if (node !== undefined) checkNode(node, c.index, cells);
    }

    function checkNode(node: XmlElement, index: number | undefined, cellCount: number): void {
      const written = text(node) ?? '';
      const value = parseInt32(written, 10);
      if (value === undefined || value < 0) {
        ctx.report({ node, message: `NUMA node '${written.trim()}' is not a non-negative integer: name one of the guest's <cpu><numa> cells by its id` });
        return;
      }
      if (index === 0) {
        ctx.report({ node, message: 'the PCI controller with index 0 is the default root bus and cannot be tied to a NUMA node: remove <node>, or put the devices on an expander bus (or extra PHB) that has one' });
        return;
      }
      if (isQemu(ctx.platform) && value >= cellCount) {
        ctx.report({
          node,
          message: `NUMA node ${value} is not one of the guest's NUMA cells (it has ${cellCount}): add the cell to <cpu><numa>, or name an existing one`,
        });
      }
    }
  },
};
