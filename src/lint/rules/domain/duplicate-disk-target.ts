/**
 * `duplicate-disk-target`: two disks with the same `<target dev>`. The target name is how the
 * guest and every later command (`virsh detach-disk vda`) tell disks apart.
 */
import type { DocumentRule } from '../../types.js';

export const duplicateDiskTarget: DocumentRule<'domain'> = {
  meta: {
    id: 'duplicate-disk-target',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two disks share the same `<target dev>` name.',
      why: 'libvirt refuses to define the domain: each disk needs its own target name, which also decides its drive address on IDE, SATA, SCSI and floppy buses.',
      example: {
        bad: "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01-data.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n  </devices>\n</domain>\n",
        good: "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01-data.qcow2'/>\n      <target dev='vdb' bus='virtio'/>\n    </disk>\n  </devices>\n</domain>\n",
      },
      libvirtMessage: "XML error: target 'sda' duplicated for disk sources '/tmp/idedisk.img' and '/tmp/usbdisk.img'",
      libvirtSource: 'src/conf/domain_conf.c, virDomainDiskDefCheckDuplicateInfo (called from virDomainDefCheckDuplicateDiskInfo)',
    },
  },
  check(ctx) {
    const seen = new Map<string, object>();
    for (const disk of ctx.model.devices?.disk ?? []) {
      const target = disk.target;
      if (target === undefined) continue;
      const first = seen.get(target.dev);
      if (first === undefined) {
        seen.set(target.dev, target);
        continue;
      }
      ctx.report({
        node: target,
        attribute: 'dev',
        message: `target '${target.dev}' is already used by another disk (line ${ctx.locate({ node: first }).line}): give each disk its own target name`,
        related: [{ node: first, attribute: 'dev', message: 'first disk with this target' }],
      });
    }
  },
};
