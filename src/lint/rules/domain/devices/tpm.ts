/**
 * TPM devices: how many a domain may have, and which TPM versions, models and backends go
 * together.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule, RuleContext } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, child, devices, isPPC64, isQemuDomain, isX86, lineOf } from './util.js';

/** The model the QEMU driver gives a TPM: the one written, else tpm-spapr on ppc64 and tpm-tis elsewhere. */
function tpmModel(ctx: RuleContext<'domain'>, tpm: XmlElement): string {
  return attr(tpm, 'model') ?? (isPPC64(ctx.platform.arch) ? 'tpm-spapr' : 'tpm-tis');
}

export const tpmMultiple: DocumentRule<'domain'> = {
  meta: {
    id: 'tpm-multiple',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'More than one TPM, or more than one TPM Proxy.',
      why: "libvirt's QEMU driver refuses the domain: a guest has one TPM, plus on pSeries at most one 'spapr-tpm-proxy' that forwards to the host's TPM.",
      example: {
        config: { arch: 'ppc64' },
        bad: domainXml({ arch: 'ppc64', devices: ["<tpm model='tpm-spapr'>", "  <backend type='emulator' version='2.0'/>", '</tpm>', "<tpm model='tpm-spapr'>", "  <backend type='emulator' version='2.0'/>", '</tpm>'] }),
        good: domainXml({ arch: 'ppc64', devices: ["<tpm model='tpm-spapr'>", "  <backend type='emulator' version='2.0'/>", '</tpm>', "<tpm model='spapr-tpm-proxy'>", "  <backend type='passthrough'>", "    <device path='/dev/tpmrm0'/>", '  </backend>', '</tpm>'] }),
      },
      libvirtMessage: 'unsupported configuration: only a single TPM non-proxy device is supported',
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefTPMs',
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    let proxy: XmlElement | undefined;
    let regular: XmlElement | undefined;
    for (const tpm of devices(ctx, 'tpm')) {
      const isProxy = tpmModel(ctx, tpm) === 'spapr-tpm-proxy';
      const first = isProxy ? proxy : regular;
      if (first === undefined) {
        if (isProxy) proxy = tpm;
        else regular = tpm;
        continue;
      }
      ctx.report({
        node: tpm,
        message: isProxy
          ? `the domain already has a TPM Proxy (line ${lineOf(ctx, first)}), and only one is supported: remove this one`
          : `the domain already has a TPM (line ${lineOf(ctx, first)}), and only one is supported besides a TPM Proxy: remove this one`,
        related: [{ node: first, message: isProxy ? 'first TPM Proxy' : 'first TPM' }],
      });
    }
  },
};

export const tpmModelVersion: DocumentRule<'domain'> = {
  meta: {
    id: 'tpm-model-version',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A TPM whose version, model and backend do not go together: TPM 1.2 other than tpm-tis on x86, PCR banks or a profile on TPM 1.2, a TPM Proxy without passthrough.',
      why: "libvirt refuses the domain: only the tpm-tis model on x86 emulates TPM 1.2 (every other model and architecture needs TPM 2.0), `<active_pcr_banks>` and `<profile>` exist in TPM 2.0 only, and the pSeries TPM Proxy forwards to a host TPM device.",
      example: {
        config: { arch: 'aarch64' },
        bad: domainXml({ arch: 'aarch64', devices: ["<tpm model='tpm-tis'>", "  <backend type='emulator' version='1.2'/>", '</tpm>'] }),
        good: domainXml({ arch: 'aarch64', devices: ["<tpm model='tpm-tis'>", "  <backend type='emulator' version='2.0'/>", '</tpm>'] }),
      },
      libvirtMessage: "unsupported configuration: TPM 1.2 is not supported on architecture 'aarch64'",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefTPM; src/conf/domain_validate.c, virDomainTPMDevValidate; src/qemu/qemu_postparse.c, qemuDomainTPMDefPostParse',
      limits: 'Whether the host\'s swtpm provides the TPM version is a host matter and not checked.',
    },
  },
  check(ctx) {
    const qemu = isQemuDomain(ctx.platform);
    const arch = ctx.platform.arch;
    for (const tpm of devices(ctx, 'tpm')) {
      const backend = child(tpm, 'backend');
      const backendType = attr(backend, 'type');
      if (backend === undefined || backendType === undefined) continue;
      const model = tpmModel(ctx, tpm);
      if (qemu && isPPC64(arch) && model === 'spapr-tpm-proxy' && backendType !== 'passthrough') {
        ctx.report({ node: backend, attribute: 'type', message: "the TPM Proxy forwards to a host TPM: give it <backend type='passthrough'> with the host device, or use model='tpm-spapr' for an emulated TPM" });
        continue;
      }
      if (backendType !== 'emulator') continue;
      const written = attr(backend, 'version');
      const version = written ?? (qemu ? (model === 'tpm-tis' && isX86(arch) ? '1.2' : '2.0') : undefined);
      if (qemu && written === '1.2' && model !== 'tpm-tis') {
        ctx.report({ node: backend, attribute: 'version', message: `TPM 1.2 is emulated by the tpm-tis model only, not '${model}': use version='2.0'` });
        continue;
      }
      if (qemu && written === '1.2' && !isX86(arch)) {
        ctx.report({ node: backend, attribute: 'version', message: `TPM 1.2 exists on x86 only, and this guest is ${arch}: use version='2.0'` });
        continue;
      }
      if (version === undefined || version === '2.0') continue;
      for (const name of ['active_pcr_banks', 'profile']) {
        const el = child(backend, name);
        if (el === undefined) continue;
        ctx.report({
          node: el,
          message: `<${name}> exists in TPM 2.0 only, and this TPM is version ${version}${written === undefined ? ' (the default of a tpm-tis TPM on x86)' : ''}: set version='2.0' on <backend>`,
        });
      }
    }
  },
};

export const TPM_RULES = [tpmMultiple, tpmModelVersion];
