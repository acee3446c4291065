/**
 * Controller indexes:
 *
 * - `duplicate-controller-index`: two controllers of one type with the same index (USB
 *   excepted: a USB2 controller and its companions share an index).
 * - `controller-index-range`: an index that is not a non-negative integer, or a PCI controller
 *   index above 255.
 */
import type { DocumentRule } from '../../../types.js';
import { attr, controllers, describeDevice, lineOf, parseInt32 } from './common.js';
import { domainXml } from './examples.js';

export const duplicateControllerIndex: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-controller-index',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two controllers of the same type have the same index.',
      why: 'libvirt refuses to define the domain: a controller\'s index is how disks, PCI addresses and other devices name it, so each must be unique within its type. USB controllers are the exception: a USB2 EHCI controller and its UHCI companions share one index.',
      example: {
        bad: domainXml({
          devices: [
            "<controller type='pci' index='0' model='pcie-root'/>",
            "<controller type='pci' index='1' model='pcie-root-port'/>",
            "<controller type='pci' index='1' model='pcie-root-port'/>",
          ],
        }),
        good: domainXml({
          devices: [
            "<controller type='pci' index='0' model='pcie-root'/>",
            "<controller type='pci' index='1' model='pcie-root-port'/>",
            "<controller type='pci' index='2' model='pcie-root-port'/>",
          ],
        }),
      },
      libvirtMessage: "XML error: Multiple 'pci' controllers with index '1'",
      libvirtSource: 'src/conf/domain_postparse.c, virDomainDefRejectDuplicateControllers',
    },
  },
  check(ctx) {
    const seen = new Map<string, ReturnType<typeof controllers>[number]>();
    for (const c of controllers(ctx)) {
      if (c.type === 'usb' || c.explicitIndex === undefined) continue;
      const key = `${c.type}/${c.explicitIndex}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, c);
        continue;
      }
      ctx.report({
        node: c.el,
        attribute: 'index',
        message: `${describeDevice(c.el)} repeats the index of the ${c.type} controller on line ${lineOf(ctx, first.el)}: give each ${c.type} controller its own index`,
        related: [{ node: first.el, attribute: 'index', message: 'first controller with this index' }],
      });
    }
  },
};

export const controllerIndexRange: DocumentRule<'domain'> = {
  meta: {
    id: 'controller-index-range',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A controller index is negative or not an integer, or a PCI controller index is above 255.',
      why: 'libvirt refuses the document: a controller index is a non-negative integer, and a PCI controller\'s index is also the number of the bus it provides, which is at most 255.',
      example: {
        bad: domainXml({ devices: ["<controller type='pci' index='0' model='pcie-root'/>", "<controller type='pci' index='-1' model='pcie-root-port'/>"] }),
        good: domainXml({ devices: ["<controller type='pci' index='0' model='pcie-root'/>", "<controller type='pci' index='1' model='pcie-root-port'/>"] }),
      },
      libvirtMessage: "XML error: Invalid value for attribute 'index' in element 'controller': '-1'. Expected non-negative value",
      libvirtSource: 'src/conf/domain_conf.c, virDomainControllerDefParseXML; src/conf/domain_validate.c, virDomainControllerDefValidate (PCI index)',
    },
  },
  check(ctx) {
    for (const c of controllers(ctx)) {
      const written = attr(c.el, 'index');
      if (written === undefined) continue;
      const value = parseInt32(written, 10);
      if (value === undefined || value < 0) {
        ctx.report({
          node: c.el,
          attribute: 'index',
          message: `controller index '${written}' is not a non-negative integer: use 0, 1, 2… (or leave index out and let libvirt number the controller)`,
        });
      } else if (c.type === 'pci' && value > 255) {
        ctx.report({
          node: c.el,
          attribute: 'index',
          message: `PCI controller index ${value} is too high: a PCI controller's index is its bus number, at most 255`,
        });
      }
    }
  },
};
