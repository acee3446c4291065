/**
 * Video devices: 'none' beside others, several primaries, addresses on ramfb, secondary devices
 * QEMU can only make primary, and qxl-only memory sizes on other models.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, child, devices, isQemuDomain, lineOf } from './util.js';

function model(video: XmlElement): XmlElement | undefined {
  return child(video, 'model');
}

export const videoNoneAlone: DocumentRule<'domain'> = {
  meta: {
    id: 'video-none-alone',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `<video>` of model 'none' beside other video devices.",
      why: "libvirt refuses to define the domain: model 'none' says the guest has no video device at all, so it must be the only `<video>`.",
      example: {
        bad: domainXml({ devices: ['<video>', "  <model type='virtio'/>", '</video>', '<video>', "  <model type='none'/>", '</video>'] }),
        good: domainXml({ devices: ['<video>', "  <model type='none'/>", '</video>'] }),
      },
      libvirtMessage: "unsupported configuration: a 'none' video type must be the only video device defined for the domain",
      libvirtSource: 'src/conf/domain_validate.c, virDomainVideoDefValidate',
    },
  },
  check(ctx) {
    const videos = devices(ctx, 'video');
    if (videos.length < 2) return;
    for (const video of videos) {
      const m = model(video);
      if (attr(m, 'type') !== 'none') continue;
      ctx.report({ node: m!, attribute: 'type', message: `model 'none' means no video device, but the domain has ${videos.length - 1} other <video>: remove this one or the others` });
    }
  },
};

export const videoPrimaryMultiple: DocumentRule<'domain'> = {
  meta: {
    id: 'video-primary-multiple',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "More than one `<video>` is marked `primary='yes'`.",
      why: 'libvirt refuses to define the domain: one video device is the primary display (the others come after it), so only one may say so.',
      example: {
        bad: domainXml({ devices: ['<video>', "  <model type='vga' primary='yes'/>", '</video>', '<video>', "  <model type='qxl' primary='yes'/>", '</video>'] }),
        good: domainXml({ devices: ['<video>', "  <model type='vga' primary='yes'/>", '</video>', '<video>', "  <model type='qxl'/>", '</video>'] }),
      },
      libvirtMessage: 'unsupported configuration: Only one primary video device is supported',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefVideoValidate',
    },
  },
  check(ctx) {
    let first: XmlElement | undefined;
    for (const video of devices(ctx, 'video')) {
      const m = model(video);
      if (m === undefined || attr(m, 'primary') !== 'yes') continue;
      if (first === undefined) {
        first = m;
        continue;
      }
      ctx.report({
        node: m,
        attribute: 'primary',
        message: `another video device is already primary (line ${lineOf(ctx, first)}): keep primary='yes' on one only`,
        related: [{ node: first, attribute: 'primary', message: 'first primary video device' }],
      });
    }
  },
};

export const videoRamfbAddress: DocumentRule<'domain'> = {
  meta: {
    id: 'video-ramfb-address',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `<video>` of model 'ramfb' has an `<address>`.",
      why: 'libvirt refuses to define the domain: ramfb is a framebuffer in guest memory set up through the firmware configuration interface, not a device on a bus.',
      example: {
        bad: domainXml({ devices: ['<video>', "  <model type='ramfb'/>", "  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>", '</video>'] }),
        good: domainXml({ devices: ['<video>', "  <model type='ramfb'/>", '</video>'] }),
      },
      libvirtMessage: 'unsupported configuration: address not supported for video type ramfb',
      libvirtSource: 'src/conf/domain_validate.c, virDomainVideoDefValidate',
    },
  },
  check(ctx) {
    for (const video of devices(ctx, 'video')) {
      const address = child(video, 'address');
      if (address === undefined || attr(model(video), 'type') !== 'ramfb') continue;
      ctx.report({ node: address, message: 'a ramfb framebuffer is not on any bus and takes no address: remove <address>' });
    }
  },
};

export const videoSecondaryModel: DocumentRule<'domain'> = {
  meta: {
    id: 'video-secondary-model',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A secondary `<video>` of a model QEMU can only make primary (anything but 'qxl' and 'virtio'), or such a model with more than one head.",
      why: "libvirt's QEMU driver refuses the domain: VGA-compatible models (vga, cirrus, bochs, ramfb, …) claim the legacy VGA resources, which only one device can have, and they drive a single display.",
      example: {
        bad: domainXml({ devices: ['<video>', "  <model type='virtio' primary='yes'/>", '</video>', '<video>', "  <model type='vga'/>", '</video>'] }),
        good: domainXml({ devices: ['<video>', "  <model type='vga' primary='yes'/>", '</video>', '<video>', "  <model type='virtio'/>", '</video>'] }),
      },
      libvirtMessage: "unsupported configuration: video type 'vga' is only valid as primary video device",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefVideo',
      limits: 'A `<video>` without a model type is not judged: its model depends on what the QEMU binary offers.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const videos = devices(ctx, 'video');
    // libvirt moves the (last) video marked primary to the front; otherwise the first one is primary.
    const marked = videos.filter((v) => attr(model(v), 'primary') === 'yes');
    const primary = marked.length > 0 ? marked[marked.length - 1] : videos[0];
    for (const video of videos) {
      const m = model(video);
      const type = attr(m, 'type');
      if (m === undefined || type === undefined || type === 'none' || type === 'qxl' || type === 'virtio') continue;
      if (video !== primary && marked.length <= 1) {
        ctx.report({ node: m, attribute: 'type', message: `a '${type}' video device can only be the primary one: make it primary, or use model 'virtio' or 'qxl' for the secondary display` });
        continue;
      }
      const heads = attr(m, 'heads');
      if (heads !== undefined && /^\s*\d+\s*$/.test(heads) && Number(heads) !== 1) {
        ctx.report({ node: m, attribute: 'heads', message: `a '${type}' video device drives a single display: set heads='1', or use model 'virtio' or 'qxl' for several` });
      }
    }
  },
};

export const videoQxlOnlyAttributes: DocumentRule<'domain'> = {
  meta: {
    id: 'video-qxl-only-attributes',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A video model other than 'qxl' sets `ram`, `vram64` or `vgamem`.",
      why: 'libvirt refuses to define the domain: these memory regions exist on the QXL device only.',
      example: {
        bad: domainXml({ devices: ['<video>', "  <model type='vga' vram='16384' vgamem='16384'/>", '</video>'] }),
        good: domainXml({ devices: ['<video>', "  <model type='vga' vram='16384'/>", '</video>'] }),
      },
      libvirtMessage: 'unsupported configuration: vgamem attribute only supported for video type qxl',
      libvirtSource: 'src/conf/domain_validate.c, virDomainVideoDefValidate',
    },
  },
  check(ctx) {
    for (const video of devices(ctx, 'video')) {
      const m = model(video);
      const type = attr(m, 'type');
      if (m === undefined || type === undefined || type === 'qxl') continue;
      for (const name of ['ram', 'vram64', 'vgamem']) {
        const value = attr(m, name);
        if (value === undefined || /^\s*0+\s*$/.test(value)) continue;
        ctx.report({ node: m, attribute: name, message: `'${name}' sizes a memory region of the QXL device, which a '${type}' video device does not have: remove it` });
      }
    }
  },
};

export const VIDEO_RULES = [videoNoneAlone, videoPrimaryMultiple, videoRamfbAddress, videoSecondaryModel, videoQxlOnlyAttributes];
