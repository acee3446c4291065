/**
 * Bytes to text, as an XML processor determines a document's encoding (XML 1.0 §4.3.3 and
 * Appendix F): a byte order mark, else the encoding declaration, else UTF-8. Bytes that are not
 * valid in that encoding are an error with the line and column where they stand, never replaced
 * by U+FFFD: a replaced byte would be written back as a different character.
 *
 * Uses only TextDecoder, so it works wherever the rest of the library does.
 */
import { XmlSyntaxError } from './errors.js';
import { LineMap } from './line-map.js';
import type { SourcePosition } from './types.js';

/**
 * Bytes that cannot be read as the document's encoding says. `text` is the document decoded with
 * U+FFFD in place of such bytes, to show the error in context; it is never the document's text.
 */
export class XmlEncodingError extends XmlSyntaxError {
  constructor(
    detail: string,
    position: SourcePosition,
    readonly text: string,
  ) {
    super('invalid-encoding', detail, position);
  }
}

/** A document's text and the encoding it was read in. */
export interface DecodedXml {
  /** The text; a byte order mark is kept as U+FEFF, so that writing it back can keep it. */
  readonly text: string;
  /** `UTF-8`, `UTF-16LE`, `UTF-16BE`, `US-ASCII`, `ISO-8859-1`, or the WHATWG name of a declared encoding. */
  readonly encoding: string;
  /** How the encoding was found. */
  readonly source: 'bom' | 'declaration' | 'default';
}

/**
 * The five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): WHATWG's index
 * reads them as C1 controls, iconv, and so libxml2, refuses them; so does this.
 */
const UNDEFINED = -1;

/** Labels that mean ISO-8859-1 itself; WHATWG's TextDecoder reads them as windows-1252, which differs at 0x80–0x9F. */
const LATIN1_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'iso_8859-1:1987', 'latin1', 'l1', 'iso-ir-100', 'cp819', 'ibm819', 'csisolatin1']);
const ASCII_LABELS = new Set(['us-ascii', 'ascii', 'iso646-us', 'ansi_x3.4-1968', 'csascii']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252']);
/**
 * windows-1252 at 0x80–0x9F (WHATWG's index; the rest is ISO-8859-1). Decoded here because some
 * TextDecoder implementations (Node 20's among them) read windows-1252 as ISO-8859-1.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, UNDEFINED, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, UNDEFINED, 0x17d, UNDEFINED,
  UNDEFINED, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, UNDEFINED, 0x17e, 0x178,
];
/**
 * A declaration naming UTF-16 in a document whose bytes are single bytes (no byte order mark, no
 * NUL bytes) is wrong; libxml2 refuses such a document ("Document labelled UTF-16 but has UTF-8
 * content"), and so does this.
 */
const UTF16_LABELS = new Set(['utf-16', 'utf-16le', 'utf-16be', 'ucs-2', 'iso-10646-ucs-2']);

/**
 * Decodes a document's bytes. Throws {@link XmlEncodingError} (code `invalid-encoding`) when a
 * byte sequence is not valid in the document's encoding, or the encoding is not supported.
 *
 * @example
 * ```ts
 * import { decodeXmlBytes } from 'virtxml';
 *
 * // ISO-8859-1 bytes, as the declaration says: é is the single byte 0xE9.
 * const bytes = new Uint8Array([...new TextEncoder().encode("<?xml version='1.0' encoding='ISO-8859-1'?><description>caf"), 0xe9, ...new TextEncoder().encode('</description>')]);
 * const { text, encoding } = decodeXmlBytes(bytes);
 * console.log(encoding, text.endsWith('café</description>')); // ISO-8859-1 true
 * ```
 */
export function decodeXmlBytes(bytes: Uint8Array): DecodedXml {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { text: decodeUtf8(bytes), encoding: 'UTF-8', source: 'bom' };
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    if (b0 === 0xff && bytes[2] === 0 && bytes[3] === 0) throw unsupported('UTF-32');
    const le = b0 === 0xff;
    return { text: decodeUtf16(bytes, le), encoding: le ? 'UTF-16LE' : 'UTF-16BE', source: 'bom' };
  }
  if (b0 === 0 && b1 === 0 && ((bytes[2] === 0xfe && bytes[3] === 0xff) || (bytes[2] === 0 && bytes[3] === 0x3c))) throw unsupported('UTF-32');
  // `<?` of an XML declaration in UTF-16 without a byte order mark (Appendix F). Without the
  // declaration libxml2 cannot tell UTF-16 from bytes with NULs in them, and refuses the document.
  if (b0 === 0x3c && b1 === 0 && bytes[2] === 0x3f && bytes[3] === 0) return { text: decodeUtf16(bytes, true), encoding: 'UTF-16LE', source: 'declaration' };
  if (b0 === 0 && b1 === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f) return { text: decodeUtf16(bytes, false), encoding: 'UTF-16BE', source: 'declaration' };
  if ((b0 === 0x3c && b1 === 0) || (b0 === 0 && b1 === 0x3c)) {
    const order = b0 === 0 ? 'big-endian' : 'little-endian';
    throw new XmlEncodingError(
      `the document looks like UTF-16 (${order}) without a byte order mark or an XML declaration, which XML processors (libxml2 among them) cannot read; ` +
        'convert it to UTF-8, or start it with a byte order mark',
      START,
      '',
    );
  }
  // `<?xm` in EBCDIC (Appendix F).
  if (b0 === 0x4c && b1 === 0x6f && bytes[2] === 0xa7 && bytes[3] === 0x94) throw unsupported('an EBCDIC encoding (such as IBM037)');

  const declared = declaredEncoding((i) => bytes[i]!, bytes.length);
  if (declared === undefined) return { text: decodeUtf8(bytes), encoding: 'UTF-8', source: 'default' };
  const label = declared.toLowerCase();
  if (UTF16_LABELS.has(label)) {
    throw new XmlEncodingError(
      `the document is declared ${declared} but its bytes are not UTF-16 (they read as single bytes), which libxml2 refuses; ` +
        'change the declaration to UTF-8 if that is what the bytes are',
      START,
      lossyUtf8(bytes),
    );
  }
  if (readAsUtf8(label)) return { text: decodeUtf8(bytes), encoding: 'UTF-8', source: 'declaration' };
  if (LATIN1_LABELS.has(label)) return { text: decodeSingleByte(bytes), encoding: 'ISO-8859-1', source: 'declaration' };
  if (ASCII_LABELS.has(label)) return { text: decodeAscii(bytes), encoding: 'US-ASCII', source: 'declaration' };
  if (WINDOWS_1252_LABELS.has(label)) return { text: decodeSingleByte(bytes, WINDOWS_1252_HIGH, 'windows-1252'), encoding: 'WINDOWS-1252', source: 'declaration' };
  return decodeDeclared(bytes, declared);
}

/**
 * Whether `text`, read from a document's bytes as UTF-8 with U+FFFD for invalid sequences (as
 * Node's `readFileSync(path, 'utf8')` does, faster than decoding a Buffer), is exactly what
 * {@link decodeXmlBytes} returns for those bytes: it holds no U+FFFD, does not start as UTF-16 or
 * UTF-32 does, and declares no other encoding than UTF-8. When it is false, decode the bytes.
 *
 * @example
 * ```ts
 * import { decodeXmlBytes, isExactUtf8Reading, XmlEncodingError } from 'virtxml';
 *
 * // What Node's readFileSync(path, 'utf8') would give for a Latin-1 file: U+FFFD for the é.
 * const bytes = new Uint8Array([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]); // <a>é</a> in ISO-8859-1
 * const lossy = new TextDecoder().decode(bytes);
 * console.log(isExactUtf8Reading(lossy)); // false
 * console.log(isExactUtf8Reading('<a>café</a>')); // true
 * try {
 *   decodeXmlBytes(bytes); // no declaration: UTF-8, and 0xE9 is not valid there
 * } catch (e) {
 *   if (e instanceof XmlEncodingError) console.log(e.code, `${e.line}:${e.column}`); // invalid-encoding 1:4
 * }
 * ```
 */
export function isExactUtf8Reading(text: string): boolean {
  if (text.charCodeAt(0) === 0 || text.charCodeAt(1) === 0) return false;
  if (text.indexOf('\uFFFD') >= 0) return false;
  // The checks above leave bytes that decoded without replacement; a BOM, if any, was UTF-8's.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const declared = declaredEncoding((i) => text.charCodeAt(start + i), text.length - start);
  return declared === undefined || readAsUtf8(declared.toLowerCase());
}

/** Whether a declared encoding (lower-cased) means the bytes are read as UTF-8. */
function readAsUtf8(label: string): boolean {
  return UTF8_LABELS.has(label);
}

/**
 * The encoding named by a `<?xml … encoding="…"?>` declaration at the start of a document read
 * as single bytes or as text: `unit(i)` is its i-th byte or code unit, `length` how many there are.
 */
function declaredEncoding(unit: (i: number) => number, length: number): string | undefined {
  // "<?xml" and a whitespace character: a declaration, not a PI named xml-something.
  if (unit(0) !== 0x3c || unit(1) !== 0x3f || unit(2) !== 0x78 || unit(3) !== 0x6d || unit(4) !== 0x6c) return undefined;
  const ws = unit(5);
  if (ws !== 0x20 && ws !== 0x09 && ws !== 0x0a && ws !== 0x0d) return undefined;
  // A declaration is short; reading a bounded prefix keeps a huge first line from costing anything.
  let head = '';
  for (let i = 0; i < length && i < 256; i++) {
    const c = unit(i);
    if (c === 0x3e) break;
    head += String.fromCharCode(c);
  }
  const m = /\sencoding\s*=\s*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)')/.exec(head);
  return m === null ? undefined : (m[1] ?? m[2]);
}

/** One decoder for every document: a call without `stream` keeps no state. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const detail =
      `byte 0x${hex(bytes[at]!)} is not valid UTF-8 here; XML without an encoding declaration is UTF-8 ` +
      `(convert the file, e.g. with iconv -f LATIN1 -t UTF-8, or declare its encoding)`;
    throw encodingError(bytes, at, detail);
  }
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  try {
    return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // An odd byte count or a lone surrogate; the text before it is shown with the error.
    const name = littleEndian ? 'UTF-16LE' : 'UTF-16BE';
    const lossy = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { ignoreBOM: true }).decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    throw new XmlEncodingError(`the document is not valid ${name} (a lone surrogate or an odd number of bytes)`, new LineMap(lossy).locate(Math.max(at, 0)), lossy);
  }
}

/**
 * A single-byte encoding: each byte is the code point of the same value, except at 0x80–0x9F
 * where `high` says otherwise (`UNDEFINED`: a byte the encoding `name` does not define).
 */
function decodeSingleByte(bytes: Uint8Array, high?: readonly number[], name = ''): string {
  let units: Uint8Array | Uint16Array = bytes;
  if (high !== undefined) {
    units = new Uint16Array(bytes);
    for (let i = 0; i < units.length; i++) {
      const b = units[i]!;
      if (b < 0x80 || b > 0x9f) continue;
      const c = high[b - 0x80]!;
      if (c === UNDEFINED) throw encodingError(bytes, i, `byte 0x${hex(b)} is not defined in ${name}, the encoding the declaration names`);
      units[i] = c;
    }
  }
  let out = '';
  // In slices: a spread of a whole large file would overflow the stack.
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

function decodeAscii(bytes: Uint8Array): string {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) throw encodingError(bytes, i, `byte 0x${hex(bytes[i]!)} is not ASCII, the encoding the declaration names`);
  }
  return decodeSingleByte(bytes);
}

function decodeDeclared(bytes: Uint8Array, declared: string): DecodedXml {
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(declared, { fatal: true, ignoreBOM: true });
  } catch {
    throw new XmlEncodingError(`the declared encoding "${declared}" is not supported`, START, lossyUtf8(bytes));
  }
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding.toUpperCase(), source: 'declaration' };
  } catch {
    throw new XmlEncodingError(`the document is not valid ${declared}, the encoding its declaration names`, START, lossyUtf8(bytes));
  }
}

/** The byte offset of the first sequence that is not UTF-8 (RFC 3629: no overlongs, surrogates or code points past U+10FFFF). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes that follow, the least code point that needs them, the lead's bits.
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1; min = 0x80; cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2; min = 0x800; cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3; min = 0x10000; cp = b & 0x07;
    } else {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return n;
}

/** An error at byte `at` of bytes that are valid UTF-8 (or ASCII) before it. */
function encodingError(bytes: Uint8Array, at: number, detail: string): XmlEncodingError {
  const before = lossyUtf8(bytes.subarray(0, at));
  return new XmlEncodingError(detail, new LineMap(before).locate(before.length), lossyUtf8(bytes));
}

function unsupported(name: string): XmlEncodingError {
  return new XmlEncodingError(`the document is in ${name}, which is not supported; convert it to UTF-8`, START, '');
}

/** Errors about the document as a whole stand at its start. */
const START: SourcePosition = { line: 1, column: 1, offset: 0 };

function lossyUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}
