import { describe, expect, it } from 'vitest';
import { LineMap, XmlSyntaxError, parseXml } from '../../../src/xml/dom/index.js';
import { caught, expectSyntaxError } from './helpers.js';

describe('XmlSyntaxError', () => {
  it('carries code, offset, line, column and a message led by the position', () => {
    const input = '<domain>\n  <devices>\n    <disk>\n    </devices>\n</domain>';
    const error = caught(() => parseXml(input));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('XmlSyntaxError');
    expect(error.code).toBe('mismatched-end-tag');
    expect(error.offset).toBe(input.indexOf('</devices>'));
    expect(new LineMap(input).locate(error.offset)).toEqual({ line: error.line, column: error.column, offset: error.offset });
    expect(error.detail).toBe('end tag </devices> does not match start tag <disk> opened at 3:5');
    expect(error.message).toBe(`4:5: ${error.detail}`);
  });

  it('is exported as a class usable with instanceof', () => {
    expect(caught(() => parseXml(''))).toBeInstanceOf(XmlSyntaxError);
  });
});

describe('element structure errors', () => {
  it('unclosed-tag points at the innermost open start tag', () => {
    const error = expectSyntaxError('<a>\n  <b>', 'unclosed-tag', 2, 3);
    expect(error.detail).toContain('<b>');
  });

  it('mismatched-end-tag names both tags', () => {
    const error = expectSyntaxError('<domain>\n  <disk>\n  </devices>\n</domain>', 'mismatched-end-tag', 3, 3);
    expect(error.detail).toBe('end tag </devices> does not match start tag <disk> opened at 2:3');
  });

  it('mismatched-end-tag when the end tag name only starts like the open one', () => {
    expectSyntaxError('<disk></diskx>', 'mismatched-end-tag', 1, 7);
    expectSyntaxError('<diskx></disk>', 'mismatched-end-tag', 1, 8);
  });

  it('unexpected-end-tag before and after the root', () => {
    expectSyntaxError('</a>', 'unexpected-end-tag', 1, 1);
    expectSyntaxError('<a/></a>', 'unexpected-end-tag', 1, 5);
  });

  it('unexpected-eof inside tags and values', () => {
    expectSyntaxError('<a b="1"', 'unexpected-eof', 1, 1);
    expectSyntaxError('<a b="1', 'unexpected-eof', 1, 6);
    expectSyntaxError('<a><', 'unexpected-eof', 1, 4);
    expectSyntaxError('<a></a', 'unexpected-eof', 1, 4);
    expectSyntaxError('<a></', 'unexpected-eof', 1, 4);
    expectSyntaxError('<a b', 'unexpected-eof', 1, 1);
    expectSyntaxError('<a b=', 'unexpected-eof', 1, 1);
  });

  it('unexpected-char in tags', () => {
    expectSyntaxError('<a b="1" / >', 'unexpected-char', 1, 11);
    expectSyntaxError('<a b="1" =/>', 'unexpected-char', 1, 10);
    expectSyntaxError('<a></a x>', 'unexpected-char', 1, 8);
    expectSyntaxError('<a><!FOO></a>', 'unexpected-char', 1, 4);
  });

  it('invalid-name after < and </', () => {
    expectSyntaxError('<a>< b/></a>', 'invalid-name', 1, 5);
    const error = expectSyntaxError('<a>1 < 2</a>', 'invalid-name', 1, 7);
    expect(error.detail).toContain('&lt;');
    expectSyntaxError('<a></ a>', 'invalid-name', 1, 6);
    expectSyntaxError('<a><?1x?></a>', 'invalid-name', 1, 6);
  });

  it('invalid-qname for bad colons', () => {
    expectSyntaxError('<a:b:c/>', 'invalid-qname', 1, 5);
    expectSyntaxError('<:a/>', 'invalid-qname', 1, 2);
    expectSyntaxError('<a: b="1"/>', 'invalid-qname', 1, 3);
    expectSyntaxError('<a p:-x="1"/>', 'invalid-qname', 1, 6);
    expectSyntaxError('<a><?p:i?></a>', 'invalid-qname', 1, 7);
  });

  it('invalid-qname reports the broken rule met first from the left', () => {
    expect(expectSyntaxError('<a::b/>', 'invalid-qname', 1, 4).message).toContain("name a::b has more than one ':'");
    expect(expectSyntaxError('<a:-b:c/>', 'invalid-qname', 1, 4).message).toContain('the local part of a:-b:c must start with');
    expect(expectSyntaxError('<r a:b:-c="1"/>', 'invalid-qname', 1, 7).message).toContain("name a:b:-c has more than one ':'");
    // A combining mark cannot start the local part, so the name ends at the colon.
    expect(expectSyntaxError('<a:\u0300b/>', 'invalid-qname', 1, 3).message).toContain('name a: must be prefix:local');
    // Digits, hyphens and dots inside names are fine, prefixed or not.
    expect(() => parseXml('<a-1.b xmlns:p2="u"><p2:c-3.d p2:e-4="1"/></a-1.b>')).not.toThrow();
  });

  it('missing-whitespace between attributes and after a PI target', () => {
    expectSyntaxError('<a b="1"c="2"/>', 'missing-whitespace', 1, 9);
    expectSyntaxError('<a><?pi#?></a>', 'missing-whitespace', 1, 8);
  });

  it('missing-equals and unquoted-attribute-value', () => {
    expectSyntaxError('<a b/>', 'missing-equals', 1, 5);
    expectSyntaxError('<a\n  b c="1"/>', 'missing-equals', 2, 5);
    const error = expectSyntaxError('<a b=1/>', 'unquoted-attribute-value', 1, 6);
    expect(error.detail).toContain('b="…"');
  });

  it('lt-in-attribute', () => {
    expectSyntaxError('<a b="x<y"/>', 'lt-in-attribute', 1, 8);
  });
});

describe('attribute and namespace errors', () => {
  it('duplicate-attribute by name', () => {
    const error = expectSyntaxError('<a b="1" b="2"/>', 'duplicate-attribute', 1, 10);
    expect(error.detail).toBe('attribute b appears twice in <a> (first at 1:4)');
  });

  it('duplicate-attribute by expanded name through different prefixes', () => {
    const error = expectSyntaxError(
      '<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>',
      'duplicate-attribute',
      1,
      36,
    );
    expect(error.detail).toContain('{u}x');
  });

  it('same local name in different namespaces is not a duplicate', () => {
    expect(() => parseXml('<a xmlns:p="u" xmlns:q="v" p:x="1" q:x="2" x="3"/>')).not.toThrow();
  });

  it('unbound-prefix on elements and attributes', () => {
    const error = expectSyntaxError('<a>\n<p:b/></a>', 'unbound-prefix', 2, 2);
    expect(error.detail).toContain('xmlns:p=');
    expectSyntaxError('<a p:x="1"/>', 'unbound-prefix', 1, 4);
    // A binding ends with the element that made it.
    expectSyntaxError('<a><b xmlns:p="u"/><p:c/></a>', 'unbound-prefix', 1, 21);
  });

  it('reserved-prefix for elements named xmlns:*', () => {
    expectSyntaxError('<xmlns:a/>', 'reserved-prefix', 1, 2);
  });

  it('invalid-namespace-declaration', () => {
    expectSyntaxError('<a xmlns:p=""/>', 'invalid-namespace-declaration', 1, 4);
    expectSyntaxError('<a xmlns:xml="http://example.com/"/>', 'invalid-namespace-declaration', 1, 4);
    expectSyntaxError('<a xmlns:x="http://www.w3.org/XML/1998/namespace"/>', 'invalid-namespace-declaration', 1, 4);
    expectSyntaxError('<a xmlns:xmlns="http://example.com/"/>', 'invalid-namespace-declaration', 1, 4);
    expectSyntaxError('<a xmlns="http://www.w3.org/2000/xmlns/"/>', 'invalid-namespace-declaration', 1, 4);
    expect(() => parseXml('<a xmlns:xml="http://www.w3.org/XML/1998/namespace"/>')).not.toThrow();
  });
});

describe('character and reference errors', () => {
  it('invalid-char in text, attributes, comments, tags and as lone surrogates', () => {
    expectSyntaxError('<a>\u0001</a>', 'invalid-char', 1, 4);
    expectSyntaxError('<a b="\u0000"/>', 'invalid-char', 1, 7);
    expectSyntaxError('<a><!-- \u0007 --></a>', 'invalid-char', 1, 9);
    expectSyntaxError('<a\u0001/>', 'invalid-char', 1, 3);
    expectSyntaxError('<a>x\uD800y</a>', 'invalid-char', 1, 5);
    expectSyntaxError('<a>x\uDC00</a>', 'invalid-char', 1, 5);
    expectSyntaxError('<a>\uFFFE</a>', 'invalid-char', 1, 4);
    expectSyntaxError('<a><![CDATA[\u000B]]></a>', 'invalid-char', 1, 13);
    expect(() => parseXml('<a b="😀">😀</a>')).not.toThrow();
  });

  it('invalid-char-ref for bad digits and forbidden characters', () => {
    expectSyntaxError('<a>&#0;</a>', 'invalid-char-ref', 1, 4);
    expectSyntaxError('<a>x&#xD800;</a>', 'invalid-char-ref', 1, 5);
    expectSyntaxError('<a>&#x;</a>', 'invalid-char-ref', 1, 4);
    expectSyntaxError('<a>&#12a;</a>', 'invalid-char-ref', 1, 4);
    expectSyntaxError('<a>&#X41;</a>', 'invalid-char-ref', 1, 4);
    expectSyntaxError('<a>&#x110000;</a>', 'invalid-char-ref', 1, 4);
    expectSyntaxError('<a>&#99999999999999999999;</a>', 'invalid-char-ref', 1, 4);
    expectSyntaxError('<a b="&#1;"/>', 'invalid-char-ref', 1, 7);
  });

  it('malformed-reference', () => {
    const error = expectSyntaxError('<a>fish & chips</a>', 'malformed-reference', 1, 9);
    expect(error.detail).toContain('&amp;');
    expectSyntaxError('<a>&amp</a>', 'malformed-reference', 1, 4);
    expectSyntaxError('<a b="&lt"/>', 'malformed-reference', 1, 7);
  });

  it('undefined-entity', () => {
    const error = expectSyntaxError('<a>\n&nbsp;</a>', 'undefined-entity', 2, 1);
    expect(error.detail).toContain('&nbsp;');
    expectSyntaxError('<a b="&nbsp;"/>', 'undefined-entity', 1, 7);
  });

  it('cdata-end-in-text', () => {
    expectSyntaxError('<a>x]]>y</a>', 'cdata-end-in-text', 1, 5);
    expect(() => parseXml('<a>]] > ]]</a>')).not.toThrow();
  });
});

describe('comment, PI and declaration errors', () => {
  it('comment-double-hyphen', () => {
    expectSyntaxError('<a><!-- a -- b --></a>', 'comment-double-hyphen', 1, 11);
    expectSyntaxError('<a><!-- a ---></a>', 'comment-double-hyphen', 1, 11);
  });

  it('unclosed comment, CDATA and PI', () => {
    expectSyntaxError('<a>\n<!-- x</a>', 'unclosed-comment', 2, 1);
    expectSyntaxError('<a><![CDATA[x</a>', 'unclosed-cdata', 1, 4);
    expectSyntaxError('<a><?pi x</a>', 'unclosed-pi', 1, 4);
  });

  it('reserved-pi-target for xml anywhere but the start', () => {
    const error = expectSyntaxError('<a/>\n<?xml version="1.0"?>', 'reserved-pi-target', 2, 1);
    expect(error.detail).toContain('very start');
    expectSyntaxError('\n<?xml version="1.0"?><a/>', 'reserved-pi-target', 2, 1);
    expectSyntaxError('<?XML x?><a/>', 'reserved-pi-target', 1, 1);
    expectSyntaxError('<a><?xMl?></a>', 'reserved-pi-target', 1, 4);
    expect(() => parseXml('<?xml-stylesheet href="a.xsl"?><a/>')).not.toThrow();
  });

  it('invalid-xml-declaration', () => {
    expectSyntaxError('<?xml version="2.0"?><a/>', 'invalid-xml-declaration', 1, 16);
    expectSyntaxError('<?xml encoding="UTF-8"?><a/>', 'invalid-xml-declaration', 1, 1);
    expectSyntaxError('<?xml?><a/>', 'invalid-xml-declaration', 1, 1);
    expectSyntaxError('<?xml version="1.0" standalone="maybe"?><a/>', 'invalid-xml-declaration', 1, 33);
    expectSyntaxError('<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>', 'invalid-xml-declaration', 1, 38);
    expectSyntaxError('<?xml version="1.0"encoding="UTF-8"?><a/>', 'invalid-xml-declaration', 1, 20);
    expectSyntaxError('<?xml version="1.0" encoding="8bit"?><a/>', 'invalid-xml-declaration', 1, 31);
  });

  it('invalid-doctype', () => {
    expectSyntaxError('<!DOCTYPE a [ junk ]><a/>', 'invalid-doctype', 1, 15);
    expectSyntaxError('<!DOCTYPE a [<!ENTITY e "%p;">]><a/>', 'invalid-doctype', 1, 26);
    expectSyntaxError('<!DOCTYPE a x><a/>', 'invalid-doctype', 1, 13);
    expectSyntaxError('<!DOCTYPE a PUBLIC "a{b}" "c"><a/>', 'invalid-doctype', 1, 22);
  });

  it('misplaced-doctype', () => {
    expectSyntaxError('<a/><!DOCTYPE a>', 'misplaced-doctype', 1, 5);
    expectSyntaxError('<a><!DOCTYPE a></a>', 'misplaced-doctype', 1, 4);
    expectSyntaxError('<!DOCTYPE a>\n<!DOCTYPE a><a/>', 'misplaced-doctype', 2, 1);
  });
});

describe('document-level errors', () => {
  it('text-before-root', () => {
    expectSyntaxError('hello<a/>', 'text-before-root', 1, 1);
    expectSyntaxError('  \n x<a/>', 'text-before-root', 2, 2);
    expectSyntaxError('<![CDATA[x]]><a/>', 'text-before-root', 1, 1);
  });

  it('junk-after-root', () => {
    const error = expectSyntaxError('<a></a>\n<b/>', 'junk-after-root', 2, 1);
    expect(error.detail).toContain('<a>');
    expectSyntaxError('<a/>text', 'junk-after-root', 1, 5);
    expectSyntaxError('<a/>&amp;', 'junk-after-root', 1, 5);
    expectSyntaxError('<a/><![CDATA[x]]>', 'junk-after-root', 1, 5);
  });

  it('no-root', () => {
    expectSyntaxError('', 'no-root', 1, 1);
    expectSyntaxError('<!-- c -->', 'no-root', 1, 11);
    expectSyntaxError('<?xml version="1.0"?>\n', 'no-root', 2, 1);
    expectSyntaxError('  \n', 'no-root', 2, 1);
  });
});
