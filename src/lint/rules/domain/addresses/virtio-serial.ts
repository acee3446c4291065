/**
 * `virtio-serial-address`: a virtio-serial address (controller, port) that names a port the
 * controller does not have, a controller the guest does not have, or a port another channel or
 * console already uses.
 */
import type { DocumentRule } from '../../../types.js';
import { attr, controllers, describeDevice, devices, isQemu, kid, lineOf, uintAttr, type Device } from './common.js';
import { domainXml } from './examples.js';

/** virtio-serial controllers have 31 ports unless `ports` says otherwise (VIR_DOMAIN_DEFAULT_VIRTIO_SERIAL_PORTS). */
const DEFAULT_PORTS = 31;

export const virtioSerialAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'virtio-serial-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A virtio-serial address names a port the controller does not have, a missing controller, or a port already in use.',
      why: 'libvirt refuses to define the domain: each virtio channel or console sits on a port of a virtio-serial controller. A controller has 31 ports unless `ports` says otherwise, numbered from 1 below that count (port 0 means "any"); a port holds one device. libvirt adds a missing controller for virtio channels and consoles, but for no other device.',
      example: {
        bad: domainXml({
          devices: [
            "<channel type='unix'>",
            "  <target type='virtio' name='org.qemu.guest_agent.0'/>",
            "  <address type='virtio-serial' controller='0' bus='0' port='1'/>",
            '</channel>',
            "<channel type='pty'>",
            "  <target type='virtio' name='org.example.console.0'/>",
            "  <address type='virtio-serial' controller='0' bus='0' port='1'/>",
            '</channel>',
          ],
        }),
        good: domainXml({
          devices: [
            "<channel type='unix'>",
            "  <target type='virtio' name='org.qemu.guest_agent.0'/>",
            "  <address type='virtio-serial' controller='0' bus='0' port='1'/>",
            '</channel>',
            "<channel type='pty'>",
            "  <target type='virtio' name='org.example.console.0'/>",
            "  <address type='virtio-serial' controller='0' bus='0' port='2'/>",
            '</channel>',
          ],
        }),
      },
      libvirtMessage: 'XML error: virtio serial port 2 on controller 0 is already occupied',
      libvirtSource: 'src/conf/domain_addr.c, virDomainVirtioSerialAddrReserve (from qemuDomainAssignVirtioSerialAddresses)',
      limits: 'QEMU domains only.',
    },
  },
  check(ctx) {
    if (!isQemu(ctx.platform)) return;
    const ports = new Map<number, number>();
    for (const c of controllers(ctx)) {
      if (c.type !== 'virtio-serial') continue;
      if (c.index === undefined) return;
      if (!ports.has(c.index)) ports.set(c.index, uintAttr(c.el, 'ports', 10) ?? DEFAULT_PORTS);
    }
    const all = devices(ctx);
    // virDomainDefMaybeAddVirtioSerialController: one for each virtio channel and console.
    for (const d of all) {
      if ((d.kind !== 'channel' && d.kind !== 'console') || attr(kid(d.el, 'target'), 'type') !== 'virtio') continue;
      const idx = d.address !== undefined && attr(d.address, 'type') === 'virtio-serial' ? (uintAttr(d.address, 'controller', 10) ?? 0) : 0;
      if (!ports.has(idx)) ports.set(idx, DEFAULT_PORTS);
    }
    const taken = new Map<string, Device>();
    for (const d of all) {
      const a = d.address;
      if (a === undefined || attr(a, 'type') !== 'virtio-serial') continue;
      const port = uintAttr(a, 'port', 10) ?? 0;
      const controller = attr(a, 'controller') === undefined ? 0 : uintAttr(a, 'controller', 10);
      if (port === 0 || controller === undefined) continue; // "any port": libvirt picks one
      const size = ports.get(controller);
      if (size === undefined) {
        ctx.report({
          node: a,
          attribute: 'controller',
          message: `${describeDevice(d.el)} names virtio-serial controller ${controller}, which the guest does not have: add <controller type='virtio-serial' index='${controller}'/>, or use an existing controller`,
        });
        continue;
      }
      if (port >= size) {
        ctx.report({
          node: a,
          attribute: 'port',
          message: `virtio-serial controller ${controller} has ${size <= 1 ? 'no port to name' : `ports 1–${size - 1}`}, not ${port}: use a lower port, raise the controller's ports, or leave port out`,
        });
        continue;
      }
      const key = `${controller}/${port}`;
      const first = taken.get(key);
      if (first !== undefined) {
        ctx.report({
          node: a,
          attribute: 'port',
          message: `virtio-serial port ${port} on controller ${controller} is already used by the ${describeDevice(first.el)} on line ${lineOf(ctx, first.el)}: give each channel and console its own port, or leave port out`,
          related: [{ node: first.address!, attribute: 'port', message: 'first device on this port' }],
        });
        continue;
      }
      taken.set(key, d);
    }
  },
};
