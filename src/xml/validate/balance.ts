/**
 * Rebuilds a grammar with every interleave as a balanced tree of its operands. Interleave is
 * associative and commutative, so this changes no meaning; but a derivative rebuilds each
 * interleave node between the root and the operand that moved, so a chain of n operands (how
 * simplification writes `<interleave>` with many children; libvirt's run 36 deep) costs n new
 * patterns per step, a balanced tree log n. Element nodes are kept; their content is replaced
 * by the rebuilt one.
 */
import type { PatternBuilder } from '../grammar/builder.js';
import type { ElementPattern, Pattern } from '../grammar/pattern.js';
import { assertNever } from './assert-never.js';

export function balanceInterleaves(builder: PatternBuilder, start: Pattern): Pattern {
  const balancer = new InterleaveBalancer(builder);
  const newStart = balancer.balance(start);
  // Element contents are rebuilt after the walk so that recursion through elements terminates.
  const elements = balancer.elementsMet;
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    const content = balancer.balance(el.content);
    if (content !== el.content) builder.setElementContent(el, content);
  }
  return newStart;
}

/**
 * Rebalances patterns one at a time, stopping at elements (it records them in `elementsMet`).
 * Its memo persists, so a lazily read grammar can balance each element's content as it is built.
 */
export class InterleaveBalancer {
  // Indexed by pattern id (ids are small consecutive integers): cheaper than a Map on objects.
  // Starts with a slot so that it holds objects from the start (see DerivContext's memos).
  private readonly rebuilt: (Pattern | undefined)[] = [undefined];
  readonly elementsMet: ElementPattern[] = [];

  constructor(private readonly builder: PatternBuilder) {}

  balance(p: Pattern): Pattern {
    const known = this.rebuilt[p.id];
    if (known !== undefined) return known;
    const r = this.compute(p);
    const rebuilt = this.rebuilt;
    while (rebuilt.length < p.id) rebuilt.push(undefined);
    rebuilt[p.id] = r;
    return r;
  }

  // Patterns whose parts did not change are returned as they are, without asking the builder.
  private compute(p: Pattern): Pattern {
    const builder = this.builder;
    switch (p.kind) {
      case 'empty': case 'notAllowed': case 'text': case 'value':
        return p;
      case 'element':
        // Reached once: balance records the element as its own result.
        this.elementsMet.push(p);
        return p;
      case 'choice': {
        const a = this.balance(p.a);
        const b = this.balance(p.b);
        return a === p.a && b === p.b ? p : builder.choice(a, b);
      }
      case 'group': {
        const a = this.balance(p.a);
        const b = this.balance(p.b);
        return a === p.a && b === p.b ? p : builder.group(a, b);
      }
      case 'interleave': {
        const operands: Pattern[] = [];
        collectOperands(p, operands);
        const parts: Pattern[] = [];
        for (let i = 0; i < operands.length; i++) parts.push(this.balance(operands[i]!));
        // Two or three operands are as balanced as they can be.
        if (operands.length <= 3 && parts.every((q, i) => q === operands[i])) return p;
        return balanced(builder, parts, 0, parts.length);
      }
      case 'oneOrMore': {
        const q = this.balance(p.p);
        return q === p.p ? p : builder.oneOrMore(q);
      }
      case 'list': {
        const q = this.balance(p.p);
        return q === p.p ? p : builder.list(q);
      }
      case 'data': {
        if (p.except === undefined) return p;
        const q = this.balance(p.except);
        return q === p.except ? p : builder.data(p.datatype, q);
      }
      case 'attribute': {
        const q = this.balance(p.content);
        return q === p.content ? p : builder.attribute(p.nameClass, q);
      }
      case 'after': {
        const a = this.balance(p.a);
        const b = this.balance(p.b);
        return a === p.a && b === p.b ? p : builder.after(a, b);
      }
    }
    return assertNever(p);
  }
}

function collectOperands(p: Pattern, out: Pattern[]): void {
  const stack: Pattern[] = [p];
  while (stack.length > 0) {
    const q = stack.pop()!;
    if (q.kind === 'interleave') stack.push(q.b, q.a);
    else out.push(q);
  }
}

function balanced(builder: PatternBuilder, operands: readonly Pattern[], from: number, to: number): Pattern {
  if (to - from === 1) return operands[from]!;
  const mid = (from + to) >>> 1;
  return builder.interleave(balanced(builder, operands, from, mid), balanced(builder, operands, mid, to));
}
