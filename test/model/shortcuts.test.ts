import { describe, expect, it } from 'vitest';
import { MODEL_ROOTS_JSON } from '../../src/model/generated/types/index.js';
import { parse, ROOT_SHORTCUTS, type ModelRoot } from '../../src/model/index.js';

describe('typed shortcuts', () => {
  it('exist for every schema root', () => {
    const roots = Object.keys(JSON.parse(MODEL_ROOTS_JSON) as Record<string, unknown>).sort();
    expect(Object.keys(ROOT_SHORTCUTS).sort()).toEqual(roots);
    expect(roots).toHaveLength(18);
  });

  it('parse and format their root', () => {
    const samples: Partial<Record<ModelRoot, string>> = {
      network: `<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n`,
      secret: `<secret ephemeral='no' private='yes'>\n  <uuid>f52a81b2-424e-490c-823d-6bd4235bc572</uuid>\n  <usage type='volume'>\n    <volume>/var/lib/libvirt/images/a.img</volume>\n  </usage>\n</secret>\n`,
      storagevol: `<volume>\n  <name>a.img</name>\n  <capacity unit='bytes'>1073741824</capacity>\n</volume>\n`,
      cpu: `<cpu mode='host-model'/>\n`,
    };
    for (const [root, xml] of Object.entries(samples) as [ModelRoot, string][]) {
      const s = ROOT_SHORTCUTS[root];
      const value = s.parse(xml);
      expect(s.format(value as never, { style: 'libvirt' })).toBe(xml);
      expect(parse(xml).schema).toBe(root);
    }
  });
});
