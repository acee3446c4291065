import { describe, expect, it } from 'vitest';
import { formatDomain, ModelParseError, parse, parseDomain, parseNetwork, type AnyElement, type Domain, type UnknownNode } from '../../src/model/index.js';

const QEMU = 'http://libvirt.org/schemas/domain/qemu/1.0';

const domainXml = `<domain type='kvm' id='7'>
  <name>demo</name>
  <memory unit='KiB'>17179869184</memory>
  <vcpu placement='static'>4</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
  </os>
  <features>
    <acpi/>
  </features>
  <devices>
    <disk type='block' device='disk'>
      <source dev='/dev/sdb'/>
      <target dev='vda' bus='virtio'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
    </disk>
    <disk type='file'>
      <source file='/a.img'/>
      <target dev='vdb'/>
    </disk>
  </devices>
</domain>
`;

function unknownOf(x: { readonly $unknown?: readonly UnknownNode[] }): readonly UnknownNode[] {
  return x.$unknown ?? [];
}

describe('parse: typed values', () => {
  const d = parseDomain(domainXml);

  it('reads attributes and children into typed properties', () => {
    expect(d.type).toBe('kvm');
    expect(d.id).toBe(7);
    expect(d.name).toBe('demo');
    expect(d.vcpu).toEqual({ placement: 'static', $value: 4 });
    expect(d.os?.type).toEqual({ arch: 'x86_64', $value: 'hvm' });
    expect(d.features?.acpi).toBe(true);
  });

  it('keeps 64-bit integers as decimal strings', () => {
    expect(d.memory).toEqual({ unit: 'KiB', $value: '17179869184' });
  });

  it('reads each disk by the case its type selects', () => {
    const [block, file] = d.devices!.disk!;
    expect(block).toMatchObject({ type: 'block', device: 'disk', source: { dev: '/dev/sdb' }, target: { dev: 'vda', bus: 'virtio' } });
    expect(block!.address).toEqual({ type: 'pci', domain: '0x0000', bus: '0x00', slot: '0x04', function: '0x0' });
    expect(file).toMatchObject({ type: 'file', source: { file: '/a.img' } });
    if (file!.type === 'file') expect(file!.source?.file).toBe('/a.img');
  });

  it('narrows the model by the schema it reports', () => {
    const p = parse(domainXml);
    if (p.schema !== 'domain') throw new Error('expected a domain');
    const disks = p.value.devices?.disk ?? [];
    expect(disks).toHaveLength(2);
    const net = parse(`<network><name>n</name></network>`, { schema: 'network' });
    expect(net.value.name).toBe('n');
  });

  it('chooses the schema from the document element', () => {
    expect(parse(domainXml).schema).toBe('domain');
    expect(parse(`<network><name>n</name></network>`).schema).toBe('network');
    expect(parse(`<pool type='dir'><name>p</name><target><path>/p</path></target></pool>`).schema).toBe('storagepool');
  });
});

describe('parse: nothing is lost', () => {
  it('keeps unknown attributes, elements and stray text in $unknown, in order', () => {
    const d = parseDomain(`<domain type='kvm' color='blue'><name>x</name><gadget size='2'/>stray<devices/></domain>`);
    expect(unknownOf(d)).toEqual([
      { kind: 'attribute', name: 'color', ns: '', value: 'blue' },
      { kind: 'element', name: 'gadget', ns: '', attributes: [{ name: 'size', ns: '', value: '2' }], children: [] },
      { kind: 'text', value: 'stray' },
    ]);
  });

  it('keeps values that do not fit their property in $unknown instead of guessing', () => {
    const d = parseDomain(`<domain type='kvm' id='seven'><name>x</name><vcpu>many</vcpu><features><acpi>on</acpi></features></domain>`);
    expect(d.id).toBeUndefined();
    expect(unknownOf(d)).toEqual([{ kind: 'attribute', name: 'id', ns: '', value: 'seven' }]);
    // <vcpu> is an object (it may have attributes): its text is what does not fit.
    expect(d.vcpu).toEqual({ $unknown: [{ kind: 'text', value: 'many' }] });
    // <acpi/> is a flag: an <acpi> with text is not one, so the whole element is kept.
    expect(d.features?.acpi).toBeUndefined();
    expect(unknownOf(d.features!)).toMatchObject([{ kind: 'element', name: 'acpi', children: [{ kind: 'text', value: 'on' }] }]);
  });

  it('types libvirt’s foreign namespaces whatever prefix the document uses', () => {
    const d = parseDomain(`<domain type='kvm' xmlns:q='${QEMU}'><name>x</name><q:commandline><q:arg value='-s'/><q:env name='A' value='1'/></q:commandline></domain>`);
    expect(d['qemu:commandline']).toEqual({ 'qemu:arg': [{ value: '-s' }], 'qemu:env': [{ name: 'A', value: '1' }] });
  });

  it('keeps a known prefix bound to another namespace as unknown content', () => {
    const d = parseDomain(`<domain type='kvm' xmlns:qemu='urn:dummy'><name>x</name><qemu:commandline/></domain>`);
    expect(d['qemu:commandline']).toBeUndefined();
    expect(unknownOf(d)).toEqual([{ kind: 'element', name: 'qemu:commandline', ns: 'urn:dummy', attributes: [], children: [] }]);
  });

  it('holds <metadata> content as generic elements; declarations their names need are implied', () => {
    const d = parseDomain(`<domain type='kvm'><name>x</name><metadata><app1:foo xmlns:app1="http://foo.org/" xmlns:other="urn:o">fooish</app1:foo></metadata></domain>`);
    const [foo] = d.metadata!.$any! as AnyElement[];
    expect(foo).toEqual({
      kind: 'element',
      name: 'app1:foo',
      ns: 'http://foo.org/',
      // xmlns:app1 is implied by the name (the writer declares it); xmlns:other is not.
      attributes: [{ name: 'xmlns:other', ns: 'http://www.w3.org/2000/xmlns/', value: 'urn:o' }],
      children: [{ kind: 'text', value: 'fooish' }],
    });
    const written = formatDomain(JSON.parse(JSON.stringify(d)) as Domain);
    expect(written).toContain(`<app1:foo xmlns:other='urn:o' xmlns:app1='http://foo.org/'>fooish</app1:foo>`);
    expect((parseDomain(written).metadata!.$any! as AnyElement[])[0]).toEqual(foo);
  });

  it('treats whitespace between generic child elements as indentation, and keeps text-only and mixed content', () => {
    const d = parseDomain(`<domain type='kvm'><name>x</name><metadata><a:x xmlns:a="urn:a">
  <a:y> </a:y>
  <a:z>one <a:b/> two</a:z>
</a:x></metadata></domain>`);
    const [x] = d.metadata!.$any! as AnyElement[];
    expect(x!.children.map((c) => c.kind)).toEqual(['element', 'element']);
    const [y, z] = x!.children as AnyElement[];
    expect(y!.children).toEqual([{ kind: 'text', value: ' ' }]);
    expect(z!.children.map((c) => c.kind)).toEqual(['text', 'element', 'text']);
    // Without layout, the writer indents element content and the reader drops exactly that.
    const written = formatDomain(JSON.parse(JSON.stringify(d)) as Domain);
    expect(parseDomain(written).metadata!.$any).toEqual(d.metadata!.$any);
  });

  it('holds CDATA sections in generic content as the text the writer writes for them', () => {
    const d = parseDomain(`<domain type='kvm'><name>x</name><metadata><a:x xmlns:a="urn:a"><![CDATA[ ]]><a:y>one<![CDATA[<two>]]><![CDATA[]]>three</a:y><a:z><![CDATA[ ]]></a:z></a:x></metadata></domain>`);
    const [x] = d.metadata!.$any! as AnyElement[];
    // Whitespace between child elements is indentation, in a CDATA section or not.
    expect(x!.children.map((c) => c.kind)).toEqual(['element', 'element']);
    const [y, z] = x!.children as AnyElement[];
    // Adjacent text and CDATA sections are one text: written out, they are.
    expect(y!.children).toEqual([{ kind: 'text', value: 'one<two>three' }]);
    expect(z!.children).toEqual([{ kind: 'text', value: ' ' }]);
    const written = formatDomain(JSON.parse(JSON.stringify(d)) as Domain);
    expect(written).toContain('<a:y>one&lt;two&gt;three</a:y>');
    expect(parseDomain(written).metadata!.$any).toEqual(d.metadata!.$any);
  });

  it('keeps a second copy of a single child in $unknown', () => {
    const d = parseDomain(`<domain type='kvm'><name>a</name><name>b</name></domain>`);
    expect(d.name).toBe('a');
    expect(unknownOf(d)).toMatchObject([{ kind: 'element', name: 'name', children: [{ kind: 'text', value: 'b' }] }]);
  });
});

describe('parse: frozen results and layout', () => {
  it('freezes every object and array by default', () => {
    const d = parseDomain(domainXml);
    expect(Object.isFrozen(d)).toBe(true);
    expect(Object.isFrozen(d.devices!.disk)).toBe(true);
    expect(Object.isFrozen(d.devices!.disk![0]!.source)).toBe(true);
    expect(() => {
      (d as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });

  it('leaves the model unfrozen when asked', () => {
    const d = parseDomain(domainXml, { freeze: false });
    expect(Object.isFrozen(d)).toBe(false);
    expect(Object.isFrozen(d.devices!.disk)).toBe(false);
  });

  it('keeps the layout out of enumeration and JSON', () => {
    const d: Domain = parseDomain(domainXml);
    expect(d.$layout?.element.name).toBe('domain');
    expect(Object.keys(d)).not.toContain('$layout');
    expect(JSON.stringify(d)).not.toContain('$layout');
    expect(JSON.parse(JSON.stringify(d.vcpu))).toEqual({ placement: 'static', $value: 4 });
  });
});

describe('parse: errors come as diagnostics', () => {
  function diagnosticsOf(f: () => unknown) {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ModelParseError);
      return (e as ModelParseError).diagnostics;
    }
    throw new Error('expected a ModelParseError');
  }

  it('reports XML that is not well-formed with its position', () => {
    const [d] = diagnosticsOf(() => parseDomain(`<domain type='kvm'>\n  <name>x</nam>\n</domain>`));
    expect(d).toMatchObject({ severity: 'error', code: 'mismatched-end-tag', line: 2, path: '' });
    expect(d!.column).toBeGreaterThan(1);
  });

  it('reports a document element no schema has', () => {
    const [d] = diagnosticsOf(() => parse(`<!-- x -->\n<spaceship/>`));
    expect(d).toMatchObject({ severity: 'error', code: 'unknown-root', line: 2, column: 1, path: '/spaceship' });
    expect(d!.expected).toContain('domain');
  });

  it('reports a document of another schema than the one asked for', () => {
    const [d] = diagnosticsOf(() => parseNetwork(domainXml));
    expect(d).toMatchObject({ code: 'wrong-root', line: 1, column: 1, path: '/domain', expected: ['network'] });
    expect(d!.message).toContain('not a network document');
  });
});

describe('parse: parsed objects behave like object literals', () => {
  it('compare equal to literals, strictly too, and serialise without their layout', () => {
    const n = parseNetwork(`<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n`);
    expect(n).toStrictEqual({ name: 'default', bridge: { name: 'virbr0' } });
    expect(n.constructor).toBe(Object);
    expect(Object.keys(n)).toEqual(['name', 'bridge']);
    expect({ ...n }).toEqual({ name: 'default', bridge: { name: 'virbr0' } });
    expect(JSON.parse(JSON.stringify(n))).toEqual({ name: 'default', bridge: { name: 'virbr0' } });
    expect(n.$layout?.element.name).toBe('network');
    expect(Object.getOwnPropertyNames(n)).not.toContain('$layout');
  });
});
