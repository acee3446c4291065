import { describe, expect, it } from 'vitest';
import { textDeriv, textRecoverDeriv, valueMatches } from '../../../src/xml/validate/deriv-text.js';
import { MAX_MEMO_KEY_LENGTH, MAX_STRING_MEMO } from '../../../src/xml/validate/memo.js';
import { setup } from './support.js';

describe('textDeriv', () => {
  it('text matches anything and stays', () => {
    const { d, cx } = setup();
    expect(textDeriv(cx, d.text, 'x')).toBe(d.text);
    expect(textDeriv(cx, d.empty, 'x')).toBe(d.notAllowed);
    expect(textDeriv(cx, d.el('a'), 'x')).toBe(d.notAllowed);
    expect(textDeriv(cx, d.attr('a'), 'x')).toBe(d.notAllowed);
  });

  it('data checks the datatype and the except pattern', () => {
    const { d, cx } = setup();
    const p = d.xsd('int', {}, d.value('0', 'int'));
    expect(textDeriv(cx, p, ' 12 ')).toBe(d.empty);
    expect(textDeriv(cx, p, 'x')).toBe(d.notAllowed);
    expect(textDeriv(cx, p, '00')).toBe(d.notAllowed);
  });

  it('value compares with the datatype equality', () => {
    const { d, cx } = setup();
    expect(textDeriv(cx, d.value('a b'), '  a \n b ')).toBe(d.empty);
    expect(textDeriv(cx, d.value('a b', 'string'), '  a \n b ')).toBe(d.notAllowed);
    expect(textDeriv(cx, d.value('10', 'int'), '+010')).toBe(d.empty);
  });

  it('list splits on whitespace and needs the whole list to match', () => {
    const { d, cx } = setup();
    const p = d.list(d.xsd('int'), d.optional(d.value('px')));
    expect(textDeriv(cx, p, ' 1\tpx\n')).toBe(d.empty);
    expect(textDeriv(cx, p, '1')).toBe(d.empty);
    expect(textDeriv(cx, p, '1 2')).toBe(d.notAllowed);
    expect(textDeriv(cx, p, '')).toBe(d.notAllowed);
  });

  it('in a group, passes a nullable first operand', () => {
    const { d, cx } = setup();
    const b = d.el('b');
    expect(textDeriv(cx, d.group(d.xsd('int'), b), '1')).toBe(b);
    expect(textDeriv(cx, d.group(d.optional(d.el('a')), d.xsd('int')), '1')).toBe(d.empty);
  });

  it('in an interleave with text (mixed), leaves the pattern unchanged', () => {
    const { d, cx } = setup();
    const m = d.mixed(d.zeroOrMore(d.el('b')));
    expect(textDeriv(cx, m, 'anything')).toBe(m);
  });

  it('goes into the first operand of after', () => {
    const { d, cx } = setup();
    const k = d.el('k');
    expect(textDeriv(cx, d.b.after(d.xsd('int'), k), '5')).toBe(d.b.after(d.empty, k));
  });

  it('memoises per string, up to a bound', () => {
    const { d, cx } = setup();
    const p = d.choice(d.value('a'), d.value('b'));
    for (let i = 0; i < MAX_STRING_MEMO + 10; i++) textDeriv(cx, p, `v${i}`);
    expect(cx.memo(p).text?.size).toBe(MAX_STRING_MEMO);
    expect(textDeriv(cx, p, 'a')).toBe(d.empty);
  });

  it('does not keep long strings, which rarely recur, yet answers for them alike', () => {
    const { d, cx } = setup();
    const data = d.xsd('string');
    const p = d.choice(data, d.value('b'));
    const long = 'x'.repeat(MAX_MEMO_KEY_LENGTH + 1);
    expect(textDeriv(cx, p, long)).toBe(d.empty);
    expect(textDeriv(cx, p, long)).toBe(d.empty);
    const kept = [...(cx.memo(p).text?.keys() ?? []), ...(cx.memo(data).valueMatches?.keys() ?? [])];
    expect(kept.some((k) => k.length > MAX_MEMO_KEY_LENGTH)).toBe(false);
    textDeriv(cx, p, 'short');
    expect(cx.memo(p).text?.has('short')).toBe(true);
  });
});

describe('valueMatches', () => {
  it('is Clark valueMatch: nullable patterns take whitespace', () => {
    const { d, cx } = setup();
    expect(valueMatches(cx, d.empty, ' ')).toBe(true);
    expect(valueMatches(cx, d.empty, '')).toBe(true);
    expect(valueMatches(cx, d.empty, 'a')).toBe(false);
    expect(valueMatches(cx, d.xsd('int'), '')).toBe(false);
  });
});

describe('textRecoverDeriv', () => {
  it('lets data, value and list accept anything, but not elements', () => {
    const { d, cx } = setup();
    expect(textRecoverDeriv(cx, d.xsd('int'))).toBe(d.empty);
    expect(textRecoverDeriv(cx, d.value('a'))).toBe(d.empty);
    expect(textRecoverDeriv(cx, d.list(d.xsd('int')))).toBe(d.empty);
    expect(textRecoverDeriv(cx, d.el('a'))).toBe(d.notAllowed);
    const b = d.el('b');
    expect(textRecoverDeriv(cx, d.group(d.xsd('int'), b))).toBe(b);
  });
});
