/**
 * Diagnostics among many siblings: paths, repeats and "no more elements" are answered from a
 * table of the parent's children once it has more than a few, and must read as they do for a
 * parent with few children, in time linear in the number of diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/xml/validate/index.js';

const disk = (device: string): string => `<disk type="file" device="${device}"><source file="/a"/><target dev="vda"/></disk>`;

function domain(devices: string, head = '<name>x</name><memory>1</memory>'): string {
  return `<domain type="kvm">${head}<os><type>hvm</type></os><devices>${devices}</devices></domain>`;
}

function report(xml: string): string[] {
  return validate(xml, { schema: 'domain' }).diagnostics.map((d) => `${d.code} ${d.path}`);
}

describe('diagnostics among many siblings', () => {
  it('number same-named siblings in paths, in small and large parents alike', () => {
    for (const [before, between, after] of [[2, 1, 1], [20, 4, 14]] as const) {
      const xml = domain(disk('disk').repeat(before) + '<bogus/>' + disk('disk').repeat(between) + disk('dsk') + disk('disk').repeat(after) + '<bogus/>');
      expect(report(xml)).toEqual([
        'unexpected-element /domain/devices/bogus[1]',
        `invalid-attribute-value /domain/devices/disk[${before + between + 1}]/@device`,
        'repeated-element /domain/devices/bogus[2]',
      ]);
    }
  });

  it('report each repeat of a once-only element with its position', () => {
    const xml = `<domain type="kvm"><name>x</name>${'<memory>1</memory>'.repeat(40)}<os><type>hvm</type></os></domain>`;
    const found = report(xml);
    expect(found).toHaveLength(39);
    expect(found[0]).toBe('repeated-element /domain/memory[2]');
    expect(found[38]).toBe('repeated-element /domain/memory[40]');
  });

  it('tell a first unexpected child from a later one, in small and large parents alike', () => {
    for (const comments of [1, 40]) {
      const xml = `<domain type="kvm"><name>x</name><memory>1${'<!---->'.repeat(comments)}<a/><b/></memory><os><type>hvm</type></os></domain>`;
      expect(validate(xml, { schema: 'domain' }).diagnostics.map((d) => d.message)).toEqual([
        'element <a> is not allowed in <memory>; no elements are allowed here',
        'element <b> is not allowed in <memory>; no more elements are allowed here',
      ]);
    }
  });

  it('stand in for a misspelt required element only when it is absent, in a large parent', () => {
    const misspelt = report(domain(disk('disk').repeat(40), '<nam>x</nam><memory>1</memory>'));
    expect(misspelt).toEqual(['unexpected-element /domain/nam']);
  });

  it('are found in time linear in their number', () => {
    // Each diagnostic used to scan all of its siblings several times: most of a minute here.
    // The first 100 are written out, the rest counted (see bounded-output.test.ts).
    const count = 100_000;
    const result = validate(domain('<bogus/>'.repeat(count)), { schema: 'domain' });
    expect(result.diagnostics).toHaveLength(101);
    expect(result.diagnostics[99]!.path).toBe('/domain/devices/bogus[100]');
    expect(result.diagnostics[100]!.omitted).toEqual({ 'repeated-element': count - 100 });
  }, 8000);

  it('are placed by a table of siblings, whatever the position', () => {
    const count = 10_000;
    const result = validate(domain(disk('disk').repeat(count) + disk('dsk') + '<bogus/>'), { schema: 'domain' });
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      `invalid-attribute-value /domain/devices/disk[${count + 1}]/@device`,
      'unexpected-element /domain/devices/bogus',
    ]);
  }, 20_000);
});
