/**
 * Storage pools: the source elements each pool type requires are required by the grammar, so the
 * `schema` rule reports their absence; the storage rules add what the grammar cannot say.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/lint/index.js';

function rules(text: string): string[] {
  return lint({ file: 'pool.xml', text }).results[0]!.findings.map((f) => `${f.line}:${f.column} ${f.rule}`);
}

const target = "  <target>\n    <path>/mnt/pool</path>\n  </target>\n";

describe('storage pool sources', () => {
  it.each([
    ['netfs without a host', `<pool type='netfs'>\n  <name>p</name>\n  <source>\n    <dir path='/export'/>\n  </source>\n${target}</pool>\n`],
    ['netfs without a directory', `<pool type='netfs'>\n  <name>p</name>\n  <source>\n    <host name='nfs.example.com'/>\n  </source>\n${target}</pool>\n`],
    ['iscsi without a device', `<pool type='iscsi'>\n  <name>p</name>\n  <source>\n    <host name='iscsi.example.com'/>\n  </source>\n${target}</pool>\n`],
    ['rbd without a name', "<pool type='rbd'>\n  <name>p</name>\n  <source>\n    <host name='ceph.example.com'/>\n  </source>\n</pool>\n"],
    ['fs without a device', `<pool type='fs'>\n  <name>p</name>\n  <source/>\n${target}</pool>\n`],
    ['dir without a target path', "<pool type='dir'>\n  <name>p</name>\n</pool>\n"],
  ])('%s is a schema error', (_what, text) => {
    expect(rules(text).some((r) => r.endsWith(' schema'))).toBe(true);
  });

  it('accepts a logical pool naming neither volume group nor device: the pool name is the group', () => {
    expect(rules("<pool type='logical'>\n  <name>vg0</name>\n  <source/>\n  <target>\n    <path>/dev/vg0</path>\n  </target>\n</pool>\n")).toEqual([]);
  });

  it('finds a mode beyond 0777 in a volume and its backing store', () => {
    const vol = "<volume>\n  <name>v.qcow2</name>\n  <capacity unit='GiB'>1</capacity>\n  <target>\n    <format type='qcow2'/>\n    <permissions>\n      <mode>4755</mode>\n    </permissions>\n  </target>\n  <backingStore>\n    <path>/srv/base.qcow2</path>\n    <format type='qcow2'/>\n    <permissions>\n      <mode>0644</mode>\n    </permissions>\n  </backingStore>\n</volume>\n";
    expect(rules(vol)).toEqual(['7:7 storage-permissions-mode']);
  });
});
