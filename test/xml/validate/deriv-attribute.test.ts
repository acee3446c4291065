import { describe, expect, it } from 'vitest';
import { attributeBranches, attributeDeriv, attributeNameDeriv } from '../../../src/xml/validate/deriv-attribute.js';
import { setup } from './support.js';

describe('attributeBranches', () => {
  it('finds the attribute in a group, whichever operand holds it', () => {
    const { d, cx } = setup();
    const x = d.attr('x');
    const y = d.attr('y', d.values('1', '2'));
    const g = d.group(x, y);
    expect(attributeBranches(cx, g, '', 'y', 'y')).toEqual([{ value: d.values('1', '2'), next: x }]);
    expect(attributeBranches(cx, g, '', 'x', 'x')).toEqual([{ value: d.text, next: y }]);
    expect(attributeBranches(cx, g, '', 'z', 'z')).toEqual([]);
  });

  it('keeps one branch per value pattern, merging their continuations', () => {
    const { d, cx } = setup();
    const p = d.choice(d.group(d.attr('t', d.value('a')), d.attr('x')), d.group(d.attr('t', d.value('b')), d.attr('y')), d.group(d.attr('t', d.value('a')), d.attr('z')));
    const branches = attributeBranches(cx, p, '', 't', 't');
    expect(branches).toHaveLength(2);
    expect(branches.find((b) => b.value === d.value('a'))?.next).toBe(d.choice(d.attr('x'), d.attr('z')));
  });

  it('matches name classes, and repeats under oneOrMore', () => {
    const { d, cx } = setup();
    const any = d.oneOrMore(d.attr(d.anyName(d.name('id'))));
    const [branch] = attributeBranches(cx, any, 'urn:q', 'x', 'urn:q\u0000x');
    expect(branch?.next).toBe(d.b.choice(any, d.empty));
    expect(attributeBranches(cx, any, '', 'id', 'id')).toEqual([]);
  });

  it('does not look inside elements', () => {
    const { d, cx } = setup();
    expect(attributeBranches(cx, d.el('a', d.attr('x')), '', 'x', 'x')).toEqual([]);
  });
});

describe('attributeDeriv', () => {
  it('keeps only the branches whose value matches', () => {
    const { d, cx } = setup();
    const p = d.choice(d.group(d.attr('type', d.value('file')), d.attr('path')), d.group(d.attr('type', d.value('block')), d.attr('dev')));
    expect(attributeDeriv(cx, p, '', 'type', 'type', 'block')).toBe(d.attr('dev'));
    expect(attributeDeriv(cx, p, '', 'type', 'type', ' file ')).toBe(d.attr('path'));
    expect(attributeDeriv(cx, p, '', 'type', 'type', 'net')).toBe(d.notAllowed);
    expect(attributeNameDeriv(cx, p, '', 'type', 'type')).toBe(d.choice(d.attr('path'), d.attr('dev')));
  });

  it('checks data values with the datatype', () => {
    const { d, cx } = setup();
    const p = d.attr('n', d.xsd('unsignedByte'));
    expect(attributeDeriv(cx, p, '', 'n', 'n', '255')).toBe(d.empty);
    expect(attributeDeriv(cx, p, '', 'n', 'n', '256')).toBe(d.notAllowed);
  });

  it('accepts whitespace for a nullable value pattern (Clark valueMatch)', () => {
    const { d, cx } = setup();
    const p = d.attr('e', d.empty);
    expect(attributeDeriv(cx, p, '', 'e', 'e', '  ')).toBe(d.empty);
    expect(attributeDeriv(cx, p, '', 'e', 'e', 'x')).toBe(d.notAllowed);
  });
});
