import { describe, expect, it } from 'vitest';
import { diffGrammarTables, hasNarrowing, type SchemaChange } from '../../src/compat/schema-diff.js';
import { releaseTables } from '../../src/compat/release-grammars.js';
import { countChanges } from '../../src/compat/render-diff.js';

const diff = diffGrammarTables('7.0.0', releaseTables('7.0.0'), '11.3.0', releaseTables('11.3.0'));
const changes = diff.roots.flatMap((r) => r.changes);
const find = (root: string, path: string, kind: SchemaChange['kind']): SchemaChange | undefined =>
  changes.find((c) => c.root === root && c.path === path && c.kind === kind);

describe('schema diff of the shipped releases 7.0.0 → 11.3.0', () => {
  it('finds additions libvirt made after 7.0.0', () => {
    expect(find('domain', '/domain/devices/disk/throttlefilters', 'element-added')?.effect).toBe('widened');
    expect(changes.find((c) => c.path === '/domain/devices/disk/@type' && c.kind === 'value-added' && c.detail === '"vhostuser"')).toBeDefined();
    expect(find('inactiveDomain', '', 'root-added')?.effect).toBe('widened');
  });

  it('finds the narrowings', () => {
    expect(find('domain', '/domain/devices/smartcard/alias', 'element-removed')?.effect).toBe('narrowed');
    expect(find('capability', '/capabilities/host/topology/cells/cell/cpus/cpu/@cluster_id', 'required-with')?.detail)
      .toBe('now required with @core_id, @die_id, @siblings, @socket_id');
    expect(find('domaincaps', '/domainCapabilities/cpu/mode', 'occurrences-changed')?.detail).toBe('exactly 3 → exactly 4');
    expect(find('domain', '/domain/cputune/quota/text()', 'facet-changed')?.detail).toBe('long maxInclusive: 18446744073709551 → 17592186044415');
    expect(changes.find((c) => c.path === '/device/capability/capability/@type' && c.kind === 'value-removed')?.detail).toBe('"vports_ops"');
    expect(find('domain', '/domain/launchSecurity/cbitpos', 'order-changed')?.detail).toBe('may no longer follow <reducedPhysBits>');
    expect(hasNarrowing(diff)).toBe(true);
  });

  it('keeps the counts stable (update docs/schema-changes-7.0.0-11.3.0.md when they move)', () => {
    const c = countChanges(changes);
    expect({ widened: c.widened, narrowed: c.narrowed, changed: c.changed }).toMatchInlineSnapshot(`
      {
        "changed": 0,
        "narrowed": 41,
        "widened": 1185,
      }
    `);
  });

  it('finds nothing between a release and itself', () => {
    const same = diffGrammarTables('11.3.0', releaseTables('11.3.0'), '11.3.0', releaseTables('11.3.0'));
    expect(same.roots.flatMap((r) => r.changes)).toEqual([]);
  });
});
