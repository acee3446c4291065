/**
 * The arbitraries' own guarantees: regular-expression strings match their expression, datatype
 * values are allowed for every datatype of the shipped grammars, generated documents of small
 * grammars are valid, and mutations are only offered where every candidate pattern rejects them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIBVIRT_RELEASES, loadGrammarTable } from '../../src/model/generated/grammar/index.js';
import { releaseRoots } from '../../src/compat/release-grammars.js';
import { createDatatype, translateXsdRegex } from '../../src/xml/datatypes/index.js';
import { PatternBuilder } from '../../src/xml/grammar/builder.js';
import type { Pattern } from '../../src/xml/grammar/pattern.js';
import { validateDocument } from '../../src/xml/validate/index.js';
import { parseXml } from '../../src/xml/dom/index.js';
import { writeGrammarTable } from '../../src/xml/grammar/table.js';
import { datatypeValues } from '../support/arbitraries/datatype-values.js';
import { serializeDocument } from '../support/arbitraries/document-tree.js';
import { grammarDocuments, minimumElementCost } from '../support/arbitraries/grammar-documents.js';
import { possibleMutations } from '../support/arbitraries/mutations.js';
import { xsdRegexStrings } from '../support/arbitraries/xsd-regex-strings.js';
import { compileGrammar } from '../compat/compile-snippet.js';

const shippedDatatypes = (() => {
  const seen = new Map<string, { library: string; name: string; params: { name: string; value: string }[] }>();
  for (const release of LIBVIRT_RELEASES) {
    for (const root of releaseRoots(release)) {
      for (const [library, name, params] of loadGrammarTable(release, root)!.datatypes) {
        seen.set(JSON.stringify([library, name, params]), { library, name, params: params.map(([n, v]) => ({ name: n, value: v })) });
      }
    }
  }
  return [...seen.values()];
})();

describe('XSD regular expression strings', () => {
  const patterns = [...new Set(shippedDatatypes.flatMap((d) => d.params.filter((p) => p.name === 'pattern').map((p) => p.value)))];

  it('cover every pattern of the shipped grammars, and every string matches its pattern', () => {
    expect(patterns.length).toBeGreaterThan(50);
    for (const pattern of patterns) {
      const regex = translateXsdRegex(pattern);
      for (const s of fc.sample(xsdRegexStrings(pattern), { numRuns: 40, seed: 1 })) expect(regex.test(s), `${pattern} ⟵ ${JSON.stringify(s)}`).toBe(true);
    }
  });

  it('handle classes, escapes, negation and bounded repetition', () => {
    const check = (pattern: string): void => {
      const regex = translateXsdRegex(pattern);
      for (const s of fc.sample(xsdRegexStrings(pattern), { numRuns: 100, seed: 2 })) expect(regex.test(s), `${pattern} ⟵ ${JSON.stringify(s)}`).toBe(true);
    };
    ['[^,/]{2,4}', '\\d+\\.\\d{1,2}', '(a|bc)*x?', '[\\s\\w-]{0,3}', '$[^\\]]+\\^', '.{3}'].forEach(check);
    expect(() => xsdRegexStrings('[a-z-[aeiou]]')).toThrow(/subtraction/);
  });
});

describe('datatype values', () => {
  it('exist for every datatype of the shipped grammars and are allowed by it', () => {
    const b = new PatternBuilder();
    for (const d of shippedDatatypes) {
      const spec = b.datatype(d.library, d.name, d.params);
      const datatype = createDatatype(d.library, d.name, d.params);
      for (const v of fc.sample(datatypeValues(spec), { numRuns: 30, seed: 3 })) expect(datatype.allows(v), `${spec.key} ⟵ ${JSON.stringify(v)}`).toBe(true);
    }
  });

  it('leave out excluded values', () => {
    const spec = new PatternBuilder().datatype('', 'token', []);
    const excluded = ['.', '..'];
    for (const v of fc.sample(datatypeValues(spec, excluded), { numRuns: 200, seed: 4 })) expect(excluded).not.toContain(v);
  });
});

/** Our validator's diagnostics for documents of a small grammar. */
function validFor(start: Pattern): (xml: string) => readonly unknown[] {
  const table = writeGrammarTable(start, 'test', 'r');
  return (xml) => validateDocument(parseXml(xml), table).diagnostics;
}

describe('generated documents of small grammars', () => {
  it('are valid, recursive grammars included, and stay finite', () => {
    const start = compileGrammar('<ref name="node"/>', `<define name="node"><element name="node">
      <optional><attribute name="v"><data type="unsignedByte"/></attribute></optional>
      <zeroOrMore><ref name="node"/></zeroOrMore>
      <interleave><optional><element name="a"><text/></element></optional><element name="b"><list><oneOrMore><data type="int"/></oneOrMore></list></element></interleave>
    </element></define>`);
    const check = validFor(start);
    for (const doc of fc.sample(grammarDocuments(start, { maxDepth: 4, interleave: 'shuffle' }), { numRuns: 100, seed: 5 })) {
      const xml = serializeDocument(doc);
      expect(check(xml), xml).toEqual([]);
    }
  });

  it('need at least the fewest elements a grammar allows', () => {
    const start = compileGrammar('<element name="r"><choice><element name="a"><element name="b"><empty/></element></element><element name="c"><empty/></element></choice></element>');
    expect(minimumElementCost(start)(start)).toBe(2);
  });
});

describe('mutations', () => {
  it('only remove an attribute that every candidate pattern requires', () => {
    const start = compileGrammar(`<element name="r"><choice>
      <element name="disk"><attribute name="type"><value>file</value></attribute><attribute name="path"/></element>
      <element name="disk"><attribute name="type"><value>block</value></attribute><optional><attribute name="path"/></optional></element>
    </choice></element>`);
    for (const doc of fc.sample(grammarDocuments(start), { numRuns: 30, seed: 6 })) {
      const kinds = possibleMutations(start, doc).map((m) => m.description);
      expect(kinds.some((d) => d.includes('@path removed'))).toBe(false);
      expect(kinds.some((d) => d.includes('@type removed'))).toBe(true);
      expect(kinds.some((d) => d.includes('@type "'))).toBe(true);
    }
  });

  it('give documents our validator rejects', () => {
    const start = compileGrammar(`<element name="r"><attribute name="mode"><choice><value>a</value><value>b</value></choice></attribute>
      <element name="x"><optional><element name="y"><empty/></element></optional></element><element name="z"><text/></element></element>`);
    const check = validFor(start);
    const kinds = new Set<string>();
    for (const doc of fc.sample(grammarDocuments(start), { numRuns: 20, seed: 7 })) {
      for (const m of possibleMutations(start, doc)) {
        kinds.add(m.kind);
        expect(check(serializeDocument(m.document)).length, m.description).toBeGreaterThan(0);
      }
    }
    expect([...kinds].sort()).toEqual(['misplaced-element', 'missing-attribute', 'unknown-attribute', 'unknown-element', 'wrong-value']);
  });
});
