import { describe, expect, it } from 'vitest';
import {
  formatCpu,
  formatDomain,
  formatNetwork,
  ModelFormatError,
  parseDomain,
  parseNetwork,
  update,
  updateAt,
  type AnyElement,
  type Domain,
  type DomainDisk,
  type Layout,
} from '../../src/model/index.js';
import type { XmlAttribute } from '../../src/xml/dom/types.js';

const QEMU = 'http://libvirt.org/schemas/domain/qemu/1.0';

// Deliberately not in libvirt's style: double quotes, odd spacing, a comment, a CDATA section.
const handWritten = `<?xml version="1.0"?>
<!-- a guest -->
<domain type="kvm" >
    <name>demo</name>
    <!-- memory follows -->
    <memory unit = "KiB">1048576</memory>
    <devices>
        <disk type="file" device="disk">
            <driver name="qemu" type="raw"/>
            <source file="/a.img"/>
            <target dev="vda" bus="virtio"/>
        </disk>
        <disk type="file" device="cdrom">
            <target dev="hdc" bus="ide"/>
            <readonly/>
        </disk>
    </devices>
    <description><![CDATA[<b>bold</b>]]></description>
</domain>
`;

function disks(d: Domain): readonly DomainDisk[] {
  return d.devices?.disk ?? [];
}

const PRESERVE = { style: 'preserve' } as const;

describe('format: preserve style', () => {
  const d = parseDomain(handWritten);

  it('writes an unchanged document byte for byte', () => {
    expect(formatDomain(d, PRESERVE)).toBe(handWritten);
  });

  it('rewrites only the value that changed', () => {
    const out = formatDomain(update(d, { memory: update(d.memory!, { $value: '2097152' }) }), PRESERVE);
    expect(out).toBe(handWritten.replace('1048576', '2097152'));
  });

  it('writes a changed attribute with its original quote and spacing', () => {
    const out = formatDomain(update(d, { memory: update(d.memory!, { unit: 'MiB' }) }), PRESERVE);
    expect(out).toBe(handWritten.replace('unit = "KiB"', 'unit = "MiB"'));
  });

  it('removes a child together with the indentation before it', () => {
    const out = formatDomain(update(d, { devices: update(d.devices!, { disk: disks(d).slice(1) }) }), PRESERVE);
    expect(out).toBe(handWritten.replace(/\n {8}<disk type="file" device="disk">[^]*?<\/disk>/, ''));
  });

  it('adds list items after their siblings with the same indentation, in libvirt style', () => {
    const added: DomainDisk = { type: 'file', device: 'disk', source: { file: '/b.img' }, target: { dev: 'vdb', bus: 'virtio' } };
    const out = formatDomain(update(d, { devices: update(d.devices!, { disk: [...disks(d), added] }) }), PRESERVE);
    expect(out).toContain(
      `            <readonly/>\n        </disk>\n        <disk device='disk' type='file'>\n          <source file='/b.img'/>\n          <target dev='vdb' bus='virtio'/>\n        </disk>\n    </devices>`,
    );
  });

  it('puts a new child where the schema puts it, before the comment that leads the next one', () => {
    const out = formatDomain(update(d, { uuid: 'c7a5fdbd-edaf-9455-926a-d65c16db1809' }), PRESERVE);
    expect(out).toContain(`    <name>demo</name>\n    <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>\n    <!-- memory follows -->\n`);
  });

  it('follows a changed discriminator to the other case', () => {
    const [disk] = disks(d);
    const block = update(disk!, { type: 'block', source: { dev: '/dev/sdb' } });
    const out = formatDomain(update(d, { devices: update(d.devices!, { disk: updateAt(disks(d), 0, () => block) }) }), PRESERVE);
    expect(out).toContain(`<disk type="block" device="disk">\n            <driver name="qemu" type="raw"/>\n            <source dev='/dev/sdb'/>\n`);
  });

  it('opens a self-closed element that gets content', () => {
    const empty = parseDomain(`<domain type='kvm'><name>x</name><devices/></domain>`);
    const out = formatDomain(update(empty, { devices: update(empty.devices!, { emulator: '/usr/bin/qemu' }) }), PRESERVE);
    // Without indentation to copy, the depth decides: <devices> is a child of the root.
    expect(out).toBe(`<domain type='kvm'><name>x</name><devices>\n    <emulator>/usr/bin/qemu</emulator>\n  </devices></domain>`);
  });

  it('keeps unknown content in place, and drops it when removed from $unknown', () => {
    const x = `<domain type='kvm' color='blue'>\n  <name>x</name>\n  <gadget/>\n</domain>`;
    const p = parseDomain(x);
    expect(formatDomain(update(p, { name: 'y' }), PRESERVE)).toBe(x.replace('<name>x', '<name>y'));
    expect(formatDomain(update(p, { $unknown: undefined }), PRESERVE)).toBe(`<domain type='kvm'>\n  <name>x</name>\n</domain>`);
  });
});

describe('format: preserve style, edits', () => {
  it('changes only the edited line of a hand-written document', () => {
    const d = parseDomain(handWritten);
    const retargeted = updateAt(disks(d), 0, (disk) => update(disk, { target: update(disk.target!, { dev: 'vdz' }) }));
    const lines = handWritten.split('\n');
    const out = formatDomain(update(d, { devices: update(d.devices!, { disk: retargeted }) }), PRESERVE).split('\n');
    expect(out).toHaveLength(lines.length);
    const changed = out.flatMap((line, i) => (line === lines[i] ? [] : [i]));
    expect(changed).toEqual([lines.indexOf('            <target dev="vda" bus="virtio"/>')]);
    expect(out[changed[0]!]).toBe('            <target dev="vdz" bus="virtio"/>');
  });
});

/**
 * Renames the first attribute of the parsed element under a layout behind the model's back: a
 * formatter that rewrites the element shows the new name, one that copies the element's source
 * text does not.
 */
function tamperFirstAttribute(layout: Layout | undefined, name: string): void {
  (layout!.element.attributes[0] as { -readonly [K in keyof XmlAttribute]: XmlAttribute[K] }).name = name;
}

const libvirtStyled = `<domain type='kvm'>
  <name>demo</name>
  <devices>
    <disk type='file' device='disk'>
      <source file='/a.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>
`;

describe('format: libvirt style copies source text already in that style', () => {
  it('writes an unchanged libvirt-style document as its source text', () => {
    const d = parseDomain(libvirtStyled);
    tamperFirstAttribute(d.$layout, 'qemu');
    tamperFirstAttribute(disks(d)[0]!.$layout, 'block');
    expect(formatDomain(d)).toBe(libvirtStyled);
  });

  it('copies the parts in libvirt style and rewrites the others', () => {
    const d = parseDomain(libvirtStyled.replace(`<domain type='kvm'>`, `<domain type="kvm">`).replace(`  <name>demo</name>`, `    <name>demo</name>`));
    tamperFirstAttribute(disks(d)[0]!.$layout, 'block');
    expect(formatDomain(d)).toBe(libvirtStyled);
  });

  it('copies unchanged siblings of an edited object', () => {
    const d = parseDomain(libvirtStyled);
    const [disk] = disks(d);
    tamperFirstAttribute(disk!.source!.$layout, 'copied');
    const out = formatDomain(update(d, { devices: update(d.devices!, { disk: [update(disk!, { device: 'cdrom' })] }) }));
    expect(out).toBe(libvirtStyled.replace(`device='disk'`, `device='cdrom'`));
  });

  it('rewrites elements written otherwise: quotes, indentation, empty pairs', () => {
    const net = `<network>\n    <name>default</name>\n    <forward mode="nat"></forward>\n</network>\n`;
    expect(formatNetwork(parseNetwork(net))).toBe(`<network>\n  <name>default</name>\n  <forward mode='nat'/>\n</network>\n`);
    expect(formatNetwork(parseNetwork(net), PRESERVE)).toBe(net);
  });

  it('rewrites a libvirt-style element written at another depth', () => {
    const d = parseDomain(`<domain type='kvm'>\n  <name>x</name>\n  <cpu mode='custom'>\n    <model>qemu64</model>\n  </cpu>\n</domain>\n`);
    expect(formatCpu(d.cpu as Parameters<typeof formatCpu>[0])).toBe(`<cpu mode='custom'>\n  <model>qemu64</model>\n</cpu>\n`);
  });
});

describe('format: libvirt style (the default)', () => {
  it('rewrites a hand-written document in libvirt’s style, keeping order, comments and text', () => {
    expect(formatDomain(parseDomain(handWritten))).toBe(`<!-- a guest -->
<domain type='kvm'>
  <name>demo</name>
  <!-- memory follows -->
  <memory unit='KiB'>1048576</memory>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='raw'/>
      <source file='/a.img'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <target dev='hdc' bus='ide'/>
      <readonly/>
    </disk>
  </devices>
  <description>&lt;b&gt;bold&lt;/b&gt;</description>
</domain>
`);
  });

  it('writes objects built in code in schema order, declaring namespaces on the root', () => {
    const meta: AnyElement = { kind: 'element', name: 'app:info', ns: 'urn:app', attributes: [{ name: 'v', ns: '', value: "it's" }], children: [] };
    const d: Domain = {
      type: 'kvm',
      name: 'demo',
      metadata: { $any: [meta] },
      'qemu:commandline': { 'qemu:arg': [{ value: '-no-shutdown' }] },
    };
    expect(formatDomain(d)).toBe(`<domain type='kvm' xmlns:qemu='${QEMU}'>
  <name>demo</name>
  <metadata>
    <app:info v='it&apos;s' xmlns:app='urn:app'/>
  </metadata>
  <qemu:commandline>
    <qemu:arg value='-no-shutdown'/>
  </qemu:commandline>
</domain>
`);
  });

  it('declares the prefix of a parsed element moved to a document that lacks it', () => {
    const source = parseDomain(`<domain type='kvm' xmlns:qemu='${QEMU}'>\n  <name>a</name>\n  <qemu:commandline>\n    <qemu:arg value='-s'/>\n  </qemu:commandline>\n</domain>\n`);
    const moved: Domain = { type: 'qemu', name: 'b', 'qemu:commandline': source['qemu:commandline']! };
    const out = formatDomain(moved);
    expect(out).toBe(`<domain type='qemu' xmlns:qemu='${QEMU}'>\n  <name>b</name>\n  <qemu:commandline>\n    <qemu:arg value='-s'/>\n  </qemu:commandline>\n</domain>\n`);
    const inPlaceOfDeclaration = formatDomain(update(parseDomain(`<domain type='kvm'><name>c</name></domain>`), { 'qemu:commandline': source['qemu:commandline']! }), PRESERVE);
    expect(inPlaceOfDeclaration).toBe(`<domain type='kvm'><name>c</name>\n  <qemu:commandline xmlns:qemu='${QEMU}'>\n    <qemu:arg value='-s'/>\n  </qemu:commandline>\n</domain>`);
  });

  it('refuses values of the wrong type with the place in the tree', () => {
    const bad = { type: 'kvm', name: 'x', vcpu: { $value: 'four' } } as unknown as Domain;
    expect(() => formatDomain(bad)).toThrow(ModelFormatError);
    expect(() => formatDomain(bad)).toThrow(/\/domain\/vcpu\/text\(\): "four" is not a valid value here \[bad-value\]/);
    const notObject = { name: 'n', bridge: 'br0' } as unknown as Parameters<typeof formatNetwork>[0];
    expect(() => formatNetwork(notObject)).toThrow(/\/network\/bridge: expected an object, found string \[not-a-model-object\]/);
  });
});
