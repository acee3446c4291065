import { describe, expect, it } from 'vitest';
import { diffGrammars, hasNarrowing, type SchemaChange } from '../../src/compat/schema-diff.js';
import { summarizeGrammar, resolveElementPath } from '../../src/compat/grammar-summary.js';
import { compileGrammar } from './compile-snippet.js';

const diff = (before: string, after: string, defines = ''): SchemaChange[] =>
  diffGrammars('r', compileGrammar(before, defines), compileGrammar(after, defines));
const brief = (changes: readonly SchemaChange[]): string[] => changes.map((c) => `${c.effect} ${c.kind} ${c.path} ${c.detail}`);

describe('schema diff on small grammars', () => {
  it('finds nothing between a grammar and itself', () => {
    const g = '<element name="r"><optional><attribute name="a"><choice><value>x</value><value>y</value></choice></attribute></optional><element name="c"><text/></element></element>';
    expect(diff(g, g)).toEqual([]);
  });

  it('reports optional elements added as widened and removed elements as narrowed', () => {
    const changes = diff(
      '<element name="r"><optional><element name="old"><empty/></element></optional></element>',
      '<element name="r"><optional><element name="new"><empty/></element></optional></element>',
    );
    expect(brief(changes)).toEqual(['widened element-added /r/new optional', 'narrowed element-removed /r/old element']);
  });

  it('treats a new required child or attribute as a narrowing', () => {
    const changes = diff(
      '<element name="r"><empty/></element>',
      '<element name="r"><attribute name="id"><text/></attribute><element name="name"><text/></element></element>',
    );
    expect(brief(changes)).toEqual([
      'narrowed attribute-added /r/@id required: any string',
      'narrowed element-added /r/name required',
    ]);
  });

  it('reports attributes and children that became required or optional', () => {
    const changes = diff(
      '<element name="r"><optional><attribute name="a"/></optional><element name="c"><empty/></element></element>',
      '<element name="r"><attribute name="a"/><optional><element name="c"><empty/></element></optional></element>',
    );
    expect(brief(changes)).toEqual([
      'narrowed became-required /r/@a attribute',
      'widened became-optional /r/c element',
    ]);
  });

  it('lists enumerated values added and removed, except values a datatype still accepts', () => {
    const changes = diff(
      '<element name="r"><attribute name="mode"><choice><value>a</value><value>b</value></choice></attribute><attribute name="n"><choice><value>1</value><data type="unsignedInt"/></choice></attribute></element>',
      '<element name="r"><attribute name="mode"><choice><value>a</value><value>c</value></choice></attribute><attribute name="n"><data type="unsignedInt"/></attribute></element>',
    );
    expect(brief(changes)).toEqual([
      'narrowed value-removed /r/@mode "b"',
      'widened value-added /r/@mode "c"',
    ]);
  });

  it('orders facet changes: a lower maximum narrows, a lower minimum widens, a new facet narrows', () => {
    const changes = diff(
      '<element name="r"><data type="int"><param name="minInclusive">0</param><param name="maxInclusive">255</param></data></element>',
      '<element name="r"><data type="int"><param name="minInclusive">-1</param><param name="maxInclusive">100</param><param name="pattern">[0-9]+</param></data></element>',
    );
    expect(brief(changes)).toEqual([
      'narrowed facet-changed /r/text() int maxInclusive: 255 → 100',
      'widened facet-changed /r/text() int minInclusive: 0 → -1',
      'narrowed facet-changed /r/text() int pattern: (none) → [0-9]+',
    ]);
  });

  it('orders regular expressions that differ only in quantifier bounds, and marks other rewrites as changed', () => {
    const longer = diff(
      '<element name="r"><data type="string"><param name="pattern">[ -~]{0,16}</param></data></element>',
      '<element name="r"><data type="string"><param name="pattern">[ -~]{0,40}</param></data></element>',
    );
    expect(brief(longer)).toEqual(['widened facet-changed /r/text() string pattern: [ -~]{0,16} → [ -~]{0,40}']);
    const rewritten = diff(
      '<element name="r"><data type="string"><param name="pattern">[a-z]+</param></data></element>',
      '<element name="r"><data type="string"><param name="pattern">[a-z0-9]+</param></data></element>',
    );
    expect(rewritten.map((c) => c.effect)).toEqual(['changed']);
    expect(hasNarrowing({ old: 'a', new: 'b', roots: [{ root: 'r', changes: rewritten }] })).toBe(true);
  });

  it('decides datatype replacements between integer types by their ranges', () => {
    const wider = diff('<element name="r"><data type="unsignedInt"/></element>', '<element name="r"><data type="unsignedLong"/></element>');
    expect(brief(wider)).toEqual(['widened datatype-replaced /r/text() unsignedInt → unsignedLong']);
    const narrower = diff('<element name="r"><data type="positiveInteger"/></element>', '<element name="r"><data type="unsignedInt"/></element>');
    expect(brief(narrower)).toEqual(['narrowed datatype-replaced /r/text() positiveInteger → unsignedInt']);
  });

  it('reports free text becoming a datatype as a narrowing', () => {
    const changes = diff('<element name="r"><attribute name="v"><text/></attribute></element>', '<element name="r"><attribute name="v"><data type="int"/></attribute></element>');
    expect(brief(changes)).toEqual(['narrowed any-text-removed /r/@v now only int']);
  });

  it('finds a name that must now come with another one (an attribute added to an all-or-nothing group)', () => {
    const changes = diff(
      '<element name="r"><optional><attribute name="socket"/><attribute name="core"/></optional></element>',
      '<element name="r"><optional><attribute name="socket"/><attribute name="cluster"/><attribute name="core"/></optional></element>',
    );
    expect(brief(changes)).toEqual([
      'widened attribute-added /r/@cluster optional: any string',
      'narrowed required-with /r/@cluster now required with @core, @socket',
    ]);
  });

  it('counts occurrences of same-named children', () => {
    const mode = (v: string): string => `<element name="mode"><attribute name="name"><value>${v}</value></attribute></element>`;
    const changes = diff(`<element name="r">${mode('a')}${mode('b')}</element>`, `<element name="r">${mode('a')}${mode('b')}${mode('c')}</element>`);
    expect(brief(changes)).toEqual([
      'narrowed occurrences-changed /r/mode exactly 2 → exactly 3',
      'widened value-added /r/mode/@name "c"',
    ]);
    expect(brief(diff('<element name="r"><optional><element name="w"><empty/></element></optional></element>',
      '<element name="r"><zeroOrMore><element name="w"><empty/></element></zeroOrMore></element>')))
      .toEqual(['widened occurrences-changed /r/w 0 to 1 → 0 or more']);
  });

  it('finds children whose order became fixed', () => {
    const a = '<optional><element name="a"><empty/></element></optional>';
    const b = '<optional><element name="b"><empty/></element></optional>';
    const changes = diff(`<element name="r"><interleave>${a}${b}</interleave></element>`, `<element name="r">${a}${b}</element>`);
    expect(brief(changes)).toEqual(['narrowed order-changed /r/a may no longer follow <b>']);
    expect(diff(`<element name="r">${a}${b}</element>`, `<element name="r"><interleave>${a}${b}</interleave></element>`)).toEqual([]);
  });

  it('merges the element patterns that share a path', () => {
    const summary = summarizeGrammar(compileGrammar(`<element name="r"><choice>
      <element name="disk"><attribute name="type"><value>file</value></attribute><attribute name="path"/></element>
      <element name="disk"><attribute name="type"><value>block</value></attribute><attribute name="dev"/></element>
    </choice></element>`));
    const disk = summary.elements.get('/r/disk')!;
    expect([...disk.attributes.get('type')!.values.values].sort()).toEqual(['block', 'file']);
    expect(disk.attributes.get('type')!.required).toBe(true);
    expect(disk.attributes.get('path')!.required).toBe(false);
  });

  it('cuts recursion and resolves deep document paths through it', () => {
    const start = compileGrammar('<ref name="node"/>', `<define name="node"><element name="node"><optional><attribute name="v"/></optional><zeroOrMore><ref name="node"/></zeroOrMore><optional><element name="leaf"><empty/></element></optional></element></define>`);
    const summary = summarizeGrammar(start);
    expect([...summary.elements.keys()]).toEqual(['/node', '/node/leaf']);
    expect(summary.recursion.get('/node/node')).toBe('/node');
    expect(resolveElementPath(summary, '/node/node[2]/node/leaf')).toEqual(['/node/leaf']);
    expect(resolveElementPath(summary, '/node/other')).toEqual([]);
    expect(diffGrammars('r', start, start)).toEqual([]);
  });

  it('names namespaced elements with their libvirt prefix and wildcards with *', () => {
    const summary = summarizeGrammar(compileGrammar(`<element name="domain"><element ns="http://libvirt.org/schemas/domain/qemu/1.0" name="commandline"><empty/></element>
      <element name="metadata"><zeroOrMore><element><anyName/><text/></element></zeroOrMore></element></element>`));
    expect([...summary.elements.keys()].sort()).toEqual(['/domain', '/domain/metadata', '/domain/metadata/*', '/domain/qemu:commandline']);
    expect(resolveElementPath(summary, '/domain/q:commandline')).toEqual(['/domain/qemu:commandline']);
    expect(resolveElementPath(summary, '/domain/metadata/app:anything')).toEqual(['/domain/metadata/*']);
  });
});
