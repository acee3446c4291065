import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, parseXml, scanXml, serializeXml } from '../../../src/xml/dom/index.js';

const seed = [
  '<?xml version="1.0"?>\n',
  '<!DOCTYPE d [<!ENTITY e "x&#38;#38;y">]>\n',
  `<d xmlns="urn:d" xmlns:q='urn:q' a="1 &amp; &e;">\n`,
  '  <q:x q:b="v">t &lt; u</q:x>\n',
  '  <![CDATA[c]]><!-- k --><?p i?><e/>\n',
  '</d>\n',
].join('');

const pieces = ['<', '>', '&', ';', '"', "'", '/', '!', '?', '-', ']', '[', ':', '=', ' ', 'q', 'x', '#', '\u0001', '\r', 'é', '\uD800', 'xmlns:', '&e;', '&#0;', '<!--', '-->', ']]>', '<![CDATA['];
const edit = fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...pieces));

function outcome(read: () => unknown): { code: string; offset: number } | 'accepted' {
  try {
    read();
    return 'accepted';
  } catch (error) {
    // Anything but an XmlSyntaxError (a TypeError, a RangeError from the stack) is a bug.
    if (!(error instanceof XmlSyntaxError)) throw error;
    return { code: error.code, offset: error.offset };
  }
}

describe('damaged documents', () => {
  it('are accepted or rejected with an XmlSyntaxError, the same way by parseXml and scanXml', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let source = seed;
        for (const [at, remove, insert] of edits) {
          const position = at % (source.length + 1);
          source = source.slice(0, position) + insert + source.slice(position + remove);
        }
        const parsed = outcome(() => parseXml(source));
        expect(outcome(() => scanXml(source))).toEqual(parsed);
        if (parsed === 'accepted') expect(serializeXml(parseXml(source))).toBe(source);
      }),
      { numRuns: Number(process.env['VIRTXML_PROP_RUNS'] ?? 2000) },
    );
  });
});
