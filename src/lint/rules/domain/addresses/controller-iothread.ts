/**
 * `controller-iothread`: an I/O thread on a controller other than virtio-scsi
 * (`<driver iothread>` or `<driver><iothreads>`).
 */
import type { DocumentRule } from '../../../types.js';
import { controllers, kid, uintAttr } from './common.js';
import { domainXml } from './examples.js';

const VIRTIO_SCSI = new Set(['virtio-scsi', 'virtio-transitional', 'virtio-non-transitional']);

export const controllerIothread: DocumentRule<'domain'> = {
  meta: {
    id: 'controller-iothread',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A controller other than a virtio-scsi one is given an I/O thread.',
      why: 'libvirt refuses to define the domain: of the controllers only virtio-scsi can run its queues in an I/O thread. For disks, put `iothread` on the disk\'s `<driver>` instead.',
      example: {
        bad: domainXml({
          body: ['<iothreads>1</iothreads>'],
          devices: ["<controller type='virtio-serial' index='0'>", "  <driver iothread='1'/>", '</controller>'],
        }),
        good: domainXml({
          body: ['<iothreads>1</iothreads>'],
          devices: ["<controller type='scsi' index='0' model='virtio-scsi'>", "  <driver iothread='1'/>", '</controller>'],
        }),
      },
      libvirtMessage: "XML error: 'iothread' attribute only supported for virtio scsi controllers",
      libvirtSource: 'src/conf/domain_postparse.c, virDomainControllerDefPostParse; src/conf/domain_validate.c, virDomainControllerDefValidate',
      limits: 'A SCSI controller without a model is left alone: its model is the driver\'s default for the machine.',
    },
  },
  check(ctx) {
    for (const c of controllers(ctx)) {
      const driver = kid(c.el, 'driver');
      if (driver === undefined) continue;
      const iothread = uintAttr(driver, 'iothread', 10) ?? 0;
      const iothreads = kid(driver, 'iothreads');
      if (iothread === 0 && iothreads === undefined) continue;
      const ok = c.type === 'scsi' && (c.model === undefined || VIRTIO_SCSI.has(c.model));
      if (ok) continue;
      const what = c.type === 'scsi' ? `a SCSI controller of model '${c.model}'` : `a ${c.type} controller`;
      ctx.report({
        node: iothread !== 0 ? driver : iothreads!,
        ...(iothread !== 0 ? { attribute: 'iothread' } : {}),
        message: `${what} cannot use an I/O thread; only virtio-scsi controllers can: remove it${c.type === 'scsi' ? ", or use model='virtio-scsi'" : ''}`,
      });
    }
  },
};
