/**
 * Whole small documents for the domain rules' examples: the devices a rule is about, inside a
 * domain that is otherwise complete and valid.
 */
export interface ExampleDomain {
  /** `domain@type`; `kvm` by default. */
  readonly type?: string;
  readonly arch?: string;
  /** `os/type@machine`; `q35` on x86 by default. */
  readonly machine?: string;
  /** Other children of `<domain>` before `<devices>`, each line as it stands. */
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
