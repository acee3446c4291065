/**
 * Host devices: which assigned devices can be booted from, mediated devices whose display needs a
 * graphics device, and the one vGPU that may own the ramfb boot display.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, child, devices, isQemuDomain, lineOf } from './util.js';

function subsystem(hostdev: XmlElement): string | undefined {
  return (attr(hostdev, 'mode') ?? 'subsystem') === 'subsystem' ? attr(hostdev, 'type') : undefined;
}

const MDEV = (uuid: string, attrs: string): string[] => [
  `<hostdev mode='subsystem' type='mdev' model='vfio-pci'${attrs}>`,
  '  <source>',
  `    <address uuid='${uuid}'/>`,
  '  </source>',
  '</hostdev>',
];

export const hostdevBootUnsupported: DocumentRule<'domain'> = {
  meta: {
    id: 'hostdev-boot-unsupported',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<boot order>` on an assigned device that cannot be booted from: a vhost-SCSI host, or a mediated device (vfio-pci, vfio-ap).',
      why: "libvirt's QEMU driver refuses the domain: the firmware has no way to boot from these devices.",
      example: {
        bad: domainXml({ devices: ["<hostdev mode='subsystem' type='scsi_host'>", "  <source protocol='vhost' wwpn='naa.5123456789abcde0'/>", "  <boot order='1'/>", '</hostdev>'] }),
        good: domainXml({ devices: ["<hostdev mode='subsystem' type='scsi_host'>", "  <source protocol='vhost' wwpn='naa.5123456789abcde0'/>", '</hostdev>'] }),
      },
      libvirtMessage: 'unsupported configuration: booting from assigned devices is not supported by vhost SCSI devices',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefHostdev and qemuValidateDomainMdevDefVFIOPCI / VFIOAP',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const hostdev of devices(ctx, 'hostdev')) {
      const boot = child(hostdev, 'boot');
      if (boot === undefined || attr(boot, 'order') === undefined) continue;
      const type = subsystem(hostdev);
      const model = attr(hostdev, 'model');
      let what: string | undefined;
      if (type === 'scsi_host') what = 'a vhost-SCSI host device';
      else if (type === 'mdev' && (model === 'vfio-pci' || model === 'vfio-ap')) what = `a mediated device of model ${model}`;
      if (what === undefined) continue;
      ctx.report({ node: boot, attribute: 'order', message: `the firmware cannot boot from ${what}: remove <boot> and boot from a disk or network interface` });
    }
  },
};

export const hostdevDisplayGraphics: DocumentRule<'domain'> = {
  meta: {
    id: 'hostdev-display-graphics',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A host device with `display='on'` in a domain without `<graphics>`, or `display` on a mediated device of a model other than vfio-pci.",
      why: "libvirt's QEMU driver refuses the domain: a vGPU's display is shown through a VNC, SPICE or other graphics device, and only vfio-pci mediated devices have one.",
      example: {
        bad: domainXml({ devices: MDEV('53764d0e-85a0-42b4-af5c-2046b460b1dc', " display='on'") }),
        good: domainXml({ devices: ["<graphics type='vnc' autoport='yes'/>", ...MDEV('53764d0e-85a0-42b4-af5c-2046b460b1dc', " display='on'")] }),
      },
      libvirtMessage: "unsupported configuration: graphics device is needed for attribute value 'display=on' in <hostdev>",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainMdevDefVFIOPCI and qemuValidateDomainDeviceDefHostdev',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const hasGraphics = devices(ctx, 'graphics').length > 0;
    for (const hostdev of devices(ctx, 'hostdev')) {
      const type = subsystem(hostdev);
      const display = attr(hostdev, 'display');
      if (display === undefined || (type !== 'mdev' && type !== 'pci')) continue;
      const model = attr(hostdev, 'model');
      if (type === 'mdev' && model !== 'vfio-pci') {
        ctx.report({ node: hostdev, attribute: 'display', message: `only vfio-pci mediated devices have a display, not model '${model ?? ''}': remove the display attribute` });
      } else if (display === 'on' && !hasGraphics) {
        ctx.report({ node: hostdev, attribute: 'display', message: "display='on' shows the device's display through a graphics device, and the domain has none: add e.g. <graphics type='vnc'/>, or set display='off'" });
      }
    }
  },
};

export const hostdevRamfbMultiple: DocumentRule<'domain'> = {
  meta: {
    id: 'hostdev-ramfb-multiple',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "More than one host device has `ramfb='on'`.",
      why: 'libvirt refuses to define the domain: ramfb gives one vGPU a boot display through the firmware, and there is only one such display.',
      example: {
        bad: domainXml({ devices: ["<graphics type='vnc' autoport='yes'/>", ...MDEV('53764d0e-85a0-42b4-af5c-2046b460b1dc', " display='on' ramfb='on'"), ...MDEV('53764d0e-85a0-42b4-af5c-2046b460b1dd', " display='on' ramfb='on'")] }),
        good: domainXml({ devices: ["<graphics type='vnc' autoport='yes'/>", ...MDEV('53764d0e-85a0-42b4-af5c-2046b460b1dc', " display='on' ramfb='on'"), ...MDEV('53764d0e-85a0-42b4-af5c-2046b460b1dd', " display='on'")] }),
      },
      libvirtMessage: "unsupported configuration: Only one vgpu device can have 'ramfb' enabled",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefHostdevValidate',
    },
  },
  check(ctx) {
    let first: XmlElement | undefined;
    for (const hostdev of devices(ctx, 'hostdev')) {
      const type = subsystem(hostdev);
      if ((type !== 'mdev' && type !== 'pci') || attr(hostdev, 'ramfb') !== 'on') continue;
      if (first === undefined) {
        first = hostdev;
        continue;
      }
      ctx.report({
        node: hostdev,
        attribute: 'ramfb',
        message: `another host device already has ramfb='on' (line ${lineOf(ctx, first)}): only one may provide the boot display`,
        related: [{ node: first, attribute: 'ramfb', message: "first host device with ramfb='on'" }],
      });
    }
  },
};

export const hostdevQemuUnsupported: DocumentRule<'domain'> = {
  meta: {
    id: 'hostdev-qemu-unsupported',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A host device the QEMU driver cannot assign: `mode='capabilities'` (a container's device), PCI `writeFiltering` (a Xen option), or a second vfio-ap mediated device.",
      why: "libvirt's QEMU driver refuses the domain: capabilities-mode host devices are for LXC containers, write filtering of PCI configuration space is done by Xen, and s390's AP crypto devices are passed to a guest through a single vfio-ap device.",
      example: {
        bad: domainXml({ devices: ["<hostdev mode='capabilities' type='storage'>", '  <source>', '    <block>/dev/sdf1</block>', '  </source>', '</hostdev>'] }),
        good: domainXml({ devices: ["<disk type='block' device='disk'>", "  <driver name='qemu' type='raw'/>", "  <source dev='/dev/sdf1'/>", "  <target dev='vdb' bus='virtio'/>", '</disk>'] }),
      },
      libvirtMessage: "unsupported configuration: hostdev mode 'capabilities' is not supported in kvm",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefHostdev and qemuValidateDomainMdevDefVFIOAP',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    let vfioAp: XmlElement | undefined;
    for (const hostdev of devices(ctx, 'hostdev')) {
      if (attr(hostdev, 'mode') === 'capabilities') {
        ctx.report({ node: hostdev, attribute: 'mode', message: `QEMU guests cannot take host devices in capabilities mode (that is for containers): pass a block device as a <disk>, a network device as an <interface>` });
        continue;
      }
      const type = subsystem(hostdev);
      const source = child(hostdev, 'source');
      if (type === 'pci' && attr(source, 'writeFiltering') !== undefined) {
        ctx.report({ node: source!, attribute: 'writeFiltering', message: 'QEMU does not filter writes to the PCI configuration space (a Xen option): remove writeFiltering' });
      }
      if (type === 'mdev' && attr(hostdev, 'model') === 'vfio-ap') {
        if (vfioAp === undefined) vfioAp = hostdev;
        else ctx.report({ node: hostdev, attribute: 'model', message: `a guest takes one vfio-ap device, and one is already assigned (line ${lineOf(ctx, vfioAp)}): put all AP queues on that mediated device`, related: [{ node: vfioAp, message: 'first vfio-ap device' }] });
      }
    }
  },
};

export const HOSTDEV_RULES = [hostdevBootUnsupported, hostdevDisplayGraphics, hostdevRamfbMultiple, hostdevQemuUnsupported];
