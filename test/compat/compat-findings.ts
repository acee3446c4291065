/**
 * The findings of docs/compat-findings.md as data: which libvirt 7.0.0 documents the 11.3.0
 * schemas reject, why (the schema change), and the smallest edit that makes them valid again.
 */
import type { ChangeKind } from '../../src/compat/schema-diff.js';

export interface CompatFinding {
  readonly id: string;
  readonly root: string;
  /** The narrowings of the schema diff that cause it. */
  readonly changes: readonly { readonly path: string; readonly kind: ChangeKind }[];
  /** A part of libxml2's first message on an affected document. */
  readonly libxml2: string;
  /** How many documents of the 7.0.0 corpus it affects. */
  readonly documents: number;
  /** The document with the construct brought up to 11.3.0; unchanged when it does not apply. */
  readonly repair: (xml: string) => string;
  /** The migration rule whose fix makes the repair (`virtxml migrate`). */
  readonly migration: string;
}

export const COMPAT_FINDINGS: readonly CompatFinding[] = [
  {
    id: 'capabilities-cpu-cluster-id',
    migration: 'legacy-capabilities-cpu-cluster-id',
    root: 'capability',
    changes: [{ path: '/capabilities/host/topology/cells/cell/cpus/cpu/@cluster_id', kind: 'required-with' }],
    libxml2: 'Invalid attribute socket_id for element cpu',
    documents: 10,
    // A host CPU with topology attributes must now also say which cluster it belongs to.
    repair: (xml) => xml.replace(/<cpu (?=[^>]*\bsocket_id=)(?![^>]*\bcluster_id=)/g, "<cpu cluster_id='0' "),
  },
  {
    id: 'domaincaps-cpu-mode-maximum',
    migration: 'legacy-domaincaps-cpu-mode-maximum',
    root: 'domaincaps',
    changes: [{ path: '/domainCapabilities/cpu/mode', kind: 'occurrences-changed' }],
    libxml2: 'Element domainCapabilities failed to validate content',
    documents: 104,
    // 11.3.0 lists four CPU modes in a fixed order; `maximum` comes between host-passthrough and host-model.
    repair: (xml) => (/<mode name='maximum'/.test(xml) ? xml : xml.replace(/(\s*)<mode name='host-model'/, "$1<mode name='maximum' supported='no'/>$1<mode name='host-model'")),
  },
  {
    id: 'domaincaps-cpu-model-vendor',
    migration: 'legacy-domaincaps-cpu-model-vendor',
    root: 'domaincaps',
    changes: [{ path: '/domainCapabilities/cpu/mode/model/@vendor', kind: 'required-with' }],
    libxml2: 'Element domainCapabilities failed to validate content',
    documents: 96,
    // Custom-mode CPU models now name their vendor (libvirt writes `unknown` when it has none).
    repair: (xml) => xml.replace(/<model usable='(yes|no|unknown)'(?![^>]*\bvendor=)/g, "<model usable='$1' vendor='unknown'"),
  },
  {
    id: 'domaincaps-sev-max-guests',
    migration: 'legacy-domaincaps-sev-max-guests',
    root: 'domaincaps',
    changes: [
      { path: '/domainCapabilities/features/sev/maxGuests', kind: 'required-with' },
      { path: '/domainCapabilities/features/sev/maxESGuests', kind: 'required-with' },
    ],
    libxml2: 'Element domainCapabilities failed to validate content',
    documents: 3,
    // SEV details now include the guest limits whenever cbitpos and reducedPhysBits are given.
    repair: (xml) => xml.replace(/(<\/reducedPhysBits>)(?![\s\S]{0,80}<maxGuests>)/, '$1<maxGuests>0</maxGuests><maxESGuests>0</maxESGuests>'),
  },
];

/** Narrowings of the schema diff that no corpus document meets, each shown by a small document. */
export interface NarrowingExample {
  readonly id: string;
  readonly root: string;
  readonly change: { readonly path: string; readonly kind: ChangeKind };
  /** Valid for libvirt 7.0.0, invalid for 11.3.0. */
  readonly document: string;
  /**
   * The migration rule that repairs it, where the repair is lossless; otherwise why there is none
   * (docs/compat-findings.md).
   */
  readonly migration: string | { readonly none: string };
}

const MINIMAL_DOMAIN = "<domain type='kvm'><name>vm</name><memory>1048576</memory><os><type>hvm</type></os>";

export const NARROWING_EXAMPLES: readonly NarrowingExample[] = [
  {
    id: 'smartcard-alias',
    migration: { none: 'libvirt 11.3.0 still reads and writes a user alias on a smartcard; the grammar lacks it, and dropping it would lose the alias' },
    root: 'domain',
    change: { path: '/domain/devices/smartcard/alias', kind: 'element-removed' },
    document: `${MINIMAL_DOMAIN}<devices><smartcard mode='host'><alias name='ua-sc0'/></smartcard></devices></domain>`,
  },
  {
    id: 'cputune-quota-maximum',
    migration: { none: 'libvirt 11.3.0 refuses the value on define; choosing a smaller quota (or none) is a decision, not an upgrade' },
    root: 'domain',
    change: { path: '/domain/cputune/quota/text()', kind: 'facet-changed' },
    document: `${MINIMAL_DOMAIN}<cputune><quota>17592186044416</quota></cputune></domain>`,
  },
  {
    id: 'disk-slice-offset-range',
    migration: { none: 'libvirt 11.3.0 reads 64-bit slice offsets; the offset locates data and cannot change' },
    root: 'domain',
    change: { path: '/domain/devices/disk/source/slices/slice/@offset', kind: 'datatype-replaced' },
    document: `${MINIMAL_DOMAIN}<devices><disk type='file'><source file='/var/lib/a.img'><slices><slice type='storage' offset='4294967296' size='1024'/></slices></source><target dev='vda'/></disk></devices></domain>`,
  },
  {
    id: 'sev-cbitpos-order',
    migration: 'legacy-sev-cbitpos-order',
    root: 'domain',
    change: { path: '/domain/launchSecurity/cbitpos', kind: 'order-changed' },
    document: `${MINIMAL_DOMAIN}<launchSecurity type='sev'><reducedPhysBits>1</reducedPhysBits><cbitpos>47</cbitpos><policy>0x0003</policy></launchSecurity></domain>`,
  },
  {
    id: 'nodedev-vports-ops-renamed',
    migration: 'legacy-nodedev-vports-ops',
    root: 'nodedev',
    change: { path: '/device/capability/capability/@type', kind: 'value-removed' },
    document: "<device><name>scsi_host0</name><capability type='scsi_host'><host>0</host><capability type='vports_ops'><max_vports>1</max_vports><vports>0</vports></capability></capability></device>",
  },
  {
    id: 'nodedev-unique-id-range',
    migration: { none: 'the value is the host adapter\'s own id, which libvirt reads as a signed 32-bit number and refuses above that' },
    root: 'nodedev',
    change: { path: '/device/capability/unique_id/text()', kind: 'datatype-replaced' },
    document: "<device><name>scsi_host0</name><capability type='scsi_host'><host>0</host><unique_id>4294967296</unique_id></capability></device>",
  },
];

/**
 * Narrowings the schema diff does not list, because what they take away depends on the value of
 * another attribute of the same element, which the diff's per-path summaries do not record
 * (they know which attributes and children an element may have, not under which values).
 * Each is shown by a small document, and the release property accepts a rejection it explains.
 */
export interface ValueDependentNarrowing {
  readonly id: string;
  /** The root of the example document. */
  readonly root: string;
  /** Every root whose documents can hold the element (snapshots and checkpoints embed a domain). */
  readonly roots: readonly string[];
  /** The element, as the end of a diagnostic path without positions. */
  readonly element: string;
  /** The attribute whose values take the names away, and those values. */
  readonly when: { readonly attribute: string; readonly values: readonly string[] };
  /** What is no longer allowed then: `@attribute` or child element names. */
  readonly names: readonly string[];
  /** Valid for libvirt 7.0.0, invalid for 11.3.0. */
  readonly document: string;
}

export const VALUE_DEPENDENT_NARROWINGS: readonly ValueDependentNarrowing[] = [
  {
    // 7.0.0 gave an interface's <driver> the virtio options and <host>/<guest> whatever its name;
    // 11.3.0 gives a driver named kvm, vfio or xen (a hostdev interface's) only `name` and `model`.
    id: 'interface-hostdev-driver-options',
    root: 'domain',
    roots: ['domain', 'domainsnapshot', 'domaincheckpoint'],
    element: '/domain/devices/interface/driver',
    when: { attribute: 'name', values: ['kvm', 'vfio', 'xen'] },
    names: ['@iommu', '@ats', '@packed', '@page_per_vq', 'host', 'guest'],
    document: `${MINIMAL_DOMAIN}<devices><interface type='hostdev'><source><address type='pci' domain='0' bus='0' slot='1' function='0'/></source><driver name='vfio' packed='on'><host csum='on'/></driver></interface></devices></domain>`,
  },
];

/** The value-dependent narrowing a diagnostic at `path` of a `root` document shows, if any. */
export function valueDependentNarrowing(root: string, path: string, xml: string): ValueDependentNarrowing | undefined {
  const at = path.replace(/\[\d+\]/g, '');
  return VALUE_DEPENDENT_NARROWINGS.find((n) => {
    if (!n.roots.includes(root) || !n.names.some((name) => at.endsWith(`${n.element}/${name}`))) return false;
    // The document has such an element with one of the values (the paths name no instance).
    const local = n.element.slice(n.element.lastIndexOf('/') + 1);
    return n.when.values.some((v) => new RegExp(`<${local}\\b[^>]*\\b${n.when.attribute}=(["'])${v}\\1`).test(xml));
  });
}
