/**
 * Reading a grammar table lazily builds an element's content only when a document enters the
 * element, and validates exactly like the grammar read in full.
 */
import { describe, expect, it } from 'vitest';
import { PatternBuilder } from '../../../src/xml/grammar/builder.js';
import type { ElementPattern, Pattern } from '../../../src/xml/grammar/pattern.js';
import { readGrammarTable, readGrammarTableLazily, writeGrammarTable } from '../../../src/xml/grammar/table.js';
import { CompiledValidator } from '../../../src/xml/validate/compiled-validator.js';
import { parseXml } from '../../../src/xml/dom/index.js';
import { loadGrammarTable } from '../../../src/model/generated/grammar/index.js';
import { Dsl } from '../../rng-spec/dsl.js';

function elementNamed(start: Pattern, builder: PatternBuilder, local: string): ElementPattern | undefined {
  const seen = new Set<Pattern>();
  const stack = [start];
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (p.kind === 'element') {
      if (p.nameClass.kind === 'name' && p.nameClass.local === local) return p;
      stack.push(builder.contentOf(p));
    } else if ('a' in p && p.a !== undefined) stack.push(p.a, (p as { b: Pattern }).b);
    else if ('p' in p && p.p !== undefined) stack.push(p.p);
  }
  return undefined;
}

describe('readGrammarTableLazily', () => {
  const d = new Dsl();
  const grammar = d.el('root', d.group(d.attr('id'), d.optional(d.el('small', d.attr('x'))), d.optional(d.el('big', d.interleave(
    ...Array.from({ length: 12 }, (_, i) => d.optional(d.el(`part${i}`, d.attr('v', d.values('a', 'b'))))),
  )))));
  const table = writeGrammarTable(grammar, 'test', 'root');

  it('builds nothing below the start element until its content is asked for', () => {
    const eager = readGrammarTable(table);
    const lazy = readGrammarTableLazily(table);
    expect(lazy.builder.size).toBeLessThan(eager.builder.size);
    expect(lazy.start.kind).toBe('element');
    const before = lazy.builder.size;
    const content = lazy.builder.contentOf(lazy.start as ElementPattern);
    expect(content.kind).toBe('group');
    expect(lazy.builder.size).toBeGreaterThan(before);
    // Asked again, the content is the same object, and nothing more is built.
    const after = lazy.builder.size;
    expect(lazy.builder.contentOf(lazy.start as ElementPattern)).toBe(content);
    expect(lazy.builder.size).toBe(after);
  });

  it('hands out each content through `prepare` once', () => {
    const prepared: Pattern[] = [];
    const lazy = readGrammarTableLazily(table, new PatternBuilder(), (p) => {
      prepared.push(p);
      return p;
    });
    const big = elementNamed(lazy.start, lazy.builder, 'big');
    expect(big).toBeDefined();
    const content = lazy.builder.contentOf(big!);
    lazy.builder.contentOf(big!);
    expect(prepared.filter((p) => p === content)).toHaveLength(1);
  });

  it('rejects a content row that belongs to another table', () => {
    const lazy = readGrammarTableLazily(table);
    const stranger = lazy.builder.lazyElement(lazy.builder.names.name('', 'stranger'));
    expect(() => lazy.builder.contentOf(stranger)).toThrow(/not read from this grammar table/);
  });

  it('validates like the eagerly read grammar, building only what the documents enter', () => {
    const domain = loadGrammarTable('11.3.0', 'domain')!;
    const lazy = CompiledValidator.fromTable(domain);
    const { builder, start } = readGrammarTable(domain);
    const eager = new CompiledValidator(builder, start);
    const documents = [
      "<domain type='kvm'><name>a</name><memory>1024</memory><os><type>hvm</type></os></domain>",
      "<domain type='kvm'><name>a</name><memory>1024</memory><os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='/x'/><target dev='vda'/></disk></devices></domain>",
      "<domain type='kvm'><name>a</name><memory unit='parsec'>1024</memory><os><type>hvm</type></os></domain>",
      "<domain type='kvm'><name>a</name><os><type>hvm</type></os><devices><disk type='file' device='cd'/></devices></domain>",
    ];
    for (const xml of documents) {
      expect(lazy.validate(parseXml(xml)), xml).toEqual(eager.validate(parseXml(xml)));
    }
    expect(lazy.patternCount).toBeLessThan(eager.patternCount / 2);
  });
});
