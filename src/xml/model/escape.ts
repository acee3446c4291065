/**
 * Escaping for written values. libvirt's formatter escapes the same five characters in text
 * and in attribute values; control characters other than tab, LF and CR cannot be written as
 * XML 1.0 at all, and line ends in attributes become references so they survive reparsing.
 */

const TEXT = /[&<>"']/g;
const ATTRIBUTE = /[&<>"'\t\n\r]/g;
const TEXT_CR = /[&<>"'\r]/g;

const REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

const replace = (c: string): string => REFERENCES[c]!;

/** Element text as libvirt writes it. */
export function escapeText(s: string): string {
  // A bare CR would be read back as LF, so it is written as a reference.
  return s.replace(s.includes('\r') ? TEXT_CR : TEXT, replace);
}

/** An attribute value as libvirt writes it (quotes escaped whatever the quote character). */
export function escapeAttribute(s: string): string {
  return s.replace(ATTRIBUTE, replace);
}
