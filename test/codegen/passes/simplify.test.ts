import { describe, expect, it } from 'vitest';
import { loadGrammar } from '../../../codegen/passes/load.js';
import { simplifyGrammar } from '../../../codegen/passes/simplify.js';
import { readGrammarTable, writeGrammarTable } from '../../../src/xml/grammar/table.js';
import type { ElementPattern, Pattern } from '../../../src/xml/grammar/pattern.js';
import { RNG, schemaFiles } from '../snippets.js';

const simplify = (rng: string) => simplifyGrammar(loadGrammar('main.rng', schemaFiles({ 'main.rng': rng })));

describe('simplify', () => {
  it('interns equal patterns: two identical defines give the same object', () => {
    const s = simplify(`<grammar ${RNG}><start><element name="r"><ref name="a"/><ref name="b"/></element></start>
      <define name="a"><optional><attribute name="x"><choice><value>1</value><value>2</value></choice></attribute></optional></define>
      <define name="b"><optional><attribute name="x"><choice><value>2</value><value>1</value></choice></attribute></optional></define></grammar>`);
    const root = s.start as ElementPattern;
    expect(root.content.kind).toBe('group');
    const content = root.content as Extract<Pattern, { kind: 'group' }>;
    expect(content.a).toBe(content.b);
  });

  it('rewrites optional, zeroOrMore and mixed into choice/oneOrMore/interleave', () => {
    const s = simplify(`<grammar ${RNG}><start><element name="r"><mixed><zeroOrMore><element name="c"><empty/></element></zeroOrMore></mixed></element></start></grammar>`);
    const b = s.builder;
    const root = s.start as ElementPattern;
    const child = s.elements.find((e) => e.pattern !== root)!.pattern;
    expect(root.content).toBe(b.interleave(b.text, b.choice(b.empty, b.oneOrMore(child))));
  });

  it('turns recursion through elements into a cyclic graph and rejects it elsewhere', () => {
    const s = simplify(`<grammar ${RNG}><start><ref name="node"/></start><define name="node"><element name="node"><zeroOrMore><ref name="node"/></zeroOrMore></element></define></grammar>`);
    const node = s.start as ElementPattern;
    expect(node.origin).toMatchObject({ define: 'node', file: 'main.rng' });
    expect(node.content).toBe(s.builder.choice(s.builder.empty, s.builder.oneOrMore(node)));
    expect(() => simplify(`<grammar ${RNG}><start><ref name="x"/></start><define name="x"><choice><empty/><group><text/><ref name="x"/></group></choice></define></grammar>`))
      .toThrow(/recursive-define/);
  });

  it('applies notAllowed and empty identities', () => {
    const s = simplify(`<grammar ${RNG}><start><element name="r"><choice><notAllowed/><group><empty/><attribute name="a"><notAllowed/></attribute></group><text/></choice></element></start></grammar>`);
    expect((s.start as ElementPattern).content).toBe(s.builder.text);
  });

  it('keeps datatype params and data except', () => {
    const s = simplify(`<grammar ${RNG} datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><start><element name="r"><data type="string"><param name="pattern">[a-z]+</param><except><value>bad</value></except></data></element></start></grammar>`);
    const content = (s.start as ElementPattern).content;
    expect(content).toMatchObject({ kind: 'data', datatype: { name: 'string', params: [{ name: 'pattern', value: '[a-z]+' }] }, except: { kind: 'value', value: 'bad', datatype: { library: '', name: 'token' } } });
  });

  it('writes a table that reads back into the same graph shape', () => {
    const s = simplify(`<grammar ${RNG}><start><ref name="node"/></start><define name="node"><element name="node"><attribute name="id"/><zeroOrMore><ref name="node"/></zeroOrMore></element></define></grammar>`);
    const table = writeGrammarTable(s.start, '0.0', 'test');
    const again = readGrammarTable(table);
    expect(writeGrammarTable(again.start, '0.0', 'test')).toEqual(table);
    const node = again.start as ElementPattern;
    expect(node.kind).toBe('element');
    const c = node.content as Extract<Pattern, { kind: 'group' }>;
    expect(c.b).toBe(again.builder.choice(again.builder.empty, again.builder.oneOrMore(node)));
  });
});
