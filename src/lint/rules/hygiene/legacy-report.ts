/**
 * Legacy forms whose current form only a person can choose (../shared/docs/legacy-forms.md, D7
 * and D8). Off in `virtxml lint` by default, since many current configs use them on purpose;
 * `virtxml migrate` lists them with guidance and never rewrites them.
 */
import { isX86 } from '../../platform.js';
import type { DocumentRule } from '../../types.js';
import { domainDoc } from './examples.js';
import { releasesOf } from './releases.js';
import { attr, child, children } from './xml.js';

const REPORT_ONLY = '`virtxml migrate` lists it with this guidance and never rewrites it: the choice depends on the hosts and the guest. Off by default in `virtxml lint`; turn it on to require the current form.';

// D7
export const machineUnversioned: DocumentRule<'domain'> = {
  meta: {
    id: 'legacy-machine-unversioned',
    legacy: releasesOf('legacy-machine-unversioned'),
    category: 'legacy',
    level: 'off',
    roots: ['domain'],
    docs: {
      summary: "An x86 QEMU guest whose machine type is an alias (`pc`, `q35`) rather than a versioned type such as `pc-q35-9.2`.",
      why: `QEMU resolves an alias to its newest versioned machine type when the guest is defined, so the same file gives a different virtual hardware (ABI) on hosts with different QEMU versions, and a live migration to an older host can fail. Naming a versioned type that every host of the fleet supports keeps the hardware stable; which one depends on the oldest QEMU the fleet runs. ${REPORT_ONLY}`,
      example: {
        bad: domainDoc('', { os: "    <type arch='x86_64' machine='q35'>hvm</type>\n" }),
        good: domainDoc('', { os: "    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n" }),
      },
      libvirtSource: 'src/qemu/qemu_postparse.c, qemuCanonicalizeMachine (the alias is replaced by the versioned type it stands for)',
      limits: 'Only x86 aliases are reported; other architectures have machine types without versions (pseries-x.y has them, virt-x.y too, but their plain names are commonly pinned by distributions).',
    },
  },
  check(ctx) {
    if (!isX86(ctx.platform) || !['qemu', 'kvm'].includes(ctx.platform.virtType)) return;
    const machine = ctx.platform.machine;
    if (machine !== 'pc' && machine !== 'q35') return;
    const type = ctx.model.os?.type;
    if (type === undefined) return;
    ctx.report({ node: type, attribute: 'machine', message: `machine='${machine}' is an alias that each host resolves to its newest machine type: name a versioned type every host supports (e.g. '${machine === 'q35' ? 'pc-q35' : 'pc-i440fx'}-7.2') to keep the guest's hardware stable` });
  },
};

// D8
export const osBootOrder: DocumentRule<'domain'> = {
  meta: {
    id: 'legacy-os-boot-order',
    legacy: releasesOf('legacy-os-boot-order'),
    category: 'legacy',
    level: 'off',
    roots: ['domain'],
    docs: {
      summary: 'Boot devices chosen by `<os><boot dev=…>` instead of a `<boot order=…>` on each device.',
      why: `\`<os><boot dev='hd'/>\` picks the first device of a kind, which changes meaning when disks are added or reordered, and cannot name a particular disk or interface; per-device \`<boot order='N'/>\` (since libvirt 0.8.8) names each device. The two cannot be mixed. Which device should boot first is the operator's choice. ${REPORT_ONLY}`,
      example: {
        bad: domainDoc("    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n", { os: "    <type arch='x86_64' machine='q35'>hvm</type>\n    <boot dev='hd'/>\n" }),
        good: domainDoc("    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n      <boot order='1'/>\n    </disk>\n"),
      },
      libvirtSource: 'src/conf/domain_conf.c, virDomainDefParseBootXML',
    },
  },
  check(ctx) {
    const os = child(ctx.document.root, 'os');
    const boots = children(os, 'boot');
    if (boots.length === 0) return;
    const devs = boots.map((b) => attr(b, 'dev')).filter((d) => d !== undefined);
    ctx.report({ node: boots[0]!, message: `the boot devices are chosen by kind (${devs.join(', ')}): put <boot order='N'/> on the disks or interfaces to boot from, in order, and remove <os><boot>` });
  },
};

export const LEGACY_REPORT_RULES = [machineUnversioned, osBootOrder] as const;
