import { describe, expect, it } from 'vitest';
import { startTagCloseDeriv, startTagCloseRecoverDeriv } from '../../../src/xml/validate/deriv-start-tag-close.js';
import { setup } from './support.js';

describe('startTagCloseDeriv', () => {
  it('makes remaining attributes impossible, optional ones vanish', () => {
    const { d, cx } = setup();
    const b = d.el('b');
    expect(startTagCloseDeriv(cx, d.group(d.attr('x'), b))).toBe(d.notAllowed);
    expect(startTagCloseDeriv(cx, d.group(d.optional(d.attr('x')), b))).toBe(b);
    expect(startTagCloseDeriv(cx, d.interleave(d.zeroOrMore(d.attr(d.anyName())), b))).toBe(b);
  });

  it('leaves content patterns alone and goes into after', () => {
    const { d, cx } = setup();
    const content = d.group(d.el('a'), d.xsd('int'));
    expect(startTagCloseDeriv(cx, content)).toBe(content);
    const k = d.el('k');
    expect(startTagCloseDeriv(cx, d.b.after(d.group(d.optional(d.attr('x')), d.text), k))).toBe(d.b.after(d.text, k));
  });

  it('under oneOrMore, a required attribute part fails', () => {
    const { d, cx } = setup();
    expect(startTagCloseDeriv(cx, d.oneOrMore(d.attr('x')))).toBe(d.notAllowed);
  });
});

describe('startTagCloseRecoverDeriv', () => {
  it('drops missing attributes instead', () => {
    const { d, cx } = setup();
    const b = d.el('b');
    expect(startTagCloseRecoverDeriv(cx, d.group(d.attr('x'), b))).toBe(b);
    expect(startTagCloseRecoverDeriv(cx, d.choice(d.attr('x'), d.attr('y')))).toBe(d.empty);
  });
});
