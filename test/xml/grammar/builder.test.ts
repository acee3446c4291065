import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternBuilder, choiceMembers } from '../../../src/xml/grammar/builder.js';
import type { Pattern } from '../../../src/xml/grammar/pattern.js';

/** A pattern description independent of any builder, so one tree can be built twice. */
type Tree =
  | { op: 'empty' | 'text' | 'notAllowed' }
  | { op: 'value'; v: string }
  | { op: 'attribute'; name: string; p: Tree }
  | { op: 'choice' | 'group' | 'interleave'; a: Tree; b: Tree }
  | { op: 'oneOrMore' | 'list'; p: Tree };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Tree>({ op: 'empty' }, { op: 'text' }, { op: 'notAllowed' }),
    fc.constantFrom('a', 'b', 'c').map((v): Tree => ({ op: 'value', v })),
    fc.record({ op: fc.constant('attribute' as const), name: fc.constantFrom('x', 'y'), p: tie('t') }),
    fc.record({ op: fc.constantFrom('choice' as const, 'group' as const, 'interleave' as const), a: tie('t'), b: tie('t') }),
    fc.record({ op: fc.constantFrom('oneOrMore' as const, 'list' as const), p: tie('t') }),
  ),
})).t;

function build(b: PatternBuilder, t: Tree): Pattern {
  switch (t.op) {
    case 'empty': return b.empty;
    case 'text': return b.text;
    case 'notAllowed': return b.notAllowed;
    case 'value': return b.value(b.datatype('', 'token'), t.v, '');
    case 'attribute': return b.attribute(b.names.name('', t.name), build(b, t.p));
    case 'choice': return b.choice(build(b, t.a), build(b, t.b));
    case 'group': return b.group(build(b, t.a), build(b, t.b));
    case 'interleave': return b.interleave(build(b, t.a), build(b, t.b));
    case 'oneOrMore': return b.oneOrMore(build(b, t.p));
    case 'list': return b.list(build(b, t.p));
  }
}

describe('PatternBuilder', () => {
  it('interns: building the same tree twice gives the same object', () => {
    fc.assert(fc.property(tree, (t) => {
      const b = new PatternBuilder();
      expect(build(b, t)).toBe(build(b, structuredClone(t)));
    }), { seed: 42, numRuns: 300 });
  });

  it('makes choice commutative, associative and idempotent', () => {
    fc.assert(fc.property(tree, tree, tree, (x, y, z) => {
      const b = new PatternBuilder();
      const [p, q, r] = [build(b, x), build(b, y), build(b, z)];
      expect(b.choice(p, q)).toBe(b.choice(q, p));
      expect(b.choice(b.choice(p, q), r)).toBe(b.choice(p, b.choice(q, r)));
      expect(b.choice(p, p)).toBe(p);
      const members = choiceMembers(b.choice(p, q)).map((m) => m.id);
      expect([...members].sort((m, n) => m - n)).toEqual(members);
      expect(new Set(members).size).toBe(members.length);
    }), { seed: 7, numRuns: 300 });
  });

  it('applies the notAllowed and empty identities', () => {
    const b = new PatternBuilder();
    const a = b.attribute(b.names.name('', 'a'), b.text);
    expect(b.group(b.empty, a)).toBe(a);
    expect(b.interleave(a, b.empty)).toBe(a);
    expect(b.group(a, b.notAllowed)).toBe(b.notAllowed);
    expect(b.choice(b.notAllowed, a)).toBe(a);
    expect(b.oneOrMore(b.oneOrMore(a))).toBe(b.oneOrMore(a));
    expect(b.attribute(b.names.name('', 'a'), b.notAllowed)).toBe(b.notAllowed);
    expect(b.after(a, b.notAllowed)).toBe(b.notAllowed);
  });

  it('computes nullable once, from the operands', () => {
    const b = new PatternBuilder();
    const a = b.attribute(b.names.name('', 'a'), b.text);
    expect(b.optional(a).nullable).toBe(true);
    expect(b.group(b.text, a).nullable).toBe(false);
    expect(b.interleave(b.text, b.zeroOrMore(a)).nullable).toBe(true);
    expect(b.oneOrMore(a).nullable).toBe(false);
    expect(b.list(b.empty).nullable).toBe(false);
  });

  it('never interns elements: each is its own graph node', () => {
    const b = new PatternBuilder();
    const n = b.names.name('', 'e');
    expect(b.element(n)).not.toBe(b.element(n));
  });
});
