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
import { elementMask } from './first-names.js';
import { memoGet, memoSet } from './memo.js';

/** `key` is `nameKey(ns, local)`, the memo key. */
export function startTagOpenDeriv(cx: DerivContext, p: Pattern, ns: string, local: string, key: string): Pattern {
  const d = memoGet(cx.memo(p).startTag, key);
  return d !== undefined ? d : derive(cx, p, { ns, local, key, bit: cx.documentNameBit(ns, local, key), recover: false });
}

export function startTagOpenRecoverDeriv(cx: DerivContext, p: Pattern, ns: string, local: string, key: string): Pattern {
  const d = memoGet(cx.memo(p).startTagRecover, key);
  return d !== undefined ? d : derive(cx, p, { ns, local, key, bit: cx.documentNameBit(ns, local, key), recover: true });
}

interface StartTag {
  readonly ns: string;
  readonly local: string;
  readonly key: string;
  /** The name's bit in first-name masks. */
  readonly bit: number;
  readonly recover: boolean;
}

function derive(cx: DerivContext, p: Pattern, tag: StartTag): Pattern {
  // A subpattern that cannot start with the name needs neither a walk nor a memo entry.
  if (!tag.recover && (elementMask(cx, p) & tag.bit) === 0) return cx.builder.notAllowed;
  const memo = cx.memo(p);
  let d = memoGet(tag.recover ? memo.startTagRecover : memo.startTag, tag.key);
  if (d === undefined) {
    d = compute(cx, p, tag);
    if (tag.recover) memo.startTagRecover = memoSet(cx, memo.startTagRecover, tag.key, d);
    else memo.startTag = memoSet(cx, memo.startTag, tag.key, d);
  }
  return d;
}

function compute(cx: DerivContext, p: Pattern, tag: StartTag): Pattern {
  const b = cx.builder;
  switch (p.kind) {
    case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'attribute':
      return b.notAllowed;
    case 'element':
      return nameClassContains(p.nameClass, tag.ns, tag.local) ? b.after(b.contentOf(p), b.empty) : b.notAllowed;
    case 'choice': {
      let result: Pattern = b.notAllowed;
      let cur: Pattern = p;
      while (cur.kind === 'choice') {
        result = b.choice(result, derive(cx, cur.a, tag));
        cur = cur.b;
      }
      return b.choice(result, derive(cx, cur, tag));
    }
    case 'group': {
      const { a, b: second } = p;
      const first = applyAfter(cx, derive(cx, a, tag), (rest) => b.group(rest, second));
      return a.nullable || tag.recover ? b.choice(first, derive(cx, second, tag)) : first;
    }
    case 'interleave': {
      const { a, b: second } = p;
      return b.choice(
        applyAfter(cx, derive(cx, a, tag), (rest) => b.interleave(rest, second)),
        applyAfter(cx, derive(cx, second, tag), (rest) => b.interleave(a, rest)),
      );
    }
    case 'oneOrMore': {
      const more = b.choice(p, b.empty);
      return applyAfter(cx, derive(cx, p.p, tag), (rest) => b.group(rest, more));
    }
    case 'after': {
      const then = p.b;
      return applyAfter(cx, derive(cx, p.a, tag), (rest) => b.after(rest, then));
    }
  }
  return assertNever(p);
}
