/** The device rules' examples: the domain documents all domain rules share, and a disk to put beside a device. */
export { domainXml, type ExampleDomain } from '../examples.js';

/** A plain virtio disk, for examples that need a disk beside the device they show. */
export const DISK = [
  "<disk type='file' device='disk'>",
  "  <driver name='qemu' type='qcow2'/>",
  "  <source file='/var/lib/libvirt/images/demo.qcow2'/>",
  "  <target dev='vda' bus='virtio'/>",
  '</disk>',
];
