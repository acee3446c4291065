import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXml, scanXml, serializeXml } from '../../../src/xml/dom/index.js';

describe('serializeXml', () => {
  it('reproduces a document that uses every construct', () => {
    const source = [
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n',
      '<!-- lead -->\n',
      '<!DOCTYPE d [\n  <!ENTITY e "ent &#38;#38;">\n  <!ATTLIST d x CDATA "y">\n]>\n',
      '<?pi  data ?>\n',
      '<d  xmlns="urn:d"\txmlns:q = \'urn:q\' a="1 &amp; &e; &#x9;">\r\n',
      '  <q:x q:b="\r\n">text &lt; more\r</q:x  >\n',
      '  <![CDATA[ raw <cdata>\r\n ]]>',
      '<empty />',
      '<e2></e2>',
      '&e;',
      '</d >\n',
      '<!-- trail --><?end?>\n\n',
    ].join('');
    const doc = parseXml(source);
    expect(serializeXml(doc)).toBe(source);
  });

  it('writes CDATA from value when a hand-made node has no raw', () => {
    const doc = parseXml('<a><![CDATA[x]]></a>');
    const edited = { ...doc, root: { ...doc.root, children: [{ kind: 'cdata' as const, value: 'y', offset: 0 }] } };
    expect(serializeXml(edited)).toBe('<a><![CDATA[y]]></a>');
  });
});

/** Random well-formed documents built from the pieces the parser keeps raw. */
const whitespace = fc.constantFrom('', ' ', '\n', '\r\n', '\t', '  \r ');
const name = fc.constantFrom('a', 'b', 'disk', 'q:x', 'é', 'x-y.z', '_');
const textPiece = fc.constantFrom('t', ' ', '\r\n', '\r', '&amp;', '&#60;', '&#x1F600;', '&e;', ']]', 'é', 'x>');
const valuePiece = fc.constantFrom('v', ' ', '\t', '\r\n', '&quot;', '&#9;', '&e;', '>', 'é');
const text = fc.array(textPiece, { maxLength: 6 }).map((parts) => parts.join(''));
const attributes = fc
  .uniqueArray(fc.constantFrom('id', 'type', 'q:attr', 'xml:lang', 'é'), { maxLength: 3 })
  .chain((names) =>
    fc.tuple(
      ...names.map((attrName) =>
        fc
          .tuple(whitespace, fc.constantFrom('=', ' = ', '\n='), fc.constantFrom('"', "'"), fc.array(valuePiece, { maxLength: 4 }))
          .map(([after, eq, quote, parts]) => ` ${after}${attrName}${eq}${quote}${parts.join('')}${quote}`),
      ),
    ),
  )
  .map((parts) => parts.join(''));

const element: fc.Memo<string> = fc.memo((depth) =>
  fc
    .tuple(
      name,
      attributes,
      whitespace,
      depth > 1
        ? fc.array(fc.oneof(text, element(depth - 1), fc.constant('<!-- c -->'), fc.constant('<![CDATA[<x>\r]]>'), fc.constant('<?p d?>')), {
            maxLength: 4,
          })
        : fc.constant(null),
      whitespace,
    )
    .map(([tag, attrs, tail, children, endTail]) =>
      children === null ? `<${tag}${attrs}${tail}/>` : `<${tag}${attrs}${tail}>${children.join('')}</${tag}${endTail}>`,
    ),
);

const document = fc
  .tuple(fc.constantFrom('', '<?xml version="1.0"?>\n'), whitespace, element(4), whitespace)
  .map(([declaration, before, root, after]) =>
    `${declaration}<!DOCTYPE r [<!ENTITY e "ent">]>${before}<wrap xmlns:q="urn:q">${root}</wrap>${after}`,
  );

describe('round trip of generated documents', () => {
  it('serializeXml(parseXml(x)) === x, and scanXml accepts x', () => {
    fc.assert(
      fc.property(document, (source) => {
        scanXml(source);
        expect(serializeXml(parseXml(source))).toBe(source);
      }),
      { numRuns: Number(process.env['VIRTXML_PROP_RUNS'] ?? 300) },
    );
  });
});
