/**
 * Snapshots, checkpoints and backups name the domain's disks they cover. libvirt matches each
 * name to a disk of the domain (virDomainSnapshotAlignDisks, virDomainCheckpointAlignDisks,
 * virDomainBackupAlignDisks) and refuses a disk named twice, or a name no disk has. The domain is
 * known offline only when the document embeds it (a snapshot or checkpoint being redefined).
 */
import type { XmlElement } from '../../../xml/dom/types.js';
import type { DocumentRule, RuleContext } from '../../types.js';
import { attr, child, children, elementOf, text } from '../hygiene/xml.js';

interface DomainDisk {
  readonly target: string | undefined;
  readonly source: string | undefined;
  readonly readonly: boolean;
  readonly empty: boolean;
}

/** The disks of a `<domain>` embedded in a snapshot or checkpoint. */
function embeddedDisks(root: XmlElement | undefined): DomainDisk[] | undefined {
  const domain = child(root, 'domain');
  const devices = child(domain, 'devices');
  if (devices === undefined) return undefined;
  return children(devices, 'disk').map((disk) => {
    const source = child(disk, 'source');
    const path = attr(source, 'file') ?? attr(source, 'dev') ?? attr(source, 'dir') ?? attr(source, 'name');
    const type = attr(disk, 'type') ?? 'file';
    const local = type === 'file' || type === 'block' || type === 'dir';
    return { target: attr(child(disk, 'target'), 'dev'), source: path, readonly: child(disk, 'readonly') !== undefined, empty: local && (path === undefined || path === '') };
  });
}

/** The domain disk a snapshot or checkpoint names, as libvirt finds it (by target, else by unambiguous source path). */
function diskByName(disks: readonly DomainDisk[], name: string): DomainDisk | undefined {
  if (!name.startsWith('/')) return disks.find((d) => d.target === name);
  const matches = disks.filter((d) => d.source === name);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Reports disks named twice and, when the domain is embedded, names no disk has. `key` maps a name
 * to the disk it stands for (a path and a target can name the same disk).
 */
function checkDiskNames(ctx: RuleContext, list: readonly XmlElement[], what: string, domainDisks: readonly DomainDisk[] | undefined, byTargetOnly = false): void {
  const seen = new Map<string, XmlElement>();
  for (const el of list) {
    const name = attr(el, 'name');
    if (name === undefined) continue;
    let key = name;
    if (domainDisks !== undefined) {
      const disk = byTargetOnly ? domainDisks.find((d) => d.target === name) : diskByName(domainDisks, name);
      if (disk === undefined) {
        ctx.report({ node: el, attribute: 'name', message: `the domain has no disk named '${name}': name a disk by its target (e.g. vda)${byTargetOnly ? '' : ' or its source path'}` });
        continue;
      }
      key = disk.target ?? name;
    }
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, el);
      continue;
    }
    ctx.report({
      node: el,
      attribute: 'name',
      message: `disk '${name}' is already listed in this ${what} (line ${ctx.locate({ node: first }).line}): list each disk once`,
      related: [{ node: first, attribute: 'name', message: 'first listing' }],
    });
  }
}

const SNAPSHOT = (disks: string): string =>
  `<domainsnapshot>\n  <name>before-upgrade</name>\n  <disks>\n${disks}  </disks>\n</domainsnapshot>\n`;

export const snapshotDiskDuplicate: DocumentRule<'domainsnapshot'> = {
  meta: {
    id: 'snapshot-disk-duplicate',
    category: 'snapshot',
    level: 'error',
    roots: ['domainsnapshot'],
    docs: {
      summary: "A snapshot's `<disks>` that lists a disk twice, or (with an embedded `<domain>`) a disk the domain does not have.",
      why: "libvirt refuses to create or redefine the snapshot: each of the domain's disks gets one snapshot setting, and a name must match a disk's target (or its source path).",
      example: {
        bad: SNAPSHOT("    <disk name='vda' snapshot='internal'/>\n    <disk name='vda' snapshot='internal'/>\n"),
        good: SNAPSHOT("    <disk name='vda' snapshot='internal'/>\n    <disk name='vdb' snapshot='internal'/>\n"),
      },
      libvirtMessage: "unsupported configuration: disk 'vda' specified twice",
      libvirtSource: 'src/conf/snapshot_conf.c, virDomainSnapshotAlignDisks',
      limits: "Without an embedded `<domain>` a target and a source path that name the same disk are not recognised as one, and unknown names are not reported: the domain's disks are not known.",
    },
  },
  check(ctx) {
    const root = elementOf(ctx.model);
    const domainDisks = embeddedDisks(root);
    checkDiskNames(ctx, children(child(root, 'disks'), 'disk'), 'snapshot', domainDisks);
  },
};

export const snapshotMemoryOffline: DocumentRule<'domainsnapshot'> = {
  meta: {
    id: 'snapshot-memory-offline',
    category: 'snapshot',
    level: 'error',
    roots: ['domainsnapshot'],
    docs: {
      summary: "A snapshot in state `shutoff` or `disk-snapshot` that claims to hold the guest's memory.",
      why: "libvirt refuses to redefine the snapshot: a snapshot of a stopped guest, or a disk-only one, has no memory state, so `<memory snapshot>` can only be `no`.",
      example: {
        bad: "<domainsnapshot>\n  <name>offline</name>\n  <state>shutoff</state>\n  <creationTime>1700000000</creationTime>\n  <memory snapshot='internal'/>\n</domainsnapshot>\n",
        good: "<domainsnapshot>\n  <name>offline</name>\n  <state>shutoff</state>\n  <creationTime>1700000000</creationTime>\n  <memory snapshot='no'/>\n</domainsnapshot>\n",
      },
      libvirtMessage: 'XML error: memory state cannot be saved with offline or disk-only snapshot',
      libvirtSource: 'src/conf/snapshot_conf.c, virDomainSnapshotDefParse',
    },
  },
  check(ctx) {
    const root = elementOf(ctx.model);
    const state = text(child(root, 'state'))?.trim();
    if (state !== 'shutoff' && state !== 'disk-snapshot') return;
    const memory = child(root, 'memory');
    if (memory === undefined) return;
    const mode = attr(memory, 'snapshot') ?? (attr(memory, 'file') !== undefined ? 'external' : undefined);
    if (mode !== 'internal' && mode !== 'external') return;
    ctx.report({ node: memory, attribute: attr(memory, 'snapshot') !== undefined ? 'snapshot' : 'file', message: `a snapshot in state '${state}' has no memory state to keep: set \`<memory snapshot='no'/>\` (or drop \`<memory>\`)` });
  },
};

const CHECKPOINT = (disks: string): string =>
  `<domaincheckpoint>\n  <name>nightly</name>\n  <disks>\n${disks}  </disks>\n</domaincheckpoint>\n`;

export const checkpointDiskDuplicate: DocumentRule<'domaincheckpoint'> = {
  meta: {
    id: 'checkpoint-disk-duplicate',
    category: 'snapshot',
    level: 'error',
    roots: ['domaincheckpoint'],
    docs: {
      summary: "A checkpoint's `<disks>` that lists a disk twice, or (with an embedded `<domain>`) a disk the domain does not have or cannot track.",
      why: "libvirt refuses to create or redefine the checkpoint: each disk gets one setting, a name must match a disk's target (or source path), and an empty or read-only disk cannot carry a dirty bitmap.",
      example: {
        bad: CHECKPOINT("    <disk name='vda' checkpoint='bitmap'/>\n    <disk name='vda' checkpoint='no'/>\n"),
        good: CHECKPOINT("    <disk name='vda' checkpoint='bitmap'/>\n    <disk name='vdb' checkpoint='no'/>\n"),
      },
      libvirtMessage: "unsupported configuration: disk 'vda' specified twice",
      libvirtSource: 'src/conf/checkpoint_conf.c, virDomainCheckpointAlignDisks',
      limits: "Without an embedded `<domain>` only exact repeats of a name are found.",
    },
  },
  check(ctx) {
    const root = elementOf(ctx.model);
    const domainDisks = embeddedDisks(root);
    const list = children(child(root, 'disks'), 'disk');
    checkDiskNames(ctx, list, 'checkpoint', domainDisks);
    if (domainDisks === undefined) return;
    for (const el of list) {
      const name = attr(el, 'name');
      const disk = name === undefined ? undefined : diskByName(domainDisks, name);
      if (disk === undefined || attr(el, 'checkpoint') === 'no') continue;
      if (disk.empty || disk.readonly) {
        ctx.report({ node: el, attribute: 'name', message: `disk '${name}' is ${disk.empty ? 'empty' : 'read-only'}, so it cannot carry a checkpoint bitmap: set checkpoint='no' for it` });
      }
    }
  },
};

const BACKUP = (disks: string, incremental = ''): string =>
  `<domainbackup mode='push'>\n${incremental}  <disks>\n${disks}  </disks>\n</domainbackup>\n`;

export const backupDisks: DocumentRule<'domainbackup'> = {
  meta: {
    id: 'backup-disk-invalid',
    category: 'snapshot',
    level: 'error',
    roots: ['domainbackup'],
    docs: {
      summary: "A backup's `<disks>` that lists a disk twice, or asks for an incremental backup of a disk without saying since which checkpoint.",
      why: "libvirt refuses to start the backup: each disk is backed up once, and `backupmode='incremental'` needs an `incremental` checkpoint name on the disk or on `<domainbackup>`.",
      example: {
        bad: BACKUP("    <disk name='vda' backupmode='incremental' type='file'>\n      <target file='/backup/vda.qcow2'/>\n    </disk>\n"),
        good: BACKUP("    <disk name='vda' backupmode='incremental' type='file'>\n      <target file='/backup/vda.qcow2'/>\n    </disk>\n", '  <incremental>nightly</incremental>\n'),
      },
      libvirtMessage: "unsupported configuration: 'incremental' backup mode of disk 'vda' requires setting 'incremental' field for disk or backup",
      libvirtSource: 'src/conf/backup_conf.c, virDomainBackupAlignDisks',
    },
  },
  check(ctx) {
    const root = elementOf(ctx.model);
    const list = children(child(root, 'disks'), 'disk');
    checkDiskNames(ctx, list, 'backup', undefined, true);
    const backupIncremental = text(child(root, 'incremental'));
    for (const el of list) {
      if (attr(el, 'backup') === 'no') continue;
      if (attr(el, 'backupmode') !== 'incremental') continue;
      if (attr(el, 'incremental') !== undefined || (backupIncremental !== undefined && backupIncremental !== '')) continue;
      ctx.report({ node: el, attribute: 'backupmode', message: `an incremental backup of disk '${attr(el, 'name')}' needs the checkpoint it starts from: set \`incremental\` on the disk or \`<incremental>\` on the backup` });
    }
  },
};

export const MOMENT_RULES = [snapshotDiskDuplicate, snapshotMemoryOffline, checkpointDiskDuplicate, backupDisks] as const;
