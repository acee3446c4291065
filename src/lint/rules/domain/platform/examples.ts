/**
 * Small whole documents for the platform rules' bad and good examples: the parts a rule is about,
 * inside a domain that is otherwise complete and valid.
 */
export interface ExampleDomain {
  /** `domain@type`; `kvm` by default. */
  readonly type?: string;
  readonly arch?: string;
  /** `os/type@machine`; `q35` on x86, none when null. */
  readonly machine?: string | null;
  /** Attributes of `<os>`, e.g. ` firmware='efi'`. */
  readonly osAttributes?: string;
  /** Lines inside `<os>` after `<type>`. */
  readonly os?: readonly string[];
  /** `<memory>`'s line; `<memory unit='GiB'>2</memory>` by default, none when null. */
  readonly memory?: string | null;
  /** `<vcpu>`'s line; `<vcpu>2</vcpu>` by default, none when null. */
  readonly vcpu?: string | null;
  /** Other children of `<domain>`, each line as it stands (indented by two spaces). */
  readonly body?: readonly string[];
  /** Lines inside `<devices>`. */
  readonly devices?: readonly string[];
}

const DEFAULT_MACHINE: Readonly<Record<string, string>> = {
  x86_64: 'q35',
  i686: 'q35',
  aarch64: 'virt',
  ppc64: 'pseries',
  ppc64le: 'pseries',
  s390x: 's390-ccw-virtio',
  riscv64: 'virt',
};

export function domainXml(p: ExampleDomain = {}): string {
  const arch = p.arch ?? 'x86_64';
  const machine = p.machine === null ? undefined : (p.machine ?? DEFAULT_MACHINE[arch]);
  const lines = [
    `<domain type='${p.type ?? 'kvm'}'>`,
    '  <name>demo</name>',
    ...(p.memory === null ? [] : [`  ${p.memory ?? "<memory unit='GiB'>2</memory>"}`]),
    ...(p.vcpu === null ? [] : [`  ${p.vcpu ?? '<vcpu>2</vcpu>'}`]),
    `  <os${p.osAttributes ?? ''}>`,
    `    <type arch='${arch}'${machine === undefined ? '' : ` machine='${machine}'`}>hvm</type>`,
    ...(p.os ?? []).map((l) => `    ${l}`),
    '  </os>',
    ...(p.body ?? []).map((l) => `  ${l}`),
  ];
  if (p.devices !== undefined && p.devices.length > 0) {
    lines.push('  <devices>', ...p.devices.map((l) => `    ${l}`), '  </devices>');
  }
  lines.push('</domain>', '');
  return lines.join('\n');
}
