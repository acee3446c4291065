import { describe, expect, it } from 'vitest';
import { possibleAttributeNames, possibleStartTagNames, possibleValues, requiredBefore, requiredItems } from '../../../src/xml/validate/expected.js';
import { setup } from './support.js';

const locals = (names: readonly { local: string }[]): string[] => names.map((n) => n.local).sort();

describe('possibleStartTagNames', () => {
  it('lists the first set: through nullable group operands and all interleave operands', () => {
    const { d } = setup();
    const p = d.group(d.optional(d.el('a')), d.interleave(d.el('b'), d.zeroOrMore(d.el('c'))), d.el('z'));
    expect(locals(possibleStartTagNames(p).names)).toEqual(['a', 'b', 'c']);
  });

  it('reports wildcards separately and ignores attributes and text', () => {
    const { d } = setup();
    const r = possibleStartTagNames(d.choice(d.el(d.anyName()), d.attr('x'), d.text, d.el(d.names(d.name('p'), d.name('q')))));
    expect(locals(r.names)).toEqual(['p', 'q']);
    expect(r.wildcards.map((w) => w.kind)).toEqual(['anyName']);
  });

  it('reads only the content side of after', () => {
    const { d } = setup();
    expect(locals(possibleStartTagNames(d.b.after(d.el('in'), d.el('out'))).names)).toEqual(['in']);
  });
});

describe('possibleAttributeNames', () => {
  it('lists every attribute not inside an element', () => {
    const { d } = setup();
    const p = d.group(d.attr('x'), d.optional(d.attr('y')), d.el('e', d.attr('inner')), d.choice(d.attr('z'), d.attr(d.nsName('urn:q'))));
    const r = possibleAttributeNames(p);
    expect(locals(r.names)).toEqual(['x', 'y', 'z']);
    expect(r.wildcards).toHaveLength(1);
  });
});

describe('possibleValues', () => {
  it('lists literal values and datatypes, and notes lists and text', () => {
    const { d } = setup();
    const r = possibleValues(d.choice(d.values('a', 'b'), d.xsd('int'), d.list(d.value('c'))));
    expect(r.values.sort()).toEqual(['a', 'b', 'c']);
    expect(r.datatypes.map((t) => t.name)).toEqual(['int']);
    expect(r.list).toBe(true);
    expect(possibleValues(d.mixed(d.el('x'))).anyText).toBe(true);
  });
});

describe('requiredItems', () => {
  it('unites over groups and intersects over choices', () => {
    const { d } = setup();
    const p = d.group(d.el('a'), d.choice(d.group(d.el('b'), d.el('c')), d.group(d.el('b'), d.el('d'))), d.optional(d.el('e')));
    expect(requiredItems(p, false).map((i) => (i.kind === 'text' ? 'text' : i.name.local)).sort()).toEqual(['a', 'b']);
  });

  it('separates attributes from content, and counts data as required text', () => {
    const { d } = setup();
    const p = d.group(d.attr('x'), d.optional(d.attr('y')), d.xsd('int'));
    expect(requiredItems(p, true).map((i) => (i.kind === 'attribute' ? i.name.local : i.kind))).toEqual(['x']);
    expect(requiredItems(p, false).map((i) => i.kind)).toEqual(['text']);
  });

  it('treats notAllowed alternatives as absent', () => {
    const { d } = setup();
    expect(requiredItems(d.b.choice(d.el('a'), d.notAllowed), false)).toHaveLength(1);
    expect(requiredItems(d.notAllowed, false)).toEqual([]);
  });
});

describe('requiredBefore', () => {
  it('names what a group requires before the element can come', () => {
    const { d } = setup();
    const p = d.group(d.el('a'), d.optional(d.el('o')), d.el('b'), d.el('c'));
    expect(requiredBefore(p, '', 'c').map((i) => (i.kind === 'text' ? 'text' : i.name.local)).sort()).toEqual(['a', 'b']);
    expect(requiredBefore(p, '', 'a')).toEqual([]);
    expect(requiredBefore(d.group(d.xsd('int'), d.el('x')), '', 'x').map((i) => i.kind)).toEqual(['text']);
  });

  it('does not count interleaved parts, which may come later', () => {
    const { d } = setup();
    expect(requiredBefore(d.interleave(d.el('a'), d.el('b')), '', 'b')).toEqual([]);
  });
});
