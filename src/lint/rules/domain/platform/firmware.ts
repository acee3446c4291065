/**
 * Firmware: `<os firmware>` autoselection and its `<firmware><feature>`s, `<loader>` and `<nvram>`,
 * secure boot, and what UEFI and ACPI need of each other.
 */
import type { Domain } from '../../../../model/generated/types/domaincommon.js';
import type { XmlElement } from '../../../../xml/dom/types.js';
import { removeElement } from '../../../fix.js';
import type { DocumentRule } from '../../../types.js';
import { releasesOf } from '../../hygiene/releases.js';
import { domainXml } from './examples.js';
import { checkedSince, childElement, isQemuDomain, isS390Arch, isX86Arch, machineIs, machineName } from './util.js';

const ACPI = ['<features>', '  <acpi/>', '</features>'];

/** The old style of UEFI: a `<loader type='pflash'>` without autoselection. */
function hasPflashLoader(d: Domain): boolean {
  return d.os?.loader?.type === 'pflash';
}

function usesUefi(d: Domain): boolean {
  return d.os?.firmware === 'efi' || hasPflashLoader(d);
}

/** The element libvirt's loader definition comes from: `<loader>`, else `<nvram>` (which alone creates one). */
function loaderNode(d: Domain): object | undefined {
  return d.os?.loader ?? d.os?.nvram;
}

export const firmwareFeaturesWithoutAutoselection: DocumentRule<'domain'> = {
  meta: {
    id: 'firmware-features-without-autoselection',
    legacy: releasesOf('firmware-features-without-autoselection'),
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    fixable: true,
    docs: {
      summary: '`<os><firmware><feature>` is given but `<os firmware>` is not set.',
      why: "libvirt refuses to define the domain: the features only steer firmware autoselection, which `<os firmware='efi'>` (or 'bios') turns on. The migratable XML of libvirt 8.6.0 to 9.1.0 carried such features without `firmware`, and libvirt ignores them in a configuration it already stored. The fix removes `<firmware>`, which keeps the firmware the rest of the document gives (its `<loader>`, else the hypervisor's default); turning autoselection on instead (`<os firmware='efi'>`, without an explicit loader path) lets libvirt choose another firmware, so it is left to you.",
      example: {
        bad: domainXml({ os: ['<firmware>', "  <feature enabled='yes' name='secure-boot'/>", '</firmware>'], body: ACPI }),
        good: domainXml({ osAttributes: " firmware='efi'", os: ['<firmware>', "  <feature enabled='yes' name='secure-boot'/>", '</firmware>'], body: ACPI }),
      },
      libvirtMessage: 'cannot use feature-based firmware autoselection when firmware autoselection is disabled',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefOSValidate; src/conf/domain_conf.c, virDomainDefParseBootFirmwareOptions (ignored in a stored configuration)',
    },
  },
  check(ctx) {
    const os = ctx.model.os;
    const fw = os?.firmwareElement;
    if (os === undefined || fw === undefined || os.firmware !== undefined || os.type?.$value !== 'hvm') return;
    if ((fw.feature ?? []).length === 0) return;
    const el = childElement(os, 'firmware');
    ctx.report({
      node: fw,
      message: "<firmware><feature> needs firmware autoselection: set <os firmware='efi'> (and drop an explicit <loader> path), or remove <firmware>",
      ...(el !== undefined ? { fix: { description: 'remove <firmware>, whose features libvirt ignores without <os firmware>', edits: [removeElement(ctx.document, el)] } } : {}),
    });
  },
};

export const firmwareEnrolledKeysWithoutSecureBoot: DocumentRule<'domain'> = {
  meta: {
    id: 'firmware-enrolled-keys-without-secure-boot',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "Firmware feature `enrolled-keys` is enabled while `secure-boot` is disabled.",
      why: 'libvirt refuses to define the domain: enrolled keys only matter to a firmware that enforces secure boot.',
      example: {
        bad: domainXml({ osAttributes: " firmware='efi'", os: ['<firmware>', "  <feature enabled='yes' name='enrolled-keys'/>", "  <feature enabled='no' name='secure-boot'/>", '</firmware>'], body: ACPI }),
        good: domainXml({ osAttributes: " firmware='efi'", os: ['<firmware>', "  <feature enabled='yes' name='enrolled-keys'/>", "  <feature enabled='yes' name='secure-boot'/>", '</firmware>'], body: ACPI }),
      },
      libvirtMessage: "firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled",
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefOSValidate',
    },
  },
  check(ctx) {
    const os = ctx.model.os;
    if (os?.firmware === undefined) return;
    const features = os.firmwareElement?.feature ?? [];
    // A feature named twice: the last one counts.
    const last = (name: string) => [...features].reverse().find((f) => f.name === name);
    const keys = last('enrolled-keys');
    const secure = last('secure-boot');
    if (keys?.enabled !== 'yes' || secure?.enabled !== 'no') return;
    ctx.report({
      node: keys,
      attribute: 'enabled',
      message: "enrolled-keys cannot be enabled while secure-boot is disabled: enable secure-boot, or disable enrolled-keys",
      related: [{ node: secure, attribute: 'enabled', message: 'secure-boot disabled' }],
    });
  },
};

export const loaderPathMissing: DocumentRule<'domain'> = {
  meta: {
    id: 'loader-path-missing',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<loader>` (or an `<nvram>`, which implies one) has no firmware path and firmware autoselection is off.',
      why: "libvirt refuses to define the domain: without `<os firmware>` it does not pick a firmware itself, so the loader needs its path.",
      example: {
        bad: domainXml({ os: ["<loader readonly='yes' type='pflash'/>"], body: ACPI }),
        good: domainXml({ osAttributes: " firmware='efi'", body: ACPI }),
      },
      libvirtMessage: 'no loader path specified and firmware auto selection disabled',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefOSValidate',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const os = d.os;
    if (os === undefined || os.firmware !== undefined || os.type?.$value === 'exe' || os.type?.$value === 'linux') return;
    const node = loaderNode(d);
    if (node === undefined) return;
    if (os.loader !== undefined && (os.loader.$value ?? '') !== '') return;
    if (os.loader === undefined && os.type?.$value !== 'hvm' && os.type?.$value !== 'xen' && os.type?.$value !== 'xenpvh') return;
    ctx.report({
      node,
      message: os.loader === undefined
        ? "<nvram> implies a firmware loader, and without <os firmware> its path must be given: add <loader type='pflash'>/path/to/CODE.fd</loader> or set <os firmware='efi'>"
        : "this <loader> has no path and firmware autoselection is off: give the firmware's path as its text, or set <os firmware='efi'> to let libvirt pick one",
    });
  },
};

export const nvramNotPermitted: DocumentRule<'domain'> = {
  meta: {
    id: 'nvram-not-permitted',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "NVRAM is asked for where the firmware cannot have it: with BIOS, with a stateless loader, or with a non-pflash loader.",
      why: "libvirt refuses to define the domain: only an EFI firmware in a pflash loader keeps variables in NVRAM; `<nvram>` or `stateless='no'` with BIOS or a ROM loader, and `<nvram>` with `stateless='yes'`, contradict each other.",
      example: {
        bad: domainXml({ osAttributes: " firmware='efi'", os: ["<loader stateless='yes'/>", '<nvram>/var/lib/libvirt/qemu/nvram/demo_VARS.fd</nvram>'], body: ACPI }),
        good: domainXml({ osAttributes: " firmware='efi'", os: ["<loader stateless='yes'/>"], body: ACPI }),
      },
      libvirtMessage: 'NVRAM is not permitted when loader is stateless',
      libvirtSource: 'src/conf/domain_validate.c, virDomainDefOSValidate',
      limits: "`<nvram>` beside firmware='bios' is reported when a configured release is 9.0.0 or newer: 7.0.0 accepts it.",
    },
  },
  check(ctx) {
    const d = ctx.model;
    const os = d.os;
    if (os === undefined || loaderNode(d) === undefined) return;
    const loader = os.loader;
    const nvram = os.nvram;
    const fw = os.firmware;
    if (fw === undefined) {
      // Without autoselection a loader needs a path (loader-path-missing says so first).
      if (loader === undefined || (loader.$value ?? '') === '') return;
    }
    // libvirt 7.0.0 still took <nvram> beside firmware='bios'.
    if (fw !== undefined && fw !== 'efi' && nvram !== undefined && checkedSince(ctx.releases, '9.0.0')) {
      ctx.report({ node: nvram, message: `firmware type '${fw}' has no NVRAM: remove <nvram>, or use <os firmware='efi'>`, related: [{ node: os, message: 'firmware type' }] });
      return;
    }
    if (loader?.stateless === 'yes') {
      if (nvram?.template !== undefined) {
        ctx.report({ node: nvram, attribute: 'template', message: "a stateless loader keeps no variables, so it takes no NVRAM template: remove the template, or set stateless='no'", related: [{ node: loader, attribute: 'stateless', message: 'stateless loader' }] });
        return;
      }
      if (nvram !== undefined) {
        ctx.report({ node: nvram, message: "a stateless loader keeps no variables, so it takes no <nvram>: remove <nvram>, or set stateless='no'", related: [{ node: loader, attribute: 'stateless', message: 'stateless loader' }] });
      }
      return;
    }
    if (loader?.stateless === 'no') {
      if (fw === undefined) {
        // A loader with a path but no type is a ROM.
        if (loader.type !== 'pflash') {
          ctx.report({ node: loader, attribute: 'stateless', message: `stateless='no' asks for NVRAM, which only a pflash loader has (this one is ${loader.type ?? 'rom, the default'}): use type='pflash' with an EFI firmware, or drop stateless` });
        }
      } else if (fw !== 'efi') {
        ctx.report({ node: loader, attribute: 'stateless', message: `stateless='no' asks for NVRAM, which only EFI firmware has (firmware is '${fw}'): use <os firmware='efi'>, or drop stateless`, related: [{ node: os, message: 'firmware type' }] });
      }
    }
  },
};

export const secureBootRequirements: DocumentRule<'domain'> = {
  meta: {
    id: 'secure-boot-requirements',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: "`<loader secure='yes'>` is used off a q35 x86_64 machine, or without SMM when the firmware is given by hand.",
      why: "The QEMU driver refuses the domain: QEMU implements secure boot for q35 x86_64 guests only, and the firmware's variables are protected by SMM, which libvirt turns on itself only when it selects the firmware.",
      example: {
        bad: domainXml({ machine: 'pc', osAttributes: " firmware='efi'", os: ["<loader secure='yes'/>"], body: ACPI }),
        good: domainXml({ osAttributes: " firmware='efi'", os: ["<loader secure='yes'/>"], body: ACPI }),
      },
      libvirtMessage: 'unsupported configuration: Secure boot is supported with q35 machine types only',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefBoot',
    },
  },
  check(ctx) {
    const d = ctx.model;
    const loader = d.os?.loader;
    if (!isQemuDomain(ctx.platform) || loader?.secure !== 'yes') return;
    const q35 = machineIs(ctx.platform, 'q35');
    if (q35 === false) {
      ctx.report({ node: loader, attribute: 'secure', message: `secure boot needs a q35 machine type, not '${machineName(ctx.platform)}' on ${ctx.platform.arch}: use q35, or drop secure='yes'` });
      return;
    }
    if (ctx.platform.arch !== 'x86_64') {
      ctx.report({ node: loader, attribute: 'secure', message: `secure boot is supported for x86_64 guests only, not ${ctx.platform.arch}: drop secure='yes'` });
      return;
    }
    const smm = d.features?.smm as { state?: string } | undefined;
    if (d.os?.firmware === undefined && (smm === undefined || smm.state === 'off')) {
      ctx.report({
        node: loader,
        attribute: 'secure',
        message: "secure boot needs SMM, which libvirt turns on itself only with <os firmware='efi'>: add <smm state='on'/> to <features>",
        ...(smm !== undefined ? { related: [{ node: smm, message: 'SMM off' }] } : {}),
      });
    }
  },
};

export const uefiWithoutAcpi: DocumentRule<'domain'> = {
  meta: {
    id: 'uefi-without-acpi',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'An x86 guest boots UEFI but has no `<acpi/>` feature.',
      why: "The QEMU driver refuses the domain: on x86, UEFI firmware (`<os firmware='efi'>` or a pflash `<loader>`) needs ACPI.",
      example: {
        bad: domainXml({ osAttributes: " firmware='efi'" }),
        good: domainXml({ osAttributes: " firmware='efi'", body: ACPI }),
      },
      libvirtMessage: 'unsupported configuration: UEFI requires ACPI on this architecture',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDef',
    },
  },
  check(ctx) {
    const d = ctx.model;
    if (!isQemuDomain(ctx.platform) || !isX86Arch(ctx.platform.arch) || !usesUefi(d) || d.features?.acpi === true) return;
    const node = d.os?.firmware === 'efi' ? d.os : d.os!.loader!;
    ctx.report({
      node,
      ...(d.os?.firmware === 'efi' ? { attribute: 'firmware' } : {}),
      message: 'UEFI on x86 needs ACPI: add <acpi/> to <features>',
      ...(d.features !== undefined ? { related: [{ node: d.features, message: 'features without <acpi/>' }] } : {}),
    });
  },
};

export const acpiWithoutUefi: DocumentRule<'domain'> = {
  meta: {
    id: 'acpi-without-uefi',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'An aarch64 guest has the `<acpi/>` feature but does not boot UEFI.',
      why: "The QEMU driver refuses the domain: on aarch64, ACPI tables reach the guest only through UEFI firmware (`<os firmware='efi'>` or a pflash `<loader>`).",
      example: {
        bad: domainXml({ arch: 'aarch64', body: ACPI }),
        good: domainXml({ arch: 'aarch64', osAttributes: " firmware='efi'", body: ACPI }),
        config: { arch: 'aarch64' },
      },
      libvirtMessage: 'unsupported configuration: ACPI requires UEFI on this architecture',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDef',
    },
  },
  check(ctx) {
    const d = ctx.model;
    if (!isQemuDomain(ctx.platform) || ctx.platform.arch !== 'aarch64' || d.features?.acpi !== true || usesUefi(d)) return;
    const acpi = ctx.document.root.children.find((c) => c.kind === 'element' && c.name === 'features');
    const el = acpi?.kind === 'element' ? acpi.children.find((c) => c.kind === 'element' && c.name === 'acpi') : undefined;
    ctx.report({
      node: el ?? d.features!,
      message: "ACPI on aarch64 needs UEFI firmware: set <os firmware='efi'> (or a pflash <loader>), or remove <acpi/>",
    });
  },
};

/** `<acpi/>` of `<features>`, or `<features>` itself when nothing but `<acpi/>` and blank text is in it. */
function acpiRemoval(features: XmlElement, acpi: XmlElement): XmlElement {
  const alone = features.children.every((c) => c === acpi || (c.kind === 'text' && c.value.trim() === ''));
  return alone ? features : acpi;
}

export const acpiUnsupportedArch: DocumentRule<'domain'> = {
  meta: {
    id: 'acpi-unsupported-arch',
    legacy: releasesOf('acpi-unsupported-arch'),
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    fixable: true,
    docs: {
      summary: 'An s390 guest has the `<acpi/>` feature.',
      why: 'The QEMU driver refuses to define the domain: no s390 machine type has ACPI (libvirt only drops `<acpi/>` silently from configurations it already stored). Since the feature never did anything on s390, the fix removes it (and `<features>` when nothing else is in it), as libvirt does with a stored configuration.',
      example: {
        bad: domainXml({ arch: 's390x', body: ACPI }),
        good: domainXml({ arch: 's390x' }),
        config: { arch: 's390x' },
      },
      libvirtMessage: "unsupported configuration: machine type 's390-ccw-virtio' does not support ACPI",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDef; src/qemu/qemu_postparse.c, qemuDomainDefACPIPostParse',
      limits: "Other machine types without ACPI are known only to QEMU's capabilities; the rule covers s390, which never has it. Reported when a configured release is newer than 9.0.0, which lets `<acpi/>` pass unused on s390.",
    },
  },
  check(ctx) {
    const d = ctx.model;
    if (!isQemuDomain(ctx.platform) || !isS390Arch(ctx.platform.arch) || d.features?.acpi !== true || !checkedSince(ctx.releases, '11.3.0')) return;
    const features = ctx.document.root.children.find((c): c is XmlElement => c.kind === 'element' && c.name === 'features');
    const el = features?.children.find((c): c is XmlElement => c.kind === 'element' && c.name === 'acpi');
    ctx.report({
      node: el ?? d.features!,
      message: `machine type '${machineName(ctx.platform)}' has no ACPI: remove <acpi/>`,
      ...(features !== undefined && el !== undefined ? { fix: { description: 'remove <acpi/>, which s390 never had', edits: [removeElement(ctx.document, acpiRemoval(features, el))] } } : {}),
    });
  },
};

export const FIRMWARE_RULES = [
  firmwareFeaturesWithoutAutoselection,
  firmwareEnrolledKeysWithoutSecureBoot,
  loaderPathMissing,
  nvramNotPermitted,
  secureBootRequirements,
  uefiWithoutAcpi,
  acpiWithoutUefi,
  acpiUnsupportedArch,
] as const;
