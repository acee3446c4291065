/**
 * Forms that older libvirt releases wrote or accepted and that the pinned grammar (11.3.0) refuses,
 * each with a repair that changes nothing libvirt reads (docs/compat-findings.md). Four are in the
 * documents libvirt reports rather than reads — host capabilities and domain capabilities saved
 * from an old host — one in node devices, one in domains.
 */
import { insertChild, removeElement, setAttribute } from '../../fix.js';
import type { DocumentRule, TextEdit } from '../../types.js';
import { domainDoc, MIGRATE_FIXES } from './examples.js';
import { releasesOf } from './releases.js';
import { attr, child, children } from './xml.js';

const CAPABILITIES_HOST = (cpus: string): string =>
  `<capabilities>\n  <host>\n    <cpu>\n      <arch>x86_64</arch>\n    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n    <topology>\n      <cells num='1'>\n        <cell id='0'>\n          <memory unit='KiB'>1048576</memory>\n          <cpus num='2'>\n${cpus}          </cpus>\n        </cell>\n      </cells>\n    </topology>\n  </host>\n</capabilities>\n`;

/** A domain capabilities document: `cpu` and `features` are the bodies of those elements. */
const DOMAIN_CAPS = (cpu: string, features = "    <sev supported='no'/>\n"): string =>
  `<domainCapabilities>\n  <path>/usr/bin/qemu-system-x86_64</path>\n  <domain>kvm</domain>\n  <machine>pc-q35-5.2</machine>\n  <arch>x86_64</arch>\n  <cpu>\n${cpu}  </cpu>\n  <devices>\n  </devices>\n  <features>\n${features}  </features>\n</domainCapabilities>\n`;

const FOUR_MODES = (custom: string): string =>
  `    <mode name='host-passthrough' supported='yes'/>\n    <mode name='maximum' supported='no'/>\n    <mode name='host-model' supported='no'/>\n${custom}`;

export const capabilitiesCpuClusterId: DocumentRule<'capability'> = {
  meta: {
    id: 'legacy-capabilities-cpu-cluster-id',
    legacy: releasesOf('legacy-capabilities-cpu-cluster-id'),
    category: 'legacy',
    level: 'warn',
    roots: ['capability'],
    fixable: true,
    docs: {
      summary: "A host CPU of the capabilities' NUMA topology gives `socket_id`, `die_id`, `core_id` and `siblings` but no `cluster_id`.",
      why: `libvirt 10.1.0 added CPU clusters, and its host capabilities have given each CPU's \`cluster_id\` beside the other topology attributes since; 11.3.0's grammar requires the five together, so capabilities saved from an older host no longer validate. The repair adds \`cluster_id='0'\` to each such CPU: one cluster per die, which is how the old topology reads (CPUs are siblings when they share socket, die and core) and what libvirt writes for a host whose CPUs show no clusters. libvirt 11.3.0's test data for the ten hosts of 7.0.0's tests/vircaps2xmldata differs from 7.0.0's in their topology by exactly this attribute, 0 on every CPU. On a host that does group cores into clusters (some Arm servers) the old document never recorded them, and the repaired one does not either: it asserts nothing the old document did not. ${MIGRATE_FIXES}`,
      example: {
        bad: CAPABILITIES_HOST("            <cpu id='0' socket_id='0' die_id='0' core_id='0' siblings='0'/>\n            <cpu id='1' socket_id='0' die_id='0' core_id='1' siblings='1'/>\n"),
        good: CAPABILITIES_HOST("            <cpu id='0' socket_id='0' die_id='0' cluster_id='0' core_id='0' siblings='0'/>\n            <cpu id='1' socket_id='0' die_id='0' cluster_id='0' core_id='1' siblings='1'/>\n"),
      },
      limits: 'Only CPUs that give `die_id` are repaired: a CPU with `socket_id` but no `die_id` is older than libvirt 7.0.0\'s grammar and needs `die_id` too, which the rule leaves to a person.',
    },
  },
  check(ctx) {
    const cells = child(child(child(ctx.document.root, 'host'), 'topology'), 'cells');
    const missing = children(cells, 'cell').flatMap((cell) => children(child(cell, 'cpus'), 'cpu'))
      .filter((cpu) => attr(cpu, 'socket_id') !== undefined && attr(cpu, 'die_id') !== undefined && attr(cpu, 'cluster_id') === undefined);
    if (missing.length === 0) return;
    const edits = missing.map((cpu) => setAttribute(cpu, 'cluster_id', '0', ctx.document, { after: 'die_id' }));
    const count = missing.length === 1 ? 'a host CPU gives' : `${missing.length} host CPUs give`;
    ctx.report({ node: missing[0]!, message: `${count} socket, die and core but no cluster_id, which libvirt 10.1.0 and later report with them: add cluster_id='0' (one cluster per die, as libvirt reports a host without CPU clusters)`, fix: { description: "add cluster_id='0' to the host CPUs", edits } });
  },
};

export const domainCapsCpuModeMaximum: DocumentRule<'domaincaps'> = {
  meta: {
    id: 'legacy-domaincaps-cpu-mode-maximum',
    legacy: releasesOf('legacy-domaincaps-cpu-mode-maximum'),
    category: 'legacy',
    level: 'warn',
    roots: ['domaincaps'],
    fixable: true,
    docs: {
      summary: "Domain capabilities list the CPU modes host-passthrough, host-model and custom without `<mode name='maximum'>`.",
      why: `libvirt 7.1.0 added the \`maximum\` CPU mode, and domain capabilities have listed it since, between host-passthrough and host-model; by 9.0.0 the grammar requires all four modes in that order, so domain capabilities saved from an older release no longer validate. The repair inserts \`<mode name='maximum' supported='no'/>\`, what libvirt writes when a guest cannot use the mode. That is true of the release that wrote the document (it had no such mode), not necessarily of the hypervisor: for the same QEMU binaries (4.2 to 5.1) libvirt 11.3.0 reports the mode as supported. The repaired document records the old host as it was; for what a host offers today, run \`virsh domcapabilities\` there. ${MIGRATE_FIXES}`,
      example: {
        bad: DOMAIN_CAPS("    <mode name='host-passthrough' supported='yes'/>\n    <mode name='host-model' supported='no'/>\n    <mode name='custom' supported='no'/>\n"),
        good: DOMAIN_CAPS(FOUR_MODES("    <mode name='custom' supported='no'/>\n")),
      },
    },
  },
  check(ctx) {
    const cpu = child(ctx.document.root, 'cpu');
    const modes = children(cpu, 'mode');
    if (modes.some((m) => attr(m, 'name') === 'maximum')) return;
    const hostModel = modes.find((m) => attr(m, 'name') === 'host-model');
    if (hostModel === undefined) return;
    ctx.report({ node: hostModel, message: "the CPU modes lack 'maximum', which libvirt 7.1.0 and later list between host-passthrough and host-model: add <mode name='maximum' supported='no'/> (the release that wrote this document had no such mode)", fix: { description: "insert <mode name='maximum' supported='no'/>", edits: [insertChild(ctx.document, cpu!, "<mode name='maximum' supported='no'/>", { before: hostModel })] } });
  },
};

export const domainCapsCpuModelVendor: DocumentRule<'domaincaps'> = {
  meta: {
    id: 'legacy-domaincaps-cpu-model-vendor',
    legacy: releasesOf('legacy-domaincaps-cpu-model-vendor'),
    category: 'legacy',
    level: 'warn',
    roots: ['domaincaps'],
    fixable: true,
    docs: {
      summary: "A CPU model of the custom mode in domain capabilities (`<model usable='…'>`) has no `vendor`.",
      why: `Since libvirt 8.9.0 every CPU model the custom mode lists names its vendor, and 9.0.0's grammar requires the attribute, so domain capabilities saved from an older release no longer validate. The repair adds \`vendor='unknown'\`, the value libvirt itself gives a model whose vendor it does not know: it claims nothing the document did not say. (For most x86 models libvirt 11.3.0 names the real vendor, Intel or AMD; the old document does not tell which.) ${MIGRATE_FIXES}`,
      example: {
        bad: DOMAIN_CAPS(FOUR_MODES("    <mode name='custom' supported='yes'>\n      <model usable='yes'>qemu64</model>\n      <model usable='no'>EPYC</model>\n    </mode>\n")),
        good: DOMAIN_CAPS(FOUR_MODES("    <mode name='custom' supported='yes'>\n      <model usable='yes' vendor='unknown'>qemu64</model>\n      <model usable='no' vendor='unknown'>EPYC</model>\n    </mode>\n")),
      },
    },
  },
  check(ctx) {
    const custom = children(child(ctx.document.root, 'cpu'), 'mode').find((m) => attr(m, 'name') === 'custom');
    const models = children(custom, 'model').filter((m) => attr(m, 'usable') !== undefined && attr(m, 'vendor') === undefined);
    if (models.length === 0) return;
    const edits = models.map((m) => setAttribute(m, 'vendor', 'unknown', ctx.document, { after: attr(m, 'deprecated') !== undefined ? 'deprecated' : 'usable' }));
    const count = models.length === 1 ? 'a CPU model of the custom mode names' : `${models.length} CPU models of the custom mode name`;
    ctx.report({ node: models[0]!, message: `${count} no vendor, which libvirt 8.9.0 and later give every model: add vendor='unknown' (libvirt's value for a vendor it does not know)`, fix: { description: "add vendor='unknown' to the custom CPU models", edits } });
  },
};

export const domainCapsSevMaxGuests: DocumentRule<'domaincaps'> = {
  meta: {
    id: 'legacy-domaincaps-sev-max-guests',
    legacy: releasesOf('legacy-domaincaps-sev-max-guests'),
    category: 'legacy',
    level: 'warn',
    roots: ['domaincaps'],
    fixable: true,
    docs: {
      summary: 'The SEV details of domain capabilities give `cbitpos` and `reducedPhysBits` without the guest limits `<maxGuests>` and `<maxESGuests>`.',
      why: `Since libvirt 8.0.0 the SEV details of domain capabilities say how many SEV and SEV-ES guests the host can run, and 9.0.0's grammar requires both counts beside \`cbitpos\` and \`reducedPhysBits\`, so domain capabilities saved from an older release no longer validate. The repair adds \`<maxGuests>0</maxGuests>\` and \`<maxESGuests>0</maxESGuests>\` after \`reducedPhysBits\`. Unlike the other repairs of old capabilities, this one states a figure the document did not have, and the grammar has no value for "unknown": 0 says no SEV or SEV-ES guest can be started, and readers commonly take a zero \`maxESGuests\` to mean the host has no SEV-ES. The old document did not report SEV-ES at all, so 0 claims no capacity it did not show; but keep the repaired document as a record of the old host, not as a current host's limits (\`virsh domcapabilities\` on the host gives those). ${MIGRATE_FIXES}`,
      example: {
        bad: DOMAIN_CAPS(FOUR_MODES("    <mode name='custom' supported='no'/>\n"), "    <sev supported='yes'>\n      <cbitpos>47</cbitpos>\n      <reducedPhysBits>1</reducedPhysBits>\n    </sev>\n"),
        good: DOMAIN_CAPS(FOUR_MODES("    <mode name='custom' supported='no'/>\n"), "    <sev supported='yes'>\n      <cbitpos>47</cbitpos>\n      <reducedPhysBits>1</reducedPhysBits>\n      <maxGuests>0</maxGuests>\n      <maxESGuests>0</maxESGuests>\n    </sev>\n"),
      },
      libvirtSource: 'src/conf/domain_capabilities.c, virDomainCapsFeatureSEVFormat (it writes both counts whenever it writes the SEV details)',
    },
  },
  check(ctx) {
    const sev = child(child(ctx.document.root, 'features'), 'sev');
    const reduced = child(sev, 'reducedPhysBits');
    if (sev === undefined || reduced === undefined || child(sev, 'cbitpos') === undefined) return;
    const maxGuests = child(sev, 'maxGuests');
    const maxES = child(sev, 'maxESGuests');
    if (maxGuests !== undefined && maxES !== undefined) return;
    const edits: TextEdit[] = [];
    if (maxGuests === undefined) edits.push(insertChild(ctx.document, sev, maxES === undefined ? '<maxGuests>0</maxGuests>\n<maxESGuests>0</maxESGuests>' : '<maxGuests>0</maxGuests>', { after: reduced }));
    else edits.push(insertChild(ctx.document, sev, '<maxESGuests>0</maxESGuests>', { after: maxGuests }));
    const missing = [maxGuests === undefined ? '<maxGuests>' : undefined, maxES === undefined ? '<maxESGuests>' : undefined].filter((x) => x !== undefined).join(' and ');
    ctx.report({ node: sev, message: `the SEV details lack ${missing}, which libvirt 8.0.0 and later report with cbitpos and reducedPhysBits: add ${maxGuests === undefined && maxES === undefined ? 'them' : 'it'} as 0 (a figure the document did not give: it claims no room for SEV guests)`, fix: { description: `add ${missing} (0)`, edits } });
  },
};

export const nodedevVportsOps: DocumentRule<'nodedev'> = {
  meta: {
    id: 'legacy-nodedev-vports-ops',
    legacy: releasesOf('legacy-nodedev-vports-ops'),
    category: 'legacy',
    level: 'warn',
    roots: ['nodedev'],
    fixable: true,
    docs: {
      summary: "A SCSI host node device's `<capability type='vports_ops'>`: the misspelling of `vport_ops` that libvirt 7.0.0's grammar had.",
      why: `libvirt's node device code writes the NPIV sub-capability of a SCSI host as \`<capability type='vport_ops'>\` and reads only that spelling: any other type is refused ("unknown SCSI host capability type"). libvirt 7.0.0's grammar spelled it \`vports_ops\`, a mistake corrected by 9.0.0, so a document could pass that grammar and still be refused by libvirt. The repair corrects the spelling; the element's content stays. ${MIGRATE_FIXES}`,
      example: {
        bad: "<device>\n  <name>scsi_host5</name>\n  <capability type='scsi_host'>\n    <host>5</host>\n    <capability type='vports_ops'>\n      <max_vports>127</max_vports>\n      <vports>0</vports>\n    </capability>\n  </capability>\n</device>\n",
        good: "<device>\n  <name>scsi_host5</name>\n  <capability type='scsi_host'>\n    <host>5</host>\n    <capability type='vport_ops'>\n      <max_vports>127</max_vports>\n      <vports>0</vports>\n    </capability>\n  </capability>\n</device>\n",
      },
      libvirtMessage: "internal error: unknown SCSI host capability type 'vports_ops' for 'scsi_host5'",
      libvirtSource: 'src/conf/node_device_conf.c, virNodeDevCapSCSIHostParseXML',
    },
  },
  check(ctx) {
    for (const cap of children(ctx.document.root, 'capability')) {
      if (attr(cap, 'type') !== 'scsi_host') continue;
      for (const sub of children(cap, 'capability')) {
        if (attr(sub, 'type') !== 'vports_ops') continue;
        ctx.report({ node: sub, attribute: 'type', message: "'vports_ops' is a misspelling libvirt never reads (only libvirt 7.0.0's grammar had it): write type='vport_ops'", fix: { description: "write type='vport_ops'", edits: [setAttribute(sub, 'type', 'vport_ops')] } });
      }
    }
  },
};

const SEV_OS = "    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n";

export const sevCbitposOrder: DocumentRule<'domain'> = {
  meta: {
    id: 'legacy-sev-cbitpos-order',
    legacy: releasesOf('legacy-sev-cbitpos-order'),
    category: 'legacy',
    level: 'warn',
    roots: ['domain'],
    fixable: true,
    docs: {
      summary: "`<launchSecurity type='sev'>` gives `<reducedPhysBits>` before `<cbitpos>`.",
      why: `libvirt writes \`<cbitpos>\` before \`<reducedPhysBits>\`, and its parser finds each by name, whatever the order. The grammar accepted the two in any order up to 9.0.0; 11.3.0's keeps them together, \`cbitpos\` first, so a definition written the other way round no longer validates. The repair moves \`<cbitpos>\` just before \`<reducedPhysBits>\` and changes no value, so libvirt reads the same guest; the result is valid for the older grammars too. ${MIGRATE_FIXES}`,
      example: {
        bad: domainDoc('', { os: SEV_OS, bottom: "  <launchSecurity type='sev'>\n    <reducedPhysBits>1</reducedPhysBits>\n    <cbitpos>47</cbitpos>\n    <policy>0x0003</policy>\n  </launchSecurity>\n" }),
        good: domainDoc('', { os: SEV_OS, bottom: "  <launchSecurity type='sev'>\n    <cbitpos>47</cbitpos>\n    <reducedPhysBits>1</reducedPhysBits>\n    <policy>0x0003</policy>\n  </launchSecurity>\n" }),
      },
      libvirtSource: 'src/conf/domain_conf.c, virDomainSEVCommonDefParseXML (reads each by name) and virDomainSEVCommonDefFormat (writes cbitpos first)',
    },
  },
  check(ctx) {
    const ls = child(ctx.document.root, 'launchSecurity');
    if (ls === undefined || attr(ls, 'type') !== 'sev') return;
    const kids = children(ls);
    const cbitpos = child(ls, 'cbitpos');
    const reduced = child(ls, 'reducedPhysBits');
    if (cbitpos === undefined || reduced === undefined || kids.indexOf(cbitpos) < kids.indexOf(reduced)) return;
    const markup = ctx.document.source.slice(cbitpos.offset, cbitpos.end);
    const edits = [removeElement(ctx.document, cbitpos), insertChild(ctx.document, ls, markup, { before: reduced })];
    ctx.report({ node: cbitpos, message: '<cbitpos> comes after <reducedPhysBits>, an order libvirt 11.3.0\'s grammar refuses: put <cbitpos> first (libvirt reads them by name, so nothing else changes)', fix: { description: 'put <cbitpos> before <reducedPhysBits>', edits } });
  },
};

export const LEGACY_NARROWED_RULES = [capabilitiesCpuClusterId, domainCapsCpuModeMaximum, domainCapsCpuModelVendor, domainCapsSevMaxGuests, nodedevVportsOps, sevCbitposOrder] as const;
