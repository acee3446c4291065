import { describe, expect, it } from 'vitest';
import { loadGrammar } from '../../../codegen/passes/load.js';
import { shapeModel } from '../../../codegen/passes/shape.js';
import type { Declaration, ObjectDeclaration, ShapeField, ShapeModel, ShapeVariant } from '../../../codegen/passes/shape-ir.js';
import { RNG, schemaFiles } from '../snippets.js';

const XSD = 'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"';

/** Shapes one or more roots; `files` holds every schema file, `roots` names the root files. */
function shape(files: Record<string, string>, roots: string[] = ['main.rng']): ShapeModel {
  const read = schemaFiles(files);
  return shapeModel('test', roots.map((f) => ({ root: f.replace(/\.rng$/, ''), grammar: loadGrammar(f, read) })));
}

/** A one-file grammar whose start is `ref name="root"`. */
function grammar(defines: string): Record<string, string> {
  return { 'main.rng': `<grammar ${RNG} ${XSD}><start><ref name="root"/></start>${defines}</grammar>` };
}

function decl(m: ShapeModel, name: string): Declaration {
  const d = m.declarations.find((x) => x.name === name);
  if (d === undefined) throw new Error(`no declaration ${name}; have ${m.declarations.map((x) => x.name).join(', ')}`);
  return d;
}

function object(m: ShapeModel, name: string): ObjectDeclaration {
  const d = decl(m, name);
  if (d.kind !== 'object') throw new Error(`${name} is a ${d.kind}`);
  return d;
}

function fields(d: { content: ObjectDeclaration['content'] }): ShapeField[] {
  return d.content.entries.flatMap((e) => (e.kind === 'field' ? [e.field] : []));
}

function field(d: { content: ObjectDeclaration['content'] }, prop: string): ShapeField {
  const f = fields(d).find((x) => x.prop === prop);
  if (f === undefined) throw new Error(`no property ${prop}; have ${fields(d).map((x) => x.prop).join(', ')}`);
  return f;
}

function variants(d: { content: ObjectDeclaration['content'] }): ShapeVariant[] {
  return d.content.entries.flatMap((e) => (e.kind === 'variant' ? [e.variant] : []));
}

describe('shape: properties', () => {
  it('turns attributes and children into properties with their multiplicity', () => {
    const m = shape(grammar(`
      <define name="root"><element name="root">
        <attribute name="type"><choice><value>kvm</value><value>qemu</value></choice></attribute>
        <optional><attribute name="id"><data type="unsignedInt"/></attribute></optional>
        <element name="name"><text/></element>
        <zeroOrMore><element name="tag"><text/></element></zeroOrMore>
        <oneOrMore><element name="disk"><attribute name="dev"/></element></oneOrMore>
        <optional><element name="acpi"><empty/></element></optional>
      </element></define>`));
    const root = object(m, 'Root');
    expect(field(root, 'type')).toMatchObject({ kind: 'attribute', optional: false, repeated: false, value: { terms: [{ kind: 'literal', value: 'kvm' }, { kind: 'literal', value: 'qemu' }] } });
    expect(field(root, 'id')).toMatchObject({ optional: true, value: { terms: [{ kind: 'number', integer: true }] } });
    expect(field(root, 'name')).toMatchObject({ kind: 'element', optional: false, element: { kind: 'leaf' } });
    expect(field(root, 'tag')).toMatchObject({ optional: true, repeated: true });
    expect(field(root, 'disk')).toMatchObject({ optional: false, repeated: true, element: { kind: 'object', type: 'RootDisk' } });
    expect(field(root, 'acpi')).toMatchObject({ optional: true, element: { kind: 'empty' } });
  });

  it('keeps text of an element with attributes in $value', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><element name="memory"><attribute name="unit"/><data type="unsignedLong"/></element></element></define>`));
    const memory = object(m, 'RootMemory');
    expect(field(memory, '$value')).toMatchObject({ kind: 'text', value: { terms: [{ kind: 'int64' }] } });
  });

  it('gives an element property the Element suffix when an attribute has its name', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><attribute name="model"/><element name="model"><attribute name="name"/></element></element></define>`));
    const root = object(m, 'Root');
    expect(fields(root).map((f) => f.prop)).toEqual(['model', 'modelElement']);
    expect(field(root, 'modelElement')).toMatchObject({ kind: 'element', local: 'model' });
  });

  it('keeps wildcard elements in $any', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><zeroOrMore><element><anyName/><text/></element></zeroOrMore></element></define>`));
    expect(field(object(m, 'Root'), '$any')).toMatchObject({ kind: 'any', repeated: true, optional: true });
  });

  it('merges a choice that no attribute tells apart into optional properties', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><choice>
        <group><element name="a"><text/></element><element name="b"><text/></element></group>
        <element name="a"><text/></element>
      </choice></element></define>`));
    const root = object(m, 'Root');
    expect(variants(root)).toEqual([]);
    expect(field(root, 'a').optional).toBe(false);
    expect(field(root, 'b').optional).toBe(true);
  });

  it('drops elements whose content is notAllowed', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><optional><element name="privateData"><notAllowed/></element></optional><element name="x"><text/></element></element></define>`));
    expect(fields(object(m, 'Root')).map((f) => f.prop)).toEqual(['x']);
  });
});

describe('shape: values', () => {
  const attr = (data: string) =>
    field(object(shape(grammar(`<define name="root"><element name="root"><attribute name="v">${data}</attribute></element></define>`)), 'Root'), 'v').value!.terms;

  it('maps 32-bit and bounded integers to number, 64-bit and unbounded ones to decimal strings', () => {
    expect(attr('<data type="int"/>')).toEqual([{ kind: 'number', integer: true, min: -2147483648, max: 2147483647 }]);
    expect(attr('<data type="unsignedShort"/>')).toEqual([{ kind: 'number', integer: true, min: 0, max: 65535 }]);
    // Decimal strings keep the type's exact range (as canonical decimal texts).
    expect(attr('<data type="unsignedLong"/>')).toEqual([{ kind: 'int64', min: '0', max: '18446744073709551615' }]);
    expect(attr('<data type="long"/>')).toEqual([{ kind: 'int64', min: '-9223372036854775808', max: '9223372036854775807' }]);
    expect(attr('<data type="integer"/>')).toEqual([{ kind: 'int64' }]);
    expect(attr('<data type="positiveInteger"/>')).toEqual([{ kind: 'int64', min: '1' }]);
    // libvirt's own unsignedLong allows no sign (pattern [0-9]+); -?[0-9]+ allows only '-'.
    expect(attr('<data type="unsignedLong"><param name="pattern">[0-9]+</param></data>')).toEqual([{ kind: 'int64', min: '0', max: '18446744073709551615', signs: '' }]);
    expect(attr('<data type="long"><param name="pattern">-?[0-9]+</param></data>')).toEqual([{ kind: 'int64', min: '-9223372036854775808', max: '9223372036854775807', signs: '-' }]);
    expect(() => attr('<data type="long"><param name="pattern">[1-9][0-9]*</param></data>')).toThrow(/integer-pattern/);
    // Facets past 2^53 are exact.
    expect(attr('<data type="unsignedLong"><param name="maxInclusive">18446744073709551614</param><param name="minExclusive">9007199254740993</param></data>')).toEqual([{ kind: 'int64', min: '9007199254740994', max: '18446744073709551614' }]);
    // A choice of two ranges allows both.
    expect(attr('<choice><data type="positiveInteger"/><data type="long"/></choice>')).toEqual([{ kind: 'int64', min: '-9223372036854775808' }]);
    expect(attr('<data type="integer"><param name="minInclusive">0</param><param name="maxInclusive">65535</param></data>')).toEqual([{ kind: 'number', integer: true, min: 0, max: 65535 }]);
    expect(attr('<data type="unsignedLong"><param name="maxInclusive">9007199254740992</param></data>')).toEqual([{ kind: 'int64', min: '0', max: '9007199254740992' }]);
    // Facets narrow the type's range; exclusive ones on integers become the next integer inside.
    expect(attr('<data type="unsignedInt"><param name="minExclusive">0</param><param name="maxInclusive">4096</param></data>')).toEqual([{ kind: 'number', integer: true, min: 1, max: 4096 }]);
    expect(attr('<data type="short"><param name="minInclusive">-1</param></data>')).toEqual([{ kind: 'number', integer: true, min: -1, max: 32767 }]);
    expect(attr('<data type="double"><param name="minInclusive">0</param></data>')).toEqual([{ kind: 'number', integer: false, min: 0 }]);
    // A choice of two ranges allows both.
    expect(attr('<choice><data type="unsignedByte"/><data type="int"><param name="minInclusive">1000</param><param name="maxInclusive">2000</param></data></choice>')).toEqual([{ kind: 'number', integer: true, min: 0, max: 2000 }]);
    expect(attr('<data type="double"/>')).toEqual([{ kind: 'number', integer: false }]);
    expect(attr('<data type="string"/>')).toEqual([{ kind: 'string' }]);
  });

  it('keeps a choice of number and literal as a union, and names enum defines as aliases', () => {
    const m = shape(grammar(`
      <define name="yesNo"><choice><value>yes</value><value>no</value></choice></define>
      <define name="root"><element name="root">
        <attribute name="a"><choice><data type="unsignedInt"/><value>auto</value></choice></attribute>
        <attribute name="b"><ref name="yesNo"/></attribute>
      </element></define>`));
    const root = object(m, 'Root');
    expect(field(root, 'a').value!.terms).toEqual([{ kind: 'number', integer: true, min: 0, max: 4294967295 }, { kind: 'literal', value: 'auto' }]);
    expect(field(root, 'b').value!.terms).toEqual([{ kind: 'alias', name: 'YesNo', parts: [{ kind: 'literal', value: 'yes' }, { kind: 'literal', value: 'no' }] }]);
    expect(decl(m, 'YesNo')).toMatchObject({ kind: 'alias', literals: ['yes', 'no'] });
  });
});

describe('shape: discriminated unions', () => {
  const disk = grammar(`
    <define name="root"><element name="root"><zeroOrMore><ref name="disk"/></zeroOrMore></element></define>
    <define name="disk"><element name="disk">
      <ref name="diskSource"/>
      <element name="target"><attribute name="dev"/></element>
    </element></define>
    <define name="diskSource"><choice><ref name="diskSourceFile"/><ref name="diskSourceBlock"/><ref name="diskSourceNetwork"/></choice></define>
    <define name="diskSourceFile">
      <optional><attribute name="type"><value>file</value></attribute></optional>
      <optional><element name="source"><attribute name="file"/></element></optional>
    </define>
    <define name="diskSourceBlock">
      <attribute name="type"><value>block</value></attribute>
      <optional><element name="source"><attribute name="dev"/></element></optional>
    </define>
    <define name="diskSourceNetwork">
      <attribute name="type"><value>network</value></attribute>
      <element name="source"><attribute name="protocol"/><attribute name="name"/></element>
    </define>`);

  it('turns a choice keyed by a fixed attribute value into cases named after their defines', () => {
    const m = shape(disk);
    const d = object(m, 'Disk');
    const [v] = variants(d);
    expect(v).toMatchObject({
      prop: 'type',
      union: 'DiskSource',
      cases: [
        { values: ['file'], absent: true, type: 'DiskSourceFile' },
        { values: ['block'], absent: false, type: 'DiskSourceBlock' },
        { values: ['network'], absent: false, type: 'DiskSourceNetwork' },
      ],
    });
    expect(field(d, 'target').optional).toBe(false);
    const file = decl(m, 'DiskSourceFile');
    expect(file.kind === 'case' && fields(file).map((f) => [f.prop, f.optional])).toEqual([['type', true], ['source', true]]);
    const network = decl(m, 'DiskSourceNetwork');
    expect(network.kind === 'case' && field(network, 'source').element).toEqual({ kind: 'object', type: 'DiskSourceNetworkSource' });
    expect(decl(m, 'DiskSource')).toMatchObject({ kind: 'union' });
  });

  it('names anonymous cases by their owner and discriminator values', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><element name="interface"><choice>
        <group><attribute name="type"><value>bridge</value></attribute><element name="source"><attribute name="bridge"/></element></group>
        <group><attribute name="type"><choice><value>user</value><value>null</value></choice></attribute></group>
      </choice></element></element></define>`));
    const iface = object(m, 'RootInterface');
    expect(variants(iface)[0]!.cases.map((c) => c.type)).toEqual(['RootInterfaceBridge', 'RootInterfaceUserOrNull']);
    expect(object(m, 'RootInterfaceSource').local).toBe('source');
  });

  it('adds an empty case when the whole choice is optional', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><optional><choice>
        <group><attribute name="mode"><value>a</value></attribute><attribute name="x"/></group>
        <group><attribute name="mode"><value>b</value></attribute><attribute name="y"/></group>
      </choice></optional></element></define>`));
    expect(variants(object(m, 'Root'))[0]!.cases.map((c) => [c.values, c.absent, c.type])).toEqual([
      [['a'], false, 'RootA'],
      [['b'], false, 'RootB'],
      [[], true, undefined],
    ]);
  });

  it('does not make a union of branches that share a value, or of a plain enumerated attribute', () => {
    const m = shape(grammar(`<define name="root"><element name="root">
        <choice>
          <group><attribute name="kind"><value>a</value></attribute><attribute name="x"/></group>
          <group><attribute name="kind"><choice><value>a</value><value>b</value></choice></attribute><attribute name="y"/></group>
        </choice>
        <choice><attribute name="plain"><value>p</value></attribute><attribute name="plain"><value>q</value></attribute></choice>
      </element></define>`));
    const root = object(m, 'Root');
    expect(variants(root)).toEqual([]);
    expect(fields(root).map((f) => [f.prop, f.optional])).toEqual([['kind', false], ['x', true], ['y', true], ['plain', false]]);
  });

  it('moves properties every case has alike out of the cases', () => {
    const m = shape(grammar(`<define name="common"><element name="common"><text/></element></define>
      <define name="root"><element name="root"><choice>
        <group><attribute name="t"><value>a</value></attribute><ref name="common"/><attribute name="x"/></group>
        <group><attribute name="t"><value>b</value></attribute><ref name="common"/><attribute name="y"/></group>
      </choice></element></define>`));
    const root = object(m, 'Root');
    expect(fields(root).map((f) => f.prop)).toEqual(['common']);
    const a = decl(m, 'RootA');
    expect(a.kind === 'case' && fields(a).map((f) => f.prop)).toEqual(['t', 'x']);
  });
});

describe('shape: naming', () => {
  it('names element types after their define, anonymous ones after their context, without stutter', () => {
    const m = shape(grammar(`
      <define name="root"><element name="root"><ref name="diskSource"/><element name="source"><element name="inner"><attribute name="a"/></element></element><element name="wrap"><ref name="nested"/></element></element></define>
      <define name="diskSource"><element name="sourceFile"><attribute name="f"/></element><optional><attribute name="type"/></optional></define>
      <define name="nested"><element name="nested"><element name="nested"><attribute name="g"/></element></element></define>`));
    // diskSource + sourceFile → DiskSourceFile (the shared word once); a child never merges into its parent's name
    expect(m.declarations.map((d) => d.name).sort()).toEqual(['DiskSourceFile', 'Nested', 'NestedNested', 'Root', 'RootSource', 'RootSourceInner', 'RootWrap']);
  });

  it('settles a collision between files with the files’ prefixes, keeping define names first', () => {
    const m = shape(
      {
        'network.rng': `<grammar ${RNG}><start><ref name="network"/></start><include href="common.rng"/>
          <define name="network"><element name="network"><ref name="ip"/><ref name="bridge"/></element></define>
          <define name="ip"><element name="ip"><attribute name="address"/></element></define></grammar>`,
        'domaincommon.rng': `<grammar ${RNG}><define name="domain"><element name="domain"><ref name="ip"/></element></define>
          <define name="ip"><element name="ip"><attribute name="family"/></element></define></grammar>`,
        'domain.rng': `<grammar ${RNG}><start><ref name="domain"/></start><include href="domaincommon.rng"/></grammar>`,
        'common.rng': `<grammar ${RNG}><define name="bridge"><element name="bridge"><attribute name="name"/></element></define></grammar>`,
      },
      ['domain.rng', 'network.rng'],
    );
    const ips = m.declarations.filter((d) => d.kind === 'object' && d.local === 'ip').map((d) => [d.module, d.name]);
    expect(ips.sort()).toEqual([['domaincommon.rng', 'DomainIp'], ['network.rng', 'NetworkIp']]);
    expect(decl(m, 'Bridge').module).toBe('common.rng');
  });

  it('gives same-named siblings in different branches their owner case as context', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><choice>
        <group><attribute name="type"><value>a</value></attribute><element name="source"><attribute name="x"/></element></group>
        <group><attribute name="type"><value>b</value></attribute><element name="source"><attribute name="y"/></element></group>
      </choice></element></define>`));
    const sources = m.declarations.filter((d) => d.kind === 'object' && d.local === 'source').map((d) => d.name).sort();
    expect(sources).toEqual(['RootASource', 'RootBSource']);
  });

  it('merges same-named elements of one property into a type named by its owner', () => {
    const m = shape(grammar(`
      <define name="root"><element name="root"><choice><ref name="osA"/><ref name="osB"/></choice></element></define>
      <define name="osA"><element name="os"><element name="type"><value>hvm</value></element><attribute name="firmware"/></element></define>
      <define name="osB"><element name="os"><element name="type"><value>xen</value></element><element name="kernel"><text/></element></element></define>`));
    const os = object(m, 'RootOs');
    expect(os.source).toMatchObject({ kind: 'merged', from: ['os in define "osA"', 'os in define "osB"'] });
    expect(fields(os).map((f) => [f.prop, f.optional])).toEqual([['type', false], ['firmware', true], ['kernel', true]]);
  });

  it('settles collisions by meaning, never by numbering', () => {
    const m = shape(grammar(`<define name="root"><element name="root"><choice>
        <group><attribute name="t"><value>a</value></attribute><element name="x"><attribute name="p"/></element></group>
        <group><attribute name="t"><value>b</value></attribute><element name="x"><attribute name="q"/></element></group>
      </choice></element></define>`));
    expect(m.declarations.map((d) => d.name).sort()).toEqual(['Root', 'RootA', 'RootAX', 'RootB', 'RootBX']);
  });
});

describe('shape: namespaces and roots', () => {
  it('names foreign-namespace properties with libvirt’s prefix and records the namespace', () => {
    const m = shape(grammar(`<define name="root"><element name="root">
        <optional><element name="commandline" ns="http://libvirt.org/schemas/domain/qemu/1.0"><zeroOrMore><element name="arg" ns="http://libvirt.org/schemas/domain/qemu/1.0"><attribute name="value"/></element></zeroOrMore></element></optional>
      </element></define>`));
    const root = object(m, 'Root');
    expect(field(root, 'qemu:commandline')).toMatchObject({ ns: 'http://libvirt.org/schemas/domain/qemu/1.0', local: 'commandline' });
    expect(field(object(m, 'RootCommandline'), 'qemu:arg').repeated).toBe(true);
    expect([...m.namespaces]).toEqual([['http://libvirt.org/schemas/domain/qemu/1.0', 'qemu']]);
  });

  it('fails with a clear message for a namespace without a known prefix', () => {
    expect(() => shape(grammar(`<define name="root"><element name="root"><element name="x" ns="urn:unknown"><text/></element></element></define>`))).toThrow(
      /namespace "urn:unknown" has no prefix.*names\.overrides\.json/,
    );
  });

  it('merges a define that roots override differently, accepting what either accepts', () => {
    const m = shape(
      {
        'common.rng': `<grammar ${RNG}><define name="doc"><element name="doc"><optional><ref name="extra"/></optional></element></define><define name="extra"><notAllowed/></define></grammar>`,
        'a.rng': `<grammar ${RNG}><start><ref name="doc"/></start><include href="common.rng"/><define name="extra" combine="choice"><element name="fromA"><text/></element></define></grammar>`,
        'b.rng': `<grammar ${RNG}><start><ref name="doc"/></start><include href="common.rng"/><define name="extra" combine="choice"><element name="fromB"><text/></element></define></grammar>`,
      },
      ['a.rng', 'b.rng'],
    );
    expect(fields(object(m, 'Doc')).map((f) => [f.prop, f.optional])).toEqual([['fromA', true], ['fromB', true]]);
    expect(m.roots.map((r) => [r.root, r.elements.map((e) => e.type)])).toEqual([['a', ['Doc']], ['b', ['Doc']]]);
  });
});
