/**
 * Host resources two definitions cannot both claim: a MAC address, a writable disk image, the
 * storage behind a pool, a secret's usage.
 */
import type { FleetRule, FleetLocation } from '../../types.js';
import { attr, child, children, text } from '../hygiene/xml.js';
import { at, devices, reportDuplicates, where, type Keyed } from './facts.js';

const DOMAIN = (name: string, devicesXml: string): string =>
  `<domain type='kvm'>\n  <name>${name}</name>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n${devicesXml}  </devices>\n</domain>\n`;

export const duplicateMac: FleetRule<'domain', Keyed[]> = {
  meta: {
    id: 'fleet-duplicate-mac',
    category: 'fleet',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'The same interface `<mac address>` in two domains.',
      why: "libvirt does not compare MAC addresses across domains, but two guests with one MAC on a network confuse every switch and DHCP server on it: frames go to either guest and leases flip between them. A copied definition that kept its MAC is the usual cause; leave `<mac>` out and libvirt generates a unique one. (A MAC used twice within one domain is the `duplicate-interface-mac` warning.)",
      example: {
        bad: DOMAIN('web02', "    <interface type='network'>\n      <mac address='52:54:00:4a:1c:01'/>\n      <source network='default'/>\n      <model type='virtio'/>\n    </interface>\n"),
        good: DOMAIN('web02', "    <interface type='network'>\n      <mac address='52:54:00:4a:1c:02'/>\n      <source network='default'/>\n      <model type='virtio'/>\n    </interface>\n"),
      },
      limits: 'The bad example clashes only beside another domain using 52:54:00:4a:1c:01. Addresses are compared without case. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
    },
  },
  collect(ctx) {
    const out: Keyed[] = [];
    for (const iface of devices(ctx.document.root, 'interface')) {
      const mac = child(iface, 'mac');
      const address = attr(mac, 'address');
      if (mac === undefined || address === undefined) continue;
      out.push({ key: address.toLowerCase(), shown: address, at: at(ctx, mac, 'address') });
    }
    return out;
  },
  checkFleet(entries, context) {
    reportDuplicates(entries, context, {
      message: (shown, file, line, same) => `MAC address ${shown} is already used by an interface ${where(file, line, same)}: give each guest interface its own address, or leave \`<mac>\` out to have one generated`,
      relatedMessage: 'the other interface with this MAC address',
    });
  },
};

interface DiskUse {
  readonly key: string;
  readonly shown: string;
  /** The disk may be used by several guests: read-only (or a CD-ROM), shareable or transient. */
  readonly shared: boolean;
  readonly at: FleetLocation;
}

/** Where a disk's image is, as one string per storage kind; undefined for empty drives. */
function diskImage(disk: ReturnType<typeof devices>[number]): { key: string; shown: string; attr: string; el: NonNullable<ReturnType<typeof child>> } | undefined {
  const source = child(disk, 'source');
  if (source === undefined) return undefined;
  const type = attr(disk, 'type') ?? 'file';
  const pick = (name: string, prefix: string): ReturnType<typeof diskImage> => {
    const v = attr(source, name);
    return v === undefined || v === '' ? undefined : { key: `${prefix}:${v.replace(/\/+/g, '/')}`, shown: v, attr: name, el: source };
  };
  switch (type) {
    case 'file': return pick('file', 'path');
    case 'block': return pick('dev', 'path');
    case 'volume': {
      const pool = attr(source, 'pool');
      const volume = attr(source, 'volume');
      return pool === undefined || volume === undefined ? undefined : { key: `volume:${pool}/${volume}`, shown: `${pool}/${volume}`, attr: 'volume', el: source };
    }
    case 'network': {
      const protocol = attr(source, 'protocol');
      const name = attr(source, 'name');
      if (protocol === undefined || name === undefined) return undefined;
      const hosts = children(source, 'host').map((h) => `${attr(h, 'name') ?? attr(h, 'socket') ?? ''}:${attr(h, 'port') ?? ''}`).sort().join(',');
      return { key: `net:${protocol}:${hosts}:${name}`, shown: `${protocol}:${name}`, attr: 'name', el: source };
    }
    default: return undefined;
  }
}

export const sharedDiskImage: FleetRule<'domain', DiskUse[]> = {
  meta: {
    id: 'fleet-shared-disk-image',
    category: 'fleet',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'One disk image (file, block device, volume or network image) used writable by two domains.',
      why: "Two guests writing one image corrupt it: each caches and writes its own view of the file system. libvirt's lock manager (when enabled) refuses to start the second guest; without it nothing stops them. Images two guests may share must be `<readonly/>` (CD-ROMs are), or `<shareable/>` on every domain (for cluster file systems), or `<transient/>` (writes go to an overlay).",
      example: {
        bad: DOMAIN('web02', "    <disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2'/>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
        good: DOMAIN('web02', "    <disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2'/>\n      <source file='/var/lib/libvirt/images/web02.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n"),
      },
      limits: 'The bad example clashes only beside another domain using web01.qcow2. Paths are compared as written (repeated slashes folded), so two spellings of one file are not recognised, nor backing chains. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
    },
  },
  collect(ctx) {
    const out: DiskUse[] = [];
    for (const disk of devices(ctx.document.root, 'disk')) {
      const image = diskImage(disk);
      if (image === undefined) continue;
      const device = attr(disk, 'device') ?? 'disk';
      const shared = device === 'cdrom' || child(disk, 'readonly') !== undefined || child(disk, 'shareable') !== undefined || child(disk, 'transient') !== undefined;
      out.push({ key: image.key, shown: image.shown, shared, at: at(ctx, image.el, image.attr) });
    }
    return out;
  },
  checkFleet(entries, context) {
    const uses = new Map<string, { file: string; use: DiskUse }[]>();
    for (const e of entries) {
      for (const use of e.facts ?? []) {
        const list = uses.get(use.key) ?? [];
        list.push({ file: e.file, use });
        uses.set(use.key, list);
      }
    }
    for (const list of uses.values()) {
      const files = new Set(list.map((u) => u.file));
      if (files.size < 2 || list.every((u) => u.use.shared)) continue;
      // Report each writable use after the first, against the first use in another file.
      for (let i = 1; i < list.length; i++) {
        const u = list[i]!;
        const other = list.slice(0, i).find((o) => o.file !== u.file && (!o.use.shared || !u.use.shared));
        if (other === undefined) continue;
        const writer = u.use.shared ? other : u;
        context.report({
          file: u.file,
          at: u.use.at,
          message: `image ${u.use.shown} is also used by the domain in ${other.file} (line ${other.use.at.line}), and ${writer === u ? 'this disk' : 'that disk'} writes to it: give each domain its own image, or mark every use \`<readonly/>\` or \`<shareable/>\``,
          related: [{ ...other.use.at, file: other.file, message: 'the other use of this image' }],
        });
      }
    }
  },
};

interface PoolSource {
  readonly key: string;
  readonly shown: string;
  readonly at: FleetLocation;
}

export const duplicatePoolSource: FleetRule<'storagepool', PoolSource[]> = {
  meta: {
    id: 'fleet-duplicate-pool-source',
    category: 'fleet',
    level: 'error',
    roots: ['storagepool'],
    docs: {
      summary: 'Two storage pools over the same storage: two `dir` pools on one directory, two `fs` pools on one device, two `netfs` pools on one export.',
      why: "libvirt refuses to define the second pool (`Storage source conflict with pool`): two pools managing the same storage would each create and delete the other's volumes.",
      example: {
        bad: "<pool type='dir'>\n  <name>images2</name>\n  <target>\n    <path>/var/lib/libvirt/images</path>\n  </target>\n</pool>\n",
        good: "<pool type='dir'>\n  <name>images2</name>\n  <target>\n    <path>/srv/images2</path>\n  </target>\n</pool>\n",
      },
      libvirtMessage: "operation failed: Storage source conflict with pool: 'default'",
      libvirtSource: 'src/conf/virstorageobj.c, virStoragePoolObjSourceFindDuplicate',
      limits: 'Only dir pools (by target path), fs pools (by source device) and netfs pools (by host and exported directory) are compared; the bad example clashes beside another dir pool on /var/lib/libvirt/images. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
    },
  },
  collect(ctx) {
    const root = ctx.document.root;
    const type = attr(root, 'type');
    const clean = (p: string): string => p.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
    const source = child(root, 'source');
    if (type === 'dir') {
      const path = child(child(root, 'target'), 'path');
      const p = text(path)?.trim();
      return path === undefined || !p ? [] : [{ key: `dir:${clean(p)}`, shown: `directory ${p}`, at: at(ctx, path) }];
    }
    if (type === 'fs') {
      const device = child(source, 'device');
      const p = attr(device, 'path');
      return device === undefined || p === undefined ? [] : [{ key: `fs:${clean(p)}`, shown: `device ${p}`, at: at(ctx, device, 'path') }];
    }
    if (type === 'netfs') {
      const host = attr(child(source, 'host'), 'name');
      const dir = child(source, 'dir');
      const p = attr(dir, 'path');
      return host === undefined || dir === undefined || p === undefined ? [] : [{ key: `netfs:${host}:${clean(p)}`, shown: `export ${host}:${p}`, at: at(ctx, dir, 'path') }];
    }
    return [];
  },
  checkFleet(entries, context) {
    reportDuplicates(entries.map((e) => ({ ...e, facts: e.facts.map((f) => ({ key: f.key, shown: f.shown, at: f.at })) })), context, {
      message: (shown, file, line) => `the ${shown} is already managed by the pool ${where(file, line, false)}: libvirt refuses a second pool over the same storage; use that pool, or another location`,
      relatedMessage: 'the pool over the same storage',
    });
  },
};

export const duplicateSecretUsage: FleetRule<'secret', Keyed[]> = {
  meta: {
    id: 'fleet-duplicate-secret-usage',
    category: 'fleet',
    level: 'error',
    roots: ['secret'],
    docs: {
      summary: 'Two secrets with the same usage (type and volume, name or target).',
      why: "libvirt refuses to define the second secret: disks and pools find a secret by its usage, so a usage must name one secret.",
      example: {
        bad: "<secret ephemeral='no' private='yes'>\n  <uuid>0a81f5b2-8403-7b23-c8d6-21ccc2f80d92</uuid>\n  <usage type='ceph'>\n    <name>client.admin secret</name>\n  </usage>\n</secret>\n",
        good: "<secret ephemeral='no' private='yes'>\n  <uuid>0a81f5b2-8403-7b23-c8d6-21ccc2f80d92</uuid>\n  <usage type='ceph'>\n    <name>client.libvirt secret</name>\n  </usage>\n</secret>\n",
      },
      libvirtMessage: 'internal error: a secret with UUID 0a81f5b2-8403-7b23-c8d6-21ccc2f80d91 already defined for use with client.admin secret',
      libvirtSource: 'src/conf/virsecretobj.c, virSecretObjListAdd',
      limits: 'The bad example clashes only beside another secret for the Ceph usage "client.admin secret". All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
    },
  },
  collect(ctx) {
    const usage = child(ctx.document.root, 'usage');
    const type = attr(usage, 'type');
    const idEl = usage === undefined ? undefined : children(usage)[0];
    const id = text(idEl);
    if (type === undefined || idEl === undefined || id === undefined || id === '') return [];
    return [{ key: `${type}:${id}`, shown: `${type} usage '${id}'`, at: at(ctx, idEl) }];
  },
  checkFleet(entries, context) {
    reportDuplicates(entries, context, {
      message: (shown, file, line) => `the ${shown} already belongs to the secret ${where(file, line, false)}: a usage names one secret; merge the two or change one usage`,
      relatedMessage: 'the other secret with this usage',
    });
  },
};

export const RESOURCE_RULES = [duplicateMac, sharedDiskImage, duplicatePoolSource, duplicateSecretUsage] as const;
