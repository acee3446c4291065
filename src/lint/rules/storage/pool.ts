/**
 * Storage pools: what libvirt's parser refuses in a pool the schema accepts
 * (virStoragePoolDefParseXML, virStoragePoolDefParseSource, virStorageAdapterParseXML and
 * virStorageAdapterValidate). The source elements each pool type requires (a netfs pool's host
 * and directory, an iSCSI pool's host and device, an RBD pool's name and host, …) are required by
 * the grammar itself, so the `schema` rule reports their absence.
 */
import type { StoragePool } from '../../../model/generated/types/storagepool.js';
import type { XmlElement } from '../../../xml/dom/types.js';
import { replaceText } from '../../fix.js';
import type { DocumentRule } from '../../types.js';
import { releasesOf } from '../hygiene/releases.js';
import { attr, child, children, elementOf, text } from '../hygiene/xml.js';

const DIR_POOL = (extra: string, target = "  <target>\n    <path>/var/lib/libvirt/images</path>\n  </target>\n"): string =>
  `<pool type='dir'>\n  <name>default</name>\n${extra}${target}</pool>\n`;

const NETFS = (format: string, protocol: string): string =>
  `<pool type='netfs'>\n  <name>nfsimages</name>\n  <source>\n    <host name='nfs.example.com'/>\n    <dir path='/export/images'/>\n    <format type='${format}'/>\n${protocol}  </source>\n  <target>\n    <path>/var/lib/libvirt/images/nfs</path>\n  </target>\n</pool>\n`;

const SCSI = (adapter: string): string =>
  `<pool type='scsi'>\n  <name>hba0</name>\n  <source>\n${adapter}  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>\n</pool>\n`;

function poolType(pool: StoragePool): string | undefined {
  return (pool as { type?: string }).type;
}

export const cowFeature: DocumentRule<'storagepool'> = {
  meta: {
    id: 'storage-pool-cow-feature',
    category: 'storage',
    level: 'error',
    roots: ['storagepool'],
    docs: {
      summary: "`<features><cow>` in a pool that is not of type `dir` or `fs`.",
      why: "libvirt refuses to define the pool: copy-on-write is a property of the file system under a directory or file-system pool (btrfs' `nocow` attribute), which other pool types do not manage.",
      example: {
        bad: "<pool type='logical'>\n  <name>vg0</name>\n  <features>\n    <cow state='no'/>\n  </features>\n  <source>\n    <name>vg0</name>\n  </source>\n  <target>\n    <path>/dev/vg0</path>\n  </target>\n</pool>\n",
        good: "<pool type='logical'>\n  <name>vg0</name>\n  <source>\n    <name>vg0</name>\n  </source>\n  <target>\n    <path>/dev/vg0</path>\n  </target>\n</pool>\n",
      },
      libvirtMessage: "this function is not supported by the connection driver: cow feature may only be used for 'fs' and 'dir' pools",
      libvirtSource: 'src/conf/storage_conf.c, virStoragePoolDefParseFeatures',
    },
  },
  check(ctx) {
    const cow = ctx.model.features?.cow;
    const type = poolType(ctx.model);
    if (cow === undefined || type === undefined || type === 'dir' || type === 'fs') return;
    ctx.report({ node: cow, message: `a ${type} pool has no file system whose copy-on-write libvirt could set: drop \`<features><cow>\` (it applies to dir and fs pools)` });
  },
};

export const nfsProtocol: DocumentRule<'storagepool'> = {
  meta: {
    id: 'storage-pool-nfs-protocol',
    category: 'storage',
    level: 'error',
    roots: ['storagepool'],
    docs: {
      summary: "A `<protocol ver>` on a netfs pool whose format is not NFS, or a version holding a comma.",
      why: "libvirt refuses to define the pool: the protocol version becomes NFS's `nfsvers=` mount option, so it only applies to `nfs` (or `auto`) pools, and a comma would inject further mount options.",
      example: {
        bad: NETFS('cifs', "    <protocol ver='3'/>\n"),
        good: NETFS('nfs', "    <protocol ver='3'/>\n"),
      },
      libvirtMessage: "unsupported configuration: storage pool protocol ver unsupported for pool type 'cifs'",
      libvirtSource: 'src/conf/storage_conf.c, virStoragePoolDefParseSource',
    },
  },
  check(ctx) {
    const source = child(elementOf(ctx.model), 'source');
    const protocol = child(source, 'protocol');
    const ver = attr(protocol, 'ver');
    if (protocol === undefined || ver === undefined) return;
    const format = attr(child(source, 'format'), 'type');
    const type = poolType(ctx.model);
    // Only netfs pools read a format of this enumeration; others leave it at 0, "auto".
    if (type === 'netfs' && format !== undefined && format !== 'nfs' && format !== 'auto') {
      ctx.report({ node: protocol, attribute: 'ver', message: `an NFS protocol version does not apply to a '${format}' pool: drop \`<protocol>\`, or use format type='nfs'` });
    } else if (ver.includes(',')) {
      ctx.report({ node: protocol, attribute: 'ver', message: `protocol version '${ver}' must not contain ',': give the version number only` });
    }
  },
};

export const adapterInvalid: DocumentRule<'storagepool'> = {
  meta: {
    id: 'storage-pool-adapter-invalid',
    category: 'storage',
    level: 'error',
    roots: ['storagepool'],
    docs: {
      summary: "A SCSI pool `<adapter>` whose parent is given only in part, or in a form that needs `type`.",
      why: "libvirt refuses to define the pool: an adapter identified by its parent's PCI address (`<parentaddr>`) needs `type='scsi_host'` and the address's `unique_id`, and an fc_host adapter's parent is named by both `parent_wwnn` and `parent_wwpn` or by neither.",
      example: {
        bad: SCSI("    <adapter>\n      <parentaddr unique_id='1'>\n        <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>\n      </parentaddr>\n    </adapter>\n"),
        good: SCSI("    <adapter type='scsi_host'>\n      <parentaddr unique_id='1'>\n        <address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>\n      </parentaddr>\n    </adapter>\n"),
      },
      libvirtMessage: "XML error: Use of 'parentaddr' element requires use of the adapter 'type'",
      libvirtSource: 'src/conf/storage_adapter_conf.c, virStorageAdapterParseXMLLegacy, virStorageAdapterParseXMLSCSIHost, virStorageAdapterValidateFCHost',
    },
  },
  check(ctx) {
    const adapter: XmlElement | undefined = child(child(elementOf(ctx.model), 'source'), 'adapter');
    if (adapter === undefined) return;
    const type = attr(adapter, 'type');
    const parentaddr = child(adapter, 'parentaddr');
    if (type === undefined) {
      if (parentaddr !== undefined) ctx.report({ node: parentaddr, message: "an adapter given by `<parentaddr>` needs `type='scsi_host'` on `<adapter>`" });
      return;
    }
    if (type === 'scsi_host' && parentaddr !== undefined) {
      const id = attr(parentaddr, 'unique_id');
      if (id === undefined || !/^\s*\+?\d+\s*$/.test(id)) {
        ctx.report({ node: parentaddr, attribute: id === undefined ? undefined : 'unique_id', message: "`<parentaddr>` needs a `unique_id` (the SCSI host's unique_id in sysfs) to tell the host's adapters apart" });
      }
    }
    if (type === 'fc_host') {
      const wwnn = attr(adapter, 'parent_wwnn');
      const wwpn = attr(adapter, 'parent_wwpn');
      if (wwnn !== undefined && wwpn === undefined) ctx.report({ node: adapter, attribute: 'parent_wwnn', message: '`parent_wwnn` needs `parent_wwpn` beside it: give both, or neither' });
      else if (wwnn === undefined && wwpn !== undefined) ctx.report({ node: adapter, attribute: 'parent_wwpn', message: '`parent_wwpn` needs `parent_wwnn` beside it: give both, or neither' });
    }
  },
};

/** Every `<permissions><mode>` of a pool or volume document. */
export function modeElements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const holder of [child(root, 'target'), child(root, 'backingStore')]) {
    for (const p of children(holder, 'permissions')) out.push(...children(p, 'mode'));
  }
  return out;
}

/** The mode check shared by pools and volumes. */
export function checkModes(root: XmlElement | undefined, report: (el: XmlElement, message: string) => void): void {
  if (root === undefined) return;
  for (const mode of modeElements(root)) {
    const t = (text(mode) ?? '').trim();
    if (!/^[0-7]+$/.test(t)) continue;
    const value = parseInt(t, 8);
    if (value > 0o777) {
      report(mode, `mode ${t} sets bits beyond the permission bits (setuid, setgid or sticky), which libvirt does not accept: use at most 0777, e.g. 0${(value & 0o777).toString(8)}`);
    }
  }
}

export const permissionsMode: DocumentRule<'storagepool' | 'storagevol'> = {
  meta: {
    id: 'storage-permissions-mode',
    category: 'storage',
    level: 'error',
    roots: ['storagepool', 'storagevol'],
    docs: {
      summary: 'A `<permissions><mode>` above 0777 (with setuid, setgid or sticky bits).',
      why: "libvirt refuses to define the pool or create the volume: it reads the mode as permission bits only and rejects anything beyond 0777 as a malformed mode.",
      example: {
        bad: DIR_POOL('', "  <target>\n    <path>/var/lib/libvirt/images</path>\n    <permissions>\n      <mode>1777</mode>\n    </permissions>\n  </target>\n"),
        good: DIR_POOL('', "  <target>\n    <path>/var/lib/libvirt/images</path>\n    <permissions>\n      <mode>0755</mode>\n    </permissions>\n  </target>\n"),
      },
      libvirtMessage: 'XML error: malformed octal mode',
      libvirtSource: 'src/conf/storage_conf.c, virStorageDefParsePerms',
    },
  },
  check(ctx) {
    checkModes(ctx.document.root, (el, message) => ctx.report({ node: el, message }));
  },
};

export const targetIgnored: DocumentRule<'storagepool'> = {
  meta: {
    id: 'storage-pool-target-ignored',
    legacy: releasesOf('storage-pool-target-ignored'),
    category: 'storage',
    level: 'warn',
    roots: ['storagepool'],
    fixable: true,
    docs: {
      summary: "A logical or ZFS pool whose `<target><path>` is not the one libvirt uses (`/dev/VG` or `/dev/zvol/POOL`).",
      why: "libvirt ignores the target path of these pools and uses the device directory of the volume group or ZFS pool instead, so a different path only misleads the reader (and scripts that trust it).",
      example: {
        bad: "<pool type='logical'>\n  <name>vg0</name>\n  <source>\n    <name>vg0</name>\n  </source>\n  <target>\n    <path>/srv/vg0</path>\n  </target>\n</pool>\n",
        good: "<pool type='logical'>\n  <name>vg0</name>\n  <source>\n    <name>vg0</name>\n  </source>\n  <target>\n    <path>/dev/vg0</path>\n  </target>\n</pool>\n",
      },
      libvirtSource: 'src/conf/storage_conf.c, virStoragePoolDefParseXML',
    },
  },
  check(ctx) {
    const root = ctx.document.root;
    const type = attr(root, 'type');
    if (type !== 'logical' && type !== 'zfs') return;
    const pathEl = child(child(root, 'target'), 'path');
    const path = text(pathEl)?.trim();
    const sourceName = text(child(child(root, 'source'), 'name'))?.trim() || text(child(root, 'name'))?.trim();
    if (pathEl === undefined || !path || !sourceName) return;
    const used = type === 'logical' ? `/dev/${sourceName}` : `/dev/zvol/${sourceName}`;
    const clean = (p: string): string => p.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
    if (clean(path) === clean(used)) return;
    ctx.report({ node: pathEl, message: `libvirt ignores this path and uses ${used} for a ${type} pool: write ${used}`, fix: { description: `write ${used}`, edits: [replaceText(pathEl, used)] } });
  },
};

export const POOL_RULES = [cowFeature, nfsProtocol, adapterInvalid, permissionsMode, targetIgnored] as const;
