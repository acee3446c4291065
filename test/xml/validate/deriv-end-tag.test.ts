import { describe, expect, it } from 'vitest';
import { endTagDeriv, endTagRecoverDeriv, splitAfter } from '../../../src/xml/validate/deriv-end-tag.js';
import { setup } from './support.js';

describe('endTagDeriv', () => {
  it('returns the continuation when the content is complete', () => {
    const { d, cx } = setup();
    const k = d.el('k');
    expect(endTagDeriv(cx, d.b.after(d.optional(d.el('a')), k))).toBe(k);
    expect(endTagDeriv(cx, d.b.after(d.el('a'), k))).toBe(d.notAllowed);
  });

  it('unites the continuations of a choice', () => {
    const { d, cx } = setup();
    const k1 = d.el('k1');
    const k2 = d.el('k2');
    expect(endTagDeriv(cx, d.choice(d.b.after(d.empty, k1), d.b.after(d.text, k2), d.b.after(d.el('x'), d.el('k3'))))).toBe(d.choice(k1, k2));
  });

  it('is notAllowed for anything but after and choice', () => {
    const { d, cx } = setup();
    expect(endTagDeriv(cx, d.empty)).toBe(d.notAllowed);
    expect(endTagDeriv(cx, d.text)).toBe(d.notAllowed);
  });
});

describe('endTagRecoverDeriv', () => {
  it('returns the continuation even when content is missing', () => {
    const { d, cx } = setup();
    const k = d.el('k');
    expect(endTagRecoverDeriv(cx, d.b.after(d.el('a'), k))).toBe(k);
  });
});

describe('splitAfter', () => {
  it('splits a single after', () => {
    const { d, cx } = setup();
    const k = d.el('k');
    expect(splitAfter(cx, d.b.after(d.text, k))).toEqual({ content: d.text, next: k });
  });

  it('merges contents that share a continuation, and continuations that share a content', () => {
    const { d, cx } = setup();
    const k = d.el('k');
    const j = d.el('j');
    expect(splitAfter(cx, d.choice(d.b.after(d.text, k), d.b.after(d.empty, k)))).toEqual({ content: d.choice(d.text, d.empty), next: k });
    expect(splitAfter(cx, d.choice(d.b.after(d.text, k), d.b.after(d.text, j)))).toEqual({ content: d.text, next: d.choice(k, j) });
  });

  it('keeps the state whole when contents and continuations both differ, merging equal contents', () => {
    const { d, cx } = setup();
    const [k, j, l] = [d.el('k'), d.el('j'), d.el('l')];
    const p = d.choice(d.b.after(d.text, k), d.b.after(d.empty, j), d.b.after(d.text, l));
    expect(splitAfter(cx, p)).toEqual({ content: d.choice(d.b.after(d.text, d.choice(k, l)), d.b.after(d.empty, j)), next: undefined });
    expect(splitAfter(cx, d.notAllowed)).toEqual({ content: d.notAllowed, next: undefined });
  });
});
