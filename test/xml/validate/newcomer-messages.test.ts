/**
 * Messages a newcomer can act on: libvirt's common patterns in words (the regex stays in
 * `patterns`), sizes written with their unit, and misplaced elements and attributes told where
 * the grammar allows them. Names that can never be valid are not suggested.
 */
import { describe, expect, it } from 'vitest';
import { LIBVIRT_RELEASES, loadGrammarTable, ROOT_ELEMENTS } from '../../../src/model/generated/grammar/index.js';
import { validate, type Diagnostic } from '../../../src/xml/validate/index.js';
import { describePattern } from '../../../src/xml/validate/plain-words.js';

function domain(inside: string, devices = ''): string {
  return `<domain type='kvm'>\n  <name>web01</name>\n  <memory unit='KiB'>1048576</memory>\n  <os>\n    <type arch='x86_64'>hvm</type>\n  </os>${inside}\n  <devices>${devices}</devices>\n</domain>\n`;
}

function only(xml: string): Diagnostic {
  const { diagnostics } = validate(xml);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
}

describe('messages a newcomer understands', () => {
  it('describes a MAC address pattern in words and keeps the regex in `patterns`', () => {
    const d = only(domain('', "<interface type='network'><mac address='52:54:00:12:34'/><source network='default'/></interface>"));
    expect(d.message).toBe(
      'value "52:54:00:12:34" of attribute "address" on <mac> is not allowed: "52:54:00:12:34" must be a unicast MAC address such as 52:54:00:12:34:56 (six pairs of hex digits separated by colons; the first pair even)',
    );
    expect(d.patterns).toEqual(['[a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5}']);
  });

  it('names a UUID once although libvirt gives two patterns for it', () => {
    const d = only(domain('\n  <uuid>1234</uuid>'));
    expect(d.message).toBe('text "1234" in <uuid> is not allowed; expected a UUID such as 4dea22b3-1d52-d8f3-2516-782e98ab3fa0 (32 hex digits, with or without the dashes)');
    expect(d.patterns).toHaveLength(2);
  });

  it('describes the parts of a PCI address', () => {
    const d = only(domain('', "<disk type='file' device='disk'><source file='/a'/><target dev='vda'/><address type='pci' domain='0x0000' bus='0x00' slot='0x1g' function='0x0'/></disk>"));
    expect(d.message).toContain('expected one of a PCI slot number from 0 to 0x1f (hexadecimal; the 0x is optional) or a whole number from 0 to 31');
  });

  it('says that a size is a whole number and where its unit goes', () => {
    const d = only(domain('').replace("<memory unit='KiB'>1048576</memory>", '<memory>4G</memory>'));
    expect(d.message).toBe(`text "4G" in <memory> is not allowed: "4G" must be a whole number; write the unit in the "unit" attribute: <memory unit='G'>4</memory>`);
    const fraction = only(domain('').replace("<memory unit='KiB'>1048576</memory>", "<memory unit='GiB'>1.5</memory>"));
    expect(fraction.message).toBe('text "1.5" in <memory> is not allowed: "1.5" must be a whole number in the unit its "unit" attribute names (GiB)');
    const unit = only(domain('').replace("unit='KiB'", "unit='gigs'"));
    expect(unit.message).toContain('"gigs" must be a unit of size: b or bytes, K or KiB');
    expect(unit.patterns).toEqual(['([bB]([yY][tT][eE][sS]?)?)|([kKmMgGtTpPeE]([iI]?[bB])?)']);
  });

  it('tells a negative number for an unsigned type that it must be 0 or more', () => {
    const d = only(domain('').replace('1048576', '-1'));
    expect(d.message).toBe('text "-1" in <memory> is not allowed: "-1" must be a whole number, 0 or more');
  });

  it('says where a misplaced element belongs', () => {
    const d = only(domain("\n  <disk type='file' device='disk'><source file='/a'/><target dev='vda'/></disk>"));
    expect(d.code).toBe('unexpected-element');
    expect(d.message).toMatch(/^element <disk> is not allowed in <domain>; it belongs in <devices>, inside <domain>; expected one of /);
  });

  it('says where a misplaced attribute belongs', () => {
    const d = only(domain('', "<disk type='file' device='disk' cache='none'><source file='/a'/><target dev='vda'/></disk>"));
    expect(d.message).toBe('attribute "cache" is not allowed on <disk>; it belongs on <driver>, inside <disk>; expected one of "model" or "snapshot"');
  });

  it('gives no placement hint where a close spelling is the likelier fix', () => {
    const d = only(domain('', "<disk type='file' device='disk'><driver name='qemu' cahce='none'/><source file='/a'/><target dev='vda'/></disk>"));
    expect(d.message).toContain('did you mean "cache"?');
    expect(d.message).not.toContain('belongs');
  });

  it('never suggests an element whose content is notAllowed (<privateData> outside status XML)', () => {
    const d = only(domain('', "<disk type='file' device='disk'><source file='/a'><bogus/></source><target dev='vda'/></disk>"));
    expect(d.expected).toEqual(['dataStore', 'encryption', 'seclabel', 'slices']);
    expect(d.message).not.toContain('privateData');
  });

  it('has descriptions only for patterns the shipped grammars use', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../../../src/xml/validate/plain-words.ts', import.meta.url), 'utf8');
    const described = [...source.matchAll(/^ {2}\['((?:[^'\\]|\\.)*)', /gm)].map((m) => JSON.parse(`"${m[1]!.replace(/"/g, '\\"')}"`) as string);
    expect(described.length).toBeGreaterThan(30);
    const used = new Set<string>();
    for (const release of LIBVIRT_RELEASES) {
      for (const root of Object.keys(ROOT_ELEMENTS[release]) as (keyof (typeof ROOT_ELEMENTS)[typeof release])[]) {
        for (const [, , params] of loadGrammarTable(release, root)!.datatypes) for (const [name, value] of params) if (name === 'pattern') used.add(value);
      }
    }
    for (const p of described) {
      expect(describePattern(p), p).toBeDefined();
      expect(used.has(p), p).toBe(true);
    }
  });
});
