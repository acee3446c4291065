import { describe, expect, it } from 'vitest';
import { ALL_NAMES, attributeMask, elementMask } from '../../../src/xml/validate/first-names.js';
import { startTagOpenDeriv } from '../../../src/xml/validate/deriv-start-tag.js';
import { setup } from './support.js';

describe('first-name masks', () => {
  it('cover the element names a pattern can start with', () => {
    const { d, cx } = setup();
    const p = d.group(d.optional(d.el('a')), d.el('b'), d.el('c'));
    const mask = elementMask(cx, p);
    expect(mask & cx.nameBit('a')).not.toBe(0);
    expect(mask & cx.nameBit('b')).not.toBe(0);
    expect(mask & cx.nameBit('c')).toBe(0);
    expect(elementMask(cx, d.el(d.anyName()))).toBe(ALL_NAMES);
    expect(elementMask(cx, d.attr('a'))).toBe(0);
  });

  it('cover every attribute name, in any position', () => {
    const { d, cx } = setup();
    const p = d.group(d.attr('x'), d.el('e', d.attr('inner')), d.oneOrMore(d.attr('y')));
    const mask = attributeMask(cx, p);
    expect(mask & cx.nameBit('x')).not.toBe(0);
    expect(mask & cx.nameBit('y')).not.toBe(0);
    expect(mask & cx.nameBit('inner')).toBe(0);
    expect(attributeMask(cx, d.attr(d.nsName('urn:q')))).toBe(ALL_NAMES);
  });

  it('let derivatives skip subpatterns without the name, leaving no memo entries there', () => {
    const { d, cx } = setup();
    const c = d.el('c');
    const left = d.interleave(d.el('a'), d.el('b'));
    const right = d.interleave(c, d.el('x'));
    const p = d.interleave(left, right);
    expect(startTagOpenDeriv(cx, p, '', 'x', 'x')).toBe(d.b.after(d.empty, d.interleave(left, c)));
    expect(cx.memo(left).startTag).toBeUndefined();
    expect(cx.memo(right).startTag?.has('x')).toBe(true);
  });
});
