import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../src/xml/dom/index.js';
import { CompiledValidator } from '../../../src/xml/validate/index.js';
import { Dsl } from '../../rng-spec/dsl.js';

const DEPTH = 100_000;
// The validator walks any depth; parseXml reads 257 levels unless told otherwise.
const UNBOUNDED = { maxDepth: Infinity };

function nested(depth: number, innermost = ''): string {
  return `${'<a>'.repeat(depth)}${innermost}${'</a>'.repeat(depth)}`;
}

describe('deep documents', () => {
  it(`validates ${DEPTH} nested elements without growing the call stack`, () => {
    const d = new Dsl();
    const start = d.define('a', d.optional(d.ref('a')));
    const v = new CompiledValidator(d.b, start);
    expect(v.validate(parseXml(nested(DEPTH), UNBOUNDED))).toEqual([]);
  });

  it('reports an error at the bottom with its full path', () => {
    const d = new Dsl();
    const start = d.define('a', d.optional(d.ref('a')));
    const v = new CompiledValidator(d.b, start);
    const diagnostics = v.validate(parseXml(nested(DEPTH, '<b/>'), UNBOUNDED));
    expect(diagnostics.map((x) => x.code)).toEqual(['unexpected-element']);
    expect(diagnostics[0]!.path).toBe(`${'/a'.repeat(DEPTH)}/b`);
    expect(diagnostics[0]!.column).toBe(3 * DEPTH + 1);
  });

  it('stays iterative when every level is ambiguous (contents and continuations both differ)', () => {
    // Two element patterns named `a` whose parents continue differently: the start-tag
    // derivative cannot be split, so each level's state keeps its parent's state inside it.
    const d = new Dsl();
    const levels = d.choice(d.group(d.ref('a1', 'a'), d.optional(d.el('x'))), d.group(d.ref('a2', 'a'), d.optional(d.el('y'))), d.empty);
    d.define('a1', levels);
    d.define('a2', levels, d.optional(d.el('z')));
    // The three documents share most states: a budget that keeps one document's lets the
    // second and third reuse the first's derivatives (the default drops them, at 3× the time).
    const v = new CompiledValidator(d.b, d.ref('a1'), { memoBudget: { patterns: 4_000_000 } });
    expect(v.validate(parseXml(nested(DEPTH), UNBOUNDED))).toEqual([]);
    expect(v.validate(parseXml(`<a>${nested(DEPTH)}<x/></a>`, UNBOUNDED))).toEqual([]);
    expect(v.validate(parseXml(`<a>${nested(DEPTH)}<z/></a>`, UNBOUNDED)).map((x) => x.code)).toEqual(['unexpected-element']);
  });
});
