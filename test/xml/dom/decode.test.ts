import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeXmlBytes, firstInvalidUtf8, isExactUtf8Reading, XmlEncodingError } from '../../../src/xml/dom/decode.js';
import { parseXml } from '../../../src/xml/dom/index.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
const utf16 = (s: string, littleEndian: boolean) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  }
  return out;
};

function decodeError(b: Uint8Array): XmlEncodingError {
  try {
    decodeXmlBytes(b);
  } catch (e) {
    expect(e).toBeInstanceOf(XmlEncodingError);
    return e as XmlEncodingError;
  }
  throw new Error('decoded without error');
}

describe('decodeXmlBytes', () => {
  it('reads UTF-8 by default and keeps a byte order mark as U+FEFF', () => {
    expect(decodeXmlBytes(utf8('<a>café €</a>'))).toEqual({ text: '<a>café €</a>', encoding: 'UTF-8', source: 'default' });
    const withBom = decodeXmlBytes(bytes([0xef, 0xbb, 0xbf], '<a/>'));
    expect(withBom).toEqual({ text: '\uFEFF<a/>', encoding: 'UTF-8', source: 'bom' });
    expect(parseXml(withBom.text).bom).toBe(true);
  });

  it('gives the line and column of the first byte that is not UTF-8, never a replacement character', () => {
    const e = decodeError(bytes('<a>\n  <b>caf', [0xe9], '</b>\n</a>'));
    expect(e.code).toBe('invalid-encoding');
    expect([e.line, e.column]).toEqual([2, 9]);
    expect(e.detail).toContain('byte 0xE9');
    expect(e.text).toBe('<a>\n  <b>caf\uFFFD</b>\n</a>');
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a lead byte at the end', [0xe2, 0x82]],
    ['an overlong two-byte form', [0xc0, 0xaf]],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a byte that never starts a character', [0xf5, 0x80, 0x80, 0x80]],
  ])('rejects %s', (_what, bad) => {
    const e = decodeError(bytes('<a>', bad, '</a>'));
    expect([e.line, e.column]).toEqual([1, 4]);
  });

  it('finds the first invalid UTF-8 sequence where the platform decoder fails', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        const at = firstInvalidUtf8(b);
        const decodes = (part: Uint8Array) => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(part);
            return true;
          } catch {
            return false;
          }
        };
        expect(decodes(b)).toBe(at === b.length);
        expect(decodes(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it('reads back any text it was given as UTF-8, and fails on other bytes only with an XmlEncodingError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const text = s.startsWith('\uFEFF') ? s.slice(1) : s;
        expect(decodeXmlBytes(utf8(text)).text).toBe(text);
      }),
      { numRuns: 500, seed: 20261123 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        try {
          const { text } = decodeXmlBytes(b);
          expect(typeof text).toBe('string');
        } catch (e) {
          expect(e).toBeInstanceOf(XmlEncodingError);
        }
      }),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it('reads UTF-16 with a byte order mark, and without one only when an XML declaration starts it, as libxml2 does', () => {
    const doc = '<a>café €</a>';
    expect(decodeXmlBytes(bytes([0xff, 0xfe], Array.from(utf16(doc, true))))).toEqual({ text: '\uFEFF' + doc, encoding: 'UTF-16LE', source: 'bom' });
    expect(decodeXmlBytes(bytes([0xfe, 0xff], Array.from(utf16(doc, false))))).toEqual({ text: '\uFEFF' + doc, encoding: 'UTF-16BE', source: 'bom' });
    const declared = `<?xml version="1.0" encoding="UTF-16"?>${doc}`;
    expect(decodeXmlBytes(utf16(declared, true))).toEqual({ text: declared, encoding: 'UTF-16LE', source: 'declaration' });
    expect(decodeXmlBytes(utf16(declared, false))).toEqual({ text: declared, encoding: 'UTF-16BE', source: 'declaration' });
    // xmllint: "Char 0x0 out of allowed range" and "Document is empty".
    for (const littleEndian of [true, false]) {
      const e = decodeError(utf16(doc, littleEndian));
      expect({ line: e.line, column: e.column }).toEqual({ line: 1, column: 1 });
      expect(e.detail).toBe(
        `the document looks like UTF-16 (${littleEndian ? 'little' : 'big'}-endian) without a byte order mark or an XML declaration, ` +
          'which XML processors (libxml2 among them) cannot read; convert it to UTF-8, or start it with a byte order mark',
      );
    }
    const odd = decodeError(bytes([0xff, 0xfe], Array.from(utf16('<a/>', true)), [0x20]));
    expect(odd.detail).toContain('UTF-16LE');
  });

  it('refuses UTF-32', () => {
    expect(decodeError(bytes([0xff, 0xfe, 0, 0], [0x3c, 0, 0, 0])).detail).toContain('UTF-32');
    expect(decodeError(bytes([0, 0, 0xfe, 0xff], [0, 0, 0, 0x3c])).detail).toContain('UTF-32');
  });

  it('follows the encoding declaration: ISO-8859-1 byte for byte, windows-1252 and others through TextDecoder', () => {
    const latin1 = decodeXmlBytes(bytes('<?xml version="1.0" encoding="ISO-8859-1"?><a>', [0xe9, 0x80], '</a>'));
    expect(latin1).toEqual({ text: '<?xml version="1.0" encoding="ISO-8859-1"?><a>\u00e9\u0080</a>', encoding: 'ISO-8859-1', source: 'declaration' });
    const cp1252 = decodeXmlBytes(bytes("<?xml version='1.0' encoding='windows-1252'?><a>", [0x80, 0x93, 0xe9], '</a>'));
    expect(cp1252.text).toBe("<?xml version='1.0' encoding='windows-1252'?><a>€\u201cé</a>");
    expect(decodeXmlBytes(bytes('<?xml version="1.0" encoding="ISO-8859-2"?><a>', [0xa1], '</a>')).text).toContain('<a>Ą</a>');
    expect(cp1252.encoding).toBe('WINDOWS-1252');
    // Large documents are decoded in slices, each byte in its place.
    const content = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? 0x80 : 0xe9));
    const long = decodeXmlBytes(bytes("<?xml version='1.0' encoding='windows-1252'?><a>", content, '</a>'));
    expect(long.text).toBe("<?xml version='1.0' encoding='windows-1252'?><a>" + content.map((b) => (b === 0x80 ? '€' : 'é')).join('') + '</a>');
    expect(decodeXmlBytes(utf8('<?xml version="1.0" encoding="utf-8"?><a>é</a>')).encoding).toBe('UTF-8');
  });

  it('refuses what libxml2 refuses: single bytes declared UTF-16, bytes windows-1252 leaves undefined', () => {
    // xmllint: "Document labelled UTF-16 but has UTF-8 content".
    for (const label of ['UTF-16', 'utf-16le', 'UCS-2']) {
      expect(decodeError(utf8(`<?xml version="1.0" encoding="${label}"?><a>é</a>`)).detail).toBe(
        `the document is declared ${label} but its bytes are not UTF-16 (they read as single bytes), which libxml2 refuses; change the declaration to UTF-8 if that is what the bytes are`,
      );
    }
    // iconv (and so xmllint): "input conversion failed due to input error, bytes 0x81".
    for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
      const e = decodeError(bytes("<?xml version='1.0' encoding='windows-1252'?>\n<a>", [0x80, b], '</a>'));
      expect({ line: e.line, column: e.column, detail: e.detail }).toEqual({
        line: 2, column: 5, detail: `byte 0x${b.toString(16).toUpperCase()} is not defined in windows-1252, the encoding the declaration names`,
      });
    }
  });

  it('says that EBCDIC is not supported, rather than that it is not UTF-8', () => {
    const ebcdic = [0x4c, 0x6f, 0xa7, 0x94, 0x93, 0x40]; // "<?xml " in IBM037
    expect(decodeError(bytes(ebcdic, [0xa5, 0x85, 0x99])).detail).toBe('the document is in an EBCDIC encoding (such as IBM037), which is not supported; convert it to UTF-8');
  });

  it('rejects bytes past ASCII in a document declared US-ASCII, and encodings it does not know', () => {
    const ascii = decodeError(bytes('<?xml version="1.0" encoding="US-ASCII"?>\n<a>', [0xe9], '</a>'));
    expect([ascii.line, ascii.column]).toEqual([2, 4]);
    const unknown = decodeError(utf8('<?xml version="1.0" encoding="x-no-such-encoding"?><a/>'));
    expect(unknown.detail).toBe('the declared encoding "x-no-such-encoding" is not supported');
  });

  it('reads a declaration only at the very start, and a PI named xml-something is none', () => {
    expect(decodeXmlBytes(bytes('<?xml-stylesheet encoding="ISO-8859-1"?><a>', [0xc3, 0xa9], '</a>')).text).toContain('é');
    expect(decodeXmlBytes(bytes(' <?xml version="1.0" encoding="ISO-8859-1"?><a>', [0xc3, 0xa9], '</a>')).encoding).toBe('UTF-8');
  });

  it('says a platform UTF-8 reading is exact only when it is what decoding the bytes gives', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        [0xef, 0xbb, 0xbf],
        [0xff, 0xfe],
        [0xfe, 0xff],
        [0],
        [0xe9],
        [0xed, 0xa0, 0x80],
        Array.from(utf8('<?xml version="1.0" encoding="ISO-8859-1"?>')),
        Array.from(utf8("<?xml version='1.0' encoding='UTF-8'?>")),
        Array.from(utf8('<?xml version="1.0" encoding="US-ASCII"?>')),
        Array.from(utf8('<?xml version="1.0"?>')),
        Array.from(utf8('<a>\uFFFD</a>')),
        Array.from(utf8('<a x="é">€</a>')),
      ),
      fc.uint8Array({ maxLength: 4 }).map((b) => Array.from(b)),
      fc.string({ maxLength: 8 }).map((s) => Array.from(utf8(s))),
    );
    const seen = { exact: 0, notExact: 0 };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (pieces) => {
        const b = Uint8Array.from(pieces.flat());
        // What Node's readFileSync(path, 'utf8') gives: U+FFFD for each invalid sequence, a BOM kept.
        const lossy = Buffer.from(b).toString('utf8');
        if (!isExactUtf8Reading(lossy)) {
          seen.notExact++;
          return;
        }
        seen.exact++;
        expect(decodeXmlBytes(b).text).toBe(lossy);
      }),
      { numRuns: 3000, seed: 20261123 },
    );
    // Both outcomes were exercised, so the property could fail either way.
    expect(seen.exact).toBeGreaterThan(300);
    expect(seen.notExact).toBeGreaterThan(300);
  });
});
