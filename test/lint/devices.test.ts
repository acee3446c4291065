/**
 * The device rules' trickier logic: positions, the releases a check applies to, the console that
 * aliases the first serial port, generated channel socket paths, the primary video device, disk
 * target names and ivshmem sizes.
 */
import { describe, expect, it } from 'vitest';
import { lint, type LintConfig } from '../../src/lint/index.js';
import { applyEdits } from '../../src/lint/fix.js';
import { parseDiskName } from '../../src/lint/rules/domain/devices/disk-target.js';

function domain(devices: string, opts: { body?: string; machine?: string; type?: string } = {}): string {
  return [
    `<domain type='${opts.type ?? 'kvm'}'>`,
    '  <name>demo</name>',
    "  <memory unit='GiB'>2</memory>",
    '  <os>',
    `    <type arch='x86_64' machine='${opts.machine ?? 'q35'}'>hvm</type>`,
    '  </os>',
    ...(opts.body === undefined ? [] : [opts.body]),
    '  <devices>',
    devices,
    '  </devices>',
    '</domain>',
    '',
  ].join('\n');
}

function findings(text: string, rule: string, config: LintConfig = {}) {
  return lint({ file: 'demo.xml', text }, { ...config, rules: { [rule]: 'error' } }).results[0]!.findings.filter((f) => f.rule === rule);
}

describe('disk target names', () => {
  it('reads prefix, letters and partition as QEMU does', () => {
    expect(parseDiskName('vda')).toEqual({ partition: 0 });
    expect(parseDiskName('vdb1')).toEqual({ partition: 1 });
    expect(parseDiskName('sdaa12')).toEqual({ partition: 12 });
    expect(parseDiskName('hda0')).toEqual({ partition: 0 });
    expect(parseDiskName('vda01')).toBeUndefined();
    expect(parseDiskName('vd1')).toBeUndefined();
    expect(parseDiskName('nvme0n1')).toBeUndefined();
  });

  it('points at the target attribute and proposes the whole disk', () => {
    const text = domain("    <disk type='file' device='disk'>\n      <source file='/img/a.raw'/>\n      <target dev='vdb12' bus='virtio'/>\n    </disk>");
    const [f] = findings(text, 'disk-target-invalid');
    expect(f).toMatchObject({ line: 10, column: 15, path: '/domain/devices/disk/target/@dev' });
    expect(f!.message).toContain("use 'vdb'");
  });

  it('leaves a hard disk name without a known prefix to no QEMU check but the generic one', () => {
    const text = domain("    <disk type='file' device='disk'>\n      <source file='/img/a.raw'/>\n      <target dev='fda' bus='virtio'/>\n    </disk>");
    expect(findings(text, 'disk-target-invalid').map((f) => f.message)).toEqual([expect.stringContaining('not a valid name for a hard disk')]);
  });
});

describe('checks libvirt added in a later release', () => {
  const sheepdog = domain("    <disk type='network' device='disk'>\n      <source protocol='sheepdog' name='img'>\n        <host name='sheep' port='7000'/>\n      </source>\n      <target dev='vda' bus='virtio'/>\n    </disk>");

  it('apply when one configured release makes them', () => {
    expect(findings(sheepdog, 'disk-sheepdog')).toHaveLength(1);
    expect(findings(sheepdog, 'disk-sheepdog', { libvirt: ['9.0.0', '11.3.0'] })).toHaveLength(1);
  });

  it('do not apply when every configured release accepts the document', () => {
    expect(findings(sheepdog, 'disk-sheepdog', { libvirt: '9.0.0' })).toEqual([]);
    expect(findings(sheepdog, 'disk-sheepdog', { libvirt: ['7.0.0', '9.0.0'] })).toEqual([]);
  });

  it('gate a part of a rule only', () => {
    const keyboard = domain("    <input type='keyboard' bus='virtio' model='virtio-transitional'/>\n    <input type='mouse' bus='usb' model='virtio'/>");
    expect(findings(keyboard, 'input-virtio-model', { libvirt: '7.0.0' }).map((f) => f.line)).toEqual([9]);
    expect(findings(keyboard, 'input-virtio-model', { libvirt: '9.0.0' }).map((f) => f.line)).toEqual([8, 9]);
  });
});

describe('character devices', () => {
  it('checks the serial port, not the console that aliases it', () => {
    const text = domain("    <serial type='unix'>\n      <source mode='bind' path='/run/demo.sock'/>\n    </serial>\n    <console type='unix'>\n      <target type='serial'/>\n    </console>");
    expect(findings(text, 'chardev-source-incomplete')).toEqual([]);
  });

  it('checks a console of its own', () => {
    const text = domain("    <console type='unix'>\n      <target type='virtio'/>\n    </console>");
    expect(findings(text, 'chardev-source-incomplete')).toHaveLength(1);
  });

  it('lets D-Bus USB redirection and virtio channels go without what libvirt fills in', () => {
    const text = domain("    <graphics type='dbus'/>\n    <redirdev bus='usb' type='dbus'/>\n    <channel type='unix'>\n      <target type='virtio' name='org.qemu.guest_agent.0'/>\n    </channel>");
    expect(findings(text, 'chardev-source-incomplete')).toEqual([]);
  });

  it('knows the socket paths libvirt generates for virtio channels', () => {
    const channel = (path: string) =>
      domain(`    <channel type='unix'>\n      <source mode='connect' path='${path}'>\n        <reconnect enabled='yes' timeout='10'/>\n      </source>\n      <target type='virtio' name='org.example.0'/>\n    </channel>`);
    const generated = findings(channel('/run/libvirt/qemu/channel/1-demo/org.example.0'), 'chardev-reconnect');
    expect(generated).toHaveLength(1);
    expect(generated[0]).toMatchObject({ line: 10, column: 9, path: '/domain/devices/channel/source/reconnect' });
    expect(findings(channel('/var/lib/libvirt/qemu/channel/target/domain-demo/org.example.0'), 'chardev-reconnect')).toHaveLength(1);
    expect(findings(channel('/srv/agent/org.example.0'), 'chardev-reconnect')).toEqual([]);
    // Another driver keeps the path: nothing to reconnect from.
    expect(findings(channel('/run/libvirt/qemu/channel/1-demo/org.example.0').replace("type='kvm'", "type='xen'"), 'chardev-reconnect')).toEqual([]);
  });
});

describe('video devices', () => {
  it('takes the last video marked primary as the primary one', () => {
    const text = domain("    <video>\n      <model type='qxl'/>\n    </video>\n    <video>\n      <model type='vga' primary='yes'/>\n    </video>");
    expect(findings(text, 'video-secondary-model')).toEqual([]);
  });

  it('reports a VGA-compatible secondary device at its model type', () => {
    const text = domain("    <video>\n      <model type='virtio'/>\n    </video>\n    <video>\n      <model type='bochs'/>\n    </video>");
    expect(findings(text, 'video-secondary-model')).toMatchObject([{ line: 12, column: 14, path: '/domain/devices/video[2]/model/@type' }]);
  });

  it('names the first primary as related place', () => {
    const text = domain("    <video>\n      <model type='vga' primary='yes'/>\n    </video>\n    <video>\n      <model type='qxl' primary='yes'/>\n    </video>");
    const [f] = findings(text, 'video-primary-multiple');
    expect(f).toMatchObject({ line: 12 });
    expect(f!.related).toMatchObject([{ line: 9 }]);
  });
});

describe('security labels', () => {
  it('takes two labels without a model as the same model', () => {
    const text = domain('', { body: "  <seclabel type='none'/>\n  <seclabel type='none'/>" });
    expect(findings(text, 'seclabel-duplicate-model')).toHaveLength(1);
    expect(findings(text, 'seclabel-model-missing')).toEqual([]);
  });

  it('compares device overrides per source', () => {
    const disk = (label: string) =>
      `    <disk type='file' device='disk'>\n      <source file='/img/${label}.raw'>\n        <seclabel model='dac' relabel='no'/>\n      </source>\n      <target dev='vd${label}' bus='virtio'/>\n    </disk>`;
    expect(findings(domain(`${disk('a')}\n${disk('b')}`), 'seclabel-duplicate-model')).toEqual([]);
  });
});

describe('shared memory', () => {
  it('reads the size in bytes unless a unit says otherwise', () => {
    const shmem = (size: string) => domain(`    <shmem name='s'>\n      <model type='ivshmem-plain'/>\n      ${size}\n    </shmem>`);
    expect(findings(shmem("<size unit='M'>32</size>"), 'shmem-size')).toEqual([]);
    expect(findings(shmem('<size>1048576</size>'), 'shmem-size')).toEqual([]);
    expect(findings(shmem('<size>65536</size>'), 'shmem-size')[0]!.message).toContain('use e.g. 1 MiB');
    expect(findings(shmem("<size unit='KiB'>3072</size>"), 'shmem-size')[0]!.message).toContain('use e.g. 4 MiB');
  });
});

describe('virtio queue sizes', () => {
  it('names the neighbouring powers of two', () => {
    const text = domain("    <interface type='network'>\n      <source network='default'/>\n      <model type='virtio'/>\n      <driver rx_queue_size='1000' tx_queue_size='256'/>\n    </interface>");
    const found = findings(text, 'interface-virtio-options');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('use 512 or 1024');
    expect(found[0]!.path).toBe('/domain/devices/interface/driver/@rx_queue_size');
  });

  it('leaves an interface whose model the QEMU binary picks', () => {
    const text = domain("    <interface type='network'>\n      <source network='default'/>\n      <driver rx_queue_size='1000'/>\n    </interface>");
    expect(findings(text, 'interface-virtio-options')).toEqual([]);
  });
});

describe('fixes', () => {
  it('removes a disk-level <encryption> that repeats the one inside <source>', () => {
    const enc = (indent: string) => `${indent}<encryption format='luks'>\n${indent}  <secret type='passphrase' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/>\n${indent}</encryption>`;
    const text = domain(`    <disk type='file' device='disk'>\n      <source file='/img/a.raw'>\n${enc('        ')}\n      </source>\n      <target dev='vda' bus='virtio'/>\n${enc('      ')}\n    </disk>`);
    const [f] = findings(text, 'disk-source-defined-twice');
    expect(f!.fix).toBeDefined();
    const fixed = applyEdits(text, f!.fix!.edits);
    expect(fixed).toBe(text.replace(`\n${enc('      ')}`, ''));
    expect(findings(fixed, 'disk-source-defined-twice')).toEqual([]);
  });

  it('offers no fix when the two definitions differ', () => {
    const text = domain("    <disk type='network' device='disk'>\n      <auth username='a'>\n        <secret type='iscsi' usage='x'/>\n      </auth>\n      <source protocol='iscsi' name='iqn.2013-07.com.example:p/1'>\n        <host name='h'/>\n        <auth username='b'>\n          <secret type='iscsi' usage='x'/>\n        </auth>\n      </source>\n      <target dev='vda' bus='virtio'/>\n    </disk>");
    const [f] = findings(text, 'disk-source-defined-twice');
    expect(f).toBeDefined();
    expect(f!.fix).toBeUndefined();
  });
});

describe('Xen-era forms on a QEMU domain', () => {
  const disk = (driver: string, type = 'file') => domain(`    <disk type='${type}' device='disk'>\n      ${driver}\n      <source ${type === 'volume' ? "pool='default' volume='a.img'" : "file='/img/a.img'"}/>\n      <target dev='vda' bus='virtio'/>\n    </disk>`);
  const iface = (type: string, script: string) => domain(`    <interface type='${type}'>\n      <source bridge='br0'/>\n      ${script}\n    </interface>`);

  it("writes name='qemu' for Xen's driver names where the format reads alike, and keeps the format", () => {
    for (const [driver, fixed] of [
      ["<driver name='phy'/>", "<driver name='qemu'/>"],
      ["<driver name='file' type='raw'/>", "<driver name='qemu' type='raw'/>"],
      ["<driver name='tap' type='qcow2' cache='none'/>", "<driver name='qemu' type='qcow2' cache='none'/>"],
      ["<driver name='tap2' type='aio'/>", "<driver name='qemu' type='aio'/>"],
    ] as const) {
      const text = disk(driver);
      const [f] = findings(text, 'disk-driver-name');
      expect(f!.fix, driver).toBeDefined();
      expect(applyEdits(text, f!.fix!.edits)).toBe(text.replace(driver, fixed));
    }
  });

  it('reports other names, formats Xen names otherwise and pool-formatted volumes without a fix', () => {
    for (const text of [disk("<driver name='vbox' type='raw'/>"), disk("<driver name='tap' type='vhd'/>"), disk("<driver name='phy'/>", 'volume')]) {
      const [f] = findings(text, 'disk-driver-name');
      expect(f).toBeDefined();
      expect(f!.fix).toBeUndefined();
    }
    expect(findings(disk("<driver name='qemu' type='raw'/>"), 'disk-driver-name')).toEqual([]);
    expect(findings(disk("<driver type='raw'/>"), 'disk-driver-name')).toEqual([]);
    expect(findings(domain("    <disk type='file' device='disk'>\n      <driver name='phy'/>\n      <source file='/img/a.img'/>\n      <target dev='xvda' bus='xen'/>\n    </disk>", { type: 'xen' }), 'disk-driver-name')).toEqual([]);
  });

  it("removes Xen's vif-bridge script only, and judges every type but ethernet and hostdev", () => {
    for (const path of ['vif-bridge', '/etc/xen/scripts/vif-bridge']) {
      const text = iface('bridge', `<script path='${path}'/>`);
      const [f] = findings(text, 'interface-script-unsupported');
      expect(applyEdits(text, f!.fix!.edits)).toBe(text.replace(`\n      <script path='${path}'/>`, ''));
    }
    const [own] = findings(iface('bridge', "<script path='/etc/qemu-ifup'/>"), 'interface-script-unsupported');
    expect(own).toBeDefined();
    expect(own!.fix).toBeUndefined();
    expect(findings(iface('network', "<script path='vif-bridge'/>"), 'interface-script-unsupported')).toHaveLength(1);
    expect(findings(iface('ethernet', "<script path='/etc/qemu-ifup'/>"), 'interface-script-unsupported')).toEqual([]);
    expect(findings(iface('bridge', "<script path='vif-bridge'/>").replace("<domain type='kvm'>", "<domain type='xen'>"), 'interface-script-unsupported')).toEqual([]);
  });
});
