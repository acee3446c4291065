/**
 * The text derivative (Clark's `textDeriv`), for character data in element content and for
 * attribute values. `data`, `value` and `list` match a whole string; `text` matches any.
 * The recover variant accepts any string wherever data is expected, so that after reporting a
 * bad value the rest of the element is checked as if it had been good.
 */
import type { DataPattern, Pattern, ValuePattern } from '../grammar/pattern.js';
import { assertNever } from './assert-never.js';
import type { DerivContext } from './context.js';
import { memoGet, memoSet } from './memo.js';
import { hasXmlWhitespace, isXmlWhitespace, splitTokens } from './whitespace.js';

export function textDeriv(cx: DerivContext, p: Pattern, s: string): Pattern {
  // Leaves skip the derivative memo: their result is empty or notAllowed, decided below.
  switch (p.kind) {
    case 'text':
      return p;
    case 'empty': case 'notAllowed': case 'element': case 'attribute':
      return cx.builder.notAllowed;
    case 'data':
      return dataAllows(cx, p, s) ? cx.builder.empty : cx.builder.notAllowed;
    case 'value':
      return valueEquals(cx, p, s) ? cx.builder.empty : cx.builder.notAllowed;
    case 'choice': case 'group': case 'interleave': case 'oneOrMore': case 'list': case 'after':
      break;
  }
  const memo = cx.memo(p);
  let d = memoGet(memo.text, s);
  if (d === undefined) {
    d = compute(cx, p, s);
    memo.text = memoSet(cx, memo.text, s, d);
  }
  return d;
}

/** Whether an attribute value `s` matches `p` (Clark's `valueMatch`). */
export function valueMatches(cx: DerivContext, p: Pattern, s: string): boolean {
  switch (p.kind) {
    case 'text':
      return true;
    case 'data':
      return dataAllows(cx, p, s);
    case 'value':
      return valueEquals(cx, p, s);
    case 'empty': case 'notAllowed': case 'element': case 'attribute':
    case 'choice': case 'group': case 'interleave': case 'oneOrMore': case 'list': case 'after':
      return (p.nullable && isXmlWhitespace(s)) || textDeriv(cx, p, s).nullable;
  }
  return assertNever(p);
}

/**
 * `<value>` matching, called for every enumerated alternative of every attribute: the literal is
 * equal to itself, and for the built-in types two strings without whitespace are equal only if
 * identical, so the datatype is asked only about other spellings.
 */
function valueEquals(cx: DerivContext, p: ValuePattern, s: string): boolean {
  if (s === p.value) return true;
  if (p.datatype.library === '' && !hasXmlWhitespace(s) && !hasXmlWhitespace(p.value)) return false;
  return cx.datatype(p.datatype).equals(p.value, s);
}

/** `<data>` matching, memoised per pattern: most strings checked against a datatype recur. */
function dataAllows(cx: DerivContext, p: DataPattern, s: string): boolean {
  const memo = cx.memo(p);
  let allowed = memoGet(memo.valueMatches, s);
  if (allowed === undefined) {
    allowed = cx.datatype(p.datatype).allows(s) && (p.except === undefined || !textDeriv(cx, p.except, s).nullable);
    memo.valueMatches = memoSet(cx, memo.valueMatches, s, allowed);
  }
  return allowed;
}

/** Like {@link textDeriv}, but every data, value and list pattern accepts the text. */
export function textRecoverDeriv(cx: DerivContext, p: Pattern): Pattern {
  const memo = cx.memo(p);
  let d = memo.textRecover;
  if (d === undefined) {
    d = computeRecover(cx, p);
    memo.textRecover = d;
  }
  return d;
}

function compute(cx: DerivContext, p: Pattern, s: string): Pattern {
  const b = cx.builder;
  switch (p.kind) {
    case 'empty': case 'notAllowed': case 'element': case 'attribute':
      return b.notAllowed;
    case 'text':
      return p;
    case 'choice': {
      let result: Pattern = b.notAllowed;
      let cur: Pattern = p;
      while (cur.kind === 'choice') {
        result = b.choice(result, textDeriv(cx, cur.a, s));
        cur = cur.b;
      }
      return b.choice(result, textDeriv(cx, cur, s));
    }
    case 'group': {
      const first = b.group(textDeriv(cx, p.a, s), p.b);
      return p.a.nullable ? b.choice(first, textDeriv(cx, p.b, s)) : first;
    }
    case 'interleave':
      return b.choice(b.interleave(textDeriv(cx, p.a, s), p.b), b.interleave(p.a, textDeriv(cx, p.b, s)));
    case 'oneOrMore':
      return b.group(textDeriv(cx, p.p, s), b.choice(p, b.empty));
    case 'value': case 'data':
      return textDeriv(cx, p, s);
    case 'list': {
      let rest = p.p;
      for (const token of splitTokens(s)) {
        rest = textDeriv(cx, rest, token);
        if (rest.kind === 'notAllowed') return rest;
      }
      return rest.nullable ? b.empty : b.notAllowed;
    }
    case 'after':
      return b.after(textDeriv(cx, p.a, s), p.b);
  }
  return assertNever(p);
}

function computeRecover(cx: DerivContext, p: Pattern): Pattern {
  const b = cx.builder;
  switch (p.kind) {
    case 'empty': case 'notAllowed': case 'element': case 'attribute':
      return b.notAllowed;
    case 'text':
      return p;
    case 'value': case 'data': case 'list':
      return b.empty;
    case 'choice': {
      let result: Pattern = b.notAllowed;
      let cur: Pattern = p;
      while (cur.kind === 'choice') {
        result = b.choice(result, textRecoverDeriv(cx, cur.a));
        cur = cur.b;
      }
      return b.choice(result, textRecoverDeriv(cx, cur));
    }
    case 'group': {
      const first = b.group(textRecoverDeriv(cx, p.a), p.b);
      return p.a.nullable ? b.choice(first, textRecoverDeriv(cx, p.b)) : first;
    }
    case 'interleave':
      return b.choice(b.interleave(textRecoverDeriv(cx, p.a), p.b), b.interleave(p.a, textRecoverDeriv(cx, p.b)));
    case 'oneOrMore':
      return b.group(textRecoverDeriv(cx, p.p), b.choice(p, b.empty));
    case 'after':
      return b.after(textRecoverDeriv(cx, p.a), p.b);
  }
  return assertNever(p);
}
