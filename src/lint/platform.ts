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
export type MachineFamily = 'q35' | 'i440fx' | 'isapc' | 'microvm' | 'pseries' | 'powernv' | 's390-ccw' | 'arm-virt' | 'riscv-virt' | 'other';

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
  const m = platform.machine;
  const arch = platform.arch;
  if (m === undefined) {
    if (X86.has(arch)) return 'i440fx';
    if (arch === 'ppc64' || arch === 'ppc64le') return 'pseries';
    if (arch === 's390x') return 's390-ccw';
    if (arch === 'aarch64' || arch === 'armv7l') return 'arm-virt';
    if (arch === 'riscv64') return 'riscv-virt';
    return 'other';
  }
  if (/^pc-q35-|^q35$/.test(m)) return 'q35';
  if (/^pc-i440fx-|^pc$|^pc-\d/.test(m)) return 'i440fx';
  if (m === 'isapc') return 'isapc';
  if (m === 'microvm') return 'microvm';
  if (/^pseries/.test(m)) return 'pseries';
  if (/^powernv/.test(m)) return 'powernv';
  if (/^s390-ccw-virtio/.test(m)) return 's390-ccw';
  if (/^virt(-|$)/.test(m)) return arch === 'riscv64' ? 'riscv-virt' : 'arm-virt';
  return 'other';
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

export function isRISCVArch(arch: string): boolean {
  return arch === 'riscv32' || arch === 'riscv64';
}
