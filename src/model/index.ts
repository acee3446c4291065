/**
 * The typed model of libvirt's XML: the generated types of every schema root, parse and format
 * for any root, and a typed shortcut pair per root (`parseDomain`, `formatDomain`, …).
 */
import { format, formatAs, MODEL_MAX_DEPTH, parse, type FormatOptions, type Parsed, type ParseOptions } from '../xml/model/api.js';
import type { ModelRoot, RootTypes } from './generated/types/index.js';

export type * from './generated/types/index.js';
export { MODEL_RELEASE } from './generated/types/index.js';
export type { AnyComment, AnyElement, AnyNode, AnyProcessingInstruction, AnyText, ElementBase, IntegerString, Layout, UnknownAttribute, UnknownNode } from './base.js';
export { format, formatAs, MODEL_MAX_DEPTH, parse, type FormatOptions, type Parsed, type ParseOptions };
export { ModelFormatError, ModelParseError } from '../xml/model/errors.js';
export { freezeModel, update, updateAt, type Changes } from '../xml/model/update.js';
export type { FormatStyle } from '../xml/model/write.js';

/** Options of the typed parse shortcuts (the schema is given by the shortcut). */
export type RootParseOptions = Omit<ParseOptions, 'schema'>;

function parser<R extends ModelRoot>(schema: R): (xml: string, options?: RootParseOptions) => RootTypes[R] {
  return (xml, options = {}) => (parse(xml, { ...options, schema }) as Parsed<R> & { value: RootTypes[R] }).value;
}

function formatter<R extends ModelRoot>(schema: R): (value: RootTypes[R], options?: FormatOptions) => string {
  return (value, options) => formatAs(schema, value, options);
}

/** `<domain>` (domain.rng). */
export const parseDomain = parser('domain');
export const formatDomain = formatter('domain');
/** `<inactiveDomain>` (inactiveDomain.rng). */
export const parseInactiveDomain = parser('inactiveDomain');
export const formatInactiveDomain = formatter('inactiveDomain');
/** `<domainsnapshot>` (domainsnapshot.rng). */
export const parseDomainSnapshot = parser('domainsnapshot');
export const formatDomainSnapshot = formatter('domainsnapshot');
/** `<domaincheckpoint>` (domaincheckpoint.rng). */
export const parseDomainCheckpoint = parser('domaincheckpoint');
export const formatDomainCheckpoint = formatter('domaincheckpoint');
/** `<domainbackup>` (domainbackup.rng). */
export const parseDomainBackup = parser('domainbackup');
export const formatDomainBackup = formatter('domainbackup');
/** `<domainCapabilities>` (domaincaps.rng). */
export const parseDomainCapabilities = parser('domaincaps');
export const formatDomainCapabilities = formatter('domaincaps');
/** `<capabilities>` (capability.rng). */
export const parseCapabilities = parser('capability');
export const formatCapabilities = formatter('capability');
/** `<cpu>` (cpu.rng). */
export const parseCpu = parser('cpu');
export const formatCpu = formatter('cpu');
/** `<network>` (network.rng). */
export const parseNetwork = parser('network');
export const formatNetwork = formatter('network');
/** `<networkport>` (networkport.rng). */
export const parseNetworkPort = parser('networkport');
export const formatNetworkPort = formatter('networkport');
/** `<interface>` of a host (interface.rng). */
export const parseHostInterface = parser('interface');
export const formatHostInterface = formatter('interface');
/** `<device>` (nodedev.rng). */
export const parseNodeDevice = parser('nodedev');
export const formatNodeDevice = formatter('nodedev');
/** `<filter>` (nwfilter.rng). */
export const parseNwFilter = parser('nwfilter');
export const formatNwFilter = formatter('nwfilter');
/** `<filterbinding>` (nwfilterbinding.rng). */
export const parseNwFilterBinding = parser('nwfilterbinding');
export const formatNwFilterBinding = formatter('nwfilterbinding');
/** `<secret>` (secret.rng). */
export const parseSecret = parser('secret');
export const formatSecret = formatter('secret');
/** `<pool>` (storagepool.rng). */
export const parseStoragePool = parser('storagepool');
export const formatStoragePool = formatter('storagepool');
/** `<storagepoolCapabilities>` (storagepoolcaps.rng). */
export const parseStoragePoolCapabilities = parser('storagepoolcaps');
export const formatStoragePoolCapabilities = formatter('storagepoolcaps');
/** `<volume>` (storagevol.rng). */
export const parseStorageVolume = parser('storagevol');
export const formatStorageVolume = formatter('storagevol');

/** The typed shortcuts by root, so tools can find one from a schema name. */
export const ROOT_SHORTCUTS: { readonly [R in ModelRoot]: { readonly parse: (xml: string, options?: RootParseOptions) => RootTypes[R]; readonly format: (value: RootTypes[R], options?: FormatOptions) => string } } = {
  capability: { parse: parseCapabilities, format: formatCapabilities },
  cpu: { parse: parseCpu, format: formatCpu },
  domain: { parse: parseDomain, format: formatDomain },
  domainbackup: { parse: parseDomainBackup, format: formatDomainBackup },
  domaincaps: { parse: parseDomainCapabilities, format: formatDomainCapabilities },
  domaincheckpoint: { parse: parseDomainCheckpoint, format: formatDomainCheckpoint },
  domainsnapshot: { parse: parseDomainSnapshot, format: formatDomainSnapshot },
  inactiveDomain: { parse: parseInactiveDomain, format: formatInactiveDomain },
  interface: { parse: parseHostInterface, format: formatHostInterface },
  network: { parse: parseNetwork, format: formatNetwork },
  networkport: { parse: parseNetworkPort, format: formatNetworkPort },
  nodedev: { parse: parseNodeDevice, format: formatNodeDevice },
  nwfilter: { parse: parseNwFilter, format: formatNwFilter },
  nwfilterbinding: { parse: parseNwFilterBinding, format: formatNwFilterBinding },
  secret: { parse: parseSecret, format: formatSecret },
  storagepool: { parse: parseStoragePool, format: formatStoragePool },
  storagepoolcaps: { parse: parseStoragePoolCapabilities, format: formatStoragePoolCapabilities },
  storagevol: { parse: parseStorageVolume, format: formatStorageVolume },
};

/** Checking model values received as JSON, and the JSON Schema of each root's model. */
export { modelJsonSchema, validateModel, type ModelDiagnostic, type ModelValidationCode, type ModelValidationResult } from '../xml/model/validate-model.js';
export { ModelValidationUnavailableError } from '../xml/model/eval-unavailable.js';
