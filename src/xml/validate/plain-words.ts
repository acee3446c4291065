/**
 * Values described for people: libvirt's common patterns (from basictypes.rng and a few
 * others) in words with an example, and XSD's integer types as "a whole number". Messages use
 * these instead of the regular expression or the XSD type name; the diagnostic's `patterns`
 * still holds the expression. The tables have no `<define>` names for datatypes, so a pattern
 * is known by its exact source.
 */
import type { Datatype, DatatypeViolation } from '../datatypes/types.js';
import { XSD_LIBRARY } from '../datatypes/types.js';
import { quoteValue, trimXmlSpace } from '../shown.js';

const MAC = 'a MAC address such as 52:54:00:12:34:56 (six pairs of hex digits separated by colons)';
const UUID = 'a UUID such as 4dea22b3-1d52-d8f3-2516-782e98ab3fa0 (32 hex digits, with or without the dashes)';
const IPV4 = 'an IPv4 address such as 192.168.122.1';
const IPV6 = 'an IPv6 address such as fe80::1 or 2001:db8::2';
const WHOLE = 'a whole number';

/** Exact pattern source → what it stands for. */
const PATTERNS: ReadonlyMap<string, string> = new Map([
  // MAC addresses (uniMacAddr, multiMacAddr, macAddr; nwfilter's)
  ['[a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5}', 'a unicast MAC address such as 52:54:00:12:34:56 (six pairs of hex digits separated by colons; the first pair even)'],
  ['[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}', MAC],
  ['([a-fA-F0-9]{2}:){5}[a-fA-F0-9]{2}', MAC],
  ['([a-fA-F0-9]{1,2}:){5}[a-fA-F0-9]{1,2}', 'a MAC address such as 52:54:00:12:34:56 (six groups of one or two hex digits separated by colons)'],
  // UUID
  ['[a-fA-F0-9]{32}', UUID],
  ['[a-fA-F0-9]{8}\\-([a-fA-F0-9]{4}\\-){3}[a-fA-F0-9]{12}', UUID],
  // IP addresses (ipv4Addr, ipv6Addr; nwfilter's)
  ['(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))', IPV4],
  ['([0-2]?[0-9]?[0-9]\\.){3}[0-2]?[0-9]?[0-9]', IPV4],
  ['(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}:[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){5}:([0-9A-Fa-f]{1,4}:)?[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){4}:([0-9A-Fa-f]{1,4}:){0,2}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){3}:([0-9A-Fa-f]{1,4}:){0,3}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){2}:([0-9A-Fa-f]{1,4}:){0,4}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(([0-9A-Fa-f]{1,4}:){0,5}:(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(::([0-9A-Fa-f]{1,4}:){0,5}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|([0-9A-Fa-f]{1,4}::([0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})|(::([0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){1,7}:)|(::)', IPV6],
  ['([a-fA-F0-9]{0,4}:){2,7}([a-fA-F0-9]*)(([0-2]?[0-9]?[0-9]\\.){3}[0-2]?[0-9]?[0-9])?', IPV6],
  ['([a-fA-F0-9]{0,4}:){2,7}([a-fA-F0-9]*)', IPV6],
  // sizes and numbers
  ['([bB]([yY][tT][eE][sS]?)?)|([kKmMgGtTpPeE]([iI]?[bB])?)', 'a unit of size: b or bytes, K or KiB, KB, M or MiB, MB, G or GiB, GB, T or TiB, TB, P, PiB, PB, E, EiB or EB'],
  ['(0x)?[0-1]?[0-9a-fA-F]', 'a PCI slot number from 0 to 0x1f (hexadecimal; the 0x is optional)'],
  ['(0x)?[0-7]', 'a PCI function number from 0 to 7 (the 0x is optional)'],
  ['0x[0-9a-fA-F]{1,2}', 'a hexadecimal number from 0x0 to 0xff (with 0x)'],
  ['(0x)?[0-9a-fA-F]{1,4}', 'a hexadecimal number from 0 to 0xffff (the 0x is optional)'],
  ['0x[0-9a-fA-F]{1,4}', 'a hexadecimal number from 0x0 to 0xffff (with 0x)'],
  ['0x[a-fA-F0-9]{1,4}', 'a hexadecimal number from 0x0 to 0xffff (with 0x)'],
  ['0x[0-9a-fA-F]{1,6}', 'a hexadecimal number from 0x0 to 0xffffff (with 0x)'],
  ['(0x)?[0-9a-fA-F]{1,8}', 'a hexadecimal number from 0 to 0xffffffff (the 0x is optional)'],
  ['(0x)?[0-9a-f]+', 'a hexadecimal number (lower-case digits; the 0x is optional)'],
  ['(0x)?[0-9a-fA-F]{16}', 'a World Wide Name of 16 hex digits such as 5000c50015ea71ac (the 0x is optional)'],
  ['(naa\\.)[0-9a-fA-F]{16}', 'a NAA World Wide Name such as naa.5000c50015ea71ac'],
  ['0x[0-9a-eA-E][0-9a-fA-F]?', 'a channel subsystem id from 0x0 to 0xfe (with 0x)'],
  ['0x[fF][0-9a-eA-E]?', 'a channel subsystem id from 0x0 to 0xfe (with 0x)'],
  ['(0x)?[0-3]', 'a number from 0 to 3 (the 0x is optional)'],
  ['0x[0-9a-fA-F]{1,8}', 'a hexadecimal number from 0x0 to 0xffffffff (with 0x)'],
  ['0x([0-9a-fA-F]{1,3})', 'a hexadecimal number from 0x0 to 0xfff (with 0x)'],
  ['0x([0-3][0-9a-fA-F]|[0-9a-fA-F])', 'a hexadecimal number from 0x0 to 0x3f (with 0x)'],
  ['0x([6-9a-fA-F][0-9a-fA-F]{2}|[0-9a-fA-F]{4})', 'a hexadecimal number from 0x600 to 0xffff (with 0x)'],
  // nwfilter
  ['$[ ]*[a-zA-Z0-9_]+(\\[[ ]*[@]?[0-9]+[ ]*\\])?[ ]*', 'a variable such as $IP or $MAC[@1]'],
  ['[0-7]+', 'an octal number such as 0644'],
  ['0[0-7]{3}|[0-7]{1,3}', 'an octal file mode such as 0644 or 755'],
  ['([0-9]+(-[0-9]+)?|\\^[0-9]+)(,([0-9]+(-[0-9]+)?|\\^[0-9]+))*', 'a CPU list such as 0-3,8,^2 (numbers and ranges separated by commas; ^ leaves a CPU out)'],
  // names and paths
  ['(/|[a-zA-Z]:\\\\).+', 'an absolute path such as /var/lib/libvirt/images/guest.qcow2'],
  ['/.*', 'an absolute path, starting with /'],
  ['[^/\\n]+', 'a name without slashes or line breaks'],
  ['[^\\n]+', 'text on one line'],
  ['[^/]+', 'a name without slashes'],
  ['[a-zA-Z0-9_\\+\\-]+', 'a name of letters, digits, _, + and -'],
  ['[a-zA-Z0-9_\\-]+', 'a name of letters, digits, _ and -'],
  ['[a-zA-Z0-9\\.\\-]+', 'a host name such as host.example.com (letters, digits, dots and hyphens)'],
  ['(ioemu:)?(fd|hd|sd|vd|xvd|ubd)[a-zA-Z0-9_]+', 'a disk target name such as vda, sda, hdc or fda'],
  ['iqn\\.[0-9]{4}-(0[1-9]|1[0-2])\\.[a-zA-Z0-9\\.\\-]+(:.+)?', 'an iSCSI qualified name such as iqn.2013-07.com.example:storage'],
]);

/**
 * XSD's whole-number types. Their ranges go unsaid (a bound of 4294967295 helps nobody), but
 * the sign does: a negative value for a type that has none is told `0 or more`.
 */
const INTEGER_TYPES: Readonly<Record<string, 'signed' | 'unsigned' | 'positive' | 'negative'>> = {
  integer: 'signed',
  long: 'signed',
  int: 'signed',
  short: 'signed',
  byte: 'signed',
  nonNegativeInteger: 'unsigned',
  unsignedLong: 'unsigned',
  unsignedInt: 'unsigned',
  unsignedShort: 'unsigned',
  unsignedByte: 'unsigned',
  positiveInteger: 'positive',
  nonPositiveInteger: 'negative',
  negativeInteger: 'negative',
};

const SIGN_WORDS = { signed: '', unsigned: ', 0 or more', positive: ', 1 or more', negative: ', 0 or less' } as const;

const NUMBER_TYPES = new Set(['decimal', 'double', 'float']);

/** What a pattern stands for, in words, or undefined for a pattern without a description. */
export function describePattern(source: string): string | undefined {
  return PATTERNS.get(source);
}

/** The regular expressions of a datatype's `pattern` parameters, in schema order. */
export function patternsOf(dt: Datatype): string[] {
  return dt.params.filter((p) => p.name === 'pattern').map((p) => p.value);
}

/**
 * A datatype in words: a described pattern instead of `a string matching …`, `a whole number`
 * instead of an XSD integer type's name. Undefined when there is nothing to say better than
 * {@link Datatype.describe}.
 */
export function describeDatatype(dt: Datatype): string | undefined {
  if (dt.library !== XSD_LIBRARY) return undefined;
  const base = dt.describe();
  const patterns = patternsOf(dt);
  const head = `${/^[aeiou]/i.test(dt.name) ? 'an' : 'a'} ${dt.name}`;
  if (!base.startsWith(head)) return undefined;
  let facets = base.slice(head.length);
  let described: string | undefined;
  if (patterns.length > 0) {
    const matching = ` matching ${patterns.join(' and ')}`;
    if (!facets.endsWith(matching)) return undefined;
    const words = patterns.map(describePattern);
    if (words.length === 1 && words[0] !== undefined) described = words[0];
    else if (!(isInteger(dt.name) && patterns.every((p) => p === '[0-9]+'))) return undefined;
    facets = facets.slice(0, facets.length - matching.length);
  }
  // `of at least 1` reads `, at least 1` after a number.
  if (isInteger(dt.name) || NUMBER_TYPES.has(dt.name)) facets = facets.replace(/^ of at /, ', at ');
  if (isInteger(dt.name)) {
    // libvirt restricts most of its integers to digits: "a whole number" says as much.
    return described ?? `${WHOLE}${facets}`;
  }
  if (NUMBER_TYPES.has(dt.name) && described === undefined) return `a number${facets}`;
  return described === undefined ? undefined : `${described}${facets}`;
}

function isInteger(name: string): boolean {
  return Object.hasOwn(INTEGER_TYPES, name);
}

/**
 * Why `found` is not of the datatype, in words a newcomer can act on, or undefined to keep the
 * datatype's own reason: a described pattern (`"52:54:00" must be a MAC address such as …`) or
 * a whole number (`"4G" must be a whole number`, with `unit` advice where the element takes a
 * unit).
 */
export function explainViolation(dt: Datatype, violation: DatatypeViolation, found: string, unit?: UnitAdvice): string | undefined {
  const value = quoteValue(trimXmlSpace(found));
  if (violation.facet === 'pattern' && violation.limit !== undefined) {
    const words = describePattern(violation.limit);
    if (words !== undefined && !(isInteger(dt.name) && violation.limit === '[0-9]+')) return `${value} must be ${words}`;
  }
  const digitsOnly = violation.facet === 'pattern' && violation.limit === '[0-9]+';
  if (dt.library === XSD_LIBRARY && isInteger(dt.name) && (violation.facet === 'lexical' || digitsOnly)) {
    let words = describeDatatype(dt) ?? WHOLE;
    // A sign the type does not have (`-1` for an unsignedInt), when no bound says it already.
    const kind = INTEGER_TYPES[dt.name]!;
    if (words === WHOLE && /^[-+]/.test(trimXmlSpace(found))) words += SIGN_WORDS[kind];
    else if (words === WHOLE && kind === 'positive') words += SIGN_WORDS[kind];
    return `${value} must be ${words}${unit === undefined ? '' : unitAdvice(trimXmlSpace(found), unit)}`;
  }
  if (dt.library === XSD_LIBRARY && NUMBER_TYPES.has(dt.name) && violation.facet === 'lexical') {
    return `${value} must be ${describeDatatype(dt) ?? 'a number'}${unit === undefined ? '' : unitAdvice(trimXmlSpace(found), unit)}`;
  }
  return undefined;
}

/** Where a size's unit goes: the element that holds the number and takes a `unit` attribute. */
export interface UnitAdvice {
  /** The element's name as written. */
  readonly element: string;
  /** Its `unit` attribute, when it has one. */
  readonly unit?: string;
}

/** libvirt's unit spellings (basictypes.rng `unit`). */
const UNIT = /^(?:[bB](?:[yY][tT][eE][sS]?)?|[kKmMgGtTpPeE](?:[iI]?[bB])?)$/;

/** `; write the unit in the "unit" attribute: <memory unit='G'>4</memory>`, or a general note. */
function unitAdvice(value: string, advice: UnitAdvice): string {
  // Only a value with a unit or a fraction in it is about units: `-1` is not.
  if (!/[A-Za-z.,]/.test(value)) return '';
  const m = /^(\d+)\s*([A-Za-z]+)$/.exec(value);
  if (m !== null && UNIT.test(m[2]!)) {
    return `; write the unit in the "unit" attribute: <${advice.element} unit='${m[2]!}'>${m[1]!}</${advice.element}>`;
  }
  return advice.unit === undefined
    ? ` (in the element's default unit, or set the "unit" attribute, e.g. unit='KiB')`
    : ` in the unit its "unit" attribute names (${advice.unit})`;
}
