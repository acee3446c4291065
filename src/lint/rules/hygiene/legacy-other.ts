/**
 * Legacy forms of network, storage pool and volume XML (../shared/docs/legacy-forms.md: D9, D18
 * and the retired qcow encryption).
 */
import { insertChild, setAttribute } from '../../fix.js';
import type { DocumentRule } from '../../types.js';
import { MIGRATE_FIXES, MIGRATE_REPORTS } from './examples.js';
import { releasesOf } from './releases.js';
import { attr, child, children, elementOf } from './xml.js';

// D9
export const forwardDevAttribute: DocumentRule<'network'> = {
  meta: {
    id: 'legacy-forward-dev-attribute',
    legacy: releasesOf('legacy-forward-dev-attribute'),
    category: 'legacy',
    level: 'warn',
    roots: ['network'],
    fixable: true,
    docs: {
      summary: "A network `<forward dev='…'>` without `<interface>` children.",
      why: `Since libvirt 0.9.4 the devices a network forwards through are listed as \`<interface dev='…'/>\` children of \`<forward>\`; \`dev\` is the older short form for the first one. libvirt reads it as the first interface and writes both. Adding the child keeps the attribute. ${MIGRATE_FIXES}`,
      example: {
        bad: "<network>\n  <name>default</name>\n  <forward mode='nat' dev='eth1'/>\n  <bridge name='virbr0'/>\n  <ip address='192.168.122.1' prefix='24'/>\n</network>\n",
        good: "<network>\n  <name>default</name>\n  <forward mode='nat' dev='eth1'>\n    <interface dev='eth1'/>\n  </forward>\n  <bridge name='virbr0'/>\n  <ip address='192.168.122.1' prefix='24'/>\n</network>\n",
      },
      libvirtSource: 'src/conf/network_conf.c, virNetworkForwardDefParseXML',
    },
  },
  check(ctx) {
    const forward = child(elementOf(ctx.model), 'forward');
    const dev = attr(forward, 'dev');
    if (forward === undefined || dev === undefined || children(forward, 'interface').length > 0) return;
    if (children(forward, 'address').length > 0 || children(forward, 'pf').length > 0) return;
    const value = dev.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
    ctx.report({ node: forward, attribute: 'dev', message: `the forward device is given only by the old \`dev\` attribute: list it as \`<interface dev='${dev}'/>\` (the attribute may stay)`, fix: { description: 'add the <interface> child', edits: [insertChild(ctx.document, forward, `<interface dev='${value}'/>`, { first: true })] } });
  },
};

// D18
export const poolAdapterName: DocumentRule<'storagepool'> = {
  meta: {
    id: 'legacy-pool-adapter-name',
    legacy: releasesOf('legacy-pool-adapter-name'),
    category: 'legacy',
    level: 'warn',
    roots: ['storagepool'],
    fixable: true,
    docs: {
      summary: "A SCSI pool `<adapter name='…'>` without `type`.",
      why: `Before libvirt 1.0.5 an adapter was only a SCSI host name, and \`hostN\` was accepted for \`scsi_hostN\`. The \`type\` attribute tells SCSI from Fibre Channel adapters and is optional only for backward compatibility; libvirt adds \`type='scsi_host'\` but keeps the short name. ${MIGRATE_FIXES}`,
      example: {
        bad: "<pool type='scsi'>\n  <name>hba0</name>\n  <source>\n    <adapter name='host0'/>\n  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>\n</pool>\n",
        good: "<pool type='scsi'>\n  <name>hba0</name>\n  <source>\n    <adapter type='scsi_host' name='host0'/>\n  </source>\n  <target>\n    <path>/dev/disk/by-path</path>\n  </target>\n</pool>\n",
      },
      libvirtSource: 'src/conf/storage_adapter_conf.c, virStorageAdapterParseXMLLegacy',
    },
  },
  check(ctx) {
    const adapter = child(child(elementOf(ctx.model), 'source'), 'adapter');
    const name = attr(adapter, 'name');
    if (adapter === undefined || name === undefined || attr(adapter, 'type') !== undefined) return;
    // libvirt adds the type and keeps the name as written (`host0` and `scsi_host0` both name the
    // host), so the migration does the same and leaves the name alone.
    ctx.report({ node: adapter, attribute: 'name', message: "this is the old form of a SCSI adapter, a name alone: add type='scsi_host'", fix: { description: "add type='scsi_host'", edits: [setAttribute(adapter, 'type', 'scsi_host')] } });
  },
};

export const qcowEncryption: DocumentRule<'storagevol'> = {
  meta: {
    id: 'legacy-qcow-encryption',
    legacy: releasesOf('legacy-qcow-encryption'),
    category: 'legacy',
    level: 'warn',
    roots: ['storagevol'],
    docs: {
      summary: "A volume `<encryption format='qcow'>` (or `format='default'`): QEMU's retired built-in qcow encryption.",
      why: `libvirt 4.5.0 dropped support for creating qcow-encrypted volumes, and QEMU refuses to open them ("old qcow/qcow2 encryption is not supported"). LUKS is the current format; moving to it means re-encrypting the data. ${MIGRATE_REPORTS}`,
      example: {
        bad: "<volume>\n  <name>secret.qcow2</name>\n  <capacity unit='GiB'>10</capacity>\n  <target>\n    <format type='qcow2'/>\n    <encryption format='qcow'>\n      <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n    </encryption>\n  </target>\n</volume>\n",
        good: "<volume>\n  <name>secret.qcow2</name>\n  <capacity unit='GiB'>10</capacity>\n  <target>\n    <format type='qcow2'/>\n    <encryption format='luks'>\n      <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n    </encryption>\n  </target>\n</volume>\n",
      },
      libvirtSource: 'src/qemu/qemu_domain.c, qemuDomainValidateStorageSource',
    },
  },
  check(ctx) {
    const enc = child(child(elementOf(ctx.model), 'target'), 'encryption');
    const format = attr(enc, 'format');
    if (format !== 'qcow' && format !== 'default') return;
    ctx.report({ node: enc!, attribute: 'format', message: `qcow encryption ('${format}') is retired and QEMU no longer opens such images: re-encrypt the data into a LUKS volume (format='luks')` });
  },
};

export const LEGACY_OTHER_RULES = [forwardDevAttribute, poolAdapterName, qcowEncryption] as const;
