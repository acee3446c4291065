import { describe, expect, it } from 'vitest';
import { parseXml, scanXml } from '../../../src/xml/dom/index.js';
import { caught, expectSyntaxError } from './helpers.js';

function withEntities(declarations: string, body: string): string {
  return `<!DOCTYPE a [\n${declarations}\n]>\n<a>${body}</a>`;
}

describe('internal entities', () => {
  it('expands a declared entity in text and attributes, keeping the reference in raw', () => {
    const doc = parseXml(`<!DOCTYPE a [<!ENTITY host "example.com">]><a h="x.&host;">at &host;</a>`);
    expect(doc.root.attributes[0]).toMatchObject({ value: 'x.example.com', raw: 'x.&host;' });
    expect(doc.root.children[0]).toMatchObject({ kind: 'text', value: 'at example.com', raw: 'at &host;' });
  });

  it('expands character references when the entity is declared and entity references when it is used', () => {
    // The example of XML 1.0 §4.5, with the markup left out.
    const doc = parseXml(
      withEntities(
        '<!ENTITY ex "An ampersand (&#38;#38;) may be escaped numerically (&#38;#38;#38;) or with a general entity (&amp;amp;).">',
        '&ex;',
      ),
    );
    expect(doc.root.children[0]).toMatchObject({
      value: 'An ampersand (&) may be escaped numerically (&#38;) or with a general entity (&amp;).',
    });
  });

  it('expands nested entities', () => {
    const doc = parseXml(withEntities('<!ENTITY a "[&b;]"><!ENTITY b "(&c;)"><!ENTITY c "x">', '&a;'));
    expect(doc.root.children[0]).toMatchObject({ value: '[(x)]' });
  });

  it('binds the first declaration of an entity', () => {
    const doc = parseXml(withEntities('<!ENTITY e "first"><!ENTITY e "second">', '&e;'));
    expect(doc.root.children[0]).toMatchObject({ value: 'first' });
  });

  it('normalises whitespace from entity text in attributes, including character references in the literal', () => {
    const doc = parseXml(`<!DOCTYPE a [<!ENTITY ws "x&#9;y\r\nz">]><a v="&ws;">&ws;</a>`);
    expect(doc.root.attributes[0]!.value).toBe('x y z');
    expect(doc.root.children[0]).toMatchObject({ value: 'x\ty\nz' });
  });

  it('ignores parameter entities and other declarations', () => {
    const doc = parseXml(withEntities('<!ENTITY % p "ignored"><!ELEMENT a (#PCDATA)><!NOTATION n SYSTEM "n">%p;', 'ok'));
    expect(doc.root.children[0]).toMatchObject({ value: 'ok' });
  });

  it('refuses external entities without reading them', () => {
    const source = withEntities('<!ENTITY ext SYSTEM "file:///etc/passwd">', '&ext;');
    const error = expectSyntaxError(source, 'external-entity', 4, 4);
    expect(error.detail).toContain('file:///etc/passwd');
    expectSyntaxError(withEntities('<!ENTITY pub PUBLIC "-//x" "http://example.com/e">', '&pub;'), 'external-entity', 4, 4);
    expectSyntaxError(withEntities('<!ENTITY u SYSTEM "u.gif" NDATA gif>', '&u;'), 'external-entity', 4, 4);
    expectSyntaxError(
      `<!DOCTYPE a [<!ENTITY ext SYSTEM "http://example.com/">]><a b="&ext;"/>`,
      'external-entity',
      1,
      64,
    );
  });

  it('declaring an external entity without using it is fine', () => {
    expect(() => parseXml(withEntities('<!ENTITY ext SYSTEM "file:///etc/passwd">', 'x'))).not.toThrow();
  });

  it('reports recursion at the outermost reference', () => {
    const error = expectSyntaxError(withEntities('<!ENTITY x "a&y;"><!ENTITY y "b&x;">', 'ok &x;'), 'recursive-entity', 4, 7);
    expect(error.detail).toContain('&x; → &y; → &x;');
    expectSyntaxError(withEntities('<!ENTITY self "&self;">', '&self;'), 'recursive-entity', 4, 4);
  });

  it('reports markup in an entity used in content as unsupported, and in attributes as an error', () => {
    expectSyntaxError(withEntities('<!ENTITY m "<b/>">', '&m;'), 'unsupported-entity-markup', 4, 4);
    expectSyntaxError(`<!DOCTYPE a [<!ENTITY m "x&#60;y">]><a v="&m;"/>`, 'lt-in-attribute', 1, 43);
  });

  it('reports errors inside replacement text at the reference', () => {
    const error = expectSyntaxError(withEntities('<!ENTITY e "&undefined;">', 'x&e;'), 'undefined-entity', 4, 5);
    expect(error.detail).toContain('&e;');
    expectSyntaxError(withEntities('<!ENTITY e "&#38;#0;">', '&e;'), 'invalid-char-ref', 4, 4);
    expectSyntaxError(withEntities('<!ENTITY e "&#38;">', '&e;'), 'malformed-reference', 4, 4);
  });

  it('checks references in entity literals when they are declared', () => {
    expectSyntaxError(withEntities('<!ENTITY e "&#0;">', ''), 'invalid-char-ref', 2, 13);
    expectSyntaxError(withEntities('<!ENTITY e "a & b">', ''), 'malformed-reference', 2, 15);
  });
});

describe('entity expansion limits', () => {
  const laughs = [
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => {
      const previous = i === 0 ? 'lol' : `lol${i}`;
      return `<!ENTITY lol${i + 1} "${`&${previous};`.repeat(10)}">`;
    }),
  ].join('\n');

  it('stops billion laughs quickly', () => {
    const source = withEntities(laughs, '&lol9;');
    const started = performance.now();
    const error = caught(() => parseXml(source));
    expect(error.code).toBe('entity-expansion-limit');
    expect(error.detail).toContain('1000000');
    expect(caught(() => scanXml(source)).code).toBe('entity-expansion-limit');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops billion laughs in attribute values', () => {
    expect(caught(() => parseXml(`<!DOCTYPE a [${laughs}]><a v="&lol9;"/>`)).code).toBe('entity-expansion-limit');
  });

  it('counts every use, so many small expansions add up', () => {
    const big = 'x'.repeat(1000);
    const source = withEntities(`<!ENTITY big "${big}">`, '&big;'.repeat(1001));
    expect(caught(() => parseXml(source)).code).toBe('entity-expansion-limit');
    expect(() => parseXml(withEntities(`<!ENTITY big "${big}">`, '&big;'.repeat(999)))).not.toThrow();
  });

  it('honours a custom size limit', () => {
    const source = withEntities('<!ENTITY e "12345">', '&e;&e;');
    expect(() => parseXml(source, { maxEntityExpansion: 10 })).not.toThrow();
    expect(caught(() => parseXml(source, { maxEntityExpansion: 9 })).code).toBe('entity-expansion-limit');
  });

  it('bounds nesting depth', () => {
    const chain = (length: number): string =>
      Array.from({ length }, (_, i) => `<!ENTITY e${i} "${i + 1 < length ? `&e${i + 1};` : 'end'}">`).join('');
    expect(parseXml(withEntities(chain(16), '&e0;')).root.children[0]).toMatchObject({ value: 'end' });
    const error = caught(() => parseXml(withEntities(chain(17), '&e0;')));
    expect(error.code).toBe('entity-expansion-limit');
    expect(error.detail).toContain('16 levels');
    expect(() => parseXml(withEntities(chain(17), '&e0;'), { maxEntityDepth: 17 })).not.toThrow();
  });
});
