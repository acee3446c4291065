/**
 * Names and UUIDs that must be unique on a host: two files that define the same domain, network,
 * storage pool or network filter name, or the same domain UUID, cannot both be defined there.
 */
import type { RootName } from '../../../model/generated/grammar/index.js';
import type { XmlElement } from '../../../xml/dom/types.js';
import type { FleetRule, RuleContext } from '../../types.js';
import { child, text } from '../hygiene/xml.js';
import { at, reportDuplicates, where, type Keyed } from './facts.js';

const DOMAIN = (name: string, uuid: string): string =>
  `<domain type='kvm'>\n  <name>${name}</name>\n  <uuid>${uuid}</uuid>\n  <memory unit='GiB'>2</memory>\n  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n</domain>\n`;

function nameFact(ctx: RuleContext, root: XmlElement, local: 'name' | 'uuid', normalise: (s: string) => string = (s) => s): Keyed[] | undefined {
  const el = child(root, local);
  const value = text(el)?.trim();
  if (el === undefined || value === undefined || value === '') return undefined;
  return [{ key: normalise(value), shown: value, at: at(ctx, el) }];
}

function nameRule(id: string, root: RootName, what: string, docs: FleetRule['meta']['docs'], local: 'name' | 'uuid' = 'name', attribute?: string): FleetRule<RootName, Keyed[] | undefined> {
  return {
    meta: { id, category: 'fleet', level: 'error', roots: [root], docs },
    collect(ctx) {
      const rootEl = ctx.document.root;
      if (attribute !== undefined) {
        const value = rootEl.attributes.find((a) => a.name === attribute)?.value;
        return value === undefined || value === '' ? undefined : [{ key: value, shown: value, at: at(ctx, rootEl, attribute) }];
      }
      return nameFact(ctx, rootEl, local, local === 'uuid' ? (s) => s.toLowerCase().replace(/-/g, '') : undefined);
    },
    checkFleet(entries, context) {
      reportDuplicates(entries, context, {
        message: (shown, file, line, same) => `${what} '${shown}' is already defined ${where(file, line, same)}: two definitions cannot coexist on one host; rename one, or keep one file`,
        relatedMessage: `the other ${what}`,
      });
    },
  };
}

export const duplicateDomainName = nameRule('fleet-duplicate-domain-name', 'domain', 'domain name', {
  summary: 'Two domain documents with the same `<name>`.',
  why: 'libvirt keeps one domain per name on a host: defining the second one either replaces the first (same UUID) or is refused (`domain … already exists with uuid …`). In a repository of definitions it is almost always a copied file that kept its name.',
  example: {
    bad: DOMAIN('web01', '6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e01'),
    good: DOMAIN('web02', '6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e02'),
  },
  libvirtMessage: "operation failed: domain 'web01' already exists with uuid 6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e01",
  libvirtSource: 'src/conf/virdomainobjlist.c, virDomainObjListAddLocked',
  limits: 'The bad example clashes only beside another file defining a domain named web01. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
});

export const duplicateDomainUuid = nameRule('fleet-duplicate-domain-uuid', 'domain', 'domain UUID', {
  summary: 'Two domain documents with the same `<uuid>`.',
  why: "libvirt identifies a domain by its UUID: defining a second document with the same UUID but another name is refused (`domain 'web01' is already defined with uuid …`), and with the same name it silently replaces the first definition.",
  example: {
    bad: DOMAIN('web02', '6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e01'),
    good: DOMAIN('web02', '6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e02'),
  },
  libvirtMessage: "operation failed: domain 'web01' is already defined with uuid 6d9b3c52-1a4f-4a44-9b5e-0c9f2b7d8e01",
  libvirtSource: 'src/conf/virdomainobjlist.c, virDomainObjListAddLocked',
  limits: 'The bad example clashes only beside another file using the same UUID. UUIDs are compared without dashes and case. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
}, 'uuid');

export const duplicateNetworkName = nameRule('fleet-duplicate-network-name', 'network', 'network name', {
  summary: 'Two network documents with the same `<name>`.',
  why: 'libvirt keeps one network per name on a host: the second definition replaces the first or is refused (`network … already exists with uuid …`).',
  example: {
    bad: "<network>\n  <name>default</name>\n  <bridge name='virbr1'/>\n</network>\n",
    good: "<network>\n  <name>lab</name>\n  <bridge name='virbr1'/>\n</network>\n",
  },
  libvirtMessage: "operation failed: network 'default' already exists with uuid 0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f",
  libvirtSource: 'src/conf/virnetworkobj.c, virNetworkObjAssignDefLocked',
  limits: 'The bad example clashes only beside another file defining a network named default. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
});

export const duplicatePoolName = nameRule('fleet-duplicate-pool-name', 'storagepool', 'storage pool name', {
  summary: 'Two storage pool documents with the same `<name>`.',
  why: 'libvirt keeps one storage pool per name on a host: the second definition replaces the first or is refused (`pool … already exists with uuid …`).',
  example: {
    bad: "<pool type='dir'>\n  <name>default</name>\n  <target>\n    <path>/srv/images</path>\n  </target>\n</pool>\n",
    good: "<pool type='dir'>\n  <name>images</name>\n  <target>\n    <path>/srv/images</path>\n  </target>\n</pool>\n",
  },
  libvirtMessage: "operation failed: pool 'default' already exists with uuid 0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f",
  libvirtSource: 'src/conf/virstorageobj.c, virStoragePoolObjIsDuplicate',
  limits: 'The bad example clashes only beside another file defining a pool named default. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
});

export const duplicateFilterName = nameRule('fleet-duplicate-nwfilter-name', 'nwfilter', 'network filter name', {
  summary: 'Two network filter documents with the same `name`.',
  why: 'libvirt keeps one filter per name on a host: the second definition replaces the first, or is refused when the UUIDs differ (`filter … already exists with uuid …`).',
  example: {
    bad: "<filter name='clean-traffic' chain='root'>\n  <filterref filter='no-mac-spoofing'/>\n</filter>\n",
    good: "<filter name='acme-clean-traffic' chain='root'>\n  <filterref filter='no-mac-spoofing'/>\n</filter>\n",
  },
  libvirtMessage: "operation failed: filter 'clean-traffic' already exists with uuid 0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f",
  libvirtSource: 'src/conf/virnwfilterobj.c, virNWFilterObjListAssignDef',
  limits: 'The bad example clashes only beside another file defining a filter named clean-traffic. All linted files are taken to be one host\'s (or one fleet\'s) definitions: lint definitions for different hosts in separate runs, or switch the rule off for some paths with `overrides`.',
}, 'name', 'name');

export const NAME_RULES = [duplicateDomainName, duplicateDomainUuid, duplicateNetworkName, duplicatePoolName, duplicateFilterName] as const;
