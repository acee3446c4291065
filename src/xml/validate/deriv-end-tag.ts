/**
 * The end-tag derivative: an element's content must be complete (nullable) at its end tag, and
 * what remains is the parent's state recorded in the `after`. Also `splitAfter`, which lets the
 * walker keep an element's content apart from its parent's state in the common case where the
 * start-tag derivative is one `after` — so derivatives inside the element are computed (and
 * memoised) on the element's content alone, whatever the context.
 */
import type { Pattern } from '../grammar/pattern.js';
import { assertNever } from './assert-never.js';
import type { DerivContext } from './context.js';
import type { SplitAfter } from './memo.js';

export function endTagDeriv(cx: DerivContext, p: Pattern): Pattern {
  const memo = cx.memo(p);
  let d = memo.endTag;
  if (d === undefined) {
    d = compute(cx, p, false);
    memo.endTag = d;
  }
  return d;
}

/** The parent's state as if the content had been complete (after reporting that it was not). */
export function endTagRecoverDeriv(cx: DerivContext, p: Pattern): Pattern {
  const memo = cx.memo(p);
  let d = memo.endTagRecover;
  if (d === undefined) {
    d = compute(cx, p, true);
    memo.endTagRecover = d;
  }
  return d;
}

function compute(cx: DerivContext, p: Pattern, recover: boolean): Pattern {
  const b = cx.builder;
  const deriv = recover ? endTagRecoverDeriv : endTagDeriv;
  switch (p.kind) {
    case 'after':
      return recover || p.a.nullable ? p.b : b.notAllowed;
    case 'choice': {
      let result: Pattern = b.notAllowed;
      let cur: Pattern = p;
      while (cur.kind === 'choice') {
        result = b.choice(result, deriv(cx, cur.a));
        cur = cur.b;
      }
      return b.choice(result, deriv(cx, cur));
    }
    case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'element':
    case 'attribute': case 'group': case 'interleave': case 'oneOrMore':
      return b.notAllowed;
  }
  return assertNever(p);
}

/**
 * How the walker holds an element entered by a start-tag derivative `choice(after(a1, b1), …)`:
 * as one `after(content, next)` when that is exact — all members share their `next` (content is
 * the choice of the `a`s) or all share their content (next is the choice of the `b`s) — and
 * otherwise, in the rare ambiguous case, whole, with members of equal content merged
 * (`after(a, x) | after(a, y)` = `after(a, x | y)`) so the state stays small however deep the
 * ambiguity nests. `next` is undefined in that case.
 */
export function splitAfter(cx: DerivContext, p: Pattern): SplitAfter {
  const memo = cx.memo(p);
  let split = memo.split;
  if (split === undefined) {
    split = computeSplit(cx, p);
    memo.split = split;
  }
  return split;
}

function computeSplit(cx: DerivContext, p: Pattern): SplitAfter {
  const b = cx.builder;
  if (p.kind === 'after') return { content: p.a, next: p.b };
  const members: Pattern[] = [];
  let cur: Pattern = p;
  while (cur.kind === 'choice') {
    members.push(cur.a);
    cur = cur.b;
  }
  members.push(cur);
  const byContent = new Map<Pattern, Pattern>();
  const byNext = new Map<Pattern, Pattern>();
  for (const m of members) {
    if (m.kind !== 'after') return { content: p, next: undefined };
    byContent.set(m.a, b.choice(byContent.get(m.a) ?? b.notAllowed, m.b));
    byNext.set(m.b, b.choice(byNext.get(m.b) ?? b.notAllowed, m.a));
  }
  if (byNext.size === 1) {
    const [next, content] = [...byNext][0]!;
    return { content, next };
  }
  if (byContent.size === 1) {
    const [content, next] = [...byContent][0]!;
    return { content, next };
  }
  let merged: Pattern = b.notAllowed;
  for (const [content, next] of byContent) merged = b.choice(merged, b.after(content, next));
  return { content: merged, next: undefined };
}
