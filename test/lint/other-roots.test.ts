/**
 * Snapshots, checkpoints and backups name a domain's disks: with the domain embedded (a redefined
 * snapshot or checkpoint) names are matched as libvirt matches them, by target or source path.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';

function errors(text: string): string[] {
  return lint({ file: 'm.xml', text }).results[0]!.findings.filter((f) => f.severity === 'error').map((f) => `${f.line}:${f.column} ${f.rule}`);
}

const DOMAIN = "  <domain type='kvm'>\n    <name>a</name>\n    <memory unit='GiB'>1</memory>\n    <os>\n      <type arch='x86_64' machine='q35'>hvm</type>\n    </os>\n    <devices>\n      <disk type='file' device='disk'>\n        <source file='/img/a.qcow2'/>\n        <target dev='vda' bus='virtio'/>\n      </disk>\n      <disk type='file' device='cdrom'>\n        <source file='/img/cd.iso'/>\n        <target dev='sda' bus='sata'/>\n        <readonly/>\n      </disk>\n    </devices>\n  </domain>\n";

describe('snapshots', () => {
  it('matches names to the embedded domain by target or source path', () => {
    const snap = (disks: string) => `<domainsnapshot>\n  <name>s</name>\n  <state>shutoff</state>\n  <creationTime>1700000000</creationTime>\n  <disks>\n${disks}  </disks>\n${DOMAIN}</domainsnapshot>\n`;
    expect(errors(snap("    <disk name='vda' snapshot='internal'/>\n    <disk name='sda' snapshot='no'/>\n"))).toEqual([]);
    // /img/a.qcow2 is vda: named twice.
    expect(errors(snap("    <disk name='vda' snapshot='internal'/>\n    <disk name='/img/a.qcow2' snapshot='internal'/>\n"))).toEqual(['7:11 snapshot-disk-duplicate']);
    expect(errors(snap("    <disk name='vdz' snapshot='internal'/>\n"))).toEqual(['6:11 snapshot-disk-duplicate']);
  });
});

describe('checkpoints', () => {
  it('refuses a bitmap on a read-only disk of the embedded domain', () => {
    const cp = (disks: string) => `<domaincheckpoint>\n  <name>c</name>\n  <creationTime>1700000000</creationTime>\n  <disks>\n${disks}  </disks>\n${DOMAIN}</domaincheckpoint>\n`;
    expect(errors(cp("    <disk name='vda' checkpoint='bitmap'/>\n    <disk name='sda' checkpoint='no'/>\n"))).toEqual([]);
    expect(errors(cp("    <disk name='sda' checkpoint='bitmap'/>\n"))).toEqual(['5:11 checkpoint-disk-duplicate']);
  });
});

describe('backups', () => {
  it('takes the incremental checkpoint from the disk or the backup', () => {
    const backup = (top: string, disk: string) => `<domainbackup mode='push'>\n${top}  <disks>\n    <disk name='vda' backupmode='incremental'${disk} type='file'>\n      <target file='/b/vda.qcow2'/>\n    </disk>\n    <disk name='vdb' backup='no'/>\n  </disks>\n</domainbackup>\n`;
    expect(errors(backup('', ''))).toEqual(['3:22 backup-disk-invalid']);
    expect(errors(backup('', " incremental='cp1'"))).toEqual([]);
    expect(errors(backup('  <incremental>cp1</incremental>\n', ''))).toEqual([]);
  });
});
