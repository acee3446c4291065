import { describe, expect, it } from 'vitest';
import { formatDomain, parseDomain, update, updateAt, type Domain, type DomainDisk } from '../../src/model/index.js';

const xml = `<domain type='kvm'>\n  <name>a</name>\n  <devices>\n    <disk type='file'>\n      <target dev='vda'/>\n    </disk>\n  </devices>\n</domain>\n`;

describe('update', () => {
  const d = parseDomain(xml);

  it('returns the same object when nothing changes', () => {
    expect(update(d, {})).toBe(d);
    expect(update(d, { name: 'a', type: 'kvm' })).toBe(d);
    expect(update(d, (current) => ({ name: current.name }))).toBe(d);
  });

  it('returns a frozen copy that keeps the layout and shares unchanged parts', () => {
    const e = update(d, { name: 'b' });
    expect(e).not.toBe(d);
    expect(e.name).toBe('b');
    expect(d.name).toBe('a');
    expect(e.devices).toBe(d.devices);
    expect(Object.isFrozen(e)).toBe(true);
    expect(e.$layout?.element).toBe(d.$layout?.element);
    expect(formatDomain(e)).toBe(xml.replace('<name>a', '<name>b'));
  });

  it('removes a property set to undefined', () => {
    const e = update(d, { devices: undefined });
    expect('devices' in e).toBe(false);
    expect(formatDomain(e)).toBe(`<domain type='kvm'>\n  <name>a</name>\n</domain>\n`);
  });

  it('updates list items by index, keeping the list when the item is unchanged', () => {
    const disks = d.devices!.disk!;
    expect(updateAt(disks, 0, (x) => x)).toBe(disks);
    const next = updateAt(disks, 0, (x) => update(x, { target: { dev: 'vdb' } }));
    expect(next).not.toBe(disks);
    expect(next[0]!.target).toEqual({ dev: 'vdb' });
    expect(Object.isFrozen(next)).toBe(true);
    expect(() => updateAt(disks, 3, (x) => x)).toThrow(RangeError);
  });

  it('is type-checked without string paths', () => {
    const disk: DomainDisk = d.devices!.disk![0]!;
    // @ts-expect-error not a property of a domain
    update(d, { colour: 'blue' });
    // @ts-expect-error the hypervisor type is one of the schema's values
    update(d, { type: 'vmware-fusion' });
    // @ts-expect-error a disk target's dev is a string
    update(disk, { target: { dev: 3 } });
    const renamed: Domain = update(d, { name: 'c' });
    expect(renamed.name).toBe('c');
  });
});
