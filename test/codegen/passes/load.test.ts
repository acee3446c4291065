import { describe, expect, it } from 'vitest';
import { loadGrammar } from '../../../codegen/passes/load.js';
import { CodegenError } from '../../../codegen/errors.js';
import type { RngNode } from '../../../codegen/rng-ast.js';
import { RNG, schemaFiles } from '../snippets.js';

const load = (files: Record<string, string>, root = 'main.rng') => loadGrammar(root, schemaFiles(files));

function body(g: ReturnType<typeof load>, name: string): RngNode {
  const d = g.defines.get(name);
  if (d === undefined) throw new Error(`no define ${name}`);
  return d.body;
}

describe('load', () => {
  it('resolves include and lets the including grammar override defines and start', () => {
    const g = load({
      'main.rng': `<grammar ${RNG}><include href="lib.rng"><define name="b"><element name="override"><empty/></element></define></include></grammar>`,
      'lib.rng': `<grammar ${RNG}><start><ref name="a"/></start><define name="a"><element name="a"><ref name="b"/></element></define><define name="b"><element name="original"><empty/></element></define></grammar>`,
    });
    expect(g.start).toMatchObject({ kind: 'ref', target: 'a' });
    expect(body(g, 'b')).toMatchObject({ kind: 'element', nameClass: { kind: 'name', local: 'override' } });
  });

  it('combines defines by choice and by interleave in document order', () => {
    const g = load({
      'main.rng': `<grammar ${RNG}><start><ref name="x"/></start>
        <define name="x"><element name="one"><empty/></element></define>
        <define name="x" combine="choice"><element name="two"><empty/></element></define>
        <define name="y" combine="interleave"><attribute name="p"/></define>
        <define name="y" combine="interleave"><attribute name="q"/></define></grammar>`,
    });
    const x = body(g, 'x');
    expect(x.kind).toBe('choice');
    expect(x.kind === 'choice' && x.items.map((i) => i.kind === 'element' && i.nameClass.kind === 'name' && i.nameClass.local)).toEqual(['one', 'two']);
    expect(body(g, 'y').kind).toBe('interleave');
  });

  it('rejects two defines of one name without combine, with file:line', () => {
    expect(() => load({ 'main.rng': `<grammar ${RNG}><start><empty/></start>\n<define name="x"><empty/></define>\n<define name="x"><text/></define></grammar>` }))
      .toThrow(/main\.rng:3:1: define "x" is defined more than once without combine \[duplicate-define\]/);
  });

  it('gives nested grammars their own scope and resolves parentRef to the enclosing one', () => {
    const g = load({
      'main.rng': `<grammar ${RNG}><start><element name="doc"><grammar><start><ref name="x"/></start>
        <define name="x"><element name="inner"><parentRef name="x"/></element></define></grammar></element></start>
        <define name="x"><element name="outer"><empty/></element></define></grammar>`,
    });
    const keys = [...g.defines.keys()].sort();
    expect(keys).toHaveLength(2);
    const inner = [...g.defines.values()].find((d) => d.key !== 'x')!;
    expect(inner.name).toBe('x');
    expect(inner.body).toMatchObject({ kind: 'element', content: [{ kind: 'ref', target: 'x' }] });
  });

  it('inherits ns to element names but not to attribute names, and resolves QName prefixes', () => {
    const g = load({
      'main.rng': `<grammar ${RNG} xmlns:q="urn:q" ns="urn:default"><start><element name="root"><attribute name="plain"/><attribute name="q:pref"/><element name="q:cmd"><empty/></element></element></start></grammar>`,
    });
    expect(g.start).toMatchObject({
      kind: 'element',
      nameClass: { kind: 'name', ns: 'urn:default', local: 'root' },
      content: [
        { kind: 'attribute', nameClass: { kind: 'name', ns: '', local: 'plain' } },
        { kind: 'attribute', nameClass: { kind: 'name', ns: 'urn:q', local: 'pref' } },
        { kind: 'element', nameClass: { kind: 'name', ns: 'urn:q', local: 'cmd' } },
      ],
    });
  });

  it('reads name classes: anyName with except, nsName, choice, <name> elements', () => {
    const g = load({
      'main.rng': `<grammar ${RNG}><start><element><anyName><except><nsName ns="urn:x"/><name>skip</name></except></anyName><element><choice><name>a</name><name ns="urn:y">b</name></choice><empty/></element></element></start></grammar>`,
    });
    expect(g.start).toMatchObject({
      kind: 'element',
      nameClass: { kind: 'anyName', except: { kind: 'choice', items: [{ kind: 'nsName', ns: 'urn:x' }, { kind: 'name', local: 'skip' }] } },
      content: [{ kind: 'element', nameClass: { kind: 'choice', items: [{ local: 'a', ns: '' }, { local: 'b', ns: 'urn:y' }] } }],
    });
  });

  it('inherits datatypeLibrary, keeps params, and makes an untyped value a builtin token', () => {
    const g = load({
      'main.rng': `<grammar ${RNG} datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><start><element name="r"><choice>
        <data type="unsignedInt"><param name="minInclusive">1</param><param name="maxInclusive">9</param></data>
        <value>on</value><value type="int">1</value><data type="string"><except><value>x</value></except></data></choice></element></start></grammar>`,
    });
    const choice = g.start.kind === 'element' ? g.start.content[0] : undefined;
    expect(choice).toMatchObject({
      kind: 'choice',
      items: [
        { kind: 'data', type: 'unsignedInt', datatypeLibrary: 'http://www.w3.org/2001/XMLSchema-datatypes', params: [{ name: 'minInclusive', value: '1' }, { name: 'maxInclusive', value: '9' }] },
        { kind: 'value', type: 'token', datatypeLibrary: '', value: 'on' },
        { kind: 'value', type: 'int', datatypeLibrary: 'http://www.w3.org/2001/XMLSchema-datatypes', value: '1' },
        { kind: 'data', type: 'string', except: { kind: 'value', value: 'x' } },
      ],
    });
  });

  it('drops foreign annotations and flattens div', () => {
    const g = load({
      'main.rng': `<grammar ${RNG} xmlns:a="urn:ann"><a:documentation>hi</a:documentation><div><start><element name="r" a:note="x"><a:doc/><text/></element></start></div></grammar>`,
    });
    expect(g.start).toMatchObject({ kind: 'element', content: [{ kind: 'text' }] });
  });

  it('loads externalRef as a pattern', () => {
    const g = load({
      'main.rng': `<grammar ${RNG}><start><element name="r"><externalRef href="part.rng"/></element></start></grammar>`,
      'part.rng': `<element ${RNG} name="part"><text/></element>`,
    });
    expect(g.start).toMatchObject({ kind: 'element', content: [{ kind: 'element', nameClass: { local: 'part' } }] });
  });

  it('reports unsupported constructs and undefined refs with their location', () => {
    const bad = (rng: string) => () => load({ 'main.rng': `<grammar ${RNG}>\n<start>\n${rng}</start></grammar>` });
    expect(bad('<bogus/>')).toThrow(/main\.rng:3:1: <bogus> is not a RELAX NG pattern \[unsupported-construct\]/);
    expect(bad('<ref name="nowhere"/>')).toThrow(/main\.rng:3:1: no define named "nowhere" \[undefined-ref\]/);
    expect(bad('<parentRef name="x"/>')).toThrow(CodegenError);
    expect(() => load({ 'main.rng': `<grammar ${RNG}><include href="main.rng"/></grammar>` })).toThrow(/include-loop/);
  });
});
