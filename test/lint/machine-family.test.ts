/**
 * Machine types as the QEMU driver tells them apart: by name and architecture together, in one
 * place (src/lint/platform.ts) that the address, device and platform rules all ask.
 */
import { describe, expect, it } from 'vitest';
import { familyOfMachine, isARMArch, machineFamily, machineIs } from '../../src/lint/platform.js';

const on = (arch: string, machine?: string) => ({ arch, machine, virtType: 'kvm' });

describe('familyOfMachine', () => {
  it('reads x86 machine names, old and versioned, and only on x86', () => {
    for (const m of ['q35', 'pc-q35-9.2']) expect(familyOfMachine('x86_64', m), m).toBe('q35');
    for (const m of ['pc', 'pc-0.15', 'pc-1.3', 'pc-i440fx-8.2', 'rhel6.6.0']) expect(familyOfMachine('i686', m), m).toBe('i440fx');
    expect(familyOfMachine('x86_64', 'isapc')).toBe('isapc');
    expect(familyOfMachine('x86_64', 'microvm')).toBe('microvm');
    expect(familyOfMachine('x86_64', 'pc-2.0')).toBe('other');
    expect(familyOfMachine('aarch64', 'q35')).toBe('other');
    expect(familyOfMachine('ppc64le', 'pc')).toBe('other');
  });

  it('tells the virt boards apart by architecture', () => {
    for (const arch of ['armv6l', 'armv7l', 'aarch64']) expect(familyOfMachine(arch, 'virt-9.2'), arch).toBe('arm-virt');
    // libvirt's ARM virt test leaves big-endian armv7b out, though it is an ARM architecture.
    expect(isARMArch('armv7b')).toBe(true);
    expect(familyOfMachine('armv7b', 'virt')).toBe('other');
    expect(familyOfMachine('riscv64', 'virt')).toBe('riscv-virt');
    expect(familyOfMachine('loongarch64', 'virt')).toBe('loongarch-virt');
    expect(familyOfMachine('x86_64', 'virt')).toBe('other');
    expect(familyOfMachine('aarch64', 'virtual')).toBe('other');
  });

  it('reads pseries, powernv and s390-ccw only on their architectures', () => {
    expect(familyOfMachine('ppc64', 'pseries-9.0')).toBe('pseries');
    expect(familyOfMachine('ppc64le', 'powernv9')).toBe('powernv');
    expect(familyOfMachine('s390x', 's390-ccw-virtio-9.0')).toBe('s390-ccw');
    expect(familyOfMachine('x86_64', 'pseries')).toBe('other');
  });
});

describe('machineFamily and machineIs', () => {
  it("machineFamily takes QEMU's default machine where none is named", () => {
    expect(machineFamily(on('x86_64'))).toBe('i440fx');
    expect(machineFamily(on('ppc64le'))).toBe('pseries');
    expect(machineFamily(on('s390x'))).toBe('s390-ccw');
    expect(machineFamily(on('aarch64'))).toBe('arm-virt');
    expect(machineFamily(on('riscv64'))).toBe('riscv-virt');
    expect(machineFamily(on('mips'))).toBe('other');
    expect(machineFamily(on('x86_64', 'pc-q35-9.2'))).toBe('q35');
  });

  it('machineIs: false on another architecture, undefined with no machine named unless a default is given', () => {
    expect(machineIs(on('aarch64'), 'q35')).toBe(false);
    expect(machineIs(on('x86_64'), 'q35')).toBeUndefined();
    expect(machineIs(on('x86_64'), 'i440fx', (arch) => (arch === 'x86_64' ? 'pc' : undefined))).toBe(true);
    expect(machineIs(on('x86_64', 'pc-q35-9.2'), 'q35')).toBe(true);
    expect(machineIs(on('x86_64', 'pc-q35-9.2'), 'i440fx')).toBe(false);
  });
});
