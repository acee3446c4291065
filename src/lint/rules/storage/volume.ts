/**
 * `storage-volume-allocation-exceeds-capacity`: a volume asked to preallocate more than it holds.
 */
import type { DocumentRule } from '../../types.js';
import { describeBytes, toBytes } from '../units.js';

const VOL = (allocation: string): string =>
  `<volume>\n  <name>web01.img</name>\n  <capacity unit='GiB'>10</capacity>\n  <allocation unit='GiB'>${allocation}</allocation>\n  <target>\n    <format type='raw'/>\n  </target>\n</volume>\n`;

export const allocationExceedsCapacity: DocumentRule<'storagevol'> = {
  meta: {
    id: 'storage-volume-allocation-exceeds-capacity',
    category: 'storage',
    level: 'warn',
    roots: ['storagevol'],
    docs: {
      summary: 'A volume whose `<allocation>` is larger than its `<capacity>`.',
      why: "`allocation` is how much of the volume's `capacity` to reserve up front; more than the whole volume has no meaning. libvirt's parser does not refuse it, and the result depends on the pool's backend: in a directory pool (libvirt 9.0.0, checked) a raw volume is preallocated to the full allocation and so ends up as large as the allocation, not the declared capacity. It is almost always a swapped pair or a unit slip.",
      example: {
        bad: VOL('20'),
        good: VOL('10'),
      },
      libvirtSource: 'src/conf/storage_conf.c, virStorageVolDefParseXML (no such check)',
    },
  },
  check(ctx) {
    const { capacity, allocation } = ctx.model;
    if (capacity === undefined || allocation === undefined) return;
    const cap = toBytes(capacity.$value, capacity.unit, 'bytes');
    const alloc = toBytes(allocation.$value, allocation.unit, 'bytes');
    if (cap === undefined || alloc === undefined || alloc <= cap) return;
    ctx.report({
      node: allocation,
      message: `allocation ${describeBytes(alloc)} is larger than the capacity ${describeBytes(cap)}: allocate at most the capacity (or raise the capacity)`,
      related: [{ node: capacity, message: 'the capacity' }],
    });
  },
};
