/**
 * The platform rules' trickier logic: the cpuset syntax, what libvirt infers (placement, I/O
 * thread ids, default machine), and where findings point.
 */
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/lint/fix.js';
import { lint } from '../../src/lint/index.js';
import { iothreadIds } from '../../src/lint/rules/domain/platform/cputune.js';
import { domainXml } from '../../src/lint/rules/domain/platform/examples.js';
import { biosDateValid, uuidDigits } from '../../src/lint/rules/domain/platform/sysinfo.js';
import { machineIs, parseBitmap } from '../../src/lint/rules/domain/platform/util.js';
import { parse } from '../../src/index.js';

function findings(text: string, rule: string, arch = 'x86_64') {
  return lint({ file: 'd.xml', text }, { arch }).results[0]!.findings.filter((f) => f.rule === rule);
}

describe('cpusets as libvirt reads them', () => {
  it('adds ranges and removes ^numbers in order', () => {
    const r = parseBitmap('0-3,^2, 7');
    expect(r.ok && [...r.bits].sort()).toEqual([0, 1, 3, 7]);
  });
  it('tells syntax (left to the schema) from values libvirt refuses', () => {
    expect(parseBitmap('aaa')).toMatchObject({ ok: false, kind: 'syntax' });
    expect(parseBitmap('^1-3')).toMatchObject({ ok: false, kind: 'syntax' });
    expect(parseBitmap('3-1')).toMatchObject({ ok: false, kind: 'range' });
    expect(parseBitmap('16384')).toMatchObject({ ok: false, kind: 'range' });
    expect(parseBitmap('16383')).toMatchObject({ ok: true });
  });
  it('reports a set that selects nothing, but not a NUMA cell without vCPUs', () => {
    const cells = ['<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='1' unit='GiB'/>", "    <cell id='1' cpus='0,^0' memory='1' unit='GiB'/>", '  </numa>', '</cpu>'];
    expect(findings(domainXml({ body: cells }), 'cpuset-invalid')).toEqual([]);
    const pin = ['<cputune>', "  <vcpupin vcpu='0' cpuset='1,^1'/>", "  <vcpupin vcpu='7' cpuset='1,^1'/>", '</cputune>'];
    // The pin of vCPU 7 does not exist and libvirt skips it unread.
    expect(findings(domainXml({ body: pin }), 'cpuset-invalid').map((f) => f.line)).toEqual([9]);
  });
});

describe('what libvirt infers', () => {
  it('numbers I/O threads around the explicit ids', () => {
    const d = parse(domainXml({ body: ['<iothreads>3</iothreads>', '<iothreadids>', "  <iothread id='2'/>", '</iothreadids>'] })).value as Parameters<typeof iothreadIds>[0];
    expect([...iothreadIds(d)!].sort()).toEqual([1, 2, 3]);
  });

  it('takes the numatune placement from <vcpu placement> when <memory> has none', () => {
    const tune = ['<numatune>', "  <memory mode='strict'/>", '</numatune>'];
    expect(findings(domainXml({ body: tune }), 'numatune-nodeset-missing')).toHaveLength(1);
    expect(findings(domainXml({ vcpu: "<vcpu placement='auto'>2</vcpu>", body: tune }), 'numatune-nodeset-missing')).toEqual([]);
  });

  it('does not guess the machine type when the document names none', () => {
    expect(machineIs({ arch: 'aarch64', machine: undefined, virtType: 'kvm' }, 'arm-virt')).toBeUndefined();
    expect(machineIs({ arch: 'x86_64', machine: undefined, virtType: 'kvm' }, 'arm-virt')).toBe(false);
    const gic = ['<features>', '  <gic/>', '</features>'];
    expect(findings(domainXml({ arch: 'aarch64', machine: null, body: gic }), 'feature-unsupported-platform', 'aarch64')).toEqual([]);
    expect(findings(domainXml({ arch: 'aarch64', machine: 'versatilepb', body: gic }), 'feature-unsupported-platform', 'aarch64')).toHaveLength(1);
  });

  it('drops a hugepage nodeset of node 0 when there are no guest NUMA cells', () => {
    const pages = (n: string) => ['<memoryBacking>', '  <hugepages>', `    <page size='2' unit='MiB'${n}/>`, '  </hugepages>', '</memoryBacking>'];
    expect(findings(domainXml({ body: pages(" nodeset='0'") }), 'hugepages-nodeset')).toEqual([]);
    expect(findings(domainXml({ body: pages(" nodeset='0-1'") }), 'hugepages-nodeset')).toHaveLength(1);
  });

  it('counts the NUMA cells and memory devices as the memory, as a define does', () => {
    const body = ["<maxMemory slots='2' unit='GiB'>3</maxMemory>", '<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='2' unit='GiB'/>", '  </numa>', '</cpu>'];
    const dimm = ["<memory model='dimm'>", '  <target>', "    <size unit='GiB'>2</size>", '    <node>0</node>', '  </target>', '</memory>'];
    expect(findings(domainXml({ memory: "<memory unit='GiB'>1</memory>", body }), 'memory-above-maximum')).toEqual([]);
    expect(findings(domainXml({ memory: "<memory unit='GiB'>1</memory>", body, devices: dimm }), 'memory-above-maximum')).toHaveLength(1);
  });

  it('lets a QEMU guest with memory hotplug get its NUMA cell from libvirt', () => {
    const dimm = (node: number) => ["<memory model='dimm'>", '  <target>', "    <size unit='GiB'>1</size>", `    <node>${node}</node>`, '  </target>', '</memory>'];
    const body = ["<maxMemory slots='2' unit='GiB'>8</maxMemory>"];
    expect(findings(domainXml({ body, devices: dimm(0) }), 'memory-device-node')).toEqual([]);
    expect(findings(domainXml({ body, devices: dimm(1) }), 'memory-device-node')).toHaveLength(1);
    expect(findings(domainXml({ type: 'xen', body, devices: dimm(0) }), 'memory-device-node')).toHaveLength(1);
  });
});

describe('where findings point', () => {
  it('points at the <os><boot> element of mixed boot orders, with the device as related', () => {
    const text = domainXml({ os: ["<boot dev='hd'/>"], devices: ["<disk type='file' device='disk'>", "  <source file='/a.img'/>", "  <target dev='vda' bus='virtio'/>", "  <boot order='1'/>", '</disk>'] });
    const [f] = findings(text, 'boot-order-mixed');
    expect(f).toMatchObject({ line: 7, column: 5, path: '/domain/os/boot' });
    expect(f!.related?.[0]).toMatchObject({ line: 13 });
  });

  it('reports each repeated boot order at its own <boot>', () => {
    const disk = (dev: string) => ["<disk type='file' device='disk'>", `  <source file='/${dev}.img'/>`, `  <target dev='${dev}' bus='virtio'/>`, "  <boot order='1'/>", '</disk>'];
    const text = domainXml({ devices: [...disk('vda'), ...disk('vdb'), ...disk('vdc')] });
    const fs = findings(text, 'duplicate-boot-order');
    expect(fs.map((f) => [f.line, f.path])).toEqual([
      [17, '/domain/devices/disk[2]/boot/@order'],
      [22, '/domain/devices/disk[3]/boot/@order'],
    ]);
  });

  it('points at the overlapping NUMA cell and names the shared vCPUs', () => {
    const text = domainXml({ vcpu: '<vcpu>4</vcpu>', body: ['<cpu>', '  <numa>', "    <cell id='0' cpus='0-2' memory='1' unit='GiB'/>", "    <cell id='1' cpus='1-3' memory='1' unit='GiB'/>", '  </numa>', '</cpu>'] });
    const [f] = findings(text, 'numa-cell-cpus');
    expect(f).toMatchObject({ path: '/domain/cpu/numa/cell[2]/@cpus' });
    expect(f!.message).toContain('vCPU 1-2');
  });
});

describe('SMBIOS values', () => {
  it('reads UUIDs with libvirt\'s leniency', () => {
    expect(uuidDigits('C7A5FDBD-EDAF-9455-926A-D65C16DB1809')).toBe('c7a5fdbdedaf9455926ad65c16db1809');
    expect(uuidDigits(' c7a5fdbdedaf9455926ad65c16db1809 ')).toBe('c7a5fdbdedaf9455926ad65c16db1809');
    expect(uuidDigits('c7a5fdbd-edaf-9455-926a-d65c16db18')).toBeUndefined();
  });
  it('accepts mm/dd/yy and mm/dd/yyyy from 1900', () => {
    expect(biosDateValid('01/31/2025')).toBe(true);
    expect(biosDateValid('1/2/99')).toBe(true);
    expect(biosDateValid('01/31/1899')).toBe(false);
    expect(biosDateValid('2025-01-31')).toBe(false);
    expect(biosDateValid('13/01/2025')).toBe(false);
  });
});

describe('numatune placement', () => {
  const cells = ['<cpu>', '  <numa>', "    <cell id='0' cpus='0-1' memory='2' unit='GiB'/>", '  </numa>', '</cpu>'];
  it('refuses <memnode> when <vcpu placement=\'auto\'> makes the memory placement automatic', () => {
    const tune = ['<numatune>', "  <memnode cellid='0' mode='strict' nodeset='0'/>", '</numatune>'];
    expect(findings(domainXml({ vcpu: "<vcpu placement='auto'>2</vcpu>", body: [...cells, ...tune] }), 'numatune-memnode')).toHaveLength(1);
    expect(findings(domainXml({ body: [...cells, ...tune] }), 'numatune-memnode')).toEqual([]);
  });
  it('reads an empty <memory/> as no memory tuning, which <vcpu placement> does not turn automatic', () => {
    const tune = ['<numatune>', '  <memory/>', "  <memnode cellid='0' mode='strict' nodeset='0'/>", '</numatune>'];
    expect(findings(domainXml({ vcpu: "<vcpu placement='auto'>2</vcpu>", body: [...cells, ...tune] }), 'numatune-memnode')).toEqual([]);
    expect(findings(domainXml({ body: [...cells, '<numatune>', '  <memory/>', '</numatune>'] }), 'numatune-nodeset-missing')).toEqual([]);
  });
});

describe('fixes of firmware and ACPI forms', () => {
  const fixed = (text: string, rule: string, arch = 'x86_64') => {
    const [f] = findings(text, rule, arch);
    expect(f?.fix, rule).toBeDefined();
    return applyEdits(text, f!.fix!.edits);
  };

  it('removes <firmware> whose features libvirt ignores without <os firmware>', () => {
    const fw = ['<firmware>', "  <feature enabled='no' name='secure-boot'/>", '</firmware>'];
    const text = domainXml({ os: fw, body: ['<features>', '  <acpi/>', '</features>'] });
    expect(fixed(text, 'firmware-features-without-autoselection')).toBe(domainXml({ body: ['<features>', '  <acpi/>', '</features>'] }));
  });

  it('removes s390 <acpi/>, with <features> when nothing else is in it', () => {
    const only = domainXml({ arch: 's390x', body: ['<features>', '  <acpi/>', '</features>'] });
    expect(fixed(only, 'acpi-unsupported-arch', 's390x')).toBe(domainXml({ arch: 's390x' }));
    const more = domainXml({ arch: 's390x', body: ['<features>', '  <acpi/>', "  <kvm><hidden state='on'/></kvm>", '</features>'] });
    expect(fixed(more, 'acpi-unsupported-arch', 's390x')).toBe(domainXml({ arch: 's390x', body: ['<features>', "  <kvm><hidden state='on'/></kvm>", '</features>'] }));
    const commented = domainXml({ arch: 's390x', body: ['<features>', '  <!-- kept -->', '  <acpi/>', '</features>'] });
    expect(fixed(commented, 'acpi-unsupported-arch', 's390x')).toBe(domainXml({ arch: 's390x', body: ['<features>', '  <!-- kept -->', '</features>'] }));
  });
});
