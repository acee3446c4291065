/**
 * Clark's `applyAfter`: derivatives that enter something (an element, an attribute) return a
 * choice of `after(inner, rest)`; a containing operator rebuilds only the `rest` side.
 */
import type { Pattern } from '../grammar/pattern.js';
import { assertNever } from './assert-never.js';
import type { DerivContext } from './context.js';

export function applyAfter(cx: DerivContext, p: Pattern, rebuild: (rest: Pattern) => Pattern): Pattern {
  const b = cx.builder;
  switch (p.kind) {
    case 'after':
      return b.after(p.a, rebuild(p.b));
    case 'choice': {
      let result: Pattern = b.notAllowed;
      let cur: Pattern = p;
      while (cur.kind === 'choice') {
        result = b.choice(result, applyAfter(cx, cur.a, rebuild));
        cur = cur.b;
      }
      return b.choice(result, applyAfter(cx, cur, rebuild));
    }
    case 'notAllowed':
      return p;
    case 'empty': case 'text': case 'group': case 'interleave': case 'oneOrMore': case 'list':
    case 'data': case 'value': case 'attribute': case 'element':
      throw new Error(`applyAfter: a "${p.kind}" pattern where only after, choice or notAllowed can occur`);
  }
  return assertNever(p);
}
