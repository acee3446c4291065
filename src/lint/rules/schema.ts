/**
 * `schema`: the document against the grammar of every configured release. A diagnostic that
 * several releases give alike is one finding naming them all.
 */
import type { LibvirtRelease, RootName } from '../../model/generated/grammar/index.js';
import { validate } from '../../xml/validate/index.js';
import type { DocumentRule, Finding, FindingSeverity } from '../types.js';

export const SCHEMA_RULE_ID = 'schema';
/** Not a rule one can turn off: a document that is not XML cannot be linted at all. */
export const SYNTAX_RULE_ID = 'syntax';

export function schemaFindings(text: string, root: RootName, releases: readonly LibvirtRelease[], severity: FindingSeverity): Finding[] {
  const byKey = new Map<string, { finding: Finding; releases: LibvirtRelease[] }>();
  for (const release of releases) {
    const result = validate(text, { schema: root, libvirt: release });
    for (const d of result.diagnostics) {
      const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
      const known = byKey.get(key);
      if (known !== undefined) {
        known.releases.push(release);
        continue;
      }
      const finding: Finding = {
        rule: d.code === 'unknown-root' ? SYNTAX_RULE_ID : SCHEMA_RULE_ID,
        severity,
        message: d.message,
        path: d.path,
        line: d.line,
        column: d.column,
        endLine: d.line,
        endColumn: d.column + 1,
        offset: -1,
      };
      byKey.set(key, { finding, releases: [release] });
    }
  }
  return [...byKey.values()].map(({ finding, releases: objecting }) => {
    if (releases.length < 2) return finding;
    const note = objecting.length === releases.length ? '' : ` (libvirt ${objecting.join(', ')})`;
    return { ...finding, message: finding.message + note, releases: objecting };
  });
}

/** The catalogue entry of the schema rule; the engine runs it itself, with the configured releases. */
export const schemaRule: DocumentRule = {
  meta: {
    id: SCHEMA_RULE_ID,
    category: 'schema',
    level: 'error',
    roots: ['capability', 'cpu', 'domain', 'domainbackup', 'domaincaps', 'domaincheckpoint', 'domainsnapshot', 'inactiveDomain', 'interface', 'network', 'networkport', 'nodedev', 'nwfilter', 'nwfilterbinding', 'secret', 'storagepool', 'storagepoolcaps', 'storagevol'],
    docs: {
      summary: 'The document must be valid against libvirt\'s RELAX NG grammar of every release the configuration names.',
      why: 'libvirt checks documents against these grammars (`virsh define --validate`, `virt-xml-validate`) and its parser drops or refuses what they do not allow. A fleet that runs several releases needs documents every one of them accepts: with `"libvirt": ["9.0.0", "11.3.0"]` an element added in 10.x is reported with the release that lacks it.',
      example: {
        bad: "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n  <devices>\n    <disk type='file' device='cdromm'>\n      <target dev='sda' bus='sata'/>\n    </disk>\n  </devices>\n</domain>\n",
        good: "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>\n  <devices>\n    <disk type='file' device='cdrom'>\n      <target dev='sda' bus='sata'/>\n    </disk>\n  </devices>\n</domain>\n",
      },
      libvirtMessage: 'XML document failed to validate against schema: Unable to validate doc against /usr/share/libvirt/schemas/domain.rng',
      libvirtSource: 'src/util/virxml.c, virXMLValidateAgainstSchema',
    },
  },
  check() {
    // Run by the engine, which knows the configured releases and has the document's text.
  },
};
