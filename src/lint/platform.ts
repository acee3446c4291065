/**
 * The guest platform of a domain, which many of libvirt's define-time checks depend on: the
 * architecture and machine type from `<os><type arch machine>`, else the configured default.
 */
import type { RootName } from '../model/generated/grammar/index.js';
import type { GuestPlatform } from './types.js';

interface DomainLike {
  readonly type?: string;
  readonly os?: { readonly type?: { readonly arch?: string; readonly machine?: string } };
}

export function guestPlatform(root: RootName, model: unknown, defaultArch: string): GuestPlatform {
  if (root !== 'domain' && root !== 'inactiveDomain') return { arch: defaultArch, machine: undefined, virtType: '' };
  const d = model as DomainLike;
  return { arch: d.os?.type?.arch ?? defaultArch, machine: d.os?.type?.machine, virtType: d.type ?? '' };
}

/** The machine families whose rules differ, from a machine type name as QEMU spells it. */
export type MachineFamily = 'q35' | 'i440fx' | 'isapc' | 'microvm' | 'pseries' | 'powernv' | 's390-ccw' | 'arm-virt' | 'riscv-virt' | 'loongarch-virt' | 'other';

const X86 = new Set(['x86_64', 'i686']);

/**
 * The family of a guest's machine type. With no machine named, the default of QEMU for the
 * architecture: i440fx on x86, pseries on ppc64, s390-ccw-virtio on s390x, virt on ARM and RISC-V.
 *
 * @example
 * ```ts
 * import { machineFamily } from 'virtxml/lint';
 *
 * console.log(machineFamily({ arch: 'x86_64', machine: 'pc-q35-9.2', virtType: 'kvm' })); // q35
 * console.log(machineFamily({ arch: 'x86_64', machine: undefined, virtType: 'kvm' })); // i440fx
 * ```
 */
export function machineFamily(platform: GuestPlatform): MachineFamily {
  const arch = platform.arch;
  if (platform.machine !== undefined) return familyOfMachine(arch, platform.machine);
  if (isX86Arch(arch)) return 'i440fx';
  if (isPPC64Arch(arch)) return 'pseries';
  if (arch === 's390x') return 's390-ccw';
  if (arch === 'aarch64' || arch === 'armv7l') return 'arm-virt';
  if (arch === 'riscv64') return 'riscv-virt';
  return 'other';
}

/**
 * The family of a named machine type as the QEMU driver tells machine types apart: by name and
 * architecture together (`virt` is ARM's, RISC-V's or LoongArch's, and q35 only an x86 machine).
 * The one place that knows the names: rules ask it, or {@link machineIs}.
 */
export function familyOfMachine(arch: string, machine: string): MachineFamily {
  const virt = machine === 'virt' || machine.startsWith('virt-');
  if (isX86Arch(arch)) {
    if (machine === 'q35' || machine.startsWith('pc-q35-')) return 'q35';
    if (machine === 'pc' || machine.startsWith('pc-0.') || machine.startsWith('pc-1.') || machine.startsWith('pc-i440fx-') || machine.startsWith('rhel')) return 'i440fx';
    if (machine === 'isapc') return 'isapc';
    if (machine === 'microvm') return 'microvm';
    return 'other';
  }
  if (isPPC64Arch(arch)) return machine === 'pseries' || machine.startsWith('pseries-') ? 'pseries' : machine.startsWith('powernv') ? 'powernv' : 'other';
  if (isS390Arch(arch)) return machine.startsWith('s390-ccw') ? 's390-ccw' : 'other';
  // The ARM virt board: libvirt leaves big-endian armv7b out here (not from isARMArch).
  if ((arch === 'armv6l' || arch === 'armv7l' || arch === 'aarch64') && virt) return 'arm-virt';
  if (isRISCVArch(arch) && virt) return 'riscv-virt';
  if (arch === 'loongarch64' && virt) return 'loongarch-virt';
  return 'other';
}

/** Whether an architecture can have a machine of the family at all. */
function familyFitsArch(family: MachineFamily, arch: string): boolean {
  switch (family) {
    case 'q35':
    case 'i440fx':
    case 'isapc':
    case 'microvm':
      return isX86Arch(arch);
    case 'pseries':
    case 'powernv':
      return isPPC64Arch(arch);
    case 's390-ccw':
      return isS390Arch(arch);
    case 'arm-virt':
      return arch === 'armv6l' || arch === 'armv7l' || arch === 'aarch64';
    case 'riscv-virt':
      return isRISCVArch(arch);
    case 'loongarch-virt':
      return arch === 'loongarch64';
    case 'other':
      return true;
  }
}

/**
 * Whether the guest's machine is of `family`: false when its architecture has no such machine;
 * undefined when the document names no machine and `defaultMachine` gives none for the
 * architecture (QEMU's default then decides, and the rule does not guess).
 */
export function machineIs(platform: GuestPlatform, family: MachineFamily, defaultMachine: (arch: string) => string | undefined = () => undefined): boolean | undefined {
  if (!familyFitsArch(family, platform.arch)) return false;
  const machine = platform.machine ?? defaultMachine(platform.arch);
  return machine === undefined ? undefined : familyOfMachine(platform.arch, machine) === family;
}

/**
 * Whether a guest platform is x86 (`x86_64` or `i686`): rules about PCI slots, ISA devices
 * and the like ask it first.
 *
 * @example
 * ```ts
 * import { isX86 } from 'virtxml/lint';
 *
 * console.log(isX86({ arch: 'i686', machine: undefined, virtType: 'kvm' }), isX86({ arch: 'aarch64', machine: 'virt', virtType: 'kvm' })); // true false
 * ```
 */
export function isX86(platform: GuestPlatform): boolean {
  return isX86Arch(platform.arch);
}

/** Domain types the QEMU driver defines: its own checks (qemu_validate.c, qemu_postparse.c) apply to them only. */
export function isQemuDomain(platform: GuestPlatform): boolean {
  return platform.virtType === 'qemu' || platform.virtType === 'kvm' || platform.virtType === 'hvf';
}

export function isX86Arch(arch: string): boolean {
  return X86.has(arch);
}

export function isPPC64Arch(arch: string): boolean {
  return arch === 'ppc64' || arch === 'ppc64le';
}

export function isS390Arch(arch: string): boolean {
  return arch === 's390' || arch === 's390x';
}

/** libvirt's ARM architectures (ARCH_IS_ARM), big-endian armv7b included. */
export function isARMArch(arch: string): boolean {
  return arch === 'armv6l' || arch === 'armv7l' || arch === 'armv7b' || arch === 'aarch64';
}

export function isRISCVArch(arch: string): boolean {
  return arch === 'riscv32' || arch === 'riscv64';
}
