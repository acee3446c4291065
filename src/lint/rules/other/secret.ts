/**
 * `secret-usage-empty`: a secret's `<usage>` whose identifying element is empty.
 */
import type { DocumentRule } from '../../types.js';
import { attr, child, elementOf, text } from '../hygiene/xml.js';

/** The child element that names what a secret of each usage type is for. */
const USAGE_ID: Readonly<Record<string, string>> = { volume: 'volume', ceph: 'name', iscsi: 'target', tls: 'name', vtpm: 'name' };

const SECRET = (usage: string): string =>
  `<secret ephemeral='no' private='yes'>\n  <uuid>0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f</uuid>\n  <description>ceph client key</description>\n  <usage type='ceph'>\n    ${usage}\n  </usage>\n</secret>\n`;

export const secretUsageEmpty: DocumentRule<'secret'> = {
  meta: {
    id: 'secret-usage-empty',
    category: 'secret',
    level: 'error',
    roots: ['secret'],
    docs: {
      summary: "A secret's `<usage>` whose `<volume>`, `<name>` or `<target>` is empty.",
      why: "libvirt refuses to define the secret: the usage's identifier (a volume path, a Ceph or TLS or vTPM name, an iSCSI target) is how disks and pools find the secret (`<secret usage='…'>`), and libvirt reads an empty one as missing.",
      example: {
        bad: SECRET('<name></name>'),
        good: SECRET('<name>client.admin secret</name>'),
      },
      libvirtMessage: 'internal error: Ceph usage specified, but name is missing',
      libvirtSource: 'src/conf/secret_conf.c, virSecretDefParseUsage',
    },
  },
  check(ctx) {
    const usage = child(elementOf(ctx.model), 'usage');
    const type = attr(usage, 'type');
    if (usage === undefined || type === undefined) return;
    const local = USAGE_ID[type];
    if (local === undefined) return;
    const idEl = child(usage, local);
    if (idEl === undefined || (text(idEl) ?? '') !== '') return;
    ctx.report({ node: idEl, message: `the ${type} usage's \`<${local}>\` is empty: give the ${local === 'volume' ? 'path of the volume' : local === 'target' ? 'iSCSI target' : 'name'} the secret is for` });
  },
};
