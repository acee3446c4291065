/**
 * vCPU counts: the current count against the maximum, the CPU topology against the maximum, and
 * the pSeries hotplug granularity.
 */
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { checkedBefore, currentVcpus, isQemuDomain, isX86Arch, machineIs, maxVcpus } from './util.js';

export const vcpuCurrentAboveMaximum: DocumentRule<'domain'> = {
  meta: {
    id: 'vcpu-current-above-maximum',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: '`<vcpu current>` is larger than the maximum vCPU count.',
      why: 'libvirt refuses to define the domain: `current` is how many of the `<vcpu>` maximum are online at boot, so it cannot exceed it.',
      example: {
        bad: domainXml({ vcpu: "<vcpu current='4'>2</vcpu>" }),
        good: domainXml({ vcpu: "<vcpu current='2'>4</vcpu>" }),
      },
      libvirtMessage: 'unsupported configuration: maximum vCPU count must not be less than current vCPU count',
      libvirtSource: 'src/conf/domain_conf.c, virDomainDefSetVcpus (called from virDomainVcpuParse)',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const vcpu = d.vcpu;
    if (vcpu === undefined || vcpu.current === undefined || typeof vcpu.$value !== 'number') return;
    // With <vcpus><vcpu enabled>, those states decide and `current` is not read.
    if ((d.vcpus?.vcpu ?? []).length > 0) return;
    if (vcpu.current <= vcpu.$value) return;
    ctx.report({
      node: vcpu,
      attribute: 'current',
      message: `current='${vcpu.current}' is more than the maximum of ${vcpu.$value} vCPUs: lower current or raise <vcpu> to at least ${vcpu.current}`,
    });
  },
};

function topologyNumber(v: string | undefined, dflt: number): number | undefined {
  if (v === undefined) return dflt;
  return /^\s*\d+\s*$/.test(v) ? Number(v) : undefined;
}

export const cpuTopologyMismatch: DocumentRule<'domain'> = {
  meta: {
    id: 'cpu-topology-mismatch',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'The CPU topology (sockets × dies × clusters × cores × threads) does not give the maximum vCPU count.',
      why: 'The QEMU driver refuses the domain: QEMU needs the topology to describe exactly the maximum number of vCPUs.',
      example: {
        bad: domainXml({ vcpu: '<vcpu>4</vcpu>', body: ['<cpu>', "  <topology sockets='1' cores='2' threads='1'/>", '</cpu>'] }),
        good: domainXml({ vcpu: '<vcpu>4</vcpu>', body: ['<cpu>', "  <topology sockets='1' cores='4' threads='1'/>", '</cpu>'] }),
      },
      libvirtMessage: "unsupported configuration: CPU topology doesn't match maximum vcpu count",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainVCpuTopology; src/conf/domain_conf.c, virDomainDefGetVcpusTopology',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const topo = d.cpu?.topology;
    if (topo === undefined) return;
    const parts = [topologyNumber(topo.sockets, 0), topologyNumber(topo.dies, 1), topologyNumber(topo.clusters, 1), topologyNumber(topo.cores, 0), topologyNumber(topo.threads, 0)];
    if (parts.some((p) => p === undefined || p === 0)) return;
    const product = parts.reduce<bigint>((a, p) => a * BigInt(p!), 1n);
    if (product > 4294967295n) {
      ctx.report({ node: topo, message: `this topology describes ${product} CPUs, more than libvirt can count (4294967295): make it smaller` });
      return;
    }
    if (!isQemuDomain(ctx.platform)) return;
    const max = maxVcpus(d);
    if (max === undefined || BigInt(max) === product) return;
    const names = ['sockets', 'dies', 'clusters', 'cores', 'threads'].filter((n) => topo[n as 'sockets'] !== undefined);
    ctx.report({
      node: topo,
      message: `the topology describes ${product} vCPUs (${names.map((n) => `${n}=${topo[n as 'sockets']}`).join(' × ')}) but <vcpu> is ${max}: make their product equal the maximum vCPU count`,
      related: d.vcpu === undefined ? [] : [{ node: d.vcpu, message: 'maximum vCPU count' }],
    });
  },
};

export const vcpuHotplugGranularity: DocumentRule<'domain'> = {
  meta: {
    id: 'vcpu-hotplug-granularity',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'On a pSeries guest with a CPU topology, the number of vCPUs online at boot is not a multiple of the threads per core.',
      why: 'The QEMU driver refuses the domain: pSeries guests plug vCPUs a whole core at a time, so the vCPUs online at boot must fill whole cores.',
      example: {
        bad: domainXml({ arch: 'ppc64', vcpu: "<vcpu current='2'>8</vcpu>", body: ['<cpu>', "  <topology sockets='1' cores='2' threads='4'/>", '</cpu>'] }),
        good: domainXml({ arch: 'ppc64', vcpu: "<vcpu current='4'>8</vcpu>", body: ['<cpu>', "  <topology sockets='1' cores='2' threads='4'/>", '</cpu>'] }),
        config: { arch: 'ppc64' },
      },
      libvirtMessage: 'unsupported configuration: vCPUs count must be a multiple of the vCPU hotplug granularity (4)',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainVCpuTopology',
    },
  },
  check(ctx) {
    const d = ctx.model;
    if (!isQemuDomain(ctx.platform) || machineIs(ctx.platform, 'pseries') !== true) return;
    const topo = d.cpu?.topology;
    const threads = topologyNumber(topo?.threads, 0);
    if (topo === undefined || topologyNumber(topo.sockets, 0) === 0 || threads === undefined || threads === 0) return;
    const current = currentVcpus(d);
    if (current === undefined || current % threads === 0) return;
    const individual = (d.vcpus?.vcpu ?? []).length > 0;
    ctx.report({
      node: individual ? d.vcpus! : d.vcpu ?? d,
      ...(individual || d.vcpu?.current === undefined ? {} : { attribute: 'current' }),
      message: `${current} vCPUs online at boot is not a multiple of the ${threads} threads per core: pSeries plugs whole cores, so bring ${current} to a multiple of ${threads}`,
      related: [{ node: topo, attribute: 'threads', message: 'threads per core' }],
    });
  },
};

interface VcpuState {
  readonly online: boolean;
  readonly hotpluggable: 'yes' | 'no' | undefined;
  readonly order: number;
  readonly node: object | undefined;
}

export const vcpusIndividual: DocumentRule<'domain'> = {
  meta: {
    id: 'vcpus-individual',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<vcpus><vcpu>` states libvirt refuses: an id past the maximum, an offline vCPU that is not hotpluggable, vCPU 0 offline or hotpluggable, or an order QEMU cannot follow.",
      why: 'libvirt refuses the domain: vCPUs offline at boot must be hotpluggable to come online later; with QEMU, vCPU 0 is online, not hotpluggable and first, the online vCPUs all have an order or none does, and the non-hotpluggable ones come first, in ascending order.',
      example: {
        bad: domainXml({ vcpu: '<vcpu>2</vcpu>', body: ['<vcpus>', "  <vcpu id='0' enabled='yes' hotpluggable='no'/>", "  <vcpu id='1' enabled='no' hotpluggable='no'/>", '</vcpus>'] }),
        good: domainXml({ vcpu: '<vcpu>2</vcpu>', body: ['<vcpus>', "  <vcpu id='0' enabled='yes' hotpluggable='no'/>", "  <vcpu id='1' enabled='no' hotpluggable='yes'/>", '</vcpus>'] }),
      },
      libvirtMessage: "unsupported configuration: vcpu '1' is both offline and not hotpluggable",
      libvirtSource: 'src/conf/domain_conf.c, virDomainVcpuParse; src/conf/domain_postparse.c, virDomainVcpuDefPostParse; src/qemu/qemu_postparse.c, qemuDomainDefVcpusPostParse',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const list = d.vcpus?.vcpu ?? [];
    const max = maxVcpus(d);
    if (list.length === 0 || max === undefined) return;
    const states: VcpuState[] = Array.from({ length: max }, () => ({ online: false, hotpluggable: undefined, order: 0, node: undefined }));
    for (const v of list) {
      if (typeof v.id !== 'number') return;
      if (v.id >= max) {
        ctx.report({ node: v, attribute: 'id', message: `vCPU id ${v.id} is out of range: <vcpu> is ${max}, so the ids are 0 to ${max - 1}` });
        return;
      }
      states[v.id] = { online: v.enabled === 'yes', hotpluggable: v.hotpluggable, order: v.order ?? 0, node: v };
    }
    const at = (s: VcpuState, attribute?: string) => (s.node !== undefined ? { node: s.node, ...(attribute !== undefined ? { attribute } : {}) } : { node: d.vcpus! });
    if (isQemuDomain(ctx.platform)) {
      const first = states[0]!;
      if (!first.online) {
        ctx.report({ ...at(first, 'enabled'), message: "vCPU 0 must be online: set enabled='yes' on <vcpu id='0'>" });
        return;
      }
      if (first.hotpluggable === 'yes') {
        ctx.report({ ...at(first, 'hotpluggable'), message: "vCPU 0 cannot be hotpluggable: set hotpluggable='no'" });
        return;
      }
      if (first.order !== 0 && first.order !== 1) {
        ctx.report({ ...at(first, 'order'), message: `vCPU 0 must come online first: give it order='1', not '${first.order}'` });
        return;
      }
      const ordered = first.order !== 0;
      let prev = first;
      for (let i = 1; i < max; i++) {
        const v = states[i]!;
        if (v.online && (v.order !== 0) !== ordered) {
          ctx.report({ ...at(v, v.order !== 0 ? 'order' : undefined), message: `vCPU ${i} ${v.order !== 0 ? 'has an order' : 'has no order'} while vCPU 0 ${ordered ? 'has one' : 'has none'}: give every online vCPU an order, or none` });
          return;
        }
        if (v.hotpluggable === 'no') {
          if (prev.hotpluggable === 'yes') {
            ctx.report({ ...at(v, 'hotpluggable'), message: `vCPU ${i} is not hotpluggable but comes after hotpluggable vCPU ${i - 1}: list the non-hotpluggable vCPUs first` });
            return;
          }
          if (prev.order > v.order) {
            ctx.report({ ...at(v, 'order'), message: `the non-hotpluggable vCPUs must come online in ascending order, and vCPU ${i} (order ${v.order}) follows order ${prev.order}` });
            return;
          }
        }
        prev = v;
      }
    }
    for (let i = 0; i < max; i++) {
      const v = states[i]!;
      if (!v.online && v.hotpluggable === 'no') {
        ctx.report({ ...at(v, 'hotpluggable'), message: `vCPU ${i} is offline and not hotpluggable, so it could never come online: set hotpluggable='yes' or enabled='yes'` });
        return;
      }
    }
  },
};

/** QEMU_MAX_VCPUS_WITHOUT_EIM */
const MAX_WITHOUT_EIM = 255;

export const vcpusNeedQ35Eim: DocumentRule<'domain'> = {
  meta: {
    id: 'vcpu-count-needs-eim',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'An x86 guest has more than 255 vCPUs on a machine other than q35, or with an IOMMU that has no extended interrupt mode.',
      why: 'The QEMU driver refuses the domain: more than 255 x86 vCPUs need x2APIC interrupt routing, which QEMU provides only on q35 with an intel IOMMU whose `eim` is on.',
      example: {
        bad: domainXml({ vcpu: '<vcpu>288</vcpu>', machine: 'pc' }),
        good: domainXml({
          vcpu: '<vcpu>288</vcpu>',
          body: ['<features>', '  <acpi/>', '  <apic/>', "  <ioapic driver='qemu'/>", '</features>'],
          devices: ["<iommu model='intel'>", "  <driver intremap='on' eim='on'/>", '</iommu>'],
        }),
      },
      libvirtMessage: 'unsupported configuration: more than 255 vCPUs are only supported on q35-based machine types',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainVCpuTopology',
      limits: 'On q35, libvirt 11.3.0 adds an intel IOMMU itself when there is none and turns `eim` on where it is unset (when QEMU can); a missing IOMMU is reported only when a configured release is older (9.0.0 does not add it).',
    },
  },
  check(ctx) {
    const d = ctx.model;
    if (!isQemuDomain(ctx.platform) || !isX86Arch(ctx.platform.arch)) return;
    const max = maxVcpus(d);
    if (max === undefined || max <= MAX_WITHOUT_EIM || d.vcpu === undefined) return;
    const q35 = machineIs(ctx.platform, 'q35');
    if (q35 === false) {
      ctx.report({ node: d.vcpu, message: `${max} vCPUs need a q35 machine type on x86 (more than ${MAX_WITHOUT_EIM} are not supported on '${ctx.platform.machine}'): use q35 or at most ${MAX_WITHOUT_EIM} vCPUs` });
      return;
    }
    if (q35 !== true) return;
    // Without an IOMMU, libvirt (after 9.0.0) adds an intel one on q35, and turns eim on where it is unset.
    const iommu = ctx.model.devices?.iommu;
    if (iommu === undefined) {
      if (checkedBefore(ctx.releases, '11.3.0')) {
        ctx.report({ node: d.vcpu, message: `${max} vCPUs need an intel IOMMU with extended interrupt mode, which libvirt 9.0.0 does not add itself: add <iommu model='intel'><driver intremap='on' eim='on'/></iommu> (with <ioapic driver='qemu'/>)` });
      }
      return;
    }
    const eim = iommu.driver?.eim;
    if (eim === 'on' || (iommu.model === 'intel' && eim === undefined)) return;
    ctx.report({
      node: iommu,
      message: `${max} vCPUs need extended interrupt mode on the IOMMU, which ${iommu.model === 'intel' ? "eim='off' turns off" : `model '${iommu.model}' does not have`}: use <iommu model='intel'> with eim on (or unset), or at most ${MAX_WITHOUT_EIM} vCPUs`,
    });
  },
};

export const VCPU_RULES = [vcpuCurrentAboveMaximum, cpuTopologyMismatch, vcpuHotplugGranularity, vcpusIndividual, vcpusNeedQ35Eim] as const;
