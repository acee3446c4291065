/**
 * `<cpu>` settings the QEMU driver checks against the CPU mode and the architecture: `<cache>`,
 * `<maxphysaddr>` and ARM's SVE vector lengths.
 */
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { isQemuDomain, isX86Arch } from './util.js';

export const cpuCacheMode: DocumentRule<'domain'> = {
  meta: {
    id: 'cpu-cache-mode',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<cpu><cache>` uses a mode with a level it does not take, `passthrough` without a host-passthrough or maximum CPU, or is set off x86.",
      why: "The QEMU driver refuses the domain: `emulate` describes the L3 cache only (level='3'), `passthrough` and `disable` take no level, and `passthrough` copies the host's caches, which only a host-passthrough or maximum CPU can show.",
      example: {
        bad: domainXml({ body: ["<cpu mode='host-passthrough'>", "  <cache level='2' mode='emulate'/>", '</cpu>'] }),
        good: domainXml({ body: ["<cpu mode='host-passthrough'>", "  <cache level='3' mode='emulate'/>", '</cpu>'] }),
      },
      libvirtMessage: "unsupported configuration: CPU cache mode 'emulate' can only be used with level='3'",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefCpu',
    },
  },
  check(ctx) {
    const cpu = ctx.model.cpu;
    const cache = cpu?.cache;
    if (!isQemuDomain(ctx.platform) || cpu === undefined || cache === undefined) return;
    if (!isX86Arch(ctx.platform.arch)) {
      ctx.report({ node: cache, message: `a CPU cache description is supported on x86 only, not ${ctx.platform.arch}: remove <cache>` });
      return;
    }
    const level = cache.level;
    if (cache.mode === 'emulate') {
      if (level !== '3') {
        ctx.report({ node: cache, ...(level !== undefined ? { attribute: 'level' } : {}), message: `cache mode 'emulate' describes the L3 cache only: set level='3'${level === undefined ? '' : ` instead of '${level}'`}` });
      }
      return;
    }
    if (cache.mode === 'passthrough') {
      const mode = cpu.mode ?? 'custom';
      if (mode !== 'host-passthrough' && mode !== 'maximum') {
        ctx.report({ node: cache, attribute: 'mode', message: `cache mode 'passthrough' copies the host's caches, which a '${mode}' CPU cannot show: use <cpu mode='host-passthrough'> (or 'maximum'), or cache mode 'emulate'` });
        return;
      }
    }
    if ((cache.mode === 'passthrough' || cache.mode === 'disable') && level !== undefined) {
      ctx.report({ node: cache, attribute: 'level', message: `cache mode '${cache.mode}' takes no level: remove level='${level}'` });
    }
  },
};

export const cpuMaxphysaddr: DocumentRule<'domain'> = {
  meta: {
    id: 'cpu-maxphysaddr',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<cpu><maxphysaddr>` gives `bits` with mode='passthrough' or `limit` with mode='emulate', or is set off x86.",
      why: "The QEMU driver refuses the domain: in passthrough mode the guest sees the host's number of physical address bits (`limit` may cap it), so `bits` belongs to mode='emulate'; the setting exists on x86 only.",
      example: {
        bad: domainXml({ body: ["<cpu mode='host-passthrough'>", "  <maxphysaddr mode='passthrough' bits='42'/>", '</cpu>'] }),
        good: domainXml({ body: ["<cpu mode='host-passthrough'>", "  <maxphysaddr mode='passthrough' limit='42'/>", '</cpu>'] }),
      },
      libvirtMessage: "unsupported configuration: CPU maximum physical address bits number specification cannot be used with mode='passthrough'",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefCpu; src/conf/cpu_conf.c, virCPUDefParseXML (limit)',
    },
  },
  check(ctx) {
    const addr = ctx.model.cpu?.maxphysaddr;
    if (addr === undefined) return;
    if (addr.limit !== undefined && addr.mode !== 'passthrough') {
      ctx.report({ node: addr, attribute: 'limit', message: `limit caps the host's address bits in mode='passthrough' only; with mode='${addr.mode}' give bits instead` });
      return;
    }
    if (!isQemuDomain(ctx.platform)) return;
    if (!isX86Arch(ctx.platform.arch)) {
      ctx.report({ node: addr, message: `<maxphysaddr> is supported on x86 only, not ${ctx.platform.arch}: remove it` });
      return;
    }
    if (addr.mode === 'passthrough' && addr.bits !== undefined) {
      ctx.report({ node: addr, attribute: 'bits', message: "mode='passthrough' takes the host's address bits: remove bits (use limit to cap them), or use mode='emulate'" });
    }
  },
};

export const cpuSveDisabled: DocumentRule<'domain'> = {
  meta: {
    id: 'cpu-sve-disabled',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'The `sve` CPU feature is disabled or forbidden while SVE vector lengths (`sve128`, `sve256`, …) are given.',
      why: 'The QEMU driver refuses the domain: vector lengths configure SVE, so they need it enabled.',
      example: {
        bad: domainXml({ arch: 'aarch64', body: ["<cpu mode='host-passthrough'>", "  <feature policy='disable' name='sve'/>", "  <feature policy='require' name='sve128'/>", '</cpu>'] }),
        good: domainXml({ arch: 'aarch64', body: ["<cpu mode='host-passthrough'>", "  <feature policy='require' name='sve'/>", "  <feature policy='require' name='sve128'/>", '</cpu>'] }),
        config: { arch: 'aarch64' },
      },
      libvirtMessage: 'unsupported configuration: SVE disabled, but SVE vector lengths provided',
      libvirtSource: 'src/qemu/qemu_postparse.c, qemuDomainDefCPUPostParse',
    },
  },
  check(ctx) {
    const features = ctx.model.cpu?.feature ?? [];
    if (!isQemuDomain(ctx.platform)) return;
    const lengths = features.filter((f) => typeof f.name === 'string' && f.name !== 'sve' && f.name.startsWith('sve'));
    if (lengths.length === 0) return;
    // libvirt keeps the last <feature name='sve'> when it is given more than once.
    const sve = [...features].reverse().find((f) => f.name === 'sve');
    if (sve === undefined || (sve.policy !== 'disable' && sve.policy !== 'forbid')) return;
    ctx.report({
      node: sve,
      attribute: 'policy',
      message: `SVE is ${sve.policy === 'disable' ? 'disabled' : 'forbidden'} but vector lengths (${lengths.map((f) => f.name).join(', ')}) are given: require sve, or drop the vector lengths`,
      related: [{ node: lengths[0]!, message: 'SVE vector length' }],
    });
  },
};

export const cpuNeedsModel: DocumentRule<'domain'> = {
  meta: {
    id: 'cpu-needs-model',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A custom `<cpu>` without `<model>` lists `<feature>`s, a `<vendor>` or a `check` mode.",
      why: "libvirt refuses to define the domain: features, vendor and check refine a named CPU model; a custom CPU without one only describes topology or NUMA.",
      example: {
        bad: domainXml({ body: ['<cpu>', "  <feature policy='require' name='vmx'/>", '</cpu>'] }),
        good: domainXml({ body: ["<cpu mode='custom' match='exact'>", "  <model fallback='allow'>Skylake-Client</model>", "  <feature policy='require' name='vmx'/>", '</cpu>'] }),
      },
      libvirtMessage: 'XML error: Non-empty feature list specified without CPU model',
      libvirtSource: 'src/conf/cpu_conf.c, virCPUDefParseXML; src/conf/domain_postparse.c, virDomainDefPostParseCPU',
    },
  },
  check(ctx) {
    const cpu = ctx.model.cpu;
    if (cpu === undefined || (cpu.mode ?? 'custom') !== 'custom') return;
    const model = cpu.model?.$value;
    if (model !== undefined && model !== '') return;
    const first = cpu.feature?.[0];
    if (first !== undefined) {
      ctx.report({ node: first, message: 'CPU features need a CPU model to refine: add <model> to this custom CPU, or use a host-model or host-passthrough CPU' });
    } else if (cpu.vendor !== undefined && cpu.vendor !== '') {
      const el = ctx.document.root.children.find((c) => c.kind === 'element' && c.name === 'cpu');
      const vendor = el?.kind === 'element' ? el.children.find((c) => c.kind === 'element' && c.name === 'vendor') : undefined;
      ctx.report({ node: vendor ?? cpu, message: 'a CPU vendor needs a CPU model: add <model>, or remove <vendor>' });
    } else if (cpu.check !== undefined) {
      ctx.report({ node: cpu, attribute: 'check', message: 'check compares a CPU model with the host, and this custom CPU has none: add <model>, or remove check' });
    }
  },
};

export const cpuFeatureDuplicate: DocumentRule<'domain'> = {
  meta: {
    id: 'cpu-feature-duplicate',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A CPU `<feature>` is named twice.',
      why: 'libvirt refuses to define the domain: each CPU feature takes one policy.',
      example: {
        bad: domainXml({ body: ["<cpu mode='host-model'>", "  <feature policy='require' name='vmx'/>", "  <feature policy='disable' name='vmx'/>", '</cpu>'] }),
        good: domainXml({ body: ["<cpu mode='host-model'>", "  <feature policy='disable' name='vmx'/>", '</cpu>'] }),
      },
      libvirtMessage: "XML error: CPU feature 'vmx' specified more than once",
      libvirtSource: 'src/conf/cpu_conf.c, virCPUDefParseXML',
    },
  },
  check(ctx) {
    const seen = new Map<string, object>();
    for (const f of ctx.model.cpu?.feature ?? []) {
      if (typeof f.name !== 'string') continue;
      const first = seen.get(f.name);
      if (first !== undefined) {
        ctx.report({ node: f, attribute: 'name', message: `CPU feature '${f.name}' is already listed (line ${ctx.locate({ node: first }).line}): keep one <feature> with the policy you want`, related: [{ node: first, message: 'first listing' }] });
        continue;
      }
      seen.set(f.name, f);
    }
  },
};

export const cpuMigratableMode: DocumentRule<'domain'> = {
  meta: {
    id: 'cpu-migratable-mode',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<cpu migratable>` is set on a CPU whose mode is not host-passthrough or maximum.",
      why: "libvirt refuses to define the domain: `migratable` says whether a host-passthrough or maximum CPU hides the host features that block migration; other modes are migratable by construction.",
      example: {
        bad: domainXml({ body: ["<cpu mode='host-model' migratable='on'/>"] }),
        good: domainXml({ body: ["<cpu mode='host-passthrough' migratable='on'/>"] }),
      },
      libvirtMessage: "unsupported configuration: Attribute migratable is only allowed for 'host-passthrough' / 'maximum' CPU mode",
      libvirtSource: 'src/conf/cpu_conf.c, virCPUDefParseXML',
    },
  },
  check(ctx) {
    const cpu = ctx.model.cpu;
    if (cpu?.migratable === undefined) return;
    const mode = cpu.mode ?? 'custom';
    if (mode === 'host-passthrough' || mode === 'maximum') return;
    ctx.report({ node: cpu, attribute: 'migratable', message: `migratable applies to host-passthrough and maximum CPUs only, not mode '${mode}': remove it` });
  },
};

export const CPU_RULES = [cpuCacheMode, cpuMaxphysaddr, cpuSveDisabled, cpuNeedsModel, cpuFeatureDuplicate, cpuMigratableMode] as const;
