import { describe, expect, it } from 'vitest';
import { startTagOpenDeriv, startTagOpenRecoverDeriv } from '../../../src/xml/validate/deriv-start-tag.js';
import { setup } from './support.js';

describe('startTagOpenDeriv', () => {
  it('enters a matching element: after(content, empty)', () => {
    const { d, cx } = setup();
    const a = d.el('a', d.text);
    expect(startTagOpenDeriv(cx, a, '', 'a', 'a')).toBe(d.b.after(d.text, d.empty));
    expect(startTagOpenDeriv(cx, a, '', 'b', 'b')).toBe(d.notAllowed);
  });

  it('matches by namespace URI and name class', () => {
    const { d, cx } = setup();
    const any = d.el(d.nsName('urn:x'), d.empty);
    expect(startTagOpenDeriv(cx, any, 'urn:x', 'whatever', 'urn:x\u0000whatever').kind).toBe('after');
    expect(startTagOpenDeriv(cx, any, '', 'whatever', 'whatever')).toBe(d.notAllowed);
  });

  it('in a group, only the first operand unless it is nullable', () => {
    const { d, cx } = setup();
    const a = d.el('a');
    const b = d.el('b');
    const g = d.group(a, b);
    expect(startTagOpenDeriv(cx, g, '', 'a', 'a')).toBe(d.b.after(d.empty, b));
    expect(startTagOpenDeriv(cx, g, '', 'b', 'b')).toBe(d.notAllowed);
    expect(startTagOpenDeriv(cx, d.group(d.optional(a), b), '', 'b', 'b')).toBe(d.b.after(d.empty, d.empty));
  });

  it('in an interleave, either operand, the other remaining', () => {
    const { d, cx } = setup();
    const a = d.el('a');
    const b = d.el('b');
    const i = d.interleave(a, b);
    expect(startTagOpenDeriv(cx, i, '', 'b', 'b')).toBe(d.b.after(d.empty, a));
    expect(startTagOpenDeriv(cx, i, '', 'a', 'a')).toBe(d.b.after(d.empty, b));
  });

  it('in oneOrMore, leaves zeroOrMore of the same', () => {
    const { d, cx } = setup();
    const a = d.el('a');
    const more = d.oneOrMore(a);
    expect(startTagOpenDeriv(cx, more, '', 'a', 'a')).toBe(d.b.after(d.empty, d.b.choice(more, d.empty)));
  });

  it('in a choice, the union of both sides', () => {
    const { d, cx } = setup();
    const a1 = d.el('a', d.text);
    const a2 = d.el('a', d.empty);
    const r = startTagOpenDeriv(cx, d.choice(a1, a2, d.el('b')), '', 'a', 'a');
    expect(r).toBe(d.b.choice(d.b.after(d.text, d.empty), d.b.after(d.empty, d.empty)));
  });

  it('inside an after, keeps the outer continuation', () => {
    const { d, cx } = setup();
    const a = d.el('a');
    const k = d.el('k');
    expect(startTagOpenDeriv(cx, d.b.after(a, k), '', 'a', 'a')).toBe(d.b.after(d.empty, d.b.after(d.empty, k)));
  });

  it('never matches text, data, attributes or empty', () => {
    const { d, cx } = setup();
    for (const p of [d.text, d.empty, d.notAllowed, d.attr('a'), d.data('string'), d.value('a'), d.list(d.data('token'))]) {
      expect(startTagOpenDeriv(cx, p, '', 'a', 'a')).toBe(d.notAllowed);
    }
  });

  it('memoises per pattern and name', () => {
    const { d, cx } = setup();
    const g = d.interleave(d.el('a'), d.el('b'));
    const first = startTagOpenDeriv(cx, g, '', 'a', 'a');
    const size = d.b.size;
    expect(startTagOpenDeriv(cx, g, '', 'a', 'a')).toBe(first);
    expect(d.b.size).toBe(size);
    expect(cx.memo(g).startTag?.get('a')).toBe(first);
  });
});

describe('startTagOpenRecoverDeriv', () => {
  it('skips required operands of a group', () => {
    const { d, cx } = setup();
    const c = d.el('c');
    const g = d.group(d.el('a'), d.el('b'), c);
    expect(startTagOpenDeriv(cx, g, '', 'c', 'c')).toBe(d.notAllowed);
    expect(startTagOpenRecoverDeriv(cx, g, '', 'c', 'c')).toBe(d.b.after(d.empty, d.empty));
    expect(startTagOpenRecoverDeriv(cx, g, '', 'b', 'b')).toBe(d.b.after(d.empty, c));
  });

  it('still fails for a name the pattern does not hold', () => {
    const { d, cx } = setup();
    expect(startTagOpenRecoverDeriv(cx, d.group(d.el('a'), d.el('b')), '', 'z', 'z')).toBe(d.notAllowed);
  });
});
