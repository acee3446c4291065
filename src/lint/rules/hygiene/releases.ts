/**
 * When each form that `virtxml migrate` upgrades turned legacy: the release that brought the
 * current form and, where there is one, the release that stopped accepting the old form. The
 * evidence is libvirt's own (docs/format*.rst `:since:` markers, NEWS.rst, the code), as collected
 * in ../shared/docs/legacy-forms.md. `≤X.Y.Z` is a bound: libvirt's records do not date the
 * change, and the oldest release whose behaviour virtxml checks already has it.
 */
import type { LegacyReleases } from '../../types.js';

/** For runtime state libvirt has dropped on define for longer than its records date. */
const UNDATED_RUNTIME = 'Not dated by libvirt: the parser reads it only from live XML (src/conf/domain_conf.c), and libvirt 7.0.0, the oldest release virtxml checks, already drops it on define.';

export const LEGACY_RELEASES = {
  // D1: runtime state.
  'runtime-domain-id': { since: '≤7.0.0', evidence: UNDATED_RUNTIME },
  'runtime-alias': { since: '3.9.0', evidence: 'formatdomain.rst: user aliases (`ua-` prefix) are kept since 3.9.0; every other alias is a name given to a running guest and dropped on define.' },
  'runtime-interface-target': { since: '6.7.0', evidence: 'NEWS.rst (6.7.0): generated macvtap/macvlan names are dropped on define like vnetN names (src/conf/domain_conf.c, virDomainNetDefParseXML).' },
  'runtime-seclabel': { since: '≤7.0.0', evidence: UNDATED_RUNTIME },
  'runtime-pty-path': { since: '≤7.0.0', evidence: UNDATED_RUNTIME },
  'runtime-graphics-port': { since: '≤7.0.0', evidence: 'Not dated by libvirt: with autoport=\'yes\' the port is allocated at start and a saved one ignored (src/conf/domain_conf.c, virDomainGraphicsDefParseXMLVNC); libvirt 7.0.0 already does so.' },
  'runtime-device-state': { since: '≤7.0.0', evidence: UNDATED_RUNTIME },
  'runtime-network-connections': { since: '≤7.0.0', evidence: 'Not dated by libvirt: the count is written for active networks only and never parsed (src/conf/network_conf.c); libvirt 7.0.0 already does so.' },
  // D2–D25.
  'legacy-graphics-listen-attribute': { since: '0.9.4', evidence: 'formatdomain.rst: the <listen> element exists since 0.9.4; libvirt still writes the attribute beside it.' },
  'legacy-memory-unit': { since: '0.9.11', evidence: 'formatdomain.rst: `unit` on memory sizes since 0.9.11; before, sizes were bare KiB.' },
  'legacy-console-without-serial': { since: '≤7.0.0', evidence: 'Not dated by libvirt: the console-as-serial compatibility (src/conf/domain_conf.c, virDomainDefAddConsoleCompat; docs/formatdomain.rst) is unchanged in 7.0.0, 9.0.0 and 11.3.0.' },
  'legacy-channel-auto-path': { since: '1.3.1', evidence: 'src/qemu/qemu_domain.c (qemuDomainChrDefDropDefaultPath): libvirt up to 1.3.0 stored the generated socket path in the definition; later releases generate it on start.' },
  'legacy-firmware-manual-paths': { since: '5.2.0', evidence: "formatdomain.rst: `<os firmware='efi'>` automatic selection since 5.2.0." },
  'legacy-disk-auth-placement': { since: '3.9.0', evidence: 'formatdomain.rst: since 3.9.0 <auth> and <encryption> are preferred as children of <source>.' },
  'legacy-seclabel-without-model': { since: '0.10.0', evidence: 'formatdomain.rst: several security drivers (and so `model`) since 0.10.0.' },
  'legacy-graphics-autoport': { since: '≤7.0.0', evidence: "Not dated by libvirt: formatdomain.rst calls port='-1' the legacy syntax and autoport the new preferred one." },
  'legacy-disk-driver-aio': { since: '≤7.0.0', evidence: "Not dated by libvirt: `aio` is read as `raw` for Xen back-compat (src/conf/domain_conf.c)." },
  'legacy-disk-target-ioemu': { since: '≤7.0.0', evidence: 'Not dated by libvirt: the `ioemu:` prefix is stripped in src/conf/domain_postparse.c.' },
  'legacy-qemu-commandline-set': { since: '8.2.0', evidence: 'NEWS.rst (8.2.0): <qemu:override> replaces `-set` passthrough, which no longer works with current QEMU.' },
  'legacy-iscsi-iqn-without-lun': { since: '≤7.0.0', evidence: 'Not dated by libvirt: a missing LUN is read as /0 (src/conf/domain_postparse.c, virDomainPostParseCheckISCSIPath).' },
  'legacy-hostdev-driver-kvm': { since: '1.1.3', until: '5.7.0', evidence: 'formatdomain.rst: VFIO is the default since 1.1.3; NEWS.rst (5.7.0): legacy KVM device assignment removed (a guest asking for it fails to start).' },
  'legacy-sgio': { since: '≤9.0.0', evidence: "formatdomain.rst: sgio is no longer supported by any hypervisor; the QEMU code that used it exists in 7.0.0 and is gone by 9.0.0, which already refuses sgio='unfiltered' (src/conf/domain_validate.c)." },
  'legacy-feature-without-state': { since: '≤7.0.0', evidence: "Not dated as a whole: each switch has taken state='on'|'off' since it gained it (pmu 1.2.12, vmport 1.2.16, smm 2.1.0 in formatdomain.rst); libvirt 7.0.0's grammar accepts state on all six." },
  'legacy-console-sclp': { since: '3.10.0', evidence: "formatdomain.rst: the sclp-serial target type and sclpconsole/sclplmconsole models since 3.10.0; SCLP consoles are kept for compatibility." },
  'legacy-serial-isa-non-x86': { since: '3.10.0', evidence: 'formatdomain.rst: per-platform serial target types (spapr-vio-serial, system-serial, sclp-serial) since 3.10.0.' },
  'legacy-shmem-without-model': { since: '≤7.0.0', until: '≤11.3.0', evidence: "src/qemu/qemu_validate.c: 11.3.0 refuses the model-less `ivshmem` device ('ivshmem device is no longer supported'); 9.0.0 still accepted it where QEMU had it. The models ivshmem-plain and ivshmem-doorbell are in 7.0.0's grammar." },
  'legacy-spice-no-ports': { since: '2.0.0', evidence: "formatdomain.rst: <listen type='none'> since 2.0.0." },
  'legacy-vnc-generated-socket': { since: '≤7.0.0', evidence: 'Not dated by libvirt: src/qemu/qemu_postparse.c drops a socket under its own directory (qemuDomainRecheckInternalPaths).' },
  'legacy-acpi-table-slic': { since: '11.2.0', evidence: "formatdomain.rst: Xen has read `slic` as `rawset` since 5.9.0; the `rawset` type exists since 11.2.0." },
  'legacy-empty-source-file': { since: '≤7.0.0', evidence: 'Not dated by libvirt: an empty path is dropped as a compatibility check (src/conf/domain_conf.c).' },
  'legacy-forward-dev-attribute': { since: '0.9.4', evidence: 'formatnetwork.rst: <forward> <interface> children since 0.9.4; libvirt writes both.' },
  'legacy-pool-adapter-name': { since: '1.0.5', evidence: 'formatstorage.rst: the adapter `type` attribute since 1.0.5, optional only for backward compatibility.' },
  'legacy-qcow-encryption': { since: '2.1.0', until: '4.5.0', evidence: 'formatstorageencryption.rst: luks since 2.1.0; since 4.5.0 qcow and default encryption can no longer create volumes, and QEMU refuses to open them.' },
  'legacy-machine-unversioned': { since: '≤7.0.0', evidence: 'Not dated by libvirt: aliases are resolved to versioned machine types by the QEMU driver (src/qemu/qemu_postparse.c).' },
  'legacy-os-boot-order': { since: '0.8.8', evidence: 'formatdomain.rst: per-device <boot order> since 0.8.8, "the preferred way".' },
  // Forms the pinned grammar (11.3.0) refuses, from documents older releases wrote (docs/compat-findings.md).
  'legacy-capabilities-cpu-cluster-id': { since: '10.1.0', until: '≤11.3.0', evidence: "NEWS.rst (10.1.0): CPU clusters are supported, and a host's clusters are reported in its capabilities. 9.0.0's grammar has no `cluster_id`; 11.3.0's requires it beside `socket_id`, `die_id`, `core_id` and `siblings`." },
  'legacy-domaincaps-cpu-mode-maximum': { since: '7.1.0', until: '≤9.0.0', evidence: "formatdomain.rst: the `maximum` CPU mode since 7.1.0 with the QEMU driver. 9.0.0's grammar requires the four modes of domain capabilities, `maximum` second." },
  'legacy-domaincaps-cpu-model-vendor': { since: '8.9.0', until: '≤9.0.0', evidence: "formatdomaincaps.rst: the `vendor` of custom CPU models since 8.9.0 (`unknown` when undefined). 9.0.0's grammar requires it." },
  'legacy-domaincaps-sev-max-guests': { since: '8.0.0', until: '≤9.0.0', evidence: "include/libvirt/libvirt-host.h: the SEV guest limits (VIR_NODE_SEV_MAX_GUESTS, VIR_NODE_SEV_MAX_ES_GUESTS) since 8.0.0. 9.0.0's grammar requires `<maxGuests>` and `<maxESGuests>` with `cbitpos` and `reducedPhysBits`." },
  'legacy-nodedev-vports-ops': { since: '≤7.0.0', until: '≤9.0.0', evidence: "formatnode.rst and src/conf/node_device_conf.c: libvirt writes and reads only `vport_ops`, and refuses other types; 7.0.0's grammar spelled it `vports_ops`, 9.0.0's `vport_ops`." },
  'legacy-sev-cbitpos-order': { since: '≤7.0.0', until: '≤11.3.0', evidence: "Not dated by libvirt: its SEV formatter writes `cbitpos` before `reducedPhysBits` (src/conf/domain_conf.c); the grammars of 7.0.0 and 9.0.0 accept either order, 11.3.0's only that one." },
  // Fixable rules outside the legacy catalogue.
  'disk-source-defined-twice': { since: '3.9.0', evidence: 'formatdomain.rst: <auth> and <encryption> inside <source> since 3.9.0; a disk-level copy beside them is refused.' },
  'storage-pool-target-ignored': { since: '≤7.0.0', evidence: 'Not dated by libvirt: the target path of logical and ZFS pools is replaced by the device directory (src/conf/storage_conf.c); libvirt 7.0.0 already does so.' },
  // Define-time (or start-time) errors whose fix upgrades a legacy form of the catalogue (D13c, D13d, D20a, D23).
  'disk-driver-name': { since: '0.1.8', until: '≤9.0.0', evidence: "formatdomain.rst: the disk <driver> element since 0.1.8; `tap`, `tap2`, `file` and `phy` are Xen's driver names, QEMU's only one is `qemu`. The QEMU driver refuses the others on define (src/qemu/qemu_validate.c, qemuValidateDomainDeviceDefDisk), as libvirt 9.0.0 already does." },
  'interface-script-unsupported': { since: '≤7.0.0', until: '≤9.0.0', evidence: "Not dated by libvirt: Xen's libxl runs an interface's <script> for bridges (`vif-bridge` by default), QEMU only for type='ethernet'; the QEMU driver keeps the script on define and refuses to start the guest (src/qemu/qemu_command.c, qemuBuildHostNetProps), a check its code has made since long before 9.0.0." },
  'acpi-unsupported-arch': { since: '≤7.0.0', until: '≤11.3.0', evidence: "Not dated by libvirt: no s390 machine type has ACPI, so <acpi/> was always ignored there. libvirt 9.0.0 still defines it; 11.3.0 refuses it on define (src/qemu/qemu_validate.c, qemuValidateDomainDef) and drops it from configurations it already stored (src/qemu/qemu_postparse.c, qemuDomainDefACPIPostParse)." },
  'firmware-features-without-autoselection': { since: '7.2.0', until: '≤9.0.0', evidence: "formatdomain.rst: <firmware><feature> steers firmware autoselection since 7.2.0. The migratable XML of libvirt 8.6.0 to 9.1.0 carried the features without <os firmware>; a new define refuses them (libvirt 9.0.0 already does), and 11.3.0 ignores them in a configuration it already stored (src/conf/domain_conf.c, virDomainDefParseBootFirmwareOptions)." },
} as const satisfies Record<string, LegacyReleases>;

export type LegacyRuleId = keyof typeof LEGACY_RELEASES;

export function releasesOf(id: LegacyRuleId): LegacyReleases {
  return LEGACY_RELEASES[id];
}
