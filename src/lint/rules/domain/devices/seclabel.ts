/**
 * Security labels: the domain's `<seclabel>` elements (one per security model, each naming its
 * model when there are several) and the per-device overrides inside disk and character device
 * sources.
 */
import type { XmlElement } from '../../../../xml/dom/types.js';
import type { DocumentRule, RuleContext } from '../../../types.js';
import { domainXml } from './examples.js';
import { attr, child, children, devices, lineOf } from './util.js';

/** The `<source>` elements that may hold per-device `<seclabel>` overrides: disks (and their backing stores) and character devices. */
function labelledSources(ctx: RuleContext<'domain'>): XmlElement[] {
  const out: XmlElement[] = [];
  for (const disk of devices(ctx, 'disk')) {
    let owner: XmlElement | undefined = disk;
    while (owner !== undefined) {
      const source = child(owner, 'source');
      if (source !== undefined) out.push(source);
      owner = child(owner, 'backingStore');
    }
  }
  for (const name of ['serial', 'console', 'parallel', 'channel']) {
    for (const chr of devices(ctx, name)) {
      const source = child(chr, 'source');
      if (source !== undefined) out.push(source);
    }
  }
  return out;
}

export const seclabelModelMissing: DocumentRule<'domain'> = {
  meta: {
    id: 'seclabel-model-missing',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A domain with several `<seclabel>` elements has one without a `model`.',
      why: 'libvirt refuses to define the domain: with more than one security label it cannot tell which security driver (selinux, apparmor, dac) an unnamed label belongs to.',
      example: {
        bad: domainXml({ body: ["<seclabel type='none'/>", "<seclabel type='dynamic' model='dac' relabel='yes'/>"], devices: [] }),
        good: domainXml({ body: ["<seclabel type='none' model='selinux'/>", "<seclabel type='dynamic' model='dac' relabel='yes'/>"], devices: [] }),
      },
      libvirtMessage: 'XML error: missing security model when using multiple labels',
      libvirtSource: 'src/conf/domain_conf.c, virSecurityLabelDefsParseXML',
    },
  },
  check(ctx) {
    const labels = children(ctx.document.root, 'seclabel');
    if (labels.length < 2) return;
    const unnamed = labels.filter((l) => attr(l, 'model') === undefined);
    // Two unnamed labels are reported as duplicates by seclabel-duplicate-model.
    if (unnamed.length !== 1) return;
    ctx.report({ node: unnamed[0]!, message: `the domain has ${labels.length} security labels, so each must name its model: add model='selinux', 'apparmor' or 'dac'` });
  },
};

export const seclabelDuplicateModel: DocumentRule<'domain'> = {
  meta: {
    id: 'seclabel-duplicate-model',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'Two `<seclabel>` elements for the same security model, on the domain or on one device source.',
      why: 'libvirt refuses to define the domain: each security driver takes one label per domain and one override per device.',
      example: {
        bad: domainXml({ body: ["<seclabel type='static' model='selinux' relabel='yes'>", '  <label>system_u:system_r:svirt_t:s0:c192,c392</label>', '</seclabel>', "<seclabel type='static' model='selinux' relabel='yes'>", '  <label>system_u:system_r:svirt_t:s0:c192,c393</label>', '</seclabel>'], devices: [] }),
        good: domainXml({ body: ["<seclabel type='static' model='selinux' relabel='yes'>", '  <label>system_u:system_r:svirt_t:s0:c192,c392</label>', '</seclabel>'], devices: [] }),
      },
      libvirtMessage: 'seclabel for model selinux is already provided',
      libvirtSource: 'src/conf/domain_conf.c, virSecurityLabelDefsParseXML and virSecurityDeviceLabelDefParseXML',
    },
  },
  check(ctx) {
    const report = (label: XmlElement, first: XmlElement, model: string | undefined, where: string): void =>
      ctx.report({
        node: label,
        ...(model !== undefined ? { attribute: 'model' } : {}),
        message: `${where} already has a security label for ${model === undefined ? 'no named model' : `model '${model}'`} (line ${lineOf(ctx, first)}): keep one label per model`,
        related: [{ node: first, message: 'first label for this model' }],
      });
    // Domain labels: two without a model count as the same (unnamed) model.
    const seen = new Map<string | undefined, XmlElement>();
    for (const label of children(ctx.document.root, 'seclabel')) {
      const model = attr(label, 'model');
      const first = seen.get(model);
      if (first !== undefined) report(label, first, model, 'the domain');
      else seen.set(model, label);
    }
    // Device overrides: only named models are compared.
    for (const source of labelledSources(ctx)) {
      const byModel = new Map<string, XmlElement>();
      for (const label of children(source, 'seclabel')) {
        const model = attr(label, 'model');
        if (model === undefined) continue;
        const first = byModel.get(model);
        if (first !== undefined) report(label, first, model, 'this source');
        else byModel.set(model, label);
      }
    }
  },
};

/** Whether a domain label has relabelling on: `relabel` when written, else on for dynamic labels and off for static and none. */
function relabels(label: XmlElement): boolean {
  const relabel = attr(label, 'relabel');
  if (relabel !== undefined) return relabel === 'yes';
  const type = attr(label, 'type') ?? 'dynamic';
  return type === 'dynamic';
}

export const seclabelOverrideWithoutRelabel: DocumentRule<'domain'> = {
  meta: {
    id: 'seclabel-override-without-relabel',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A device `<seclabel>` overrides a security model whose domain label has relabelling off.',
      why: 'libvirt refuses to define the domain: a per-device label changes how libvirt relabels that device, which it does only when the domain\'s label for the model relabels at all (dynamic labels, or `relabel=\'yes\'`).',
      example: {
        bad: domainXml({
          body: ["<seclabel type='static' model='selinux' relabel='no'>", '  <label>system_u:system_r:svirt_t:s0:c192,c392</label>', '</seclabel>'],
          devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='qcow2'/>", "  <source file='/var/lib/libvirt/images/demo.qcow2'>", "    <seclabel model='selinux' relabel='no'/>", '  </source>', "  <target dev='vda' bus='virtio'/>", '</disk>'],
        }),
        good: domainXml({
          body: ["<seclabel type='static' model='selinux' relabel='yes'>", '  <label>system_u:system_r:svirt_t:s0:c192,c392</label>', '</seclabel>'],
          devices: ["<disk type='file' device='disk'>", "  <driver name='qemu' type='qcow2'/>", "  <source file='/var/lib/libvirt/images/demo.qcow2'>", "    <seclabel model='selinux' relabel='no'/>", '  </source>', "  <target dev='vda' bus='virtio'/>", '</disk>'],
        }),
      },
      libvirtMessage: 'unsupported configuration: label overrides require relabeling to be enabled at the domain level',
      libvirtSource: 'src/conf/domain_validate.c, virSecurityDeviceLabelDefValidate',
      limits: 'Only labels that name their model are compared; a label without a model takes the host\'s default security driver, which lint does not know.',
    },
  },
  check(ctx) {
    const domainLabels = children(ctx.document.root, 'seclabel');
    for (const source of labelledSources(ctx)) {
      for (const label of children(source, 'seclabel')) {
        const model = attr(label, 'model');
        if (model === undefined) continue;
        const owner = domainLabels.find((d) => attr(d, 'model') === model && !relabels(d));
        if (owner === undefined) continue;
        ctx.report({
          node: label,
          attribute: 'model',
          message: `the domain's '${model}' label does not relabel (line ${lineOf(ctx, owner)}), so a device cannot override it: remove this <seclabel>, or let the domain label relabel`,
          related: [{ node: owner, message: `domain label for '${model}'` }],
        });
      }
    }
  },
};

export const SECLABEL_RULES = [seclabelModelMissing, seclabelDuplicateModel, seclabelOverrideWithoutRelabel];
