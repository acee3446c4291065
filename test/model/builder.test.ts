/**
 * A typed builder example: a KVM guest written as a plain object literal checked against the
 * generated `Domain` type, formatted in libvirt's style and validated against domain.rng.
 */
import { describe, expect, it } from 'vitest';
import { formatDomain, freezeModel, parseDomain, type Domain } from '../../src/model/index.js';
import { validate } from '../../src/xml/validate/index.js';

const guest: Domain = freezeModel({
  type: 'kvm',
  name: 'demo',
  memory: { unit: 'MiB', $value: '2048' },
  vcpu: { placement: 'static', $value: 2 },
  os: { type: { arch: 'x86_64', machine: 'q35', $value: 'hvm' }, boot: [{ dev: 'hd' }] },
  features: { acpi: true, apic: {} },
  devices: {
    emulator: '/usr/bin/qemu-system-x86_64',
    disk: [
      {
        type: 'file',
        device: 'disk',
        driver: { name: 'qemu', type: 'qcow2' },
        source: { file: '/var/lib/libvirt/images/demo.qcow2' },
        target: { dev: 'vda', bus: 'virtio' },
      },
    ],
    interface: [{ type: 'bridge', source: { bridge: 'br0' }, model: { type: 'virtio' } }],
    graphics: [{ type: 'vnc', port: -1, autoport: 'yes', listen: '127.0.0.1' }],
  },
});

describe('building a domain in code', () => {
  const xml = formatDomain(guest);

  it("formats in libvirt's style and schema order", () => {
    expect(xml).toBe(`<domain type='kvm'>
  <name>demo</name>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <boot dev='hd'/>
  </os>
  <memory unit='MiB'>2048</memory>
  <vcpu placement='static'>2</vcpu>
  <features>
    <apic/>
    <acpi/>
  </features>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk device='disk' type='file'>
      <source file='/var/lib/libvirt/images/demo.qcow2'/>
      <driver name='qemu' type='qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='bridge'>
      <source bridge='br0'/>
      <model type='virtio'/>
    </interface>
    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>
  </devices>
</domain>
`);
  });

  it('validates against domain.rng', () => {
    expect(validate(xml, { schema: 'domain' }).diagnostics).toEqual([]);
  });

  it('parses back to an equal model', () => {
    expect(parseDomain(xml)).toEqual(guest);
  });

  it('is checked by the compiler', () => {
    // @ts-expect-error a disk's bus is one of the schema's values
    const badBus: Domain = { type: 'kvm', name: 'x', devices: { disk: [{ type: 'file', target: { dev: 'vda', bus: 'virtio-blk' } }] } };
    // @ts-expect-error a block disk's source has `dev`, not `file`
    const wrongCase: Domain = { type: 'kvm', name: 'x', devices: { disk: [{ type: 'block', source: { file: '/a.img' } }] } };
    // @ts-expect-error the hypervisor type is required
    const noType: Domain = { name: 'x' };
    expect([badBus, wrongCase, noType]).toHaveLength(3);
  });
});

describe('freezeModel', () => {
  it('freezes every object of a value however deep, and one that contains itself', () => {
    const root: Record<string, unknown> = {};
    let innermost = root;
    for (let i = 0; i < 100_000; i++) innermost = (innermost['a'] = { list: [] }) as Record<string, unknown>;
    expect(freezeModel(root)).toBe(root);
    expect(Object.isFrozen(innermost)).toBe(true);
    expect(Object.isFrozen(innermost['list'])).toBe(true);

    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic['self'] = [cyclic];
    freezeModel(cyclic);
    expect(Object.isFrozen(cyclic) && Object.isFrozen(cyclic['self'])).toBe(true);
  });
});
