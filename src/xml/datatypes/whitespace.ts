/**
 * XSD's whiteSpace facet (XML Schema Part 2 §4.3.6). Only the four XML whitespace characters count;
 * other Unicode spaces (U+00A0 and friends) are ordinary characters.
 */

export type WhitespaceMode = 'preserve' | 'replace' | 'collapse';

const XML_WHITESPACE_CHAR = /[\t\n\r]/g;
const XML_WHITESPACE_RUN = /[ \t\n\r]+/g;

/** Each tab, line feed and carriage return becomes a space. */
export function replaceWhitespace(value: string): string {
  return value.replace(XML_WHITESPACE_CHAR, ' ');
}

/** Runs of whitespace become one space, and leading and trailing whitespace is removed. */
export function collapseWhitespace(value: string): string {
  return value.replace(XML_WHITESPACE_RUN, ' ').replace(/^ | $/g, '');
}

export function normalizeWhitespace(value: string, mode: WhitespaceMode): string {
  switch (mode) {
    case 'preserve': return value;
    case 'replace': return replaceWhitespace(value);
    case 'collapse': return collapseWhitespace(value);
  }
}
