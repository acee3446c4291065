/**
 * Whole small documents for the device rules' examples: the devices a rule is about, inside a
 * domain that is otherwise complete and valid.
 */
export interface ExampleDomain {
  /** `domain@type`; `kvm` by default. */
  readonly type?: string;
  readonly arch?: string;
  /** `os/type@machine`; `q35` on x86 by default. */
  readonly machine?: string;
  /** Children of `<domain>` between `<os>` and `<devices>`, each line as it stands. */
  readonly body?: readonly string[];
  /** Lines inside `<devices>`. */
  readonly devices: readonly string[];
}

const DEFAULT_MACHINE: Readonly<Record<string, string>> = {
  x86_64: 'q35',
  aarch64: 'virt',
  ppc64: 'pseries',
  ppc64le: 'pseries',
  s390x: 's390-ccw-virtio',
};

export function domainXml(p: ExampleDomain): string {
  const arch = p.arch ?? 'x86_64';
  const machine = p.machine ?? DEFAULT_MACHINE[arch] ?? 'virt';
  return [
    `<domain type='${p.type ?? 'kvm'}'>`,
    '  <name>demo</name>',
    "  <memory unit='GiB'>2</memory>",
    '  <vcpu>2</vcpu>',
    '  <os>',
    `    <type arch='${arch}' machine='${machine}'>hvm</type>`,
    '  </os>',
    ...(p.body ?? []).map((l) => `  ${l}`),
    '  <devices>',
    ...p.devices.map((l) => `    ${l}`),
    '  </devices>',
    '</domain>',
    '',
  ].join('\n');
}

/** A plain virtio disk, for examples that need a disk beside the device they show. */
export const DISK = [
  "<disk type='file' device='disk'>",
  "  <driver name='qemu' type='qcow2'/>",
  "  <source file='/var/lib/libvirt/images/demo.qcow2'/>",
  "  <target dev='vda' bus='virtio'/>",
  '</disk>',
];
