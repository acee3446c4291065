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
  const rebuilt = new Map<Pattern, Pattern>();
  const elements: ElementPattern[] = [];
  const seenElements = new Set<ElementPattern>();

  const rebuild = (p: Pattern): Pattern => {
    const known = rebuilt.get(p);
    if (known !== undefined) return known;
    const r = compute(p);
    rebuilt.set(p, r);
    return r;
  };

  const compute = (p: Pattern): Pattern => {
    switch (p.kind) {
      case 'empty': case 'notAllowed': case 'text': case 'value':
        return p;
      case 'element':
        if (!seenElements.has(p)) {
          seenElements.add(p);
          elements.push(p);
        }
        return p;
      case 'choice':
        return builder.choice(rebuild(p.a), rebuild(p.b));
      case 'group':
        return builder.group(rebuild(p.a), rebuild(p.b));
      case 'interleave': {
        const operands: Pattern[] = [];
        collectOperands(p, operands);
        return balanced(builder, operands.map(rebuild), 0, operands.length);
      }
      case 'oneOrMore':
        return builder.oneOrMore(rebuild(p.p));
      case 'list':
        return builder.list(rebuild(p.p));
      case 'data':
        return p.except === undefined ? p : builder.data(p.datatype, rebuild(p.except));
      case 'attribute':
        return builder.attribute(p.nameClass, rebuild(p.content));
      case 'after':
        return builder.after(rebuild(p.a), rebuild(p.b));
    }
    return assertNever(p);
  };

  const newStart = rebuild(start);
  // Element contents are rebuilt after the walk so that recursion through elements terminates.
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    builder.setElementContent(el, rebuild(el.content));
  }
  return newStart;
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
