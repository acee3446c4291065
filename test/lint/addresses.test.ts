/**
 * The address rules' tricky parts: numbers read as libvirt reads them, disk names, the indexes
 * libvirt gives controllers that name none, the chipset's PCI functions, USB hub paths, and the
 * drivers each rule speaks for.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';
import { diskNameIndex, parseInt32, parseUnsigned } from '../../src/lint/rules/domain/addresses/common.js';
import { ADDRESSES_RULES } from '../../src/lint/rules/domain/addresses/index.js';

const ADDRESS_IDS = new Set(ADDRESSES_RULES.map((r) => r.meta.id));

function domain(devices: string, opts: { type?: string; machine?: string; arch?: string; extra?: string } = {}): string {
  const machine = opts.machine === undefined ? '' : ` machine='${opts.machine}'`;
  return `<domain type='${opts.type ?? 'kvm'}'>
  <name>t</name>
  <memory unit='GiB'>1</memory>
  <os>
    <type arch='${opts.arch ?? 'x86_64'}'${machine}>hvm</type>
  </os>${opts.extra ?? ''}
  <devices>
${devices}
  </devices>
</domain>
`;
}

/** The address rules' errors: `rule@line`. */
function errors(xml: string): string[] {
  const findings = lint({ file: 't.xml', text: xml }).results[0]!.findings;
  return findings.filter((f) => f.severity === 'error' && ADDRESS_IDS.has(f.rule)).map((f) => `${f.rule}@${f.line}`);
}

describe('numbers as libvirt reads them', () => {
  it('reads base 0 as C does: hexadecimal, octal, decimal', () => {
    expect(parseUnsigned('0x1f', 0)).toBe(31n);
    expect(parseUnsigned('010', 0)).toBe(8n);
    expect(parseUnsigned('10', 0)).toBe(10n);
    expect(parseUnsigned(' 7', 0)).toBe(7n);
    expect(parseUnsigned('08', 0)).toBeUndefined();
    expect(parseUnsigned('-1', 0)).toBeUndefined();
    expect(parseUnsigned('0x', 0)).toBeUndefined();
    expect(parseUnsigned('1a', 10)).toBeUndefined();
    expect(parseUnsigned('4000', 16)).toBe(0x4000n);
    expect(parseUnsigned('0x4000', 16)).toBe(0x4000n);
  });

  it('reads signed ints and refuses what overflows them', () => {
    expect(parseInt32('-1', 10)).toBe(-1);
    expect(parseInt32('2147483648', 10)).toBeUndefined();
    expect(parseInt32('- 1', 10)).toBeUndefined();
  });

  it('numbers disk names as virDiskNameToIndex does', () => {
    expect(diskNameIndex('sda')).toBe(0);
    expect(diskNameIndex('hdz')).toBe(25);
    expect(diskNameIndex('vdaa')).toBe(26);
    expect(diskNameIndex('sdb3')).toBe(1);
    expect(diskNameIndex('xvdc')).toBe(2);
    expect(diskNameIndex('nvme0n1')).toBeUndefined();
    expect(diskNameIndex('sd')).toBeUndefined();
    expect(diskNameIndex('hdaxxxxxxxxxx')).toBeUndefined();
  });
});

describe('controller indexes', () => {
  it('numbers a PCI controller without index from 0: on q35 it then stands where pcie-root must', () => {
    expect(errors(domain("    <controller type='pci' model='pcie-root-port'/>", { machine: 'q35' }))).toEqual(['pci-root-controller@8']);
    expect(errors(domain("    <controller type='pci' index='0' model='pcie-root'/>\n    <controller type='pci' model='pcie-root-port'/>", { machine: 'q35' }))).toEqual([]);
  });

  it('skips indexes already written when numbering the others', () => {
    const xml = domain(
      [
        "    <controller type='pci' index='0' model='pcie-root'/>",
        "    <controller type='pci' model='pcie-root-port'/>",
        "    <controller type='pci' index='1' model='pcie-root-port'/>",
      ].join('\n'),
      { machine: 'q35' },
    );
    expect(errors(xml)).toEqual([]);
  });

  it('lets USB2 companions share an index, but no other controllers', () => {
    const usb = domain(
      ["    <controller type='usb' index='0' model='ich9-ehci1'/>", "    <controller type='usb' index='0' model='ich9-uhci1'/>"].join('\n'),
      { machine: 'q35' },
    );
    expect(errors(usb)).toEqual([]);
    const scsi = domain(["    <controller type='scsi' index='0' model='virtio-scsi'/>", "    <controller type='scsi' index='0' model='virtio-scsi'/>"].join('\n'), {
      machine: 'q35',
    });
    expect(errors(scsi)).toEqual(['duplicate-controller-index@9']);
  });
});

describe('PCI functions the chipset occupies', () => {
  const balloonAt = (slot: string, fn: string): string => `    <memballoon model='virtio'>\n      <address type='pci' domain='0x0000' bus='0x00' slot='${slot}' function='${fn}'/>\n    </memballoon>`;

  it('on i440fx: the ISA bridge, the power management function and the implicit PIIX3 USB controller', () => {
    expect(errors(domain(balloonAt('0x01', '0x0'), { machine: 'pc' }))).toEqual(['duplicate-pci-address@9']);
    expect(errors(domain(balloonAt('0x01', '0x3'), { machine: 'pc' }))).toEqual(['duplicate-pci-address@9']);
    expect(errors(domain(balloonAt('0x01', '0x2'), { machine: 'pc' }))).toEqual(['duplicate-pci-address@9']);
  });

  it('on i440fx: function 1 only when there is an IDE controller, or an IDE disk that brings one', () => {
    expect(errors(domain(balloonAt('0x01', '0x1'), { machine: 'pc' }))).toEqual([]);
    const disk = "    <disk type='file' device='disk'>\n      <source file='/a.img'/>\n      <target dev='hdc' bus='ide'/>\n    </disk>";
    expect(errors(domain(`${disk}\n${balloonAt('0x01', '0x1')}`, { machine: 'pc' }))).toEqual(['duplicate-pci-address@13']);
  });

  it('on i440fx: function 2 is free when USB controller 0 is not a PIIX3 one', () => {
    const ehci = "    <controller type='usb' index='0' model='ehci'/>";
    expect(errors(domain(`${ehci}\n${balloonAt('0x01', '0x2')}`, { machine: 'pc' }))).toEqual([]);
  });

  it('on q35: functions 0, 2 and 3 of slot 0x1f', () => {
    expect(errors(domain(balloonAt('0x1f', '0x2'), { machine: 'q35' }))).toEqual(['duplicate-pci-address@9']);
    expect(errors(domain(balloonAt('0x1f', '0x4'), { machine: 'q35' }))).toEqual([]);
  });

  it('not without a machine type in the document, nor for other drivers', () => {
    expect(errors(domain(balloonAt('0x01', '0x0')))).toEqual([]);
    expect(errors(domain(balloonAt('0x01', '0x0'), { machine: 'pc', type: 'xen' }))).toEqual([]);
  });

  it('reports every second user of an address, pointing at its <address>', () => {
    const nic = (fn: string): string =>
      `    <interface type='user'>\n      <model type='e1000'/>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='${fn}'/>\n    </interface>`;
    expect(errors(domain([nic('0x0'), nic('0x0'), nic('0x0'), nic('0x1')].join('\n'), { machine: 'pc' }))).toEqual([
      'duplicate-pci-address@14',
      'duplicate-pci-address@18',
    ]);
  });
});

describe('USB ports and hubs', () => {
  const tablet = (port: string): string => `    <input type='tablet' bus='usb'>\n      <address type='usb' bus='0' port='${port}'/>\n    </input>`;
  const hub = (port: string): string => `    <hub type='usb'>\n      <address type='usb' bus='0' port='${port}'/>\n    </hub>`;
  const ctl = (model: string): string => `    <controller type='usb' index='0' model='${model}'/>`;

  it('counts the ports of the controller model', () => {
    expect(errors(domain(`${ctl('ehci')}\n${tablet('6')}`, { machine: 'pc' }))).toEqual([]);
    expect(errors(domain(`${ctl('ehci')}\n${tablet('7')}`, { machine: 'pc' }))).toEqual(['usb-address@10']);
    expect(errors(domain(`    <controller type='usb' index='0' model='qemu-xhci' ports='8'/>\n${tablet('8')}`, { machine: 'q35' }))).toEqual([]);
  });

  it('goes through hubs configured earlier or later in the document', () => {
    expect(errors(domain(`${ctl('piix3-uhci')}\n${tablet('1.8')}\n${hub('1')}`, { machine: 'pc' }))).toEqual([]);
    expect(errors(domain(`${ctl('piix3-uhci')}\n${tablet('1.9')}\n${hub('1')}`, { machine: 'pc' }))).toEqual(['usb-address@10']);
    expect(errors(domain(`${ctl('piix3-uhci')}\n${tablet('2.1')}\n${hub('1')}`, { machine: 'pc' }))).toEqual(['usb-address@10']);
  });

  it('needs a hub at each level before a hub that hangs below it', () => {
    expect(errors(domain(`${ctl('piix3-uhci')}\n${hub('1.2')}\n${hub('1')}`, { machine: 'pc' }))).toEqual(['usb-address@10']);
  });

  it('reads the port path on every driver, the rest only for QEMU', () => {
    expect(errors(domain(`${ctl('piix3-uhci')}\n${tablet('1.1.1.1.1')}`, { machine: 'pc', type: 'xen' }))).toEqual(['usb-address@10']);
    expect(errors(domain(`${ctl('piix3-uhci')}\n${tablet('7')}`, { machine: 'pc', type: 'xen' }))).toEqual([]);
  });
});

describe('drive addresses from target names', () => {
  const disk = (dev: string, bus: string, address = ''): string =>
    `    <disk type='file' device='disk'>\n      <source file='/${dev}.img'/>\n      <target dev='${dev}' bus='${bus}'/>${address}\n    </disk>`;
  const drive = (controller: number, unit: number, busNo = 0): string =>
    `\n      <address type='drive' controller='${controller}' bus='${busNo}' target='0' unit='${unit}'/>`;

  it('puts 7 SCSI disks on a controller (QEMU) and 15 (VMware)', () => {
    expect(errors(domain(`${disk('sdh', 'scsi')}\n${disk('sda', 'scsi', drive(1, 0))}`, { machine: 'pc' }))).toEqual(['duplicate-drive-address@15']);
    expect(errors(domain(`${disk('sdh', 'scsi')}\n${disk('sda', 'scsi', drive(1, 0))}`, { machine: 'pc', type: 'vmware' }))).toEqual([]);
  });

  it('puts 2 IDE disks on a bus, 2 buses on a controller', () => {
    expect(errors(domain(`${disk('hdc', 'ide')}\n${disk('hda', 'ide', drive(0, 0, 1))}`, { machine: 'pc' }))).toEqual(['duplicate-drive-address@15']);
    expect(errors(domain(`${disk('hdc', 'ide')}\n${disk('hda', 'ide', drive(0, 1, 1))}`, { machine: 'pc' }))).toEqual([]);
  });

  it('compares disks of the same bus only', () => {
    expect(errors(domain(`${disk('sda', 'sata')}\n${disk('hda', 'ide')}`, { machine: 'pc' }))).toEqual([]);
  });
});
