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
}

export const COMPAT_FINDINGS: readonly CompatFinding[] = [
  {
    id: 'capabilities-cpu-cluster-id',
    root: 'capability',
    changes: [{ path: '/capabilities/host/topology/cells/cell/cpus/cpu/@cluster_id', kind: 'required-with' }],
    libxml2: 'Invalid attribute socket_id for element cpu',
    documents: 10,
    // A host CPU with topology attributes must now also say which cluster it belongs to.
    repair: (xml) => xml.replace(/<cpu (?=[^>]*\bsocket_id=)(?![^>]*\bcluster_id=)/g, "<cpu cluster_id='0' "),
  },
  {
    id: 'domaincaps-cpu-mode-maximum',
    root: 'domaincaps',
    changes: [{ path: '/domainCapabilities/cpu/mode', kind: 'occurrences-changed' }],
    libxml2: 'Element domainCapabilities failed to validate content',
    documents: 104,
    // 11.3.0 lists four CPU modes in a fixed order; `maximum` comes between host-passthrough and host-model.
    repair: (xml) => (/<mode name='maximum'/.test(xml) ? xml : xml.replace(/(\s*)<mode name='host-model'/, "$1<mode name='maximum' supported='no'/>$1<mode name='host-model'")),
  },
  {
    id: 'domaincaps-cpu-model-vendor',
    root: 'domaincaps',
    changes: [{ path: '/domainCapabilities/cpu/mode/model/@vendor', kind: 'required-with' }],
    libxml2: 'Element domainCapabilities failed to validate content',
    documents: 96,
    // Custom-mode CPU models now name their vendor (libvirt writes `unknown` when it has none).
    repair: (xml) => xml.replace(/<model usable='(yes|no|unknown)'(?![^>]*\bvendor=)/g, "<model usable='$1' vendor='unknown'"),
  },
  {
    id: 'domaincaps-sev-max-guests',
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
