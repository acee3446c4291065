import { describe, expect, it } from 'vitest';
import { knownOnlyInNewer, laterAdditionNote, valueKnownOnlyInNewer } from '../../src/compat/introduced-in.js';

describe('target-version hints (7.0.0 against the pinned 11.3.0)', () => {
  it('knows elements added after 7.0.0, at any position and depth', () => {
    expect(knownOnlyInNewer('domain', '/domain/devices/disk/throttlefilters', '7.0.0')).toBe(true);
    expect(knownOnlyInNewer('domain', '/domain/devices/disk[2]/throttlefilters/throttlefilter', '7.0.0')).toBe(true);
    // Through the backing chain's recursion, however deep the document goes.
    expect(knownOnlyInNewer('domain', '/domain/devices/disk/backingStore/backingStore/backingStore/source/dataStore', '7.0.0')).toBe(true);
  });

  it('answers false for constructs both releases know, and for constructs neither knows', () => {
    expect(knownOnlyInNewer('domain', '/domain/devices/disk', '7.0.0')).toBe(false);
    expect(knownOnlyInNewer('domain', '/domain/devices/disk/@type', '7.0.0')).toBe(false);
    expect(knownOnlyInNewer('domain', '/domain/devices/disk/nonsense', '7.0.0')).toBe(false);
    expect(knownOnlyInNewer('domain', '/domain/devices/disk/@nonsense', '7.0.0')).toBe(false);
    expect(knownOnlyInNewer('domain', '/domain/devices/disk/text()', '7.0.0')).toBe(false);
  });

  it('knows attributes added after 7.0.0', () => {
    expect(knownOnlyInNewer('capability', '/capabilities/host/topology/cells/cell/cpus/cpu[3]/@cluster_id', '7.0.0')).toBe(true);
    expect(knownOnlyInNewer('capability', '/capabilities/host/topology/cells/cell/cpus/cpu/@socket_id', '7.0.0')).toBe(false);
  });

  it('ignores the prefix a document chose for an extension namespace', () => {
    expect(knownOnlyInNewer('domain', '/domain/qemu:commandline/qemu:arg', '7.0.0')).toBe(false);
    expect(knownOnlyInNewer('domain', '/domain/q:override', '7.0.0')).toBe(true);
  });

  it('treats a root the older release lacks as wholly newer', () => {
    expect(knownOnlyInNewer('inactiveDomain', '/inactiveDomain/name', '7.0.0')).toBe(true);
  });

  it('knows values added after 7.0.0', () => {
    expect(valueKnownOnlyInNewer('domain', '/domain/devices/disk/@type', 'vhostuser', '7.0.0')).toBe(true);
    expect(valueKnownOnlyInNewer('domain', '/domain/devices/disk/@type', 'file', '7.0.0')).toBe(false);
    expect(valueKnownOnlyInNewer('domain', '/domain/devices/disk/@type', 'bogus', '7.0.0')).toBe(false);
    expect(valueKnownOnlyInNewer('domain', '/domain/devices/disk/product/text()', 'A'.repeat(30), '7.0.0')).toBe(true);
  });

  it('words a note for diagnostics', () => {
    expect(laterAdditionNote('domain', '/domain/devices/disk/throttlefilters', '7.0.0'))
      .toBe('element <throttlefilters> is not known to libvirt 7.0.0; it was added later');
    expect(laterAdditionNote('capability', '/capabilities/host/topology/cells/cell/cpus/cpu/@cluster_id', '7.0.0'))
      .toBe('attribute "cluster_id" is not known to libvirt 7.0.0; it was added later');
    expect(laterAdditionNote('domain', '/domain/devices/disk/@type', '7.0.0', 'vhostuser'))
      .toBe('value "vhostuser" of attribute "type" is not known to libvirt 7.0.0; it was added later');
    expect(laterAdditionNote('domain', '/domain/devices/disk/@type', '7.0.0', 'file')).toBeUndefined();
  });
});
