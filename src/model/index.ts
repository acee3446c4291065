/**
 * The typed model of libvirt's XML: the generated types of every schema root, parse and format
 * for any root, and a typed shortcut pair per root (`parseDomain`, `formatDomain`, …).
 */
import { format, formatAs, MODEL_MAX_DEPTH, parse, type FormatOptions, type Parsed, type ParseOptions } from '../xml/model/api.js';
import type { ModelRoot, RootTypes } from './generated/types/index.js';

export type * from './generated/types/index.js';
export { MODEL_NAMESPACES, MODEL_RELEASE } from './generated/types/index.js';
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

/**
 * Reads a `<domain>` document (domain.rng) into its typed model, {@link Domain}: deeply frozen, and
 * keeping the document's layout, so that {@link formatDomain} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of domain.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseDomain } from 'virtxml';
 *
 * const domain = parseDomain("<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n</domain>\n");
 * console.log(domain.name); // web01
 * ```
 */
export const parseDomain = parser('domain');
/**
 * Writes a `<domain>` model (domain.rng) as XML. Parts read by {@link parseDomain} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatDomain, parseDomain } from 'virtxml';
 *
 * const xml = "<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n</domain>\n";
 * console.log(formatDomain(parseDomain(xml)) === xml); // true
 * ```
 */
export const formatDomain = formatter('domain');
/**
 * Reads a `<inactiveDomain>` document (inactiveDomain.rng) into its typed model, {@link InactiveDomain}: deeply frozen, and
 * keeping the document's layout, so that {@link formatInactiveDomain} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of inactiveDomain.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseInactiveDomain } from 'virtxml';
 *
 * const domain = parseInactiveDomain("<inactiveDomain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n</inactiveDomain>\n");
 * console.log(domain.name); // web01
 * ```
 */
export const parseInactiveDomain = parser('inactiveDomain');
/**
 * Writes a `<inactiveDomain>` model (inactiveDomain.rng) as XML. Parts read by {@link parseInactiveDomain} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatInactiveDomain, parseInactiveDomain } from 'virtxml';
 *
 * const xml = "<inactiveDomain type='kvm'>\n  <name>web01</name>\n  <memory unit='GiB'>4</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n</inactiveDomain>\n";
 * console.log(formatInactiveDomain(parseInactiveDomain(xml)) === xml); // true
 * ```
 */
export const formatInactiveDomain = formatter('inactiveDomain');
/**
 * Reads a `<domainsnapshot>` document (domainsnapshot.rng) into its typed model, {@link DomainSnapshot}: deeply frozen, and
 * keeping the document's layout, so that {@link formatDomainSnapshot} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of domainsnapshot.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseDomainSnapshot } from 'virtxml';
 *
 * const snapshot = parseDomainSnapshot("<domainsnapshot>\n  <name>before-upgrade</name>\n</domainsnapshot>\n");
 * console.log(snapshot.name); // before-upgrade
 * ```
 */
export const parseDomainSnapshot = parser('domainsnapshot');
/**
 * Writes a `<domainsnapshot>` model (domainsnapshot.rng) as XML. Parts read by {@link parseDomainSnapshot} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatDomainSnapshot, parseDomainSnapshot } from 'virtxml';
 *
 * const xml = "<domainsnapshot>\n  <name>before-upgrade</name>\n</domainsnapshot>\n";
 * console.log(formatDomainSnapshot(parseDomainSnapshot(xml)) === xml); // true
 * ```
 */
export const formatDomainSnapshot = formatter('domainsnapshot');
/**
 * Reads a `<domaincheckpoint>` document (domaincheckpoint.rng) into its typed model, {@link DomainCheckpoint}: deeply frozen, and
 * keeping the document's layout, so that {@link formatDomainCheckpoint} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of domaincheckpoint.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseDomainCheckpoint } from 'virtxml';
 *
 * const checkpoint = parseDomainCheckpoint("<domaincheckpoint>\n  <name>nightly</name>\n</domaincheckpoint>\n");
 * console.log(checkpoint.name); // nightly
 * ```
 */
export const parseDomainCheckpoint = parser('domaincheckpoint');
/**
 * Writes a `<domaincheckpoint>` model (domaincheckpoint.rng) as XML. Parts read by {@link parseDomainCheckpoint} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatDomainCheckpoint, parseDomainCheckpoint } from 'virtxml';
 *
 * const xml = "<domaincheckpoint>\n  <name>nightly</name>\n</domaincheckpoint>\n";
 * console.log(formatDomainCheckpoint(parseDomainCheckpoint(xml)) === xml); // true
 * ```
 */
export const formatDomainCheckpoint = formatter('domaincheckpoint');
/**
 * Reads a `<domainbackup>` document (domainbackup.rng) into its typed model, {@link DomainBackup}: deeply frozen, and
 * keeping the document's layout, so that {@link formatDomainBackup} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of domainbackup.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseDomainBackup } from 'virtxml';
 *
 * const backup = parseDomainBackup("<domainbackup>\n  <disks>\n    <disk name='vda' backup='yes'/>\n  </disks>\n</domainbackup>\n");
 * console.log(backup.disks?.disk?.[0]?.name); // vda
 * ```
 */
export const parseDomainBackup = parser('domainbackup');
/**
 * Writes a `<domainbackup>` model (domainbackup.rng) as XML. Parts read by {@link parseDomainBackup} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatDomainBackup, parseDomainBackup } from 'virtxml';
 *
 * const xml = "<domainbackup>\n  <disks>\n    <disk name='vda' backup='yes'/>\n  </disks>\n</domainbackup>\n";
 * console.log(formatDomainBackup(parseDomainBackup(xml)) === xml); // true
 * ```
 */
export const formatDomainBackup = formatter('domainbackup');
/**
 * Reads a `<domainCapabilities>` document (domaincaps.rng) into its typed model, {@link DomainCapabilities}: deeply frozen, and
 * keeping the document's layout, so that {@link formatDomainCapabilities} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of domaincaps.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseDomainCapabilities } from 'virtxml';
 *
 * const caps = parseDomainCapabilities("<domainCapabilities>\n  <path>/usr/bin/qemu-system-x86_64</path>\n  <domain>kvm</domain>\n  <arch>x86_64</arch>\n</domainCapabilities>\n");
 * console.log(caps.arch); // x86_64
 * ```
 */
export const parseDomainCapabilities = parser('domaincaps');
/**
 * Writes a `<domainCapabilities>` model (domaincaps.rng) as XML. Parts read by {@link parseDomainCapabilities} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatDomainCapabilities, parseDomainCapabilities } from 'virtxml';
 *
 * const xml = "<domainCapabilities>\n  <path>/usr/bin/qemu-system-x86_64</path>\n  <domain>kvm</domain>\n  <arch>x86_64</arch>\n</domainCapabilities>\n";
 * console.log(formatDomainCapabilities(parseDomainCapabilities(xml)) === xml); // true
 * ```
 */
export const formatDomainCapabilities = formatter('domaincaps');
/**
 * Reads a `<capabilities>` document (capability.rng) into its typed model, {@link Capabilities}: deeply frozen, and
 * keeping the document's layout, so that {@link formatCapabilities} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of capability.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseCapabilities } from 'virtxml';
 *
 * const caps = parseCapabilities("<capabilities>\n  <host>\n    <cpu>\n      <arch>x86_64</arch>\n    </cpu>\n  </host>\n</capabilities>\n");
 * console.log(caps.host.cpu.arch); // x86_64
 * ```
 */
export const parseCapabilities = parser('capability');
/**
 * Writes a `<capabilities>` model (capability.rng) as XML. Parts read by {@link parseCapabilities} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatCapabilities, parseCapabilities } from 'virtxml';
 *
 * const xml = "<capabilities>\n  <host>\n    <cpu>\n      <arch>x86_64</arch>\n    </cpu>\n  </host>\n</capabilities>\n";
 * console.log(formatCapabilities(parseCapabilities(xml)) === xml); // true
 * ```
 */
export const formatCapabilities = formatter('capability');
/**
 * Reads a `<cpu>` document (cpu.rng) into its typed model, {@link Cpu}: deeply frozen, and
 * keeping the document's layout, so that {@link formatCpu} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of cpu.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseCpu } from 'virtxml';
 *
 * const cpu = parseCpu("<cpu mode='host-model'/>\n");
 * console.log(cpu.mode); // host-model
 * ```
 */
export const parseCpu = parser('cpu');
/**
 * Writes a `<cpu>` model (cpu.rng) as XML. Parts read by {@link parseCpu} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatCpu, parseCpu } from 'virtxml';
 *
 * const xml = "<cpu mode='host-model'/>\n";
 * console.log(formatCpu(parseCpu(xml)) === xml); // true
 * ```
 */
export const formatCpu = formatter('cpu');
/**
 * Reads a `<network>` document (network.rng) into its typed model, {@link Network}: deeply frozen, and
 * keeping the document's layout, so that {@link formatNetwork} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of network.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseNetwork } from 'virtxml';
 *
 * const network = parseNetwork("<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n");
 * console.log(network.bridge?.name); // virbr0
 * ```
 */
export const parseNetwork = parser('network');
/**
 * Writes a `<network>` model (network.rng) as XML. Parts read by {@link parseNetwork} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatNetwork, parseNetwork } from 'virtxml';
 *
 * const xml = "<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n";
 * console.log(formatNetwork(parseNetwork(xml)) === xml); // true
 * ```
 */
export const formatNetwork = formatter('network');
/**
 * Reads a `<networkport>` document (networkport.rng) into its typed model, {@link NetworkPort}: deeply frozen, and
 * keeping the document's layout, so that {@link formatNetworkPort} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of networkport.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseNetworkPort } from 'virtxml';
 *
 * const port = parseNetworkPort("<networkport>\n  <uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>\n  <owner>\n    <name>web01</name>\n    <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n  </owner>\n  <mac address='52:54:00:7b:35:93'/>\n  <plug type='network' bridge='virbr0'/>\n</networkport>\n");
 * console.log(port.owner.name); // web01
 * ```
 */
export const parseNetworkPort = parser('networkport');
/**
 * Writes a `<networkport>` model (networkport.rng) as XML. Parts read by {@link parseNetworkPort} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatNetworkPort, parseNetworkPort } from 'virtxml';
 *
 * const xml = "<networkport>\n  <uuid>5d744f21-ba4a-4d6e-bdb2-30a35ff3207d</uuid>\n  <owner>\n    <name>web01</name>\n    <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n  </owner>\n  <mac address='52:54:00:7b:35:93'/>\n  <plug type='network' bridge='virbr0'/>\n</networkport>\n";
 * console.log(formatNetworkPort(parseNetworkPort(xml)) === xml); // true
 * ```
 */
export const formatNetworkPort = formatter('networkport');
/**
 * Reads a `<interface>` of a host document (interface.rng) into its typed model, {@link HostInterface}: deeply frozen, and
 * keeping the document's layout, so that {@link formatHostInterface} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of interface.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseHostInterface } from 'virtxml';
 *
 * const iface = parseHostInterface("<interface type='ethernet' name='eth0'>\n  <start mode='onboot'/>\n</interface>\n");
 * console.log(iface.name); // eth0
 * ```
 */
export const parseHostInterface = parser('interface');
/**
 * Writes a `<interface>` of a host model (interface.rng) as XML. Parts read by {@link parseHostInterface} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatHostInterface, parseHostInterface } from 'virtxml';
 *
 * const xml = "<interface type='ethernet' name='eth0'>\n  <start mode='onboot'/>\n</interface>\n";
 * console.log(formatHostInterface(parseHostInterface(xml)) === xml); // true
 * ```
 */
export const formatHostInterface = formatter('interface');
/**
 * Reads a `<device>` document (nodedev.rng) into its typed model, {@link NodeDevice}: deeply frozen, and
 * keeping the document's layout, so that {@link formatNodeDevice} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of nodedev.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseNodeDevice } from 'virtxml';
 *
 * const device = parseNodeDevice("<device>\n  <name>computer</name>\n  <capability type='system'>\n    <hardware>\n      <vendor>QEMU</vendor>\n      <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n    </hardware>\n    <firmware/>\n  </capability>\n</device>\n");
 * console.log(device.name); // computer
 * ```
 */
export const parseNodeDevice = parser('nodedev');
/**
 * Writes a `<device>` model (nodedev.rng) as XML. Parts read by {@link parseNodeDevice} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatNodeDevice, parseNodeDevice } from 'virtxml';
 *
 * const xml = "<device>\n  <name>computer</name>\n  <capability type='system'>\n    <hardware>\n      <vendor>QEMU</vendor>\n      <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n    </hardware>\n    <firmware/>\n  </capability>\n</device>\n";
 * console.log(formatNodeDevice(parseNodeDevice(xml)) === xml); // true
 * ```
 */
export const formatNodeDevice = formatter('nodedev');
/**
 * Reads a `<filter>` document (nwfilter.rng) into its typed model, {@link NwFilter}: deeply frozen, and
 * keeping the document's layout, so that {@link formatNwFilter} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of nwfilter.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseNwFilter } from 'virtxml';
 *
 * const filter = parseNwFilter("<filter name='no-spoofing' chain='root'>\n  <filterref filter='no-mac-spoofing'/>\n</filter>\n");
 * console.log(filter.name); // no-spoofing
 * ```
 */
export const parseNwFilter = parser('nwfilter');
/**
 * Writes a `<filter>` model (nwfilter.rng) as XML. Parts read by {@link parseNwFilter} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatNwFilter, parseNwFilter } from 'virtxml';
 *
 * const xml = "<filter name='no-spoofing' chain='root'>\n  <filterref filter='no-mac-spoofing'/>\n</filter>\n";
 * console.log(formatNwFilter(parseNwFilter(xml)) === xml); // true
 * ```
 */
export const formatNwFilter = formatter('nwfilter');
/**
 * Reads a `<filterbinding>` document (nwfilterbinding.rng) into its typed model, {@link NwFilterBinding}: deeply frozen, and
 * keeping the document's layout, so that {@link formatNwFilterBinding} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of nwfilterbinding.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseNwFilterBinding } from 'virtxml';
 *
 * const binding = parseNwFilterBinding("<filterbinding>\n  <owner>\n    <name>web01</name>\n    <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n  </owner>\n  <portdev name='vnet0'/>\n  <mac address='52:54:00:7b:35:93'/>\n  <filterref filter='clean-traffic'/>\n</filterbinding>\n");
 * console.log(binding.portdev.name); // vnet0
 * ```
 */
export const parseNwFilterBinding = parser('nwfilterbinding');
/**
 * Writes a `<filterbinding>` model (nwfilterbinding.rng) as XML. Parts read by {@link parseNwFilterBinding} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatNwFilterBinding, parseNwFilterBinding } from 'virtxml';
 *
 * const xml = "<filterbinding>\n  <owner>\n    <name>web01</name>\n    <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n  </owner>\n  <portdev name='vnet0'/>\n  <mac address='52:54:00:7b:35:93'/>\n  <filterref filter='clean-traffic'/>\n</filterbinding>\n";
 * console.log(formatNwFilterBinding(parseNwFilterBinding(xml)) === xml); // true
 * ```
 */
export const formatNwFilterBinding = formatter('nwfilterbinding');
/**
 * Reads a `<secret>` document (secret.rng) into its typed model, {@link Secret}: deeply frozen, and
 * keeping the document's layout, so that {@link formatSecret} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of secret.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseSecret } from 'virtxml';
 *
 * const secret = parseSecret("<secret ephemeral='no' private='yes'>\n  <usage type='ceph'>\n    <name>pool</name>\n  </usage>\n</secret>\n");
 * console.log(secret.usage?.type); // ceph
 * ```
 */
export const parseSecret = parser('secret');
/**
 * Writes a `<secret>` model (secret.rng) as XML. Parts read by {@link parseSecret} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatSecret, parseSecret } from 'virtxml';
 *
 * const xml = "<secret ephemeral='no' private='yes'>\n  <usage type='ceph'>\n    <name>pool</name>\n  </usage>\n</secret>\n";
 * console.log(formatSecret(parseSecret(xml)) === xml); // true
 * ```
 */
export const formatSecret = formatter('secret');
/**
 * Reads a `<pool>` document (storagepool.rng) into its typed model, {@link StoragePool}: deeply frozen, and
 * keeping the document's layout, so that {@link formatStoragePool} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of storagepool.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseStoragePool } from 'virtxml';
 *
 * const pool = parseStoragePool("<pool type='dir'>\n  <name>images</name>\n  <target>\n    <path>/var/lib/libvirt/images</path>\n  </target>\n</pool>\n");
 * console.log(pool.type, pool.name); // dir images
 * ```
 */
export const parseStoragePool = parser('storagepool');
/**
 * Writes a `<pool>` model (storagepool.rng) as XML. Parts read by {@link parseStoragePool} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatStoragePool, parseStoragePool } from 'virtxml';
 *
 * const xml = "<pool type='dir'>\n  <name>images</name>\n  <target>\n    <path>/var/lib/libvirt/images</path>\n  </target>\n</pool>\n";
 * console.log(formatStoragePool(parseStoragePool(xml)) === xml); // true
 * ```
 */
export const formatStoragePool = formatter('storagepool');
/**
 * Reads a `<storagepoolCapabilities>` document (storagepoolcaps.rng) into its typed model, {@link StoragePoolCapabilities}: deeply frozen, and
 * keeping the document's layout, so that {@link formatStoragePoolCapabilities} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of storagepoolcaps.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseStoragePoolCapabilities } from 'virtxml';
 *
 * const caps = parseStoragePoolCapabilities("<storagepoolCapabilities>\n  <pool type='dir' supported='yes'/>\n</storagepoolCapabilities>\n");
 * console.log(caps.pool?.[0]?.type); // dir
 * ```
 */
export const parseStoragePoolCapabilities = parser('storagepoolcaps');
/**
 * Writes a `<storagepoolCapabilities>` model (storagepoolcaps.rng) as XML. Parts read by {@link parseStoragePoolCapabilities} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatStoragePoolCapabilities, parseStoragePoolCapabilities } from 'virtxml';
 *
 * const xml = "<storagepoolCapabilities>\n  <pool type='dir' supported='yes'/>\n</storagepoolCapabilities>\n";
 * console.log(formatStoragePoolCapabilities(parseStoragePoolCapabilities(xml)) === xml); // true
 * ```
 */
export const formatStoragePoolCapabilities = formatter('storagepoolcaps');
/**
 * Reads a `<volume>` document (storagevol.rng) into its typed model, {@link StorageVolume}: deeply frozen, and
 * keeping the document's layout, so that {@link formatStorageVolume} writes unchanged parts back as they
 * were. Throws `ModelParseError` when the text is not well-formed XML or its document element is
 * not the one of storagevol.rng. Options as for {@link parse} (`freeze: false` for speed).
 *
 * @example
 * ```ts
 * import { parseStorageVolume } from 'virtxml';
 *
 * const volume = parseStorageVolume("<volume>\n  <name>web01.qcow2</name>\n  <capacity unit='GiB'>20</capacity>\n  <target>\n    <format type='qcow2'/>\n  </target>\n</volume>\n");
 * console.log(volume.capacity?.$value); // 20
 * ```
 */
export const parseStorageVolume = parser('storagevol');
/**
 * Writes a `<volume>` model (storagevol.rng) as XML. Parts read by {@link parseStorageVolume} and not changed
 * are written as they were; new or changed parts in libvirt's style, or keeping the document's
 * quoting and indentation with `{ style: 'preserve' }`. Throws `ModelFormatError` for a value XML
 * cannot hold.
 *
 * @example
 * ```ts
 * import { formatStorageVolume, parseStorageVolume } from 'virtxml';
 *
 * const xml = "<volume>\n  <name>web01.qcow2</name>\n  <capacity unit='GiB'>20</capacity>\n  <target>\n    <format type='qcow2'/>\n  </target>\n</volume>\n";
 * console.log(formatStorageVolume(parseStorageVolume(xml)) === xml); // true
 * ```
 */
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
