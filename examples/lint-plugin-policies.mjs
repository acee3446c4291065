/**
 * An organisation's own lint rules as a `virtxml lint` plugin: plain JavaScript that Node loads
 * as it is, typed through JSDoc against virtxml's public rule API (`virtxml/lint`).
 *
 * Use it from `virtxml.config.json`:
 *
 *     {
 *       "plugins": ["./examples/lint-plugin-policies.mjs"],
 *       "rules": { "policies/no-host-passthrough-cpu": "warn" }
 *     }
 *
 * A rule reads the typed model of each document (`ctx.model`: the same objects `parseDomain`
 * returns) and reports the element or attribute at fault; virtxml turns that into a line and
 * column, a path, suppression comments, and every output format.
 */

/** @typedef {import('virtxml/lint').DocumentRule<'domain'>} DomainRule */

/** Every hard disk on a virtio bus: emulated IDE/SATA/SCSI disks are slow and need no place in our fleet. */
/** @type {DomainRule} */
const allDisksVirtio = {
  meta: {
    id: 'policies/all-disks-virtio',
    category: 'plugin',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A hard disk that is not on the virtio bus.',
      why: 'Our images ship virtio drivers, and emulated IDE, SATA or SCSI disks cost throughput and CPU. CD-ROMs, floppies and LUNs are left alone. Options: { "buses": ["virtio", …] } to allow more buses.',
      example: {
        bad: "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='sda' bus='sata'/>\n    </disk>\n  </devices>\n</domain>\n",
        good: "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <devices>\n    <disk type='file' device='disk'>\n      <source file='/var/lib/libvirt/images/web01.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n  </devices>\n</domain>\n",
      },
    },
  },
  check(ctx) {
    const allowed = Array.isArray(ctx.options.buses) ? ctx.options.buses : ['virtio'];
    for (const disk of ctx.model.devices?.disk ?? []) {
      if ((disk.device ?? 'disk') !== 'disk' || disk.target === undefined) continue;
      // Without a bus, libvirt picks one from the target name's prefix: vdX is virtio.
      const bus = disk.target.bus ?? (disk.target.dev.startsWith('vd') ? 'virtio' : undefined);
      if (bus !== undefined && allowed.includes(bus)) continue;
      ctx.report({
        node: disk.target,
        ...(disk.target.bus !== undefined ? { attribute: 'bus' } : {}),
        message: `disk '${disk.target.dev}' is on the ${bus ?? 'default'} bus: put it on ${allowed.join(' or ')} (bus='virtio' with a vdX target)`,
      });
    }
  },
};

/** No `host-passthrough` CPU: such guests cannot migrate between our hosts' CPU generations. */
/** @type {DomainRule} */
const noHostPassthroughCpu = {
  meta: {
    id: 'policies/no-host-passthrough-cpu',
    category: 'plugin',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A guest CPU in mode 'host-passthrough'.",
      why: "A guest that sees the host's exact CPU can only move to identical hosts; ours span several CPU generations. Use host-model, or a named model for the oldest generation.",
      example: {
        bad: "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <cpu mode='host-passthrough'/>\n</domain>\n",
        good: "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n  <cpu mode='host-model'/>\n</domain>\n",
      },
    },
  },
  check(ctx) {
    const cpu = ctx.model.cpu;
    if (cpu?.mode !== 'host-passthrough') return;
    ctx.report({ node: cpu, attribute: 'mode', message: "CPU mode 'host-passthrough' ties the guest to this host's CPU: use mode='host-model' or a named model" });
  },
};

/** @type {import('virtxml/lint').LintPlugin} */
export default {
  name: 'policies',
  rules: [allDisksVirtio, noHostPassthroughCpu],
};
