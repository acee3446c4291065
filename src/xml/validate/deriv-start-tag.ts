/**
 * The start-tag-open derivative (Clark §"startTagOpenDeriv"): which states remain after a start
 * tag named `{ns}local`. The result is a choice of `after(content, rest)`: the element's content
 * to match, then what its parent may still contain.
 *
 * The recover variant lets a group skip its required first operand; it is used after an error,
 * to carry on as if the elements missing before this one had been there.
 */
import { nameClassContains } from '../grammar/name-class.js';
import type { Pattern } from '../grammar/pattern.js';
import { applyAfter } from './apply-after.js';
import { assertNever } from './assert-never.js';
import type { DerivContext } from './context.js';
import { memoGet, memoSet } from './memo.js';

export function startTagOpenDeriv(cx: DerivContext, p: Pattern, ns: string, local: string, key: string): Pattern {
  const memo = cx.memo(p);
  let d = memoGet(memo.startTag, key);
  if (d === undefined) {
    d = compute(cx, p, ns, local, key, false);
    memo.startTag = memoSet(memo.startTag, key, d);
  }
  return d;
}

export function startTagOpenRecoverDeriv(cx: DerivContext, p: Pattern, ns: string, local: string, key: string): Pattern {
  const memo = cx.memo(p);
  let d = memoGet(memo.startTagRecover, key);
  if (d === undefined) {
    d = compute(cx, p, ns, local, key, true);
    memo.startTagRecover = memoSet(memo.startTagRecover, key, d);
  }
  return d;
}

function compute(cx: DerivContext, p: Pattern, ns: string, local: string, key: string, recover: boolean): Pattern {
  const b = cx.builder;
  const deriv = recover ? startTagOpenRecoverDeriv : startTagOpenDeriv;
  switch (p.kind) {
    case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'attribute':
      return b.notAllowed;
    case 'element':
      return nameClassContains(p.nameClass, ns, local) ? b.after(p.content, b.empty) : b.notAllowed;
    case 'choice': {
      let result: Pattern = b.notAllowed;
      let cur: Pattern = p;
      while (cur.kind === 'choice') {
        result = b.choice(result, deriv(cx, cur.a, ns, local, key));
        cur = cur.b;
      }
      return b.choice(result, deriv(cx, cur, ns, local, key));
    }
    case 'group': {
      const { a, b: second } = p;
      const first = applyAfter(cx, deriv(cx, a, ns, local, key), (rest) => b.group(rest, second));
      return a.nullable || recover ? b.choice(first, deriv(cx, second, ns, local, key)) : first;
    }
    case 'interleave': {
      const { a, b: second } = p;
      return b.choice(
        applyAfter(cx, deriv(cx, a, ns, local, key), (rest) => b.interleave(rest, second)),
        applyAfter(cx, deriv(cx, second, ns, local, key), (rest) => b.interleave(a, rest)),
      );
    }
    case 'oneOrMore': {
      const more = b.choice(p, b.empty);
      return applyAfter(cx, deriv(cx, p.p, ns, local, key), (rest) => b.group(rest, more));
    }
    case 'after': {
      const then = p.b;
      return applyAfter(cx, deriv(cx, p.a, ns, local, key), (rest) => b.after(rest, then));
    }
  }
  return assertNever(p);
}
