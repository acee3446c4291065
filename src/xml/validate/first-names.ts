/**
 * Cheap over-approximations of the names a pattern can start with: 32-bit masks, one bit per
 * name (names share bits round-robin, so a set bit means "maybe"). A derivative by a name whose
 * bit is not in a subpattern's mask is notAllowed without looking inside it; that prunes most of
 * the walk through a large interleave when a new state is first derived.
 */
import type { NameClass } from '../grammar/name-class.js';
import type { Pattern } from '../grammar/pattern.js';
import { assertNever } from './assert-never.js';
import { nameKey, type DerivContext } from './context.js';

/** Every bit: the mask of a wildcard. */
export const ALL_NAMES = -1;

/** Element names `p` can start with (its first set), as a mask. */
export function elementMask(cx: DerivContext, p: Pattern): number {
  const memo = cx.memo(p);
  let mask = memo.elementMask;
  if (mask === undefined) {
    mask = computeElementMask(cx, p);
    memo.elementMask = mask;
  }
  return mask;
}

/** Attribute names `p` can still match (attributes are unordered, so every one counts), as a mask. */
export function attributeMask(cx: DerivContext, p: Pattern): number {
  const memo = cx.memo(p);
  let mask = memo.attributeMask;
  if (mask === undefined) {
    mask = computeAttributeMask(cx, p);
    memo.attributeMask = mask;
  }
  return mask;
}

function computeElementMask(cx: DerivContext, p: Pattern): number {
  switch (p.kind) {
    case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'attribute':
      return 0;
    case 'element':
      return nameClassMask(cx, p.nameClass);
    case 'choice': case 'interleave':
      return elementMask(cx, p.a) | elementMask(cx, p.b);
    case 'group':
      return p.a.nullable ? elementMask(cx, p.a) | elementMask(cx, p.b) : elementMask(cx, p.a);
    case 'oneOrMore':
      return elementMask(cx, p.p);
    case 'after':
      return elementMask(cx, p.a);
  }
  return assertNever(p);
}

function computeAttributeMask(cx: DerivContext, p: Pattern): number {
  switch (p.kind) {
    case 'empty': case 'notAllowed': case 'text': case 'list': case 'data': case 'value': case 'element':
      return 0;
    case 'attribute':
      return nameClassMask(cx, p.nameClass);
    case 'choice': case 'interleave': case 'group':
      return attributeMask(cx, p.a) | attributeMask(cx, p.b);
    case 'oneOrMore':
      return attributeMask(cx, p.p);
    case 'after':
      return attributeMask(cx, p.a);
  }
  return assertNever(p);
}

function nameClassMask(cx: DerivContext, nc: NameClass): number {
  switch (nc.kind) {
    case 'name':
      return cx.nameBit(nameKey(nc.ns, nc.local));
    case 'choice':
      return nameClassMask(cx, nc.a) | nameClassMask(cx, nc.b);
    case 'anyName': case 'nsName':
      return ALL_NAMES;
  }
  return assertNever(nc);
}
