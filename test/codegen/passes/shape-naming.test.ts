import { describe, expect, it } from 'vitest';
import { isIdentifier, joinName, pascalCase, propertyKey, words } from '../../../codegen/names.js';
import { loadGrammar } from '../../../codegen/passes/load.js';
import { shapeModel } from '../../../codegen/passes/shape.js';
import { RNG, schemaFiles } from '../snippets.js';

describe('names', () => {
  it('splits schema names into words', () => {
    expect(words('diskSourceFile')).toEqual(['disk', 'Source', 'File']);
    expect(words('ethernet-interface')).toEqual(['ethernet', 'interface']);
    expect(words('UUID')).toEqual(['UUID']);
    expect(words('VNCPort')).toEqual(['VNC', 'Port']);
    expect(words('nwfilter_params')).toEqual(['nwfilter', 'params']);
  });

  it('makes PascalCase type names', () => {
    expect(pascalCase('diskSourceFile')).toBe('DiskSourceFile');
    expect(pascalCase('bridge-interface')).toBe('BridgeInterface');
    expect(pascalCase('UUID')).toBe('Uuid');
    expect(pascalCase('io')).toBe('Io');
    expect(pascalCase('ps2')).toBe('Ps2');
  });

  it('joins a context and a name without repeating shared words', () => {
    expect(joinName('DiskSource', 'SourceFile')).toBe('DiskSourceFile');
    expect(joinName('Domain', 'Disk')).toBe('DomainDisk');
    expect(joinName('Source', 'Source')).toBe('SourceSource');
    expect(joinName('HostInterface', 'Interface', true)).toBe('HostInterface');
    expect(joinName('', 'Disk')).toBe('Disk');
  });

  it('quotes property keys that are not identifiers', () => {
    expect(isIdentifier('name')).toBe(true);
    expect(propertyKey('name')).toBe('name');
    expect(propertyKey('on-crash')).toBe("'on-crash'");
    expect(propertyKey('qemu:commandline')).toBe("'qemu:commandline'");
  });
});

describe('shape naming: unsettled collisions', () => {
  it('asks for an override instead of numbering', () => {
    const read = schemaFiles({
      'main.rng': `<grammar ${RNG}><start><element name="root"><ref name="a-b"/><ref name="aB"/></element></start>
        <define name="a-b"><element name="x"><attribute name="p"/></element></define>
        <define name="aB"><element name="y"><attribute name="q"/></element></define></grammar>`,
    });
    expect(() => shapeModel('t', [{ root: 'main', grammar: loadGrammar('main.rng', read) }])).toThrow(
      /type names collide; add entries to codegen\/names\.overrides\.json \("types"\):\n {2}MainAB: define "a-b" \(main\.rng\) \[key main\.rng#a-b\]; define "aB" \(main\.rng\) \[key main\.rng#aB\]/,
    );
  });
});
