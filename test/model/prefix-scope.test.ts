import { describe, expect, it } from 'vitest';
import { format, parse } from '../../src/model/index.js';
import { parseXml } from '../../src/xml/dom/index.js';
import { PrefixScope } from '../../src/xml/model/prefix-scope.js';
import { validate } from '../../src/xml/validate/index.js';

const XML = 'http://www.w3.org/XML/1998/namespace';

describe('PrefixScope', () => {
  it('starts with xml bound, and an inner binding hides an outer one', () => {
    const root = PrefixScope.ROOT;
    expect(root.get('xml')).toBe(XML);
    const outer = root.with('a', 'urn:1');
    const inner = outer.with('a', 'urn:2').with('b', 'urn:1');
    expect(inner.get('a')).toBe('urn:2');
    expect(outer.get('a')).toBe('urn:1');
    expect(inner.has('c')).toBe(false);
    expect(inner.bindings()).toEqual(new Map([['b', 'urn:1'], ['a', 'urn:2'], ['xml', XML]]));
  });

  it('finds a prefix for a namespace, the outermost first, never a hidden one or the default', () => {
    const scope = PrefixScope.ROOT.with('', 'urn:1').with('x', 'urn:1').with('y', 'urn:1');
    expect(scope.prefixOf('urn:1')).toBe('x');
    expect(scope.with('x', 'urn:2').prefixOf('urn:1')).toBe('y');
    expect(scope.prefixOf('urn:3')).toBeUndefined();
  });

  it('tells whether all its bindings hold in another scope', () => {
    const a = PrefixScope.ROOT.with('q', 'urn:q');
    expect(a.holdsIn(a)).toBe(true);
    expect(a.holdsIn(PrefixScope.ROOT.with('q', 'urn:q').with('r', 'urn:r'))).toBe(true);
    expect(a.holdsIn(PrefixScope.ROOT)).toBe(false);
    expect(a.holdsIn(PrefixScope.ROOT.with('q', 'urn:other'))).toBe(false);
  });

  it('gives the same frame inside an element to everyone entering it from the same scope', () => {
    const doc = parseXml('<a xmlns:p="urn:p"><b/></a>');
    const root = PrefixScope.ROOT;
    const inside = root.inside(doc.root);
    expect(inside.get('p')).toBe('urn:p');
    expect(root.inside(doc.root)).toBe(inside);
    expect(inside.inside(doc.root.children[0] as never)).toBe(inside);
    const elsewhere = root.with('z', 'urn:z');
    expect(elsewhere.inside(doc.root)).not.toBe(inside);
    expect(elsewhere.inside(doc.root).get('z')).toBe('urn:z');
  });
});

describe('documents with many prefixes', () => {
  it('are parsed and formatted in time linear in prefixes and elements', () => {
    // Each element that declared a prefix copied every prefix in scope, and the formatter compared
    // them all for every element it copied: minutes for this document.
    const count = 20_000;
    const declarations = Array.from({ length: count }, (_, i) => ` xmlns:p${i}="urn:${i}"`).join('');
    const disk = '<disk type="file" device="disk" xmlns:q="urn:q"><source file="/a"/><target dev="vda"/></disk>';
    const xml = `<domain type="kvm"${declarations}><name>x</name><memory>1</memory><os><type>hvm</type></os><devices>${disk.repeat(count)}</devices></domain>`;
    const doc = parse(xml, { schema: 'domain' });
    expect(format(doc, { style: 'preserve' })).toBe(xml);
    const styled = format(doc);
    expect(validate(styled, { schema: 'domain' }).valid).toBe(true);
    expect(styled.split("xmlns:q='urn:q'")).toHaveLength(count + 1);
  }, 15_000);
});
