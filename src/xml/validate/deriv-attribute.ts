/**
 * The attribute derivative, split in two so that the expensive half is memoised by name alone:
 * `attributeBranches` finds every attribute pattern the name can match (memoised per pattern and
 * name); `attributeDeriv` then keeps the branches whose value pattern accepts the value.
 * Clark's `attDeriv` is the composition of the two.
 */
import { nameClassContains } from '../grammar/name-class.js';
import type { Pattern } from '../grammar/pattern.js';
import { applyAfter } from './apply-after.js';
import { assertNever } from './assert-never.js';
import type { DerivContext } from './context.js';
import { attributeMask } from './first-names.js';
import { memoGet, memoSet, type AttributeBranch } from './memo.js';
import { valueMatches } from './deriv-text.js';

/**
 * Every name that matches no attribute pattern gets this one array. Empty arrays and arrays of
 * branches have different hidden classes in V8, so the hot loop below never sees an empty one:
 * code optimised for arrays of branches would otherwise be discarded at the first disallowed
 * attribute (once per validation entry point that inlines it).
 */
const NO_BRANCHES: AttributeBranch[] = [];

/** The ways attribute `{ns}local` can be matched in `p`: empty when it is not allowed there. */
export function attributeBranches(cx: DerivContext, p: Pattern, ns: string, local: string, key: string): readonly AttributeBranch[] {
  const memo = cx.memo(p);
  let branches = memoGet(memo.attributes, key);
  if (branches === undefined) {
    branches = toBranches(cx, startAttributeDeriv(cx, p, { ns, local, key, bit: cx.documentNameBit(ns, local, key) }));
    memo.attributes = memoSet(cx, memo.attributes, key, branches);
  }
  return branches;
}

/** The state after attribute `{ns}local="value"`; notAllowed when the name or the value does not fit. */
export function attributeDeriv(cx: DerivContext, p: Pattern, ns: string, local: string, key: string, value: string): Pattern {
  const branches = attributeBranches(cx, p, ns, local, key);
  let result: Pattern = cx.builder.notAllowed;
  if (branches === NO_BRANCHES) return result;
  for (let i = 0; i < branches.length; i++) {
    const branch = branches[i]!;
    if (valueMatches(cx, branch.value, value)) result = cx.builder.choice(result, branch.next);
  }
  return result;
}

/** The state after the attribute when its value is taken to be valid (recovery after a bad value). */
export function attributeNameDeriv(cx: DerivContext, p: Pattern, ns: string, local: string, key: string): Pattern {
  let result: Pattern = cx.builder.notAllowed;
  for (const branch of attributeBranches(cx, p, ns, local, key)) result = cx.builder.choice(result, branch.next);
  return result;
}

/** A choice of `after(valuePattern, rest)`, one per attribute pattern the name matches. */
function startAttributeDeriv(cx: DerivContext, p: Pattern, name: AttributeName): Pattern {
  // A subpattern without the name needs neither a walk nor a memo entry.
  if ((attributeMask(cx, p) & name.bit) === 0) return cx.builder.notAllowed;
  if (p.kind === 'attribute') return startAttributeDerivOf(cx, p, name);
  const memo = cx.memo(p);
  let d = memoGet(memo.startAttribute, name.key);
  if (d === undefined) {
    d = startAttributeDerivOf(cx, p, name);
    memo.startAttribute = memoSet(cx, memo.startAttribute, name.key, d);
  }
  return d;
}

interface AttributeName {
  readonly ns: string;
  readonly local: string;
  readonly key: string;
  /** The name's bit in first-name masks. */
  readonly bit: number;
}

function startAttributeDerivOf(cx: DerivContext, p: Pattern, name: AttributeName): Pattern {
  const { ns, local } = name;
  const b = cx.builder;
  switch (p.kind) {
    case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'element':
      return b.notAllowed;
    case 'attribute':
      return nameClassContains(p.nameClass, ns, local) ? b.after(p.content, b.empty) : b.notAllowed;
    case 'choice': {
      let result: Pattern = b.notAllowed;
      let cur: Pattern = p;
      while (cur.kind === 'choice') {
        result = b.choice(result, startAttributeDeriv(cx, cur.a, name));
        cur = cur.b;
      }
      return b.choice(result, startAttributeDeriv(cx, cur, name));
    }
    case 'group': {
      const { a, b: second } = p;
      return b.choice(
        applyAfter(cx, startAttributeDeriv(cx, a, name), (rest) => b.group(rest, second)),
        applyAfter(cx, startAttributeDeriv(cx, second, name), (rest) => b.group(a, rest)),
      );
    }
    case 'interleave': {
      const { a, b: second } = p;
      return b.choice(
        applyAfter(cx, startAttributeDeriv(cx, a, name), (rest) => b.interleave(rest, second)),
        applyAfter(cx, startAttributeDeriv(cx, second, name), (rest) => b.interleave(a, rest)),
      );
    }
    case 'oneOrMore': {
      const more = b.choice(p, b.empty);
      return applyAfter(cx, startAttributeDeriv(cx, p.p, name), (rest) => b.group(rest, more));
    }
    case 'after': {
      const then = p.b;
      return applyAfter(cx, startAttributeDeriv(cx, p.a, name), (rest) => b.after(rest, then));
    }
  }
  return assertNever(p);
}

/** Flattens the choice of afters, merging branches that share a value pattern. */
function toBranches(cx: DerivContext, d: Pattern): AttributeBranch[] {
  if (d.kind === 'notAllowed') return NO_BRANCHES;
  const byValue = new Map<Pattern, Pattern>();
  let cur: Pattern = d;
  for (;;) {
    const member = cur.kind === 'choice' ? cur.a : cur;
    if (member.kind === 'after') byValue.set(member.a, cx.builder.choice(byValue.get(member.a) ?? cx.builder.notAllowed, member.b));
    if (cur.kind !== 'choice') break;
    cur = cur.b;
  }
  if (byValue.size === 0) return NO_BRANCHES;
  const branches: AttributeBranch[] = [];
  for (const [value, next] of byValue) branches.push({ value, next });
  return branches;
}
