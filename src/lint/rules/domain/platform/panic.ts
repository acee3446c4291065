/**
 * `<panic>` devices: the model the guest's platform has, and the addresses each model takes.
 */
import type { DomainPanic } from '../../../../model/generated/types/domaincommon.js';
import type { DocumentRule, GuestPlatform } from '../../../types.js';
import { domainXml } from './examples.js';
import { isQemuDomain, isS390Arch, isX86Arch, machineIs, machineName } from './util.js';

type Model = NonNullable<DomainPanic['model']>;

/** The model the QEMU driver picks when `<panic>` names none; undefined when it cannot be told, null when there is none. */
function defaultModel(p: GuestPlatform): Model | null | undefined {
  const pseries = machineIs(p, 'pseries');
  if (pseries === true) return 'pseries';
  if (pseries === undefined) return undefined;
  if (isS390Arch(p.arch)) return 's390';
  if (isX86Arch(p.arch)) return 'isa';
  const armVirt = machineIs(p, 'arm-virt');
  if (armVirt === true) return 'pvpanic';
  if (armVirt === undefined) return undefined;
  return null;
}

export const panicModelPlatform: DocumentRule<'domain'> = {
  meta: {
    id: 'panic-model-platform',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "A `<panic>` device has a model the guest's platform lacks (or none where the platform has no default), or an address its model does not take.",
      why: "The QEMU driver refuses the domain: 's390' panic is for s390 guests, 'pseries' for pSeries, 'hyperv' for x86, each built into the platform and without an address; 'isa' takes an ISA address only and 'pvpanic' a PCI one; a platform with no default (e.g. RISC-V) needs the model named.",
      example: {
        bad: domainXml({ arch: 'ppc64', devices: ['<panic>', "  <address type='isa' iobase='0x505'/>", '</panic>'] }),
        good: domainXml({ arch: 'ppc64', devices: ["<panic model='pseries'/>"] }),
        config: { arch: 'ppc64' },
      },
      libvirtMessage: "unsupported configuration: setting the panic device address is not supported for model 'pseries'",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefPanic; src/qemu/qemu_domain.c, qemuDomainDefaultPanicModel',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const p = ctx.platform;
    for (const panic of ctx.model.devices?.panic ?? []) {
      const model = panic.model ?? defaultModel(p);
      if (model === undefined) continue;
      const at = panic.model !== undefined ? { node: panic, attribute: 'model' } : { node: panic };
      const addr = panic.address;
      const noAddress = (m: string) => {
        if (addr !== undefined) {
          ctx.report({ node: addr, message: `a panic device of model '${m}' is built into the platform and takes no address: remove <address>` });
        }
      };
      switch (model) {
        case null:
          ctx.report({ ...at, message: `there is no default panic model for architecture '${p.arch}' and machine type '${machineName(p)}': name one, e.g. model='pvpanic'` });
          break;
        case 's390':
          if (!isS390Arch(p.arch)) ctx.report({ ...at, message: `panic model 's390' is for s390 guests only, not ${p.arch}` });
          else noAddress(model);
          break;
        case 'hyperv':
          if (!isX86Arch(p.arch)) ctx.report({ ...at, message: `panic model 'hyperv' is for x86 guests only, not ${p.arch}` });
          else noAddress(model);
          break;
        case 'pseries': {
          const pseries = machineIs(p, 'pseries');
          if (pseries === false) ctx.report({ ...at, message: `panic model 'pseries' is for pSeries guests only, not ${p.arch} '${machineName(p)}'` });
          else if (pseries === true) noAddress(model);
          break;
        }
        case 'isa':
          if (addr !== undefined && addr.type !== 'isa') ctx.report({ node: addr, attribute: 'type', message: `panic model 'isa' takes an ISA address only, not '${addr.type}': use type='isa' or remove <address>` });
          break;
        case 'pvpanic':
          if (addr !== undefined && addr.type !== 'pci') ctx.report({ node: addr, attribute: 'type', message: `panic model 'pvpanic' is a PCI device and takes a PCI address only, not '${addr.type}': use type='pci' or remove <address>` });
          break;
      }
    }
  },
};

export const PANIC_RULES = [panicModelPlatform] as const;
