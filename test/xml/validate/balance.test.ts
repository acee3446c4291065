import { describe, expect, it } from 'vitest';
import type { Pattern } from '../../../src/xml/grammar/pattern.js';
import { balanceInterleaves } from '../../../src/xml/validate/balance.js';
import { Dsl } from '../../rng-spec/dsl.js';

function interleaveDepth(p: Pattern): number {
  return p.kind === 'interleave' ? 1 + Math.max(interleaveDepth(p.a), interleaveDepth(p.b)) : 0;
}

function operands(p: Pattern): Pattern[] {
  return p.kind === 'interleave' ? [...operands(p.a), ...operands(p.b)] : [p];
}

describe('balanceInterleaves', () => {
  it('turns a chain of interleaves into a balanced tree of the same operands', () => {
    const d = new Dsl();
    const parts = Array.from({ length: 16 }, (_, i) => d.optional(d.el(`e${i}`)));
    const root = d.el('root', d.interleave(...parts));
    expect(interleaveDepth(root.content)).toBe(15);
    const start = balanceInterleaves(d.b, root);
    expect(start).toBe(root);
    expect(interleaveDepth(root.content)).toBe(4);
    expect(new Set(operands(root.content))).toEqual(new Set(parts));
  });

  it('reaches interleaves inside nested elements, attributes and recursion', () => {
    const d = new Dsl();
    const chain = d.interleave(d.attr('a'), d.attr('b'), d.attr('c'), d.attr('d'), d.attr('e'));
    const node = d.define('node', d.group(chain, d.zeroOrMore(d.ref('node'))));
    balanceInterleaves(d.b, node);
    const content = node.content;
    expect(content.kind).toBe('group');
    if (content.kind === 'group') expect(interleaveDepth(content.a)).toBe(3);
  });

  it('leaves a grammar without long interleaves exactly as it was', () => {
    const d = new Dsl();
    const inner = d.el('b', d.interleave(d.el('x'), d.el('y')));
    const content = d.group(d.attr('a', d.values('1', '2')), d.oneOrMore(inner), d.list(d.xsd('int')));
    const root = d.el('a', content);
    const size = d.b.size;
    expect(balanceInterleaves(d.b, root)).toBe(root);
    expect(root.content).toBe(content);
    expect(d.b.size).toBe(size);
  });
});
