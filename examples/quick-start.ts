import { formatDomain, parseDomain, update, validate, type Domain } from 'virtxml';

// Build a KVM guest: a qcow2 disk, a virtio NIC on a bridge, VNC graphics.
const guest: Domain = {
  type: 'kvm',
  name: 'web01',
  memory: { unit: 'GiB', $value: '4' },
  vcpu: { $value: 2 },
  os: { type: { arch: 'x86_64', machine: 'q35', $value: 'hvm' } },
  devices: {
    disk: [{
      type: 'file',
      device: 'disk',
      driver: { name: 'qemu', type: 'qcow2' },
      source: { file: '/var/lib/libvirt/images/web01.qcow2' },
      target: { dev: 'vda', bus: 'virtio' },
    }],
    interface: [{ type: 'bridge', source: { bridge: 'br0' }, model: { type: 'virtio' } }],
    graphics: [{ type: 'vnc', port: -1, autoport: 'yes' }],
  },
};
const xml = formatDomain(guest);
console.log(validate(xml).valid); // true

// Read it back, change one thing, write it out: everything else is kept as it was.
const parsed = parseDomain(xml);
const bigger = update(parsed, { vcpu: { $value: 4 } });
console.log(formatDomain(bigger).includes('<vcpu>4</vcpu>')); // true
