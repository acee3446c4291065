/**
 * The start-tag-close derivative: once the start tag is over, attributes still required can no
 * longer be matched. The recover variant drops them instead, after they have been reported.
 */
import type { Pattern } from '../grammar/pattern.js';
import { assertNever } from './assert-never.js';
import type { DerivContext } from './context.js';

export function startTagCloseDeriv(cx: DerivContext, p: Pattern): Pattern {
  const memo = cx.memo(p);
  let d = memo.startTagClose;
  if (d === undefined) {
    d = compute(cx, p, false);
    memo.startTagClose = d;
  }
  return d;
}

export function startTagCloseRecoverDeriv(cx: DerivContext, p: Pattern): Pattern {
  const memo = cx.memo(p);
  let d = memo.startTagCloseRecover;
  if (d === undefined) {
    d = compute(cx, p, true);
    memo.startTagCloseRecover = d;
  }
  return d;
}

function compute(cx: DerivContext, p: Pattern, recover: boolean): Pattern {
  const b = cx.builder;
  const deriv = recover ? startTagCloseRecoverDeriv : startTagCloseDeriv;
  switch (p.kind) {
    case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'element':
      return p;
    case 'attribute':
      return recover ? b.empty : b.notAllowed;
    case 'choice': {
      let result: Pattern = b.notAllowed;
      let cur: Pattern = p;
      while (cur.kind === 'choice') {
        result = b.choice(result, deriv(cx, cur.a));
        cur = cur.b;
      }
      return b.choice(result, deriv(cx, cur));
    }
    case 'group':
      return b.group(deriv(cx, p.a), deriv(cx, p.b));
    case 'interleave':
      return b.interleave(deriv(cx, p.a), deriv(cx, p.b));
    case 'oneOrMore':
      return b.oneOrMore(deriv(cx, p.p));
    case 'after':
      return b.after(deriv(cx, p.a), p.b);
  }
  return assertNever(p);
}
