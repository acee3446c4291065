/**
 * `<features>` that belong to one architecture or machine type, SMM's TSEG, and the PS/2
 * controller (`<ps2 state='off'/>`) against what needs it.
 */
import type { DocumentRule, RuleContext } from '../../../types.js';
import { toBytes, toKiB } from '../../units.js';
import { domainXml } from './examples.js';
import { isPPC64Arch, isQemuDomain, isX86Arch, machineIs, machineName } from './util.js';

type Ctx = RuleContext<'domain'>;

interface Misplaced {
  readonly node: object;
  readonly attribute?: string;
  readonly message: string;
}

function where(ctx: Ctx): string {
  return `architecture '${ctx.platform.arch}', machine type '${machineName(ctx.platform)}'`;
}

/** The features the QEMU driver refuses on the guest's platform (qemu_validate.c, qemuValidateDomainDefFeatures). */
function misplacedFeatures(ctx: Ctx): Misplaced[] {
  const f = ctx.model.features;
  if (f === undefined) return [];
  const out: Misplaced[] = [];
  const p = ctx.platform;
  const x86 = isX86Arch(p.arch);
  const armVirt = machineIs(p, 'arm-virt');
  const pseries = machineIs(p, 'pseries');

  if (f.gic !== undefined && armVirt === false) {
    out.push({ node: f.gic, message: `the GIC is the interrupt controller of ARM 'virt' machines; ${where(ctx)} has none: remove <gic/>` });
  }
  if (pseries === false) {
    const hpt = f.hpt;
    if (hpt !== undefined && (hpt.resizing !== undefined || (toKiB(hpt.maxpagesize?.$value, hpt.maxpagesize?.unit) ?? 0n) > 0n)) {
      out.push({ node: hpt, message: `<hpt> is a pSeries feature, not supported for ${where(ctx)}: remove it` });
    }
    for (const name of ['htm', 'nested-hv', 'ccf-assist', 'cfpc', 'sbbc', 'ibs'] as const) {
      const el = f[name] as ({ state?: string; value?: string } & object) | undefined;
      if (el === undefined || (el.state === undefined && el.value === undefined)) continue;
      out.push({ node: el, message: `<${name}> is a pSeries feature, not supported for ${where(ctx)}: remove it` });
    }
  }
  if (!x86) {
    if (f.ioapic !== undefined && f.ioapic.driver !== undefined) {
      out.push({ node: f.ioapic, message: `<ioapic> is an x86 feature, not supported for ${where(ctx)}: remove it` });
    }
    if (f.pvspinlock !== undefined) {
      out.push({ node: f.pvspinlock, message: `<pvspinlock> is an x86 feature, not supported for ${where(ctx)}: remove it` });
    }
    if (f.apic?.eoi !== undefined) {
      out.push({ node: f.apic, attribute: 'eoi', message: `the eoi attribute of <apic> is x86-only, not supported for ${where(ctx)}: remove it` });
    }
    if (f.hyperv !== undefined && armVirt === false) {
      out.push({ node: f.hyperv, message: `Hyper-V enlightenments need an x86 guest or an ARM 'virt' machine, not ${where(ctx)}: remove <hyperv>` });
    }
  }
  if (f.pmu?.state === 'off' && isPPC64Arch(p.arch)) {
    out.push({ node: f.pmu, attribute: 'state', message: `the PMU is always enabled on ${p.arch}: remove <pmu state='off'/>` });
  }
  if (f.ras !== undefined && armVirt === false) {
    out.push({ node: f.ras, message: `<ras> is supported with ARM 'virt' machines only, not ${where(ctx)}: remove it` });
  }
  if (f.aia !== undefined && machineIs(p, 'riscv-virt') === false) {
    out.push({ node: f.aia, message: `<aia> is supported with RISC-V 'virt' machines only, not ${where(ctx)}: remove it` });
  }
  const tb = f.tcg?.['tb-cache'];
  const tbKiB = tb === undefined ? undefined : toKiB(tb.$value, tb.unit);
  if (tb !== undefined && tbKiB !== undefined && tbKiB > 0n) {
    if (p.virtType !== 'qemu') {
      out.push({ node: f.tcg!, message: `TCG features apply to domain type 'qemu' only, not '${p.virtType}': remove <tcg>, or use type='qemu'` });
    } else if (tbKiB % 1024n !== 0n) {
      out.push({ node: tb, message: `the translation block cache must be a whole number of MiB, not ${tbKiB} KiB` });
    }
  }
  return out;
}

export const featureUnsupportedPlatform: DocumentRule<'domain'> = {
  meta: {
    id: 'feature-unsupported-platform',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `<features>` entry belongs to another architecture or machine type (`<gic>` off ARM 'virt', pSeries features off pSeries, x86 features elsewhere, …).",
      why: "The QEMU driver refuses the domain: features such as `<gic>`, `<hpt>`, `<htm>`, `<ioapic>`, `<pvspinlock>`, `<hyperv>`, `<ras>` or `<aia>` exist only on the platforms whose hardware they describe.",
      example: {
        bad: domainXml({ machine: 'pc', body: ['<features>', '  <acpi/>', "  <hpt resizing='enabled'/>", '</features>'] }),
        good: domainXml({ machine: 'pc', body: ['<features>', '  <acpi/>', '</features>'] }),
      },
      libvirtMessage: "unsupported configuration: The 'hpt' feature is not supported for architecture 'x86_64' or machine type 'pc'",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefFeatures',
      limits: 'A document without `os/type@machine` leaves the machine to QEMU; checks that depend on the machine type are then skipped.',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    for (const m of misplacedFeatures(ctx)) ctx.report(m);
  },
};

export const smmTseg: DocumentRule<'domain'> = {
  meta: {
    id: 'smm-tseg',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<smm><tseg>` is set on a machine other than q35, or is not a whole number of MiB.",
      why: 'The QEMU driver refuses the domain: the extended TSEG (the SMM memory) is a property of the q35 chipset and QEMU sizes it in MiB.',
      example: {
        bad: domainXml({ body: ['<features>', "  <smm state='on'>", "    <tseg unit='KiB'>12345</tseg>", '  </smm>', '</features>'] }),
        good: domainXml({ body: ['<features>', "  <smm state='on'>", "    <tseg unit='MiB'>48</tseg>", '  </smm>', '</features>'] }),
      },
      libvirtMessage: 'unsupported configuration: SMM TSEG size must be divisible by 1 MiB',
      libvirtSource: 'src/qemu/qemu_postparse.c, qemuDomainDefTsegPostParse',
    },
  },
  check(ctx) {
    const smm = ctx.model.features?.smm;
    const tseg = smm?.tseg;
    if (!isQemuDomain(ctx.platform) || smm === undefined || smm.state === 'off' || tseg === undefined) return;
    const q35 = machineIs(ctx.platform, 'q35');
    if (q35 === false) {
      ctx.report({ node: tseg, message: `a TSEG size is supported with q35 machine types only, not '${machineName(ctx.platform)}': remove <tseg> or use q35` });
      return;
    }
    const bytes = toBytes(tseg.$value, tseg.unit, 'MiB');
    if (bytes !== undefined && bytes % (1024n * 1024n) !== 0n) {
      ctx.report({ node: tseg, message: `the TSEG size (${bytes} bytes) must be a whole number of MiB: round it to MiB` });
    }
  },
};

export const ps2Disabled: DocumentRule<'domain'> = {
  meta: {
    id: 'ps2-disabled-conflict',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<ps2 state='off'/>` is set while PS/2 input devices or `<vmport state='on'/>` need the PS/2 controller.",
      why: 'libvirt refuses the domain: PS/2 mice and keyboards sit on the i8042 controller that `<ps2 state=\'off\'/>` removes, and VMware\'s vmport device extends that controller.',
      example: {
        bad: domainXml({ body: ['<features>', "  <ps2 state='off'/>", '</features>'], devices: ["<input type='keyboard' bus='ps2'/>"] }),
        good: domainXml({ body: ['<features>', "  <ps2 state='off'/>", '</features>'], devices: ["<input type='keyboard' bus='virtio'/>"] }),
      },
      libvirtMessage: 'unsupported configuration: ps2 bus inputs require the ps2 feature not to be disabled',
      libvirtSource: 'src/conf/domain_validate.c, virDomainInputDefValidate; src/qemu/qemu_validate.c, qemuValidateDomainDefFeatures (vmport)',
    },
  },
  check(ctx) {
    const f = ctx.model.features;
    if (f?.ps2?.state !== 'off') return;
    const related = [{ node: f.ps2, attribute: 'state', message: 'PS/2 controller disabled' }];
    for (const input of ctx.model.devices?.input ?? []) {
      if ((input as { bus?: string }).bus !== 'ps2') continue;
      ctx.report({ node: input, attribute: 'bus', message: "PS/2 inputs need the PS/2 controller, which <ps2 state='off'/> removes: use bus='usb' or 'virtio', or enable ps2", related });
    }
    const vmport = f.vmport;
    if (isQemuDomain(ctx.platform) && vmport !== undefined && (vmport.state ?? 'on') === 'on') {
      ctx.report({ node: vmport, message: "vmport extends the PS/2 controller, which <ps2 state='off'/> removes: turn vmport off, or enable ps2", related });
    }
  },
};

export const FEATURE_RULES = [featureUnsupportedPlatform, smmTseg, ps2Disabled] as const;
