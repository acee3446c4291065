/**
 * Shared filesystems (`<filesystem>`): what the QEMU driver can export (9p drivers and their
 * access modes, virtiofs and what it does not take), and virtiofs targets used twice.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, checkedSince, child, devices, isQemuDomain, lineOf, textOf } from './util.js';

function driverType(fs: XmlElement): string {
  return attr(child(fs, 'driver'), 'type') ?? 'default';
}

function targetDir(fs: XmlElement): string | undefined {
  return attr(child(fs, 'target'), 'dir');
}

const SHARED_MEMORY = ['<memoryBacking>', "  <source type='memfd'/>", "  <access mode='shared'/>", '</memoryBacking>'];

export const filesystemQemuOptions: DocumentRule<'domain'> = {
  meta: {
    id: 'filesystem-qemu-options',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `<filesystem>` the QEMU driver cannot export: a type other than 'mount', space limits, a loop/nbd/ploop driver, fmode/dmode without accessmode='mapped', a handle or mtp driver not in passthrough mode, or virtiofs with options it lacks (model, format, multidevs, fmode/dmode, and without an external socket: an access mode other than passthrough or a write policy).",
      why: "libvirt's QEMU driver refuses the domain: QEMU shares host directories through 9p (path, handle, mtp) or virtiofs; the other drivers, types and limits belong to the LXC and other drivers, and virtiofsd always passes file ownership through.",
      example: {
        bad: domainXml({ body: SHARED_MEMORY, devices: ["<filesystem type='mount' accessmode='mapped'>", "  <driver type='virtiofs'/>", "  <source dir='/srv/share'/>", "  <target dir='share'/>", '</filesystem>'] }),
        good: domainXml({ body: SHARED_MEMORY, devices: ["<filesystem type='mount' accessmode='passthrough'>", "  <driver type='virtiofs'/>", "  <source dir='/srv/share'/>", "  <target dir='share'/>", '</filesystem>'] }),
      },
      libvirtMessage: 'unsupported configuration: virtiofs only supports passthrough accessmode',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefFS',
      limits: 'Space limits are judged when a configured release is newer than 9.0.0, which accepts them.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const fs of devices(ctx, 'filesystem')) {
      const driver = child(fs, 'driver');
      const type = attr(fs, 'type') ?? 'mount';
      const drv = driverType(fs);
      const socket = attr(child(fs, 'source'), 'socket');
      const access = attr(fs, 'accessmode') ?? (socket === undefined ? 'passthrough' : undefined);
      const report = (node: XmlElement, attribute: string | undefined, message: string): void => ctx.report({ node, ...(attribute !== undefined ? { attribute } : {}), message });
      if (type !== 'mount') {
        report(fs, 'type', `QEMU shares host directories only (type='mount'), not type '${type}'`);
        continue;
      }
      const limit = child(fs, 'space_hard_limit') ?? child(fs, 'space_soft_limit');
      if (limit !== undefined && /^\s*0*[1-9]\d*\s*$/.test(textOf(limit) ?? '') && checkedSince(ctx, '11.3.0')) {
        report(limit, undefined, `QEMU cannot limit the space of a shared filesystem: remove <${limit.local}>`);
        continue;
      }
      if (drv === 'loop' || drv === 'nbd' || drv === 'ploop') {
        report(driver!, 'type', `QEMU has no '${drv}' filesystem driver: use 'path' (9p) or 'virtiofs'`);
        continue;
      }
      const modes = ['fmode', 'dmode'].filter((n) => attr(fs, n) !== undefined);
      if (drv === 'virtiofs') {
        const bad = [
          ...(socket === undefined && access !== undefined && access !== 'passthrough' ? [{ node: fs, attribute: 'accessmode', what: `access mode '${access}'` }] : []),
          ...(socket === undefined && attr(driver, 'wrpolicy') !== undefined ? [{ node: driver!, attribute: 'wrpolicy', what: 'a write policy' }] : []),
          ...(attr(fs, 'model') !== undefined ? [{ node: fs, attribute: 'model', what: 'a model' }] : []),
          ...(attr(driver, 'format') !== undefined ? [{ node: driver!, attribute: 'format', what: 'a format' }] : []),
          ...(attr(fs, 'multidevs') !== undefined ? [{ node: fs, attribute: 'multidevs', what: 'multidevs' }] : []),
          ...modes.map((n) => ({ node: fs, attribute: n, what: n })),
        ];
        const first = bad[0];
        if (first !== undefined) report(first.node, first.attribute, `virtiofs takes no ${first.what}${first.what.startsWith('access') ? ' (it passes ownership through)' : ''}: remove it`);
        continue;
      }
      if (modes.length > 0 && access !== 'mapped') {
        report(fs, modes[0], `${modes[0]} sets the permissions of files created in mapped mode: add accessmode='mapped' or remove ${modes.join(' and ')}`);
        continue;
      }
      if ((drv === 'handle' || drv === 'mtp') && access !== undefined && access !== 'passthrough') {
        report(fs, 'accessmode', `the ${drv} driver supports accessmode='passthrough' only, not '${access}'`);
      }
    }
  },
};

export const filesystemTargetDuplicate: DocumentRule<'domain'> = {
  meta: {
    id: 'filesystem-target-duplicate',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two virtiofs filesystems have the same `<target dir>` (mount tag).',
      why: 'libvirt refuses to define the domain: the guest mounts a virtiofs share by its tag, which must name one share.',
      example: {
        bad: domainXml({ body: SHARED_MEMORY, devices: ["<filesystem type='mount'>", "  <driver type='virtiofs'/>", "  <source dir='/srv/a'/>", "  <target dir='share'/>", '</filesystem>', "<filesystem type='mount'>", "  <driver type='virtiofs'/>", "  <source dir='/srv/b'/>", "  <target dir='share'/>", '</filesystem>'] }),
        good: domainXml({ body: SHARED_MEMORY, devices: ["<filesystem type='mount'>", "  <driver type='virtiofs'/>", "  <source dir='/srv/a'/>", "  <target dir='share-a'/>", '</filesystem>', "<filesystem type='mount'>", "  <driver type='virtiofs'/>", "  <source dir='/srv/b'/>", "  <target dir='share-b'/>", '</filesystem>'] }),
      },
      libvirtMessage: "unsupported configuration: filesystem target 'share' specified twice",
      libvirtSource: 'src/conf/domain_validate.c, virDomainFSDefValidate',
    },
  },
  check(ctx) {
    const seen = new Map<string, XmlElement>();
    for (const fs of devices(ctx, 'filesystem')) {
      if (driverType(fs) !== 'virtiofs') continue;
      const target = child(fs, 'target');
      const dir = targetDir(fs);
      if (target === undefined || dir === undefined) continue;
      const first = seen.get(dir);
      if (first === undefined) {
        seen.set(dir, target);
        continue;
      }
      ctx.report({
        node: target,
        attribute: 'dir',
        message: `the virtiofs tag '${dir}' is already used (line ${lineOf(ctx, first)}): give each share its own target dir`,
        related: [{ node: first, attribute: 'dir', message: 'first share with this tag' }],
      });
    }
  },
};

export const FILESYSTEM_RULES = [filesystemQemuOptions, filesystemTargetDuplicate];
