/**
 * Tags with many attributes and documents with many namespace bindings in scope: the reader
 * switches from pairwise comparison and stack scans to tables past a few of them, and must give
 * the same answers, in time linear in the input.
 */
import { describe, expect, it } from 'vitest';
import { parseXml, scanXml, type XmlElement } from '../../../src/xml/dom/index.js';
import { caught } from './helpers.js';

function names(count: number, make: (i: number) => string): string {
  let text = '';
  for (let i = 0; i < count; i++) text += make(i);
  return text;
}

const pad = (i: number): string => String(i).padStart(6, '0');

describe('a tag with many attributes', () => {
  it('keeps them all, in order', () => {
    const root = parseXml(`<a${names(40, (i) => ` n${pad(i)}="${i}"`)}/>`).root;
    expect(root.attributes).toHaveLength(40);
    expect(root.attributes[39]).toMatchObject({ name: 'n000039', value: '39' });
  });

  it('reports a duplicate name as a short tag does, at the second occurrence', () => {
    const text = `<a${names(30, (i) => ` n${pad(i)}="1"`)} n000007="2"/>`;
    const error = caught(() => parseXml(text));
    expect(error.code).toBe('duplicate-attribute');
    expect(error.column).toBe(3 + 30 * 12 + 1);
    expect(error.detail).toBe(`attribute n000007 appears twice in <a> (first at 1:${3 + 7 * 12 + 1})`);
  });

  it('reports two prefixes naming one attribute', () => {
    const text = `<a xmlns:p="u" xmlns:q="u"${names(30, (i) => ` p:n${pad(i)}="1"`)} q:n000029="2"/>`;
    const error = caught(() => parseXml(text));
    expect(error.code).toBe('duplicate-attribute');
    expect(error.detail).toBe('attributes p:n000029 and q:n000029 of <a> are the same attribute {u}n000029');
  });

  it('tells the same local name in different namespaces apart', () => {
    const text = `<a xmlns:p="u" xmlns:q="v"${names(30, (i) => ` p:n${pad(i)}="1" q:n${pad(i)}="2"`)}/>`;
    expect(parseXml(text).root.attributes).toHaveLength(62);
  });

  it('are read in time linear in their number', () => {
    // Compared pair by pair, 100 000 names of one length took minutes.
    const text = `<a${names(100_000, (i) => ` n${pad(i)}="1"`)}/>`;
    expect(scanXml(text)).toBeUndefined();
    expect(parseXml(text).root.attributes).toHaveLength(100_000);
  }, 8000);
});

describe('many namespace bindings in scope', () => {
  /** `depth` nested elements each binding its own prefix, and `p` bound at the top. */
  function nestedBindings(depth: number, inner: string): string {
    return (
      '<p:r xmlns:p="urn:outer">' +
      names(depth, (i) => `<x xmlns:b${pad(i)}="urn:${i}">`) +
      inner +
      '</x>'.repeat(depth) +
      '</p:r>'
    );
  }

  function innermost(root: XmlElement): XmlElement {
    let element = root;
    for (;;) {
      const next = element.children.find((node): node is XmlElement => node.kind === 'element' && node.local === 'x');
      if (next === undefined) return element;
      element = next;
    }
  }

  it('resolve a prefix bound far out, and the innermost of a rebound one', () => {
    const inner = '<p:e b000003:a="1"/><q xmlns:p="urn:inner"><p:e/></q><p:e/>';
    const deepest = innermost(parseXml(nestedBindings(40, inner)).root);
    const [first, rebinding, last] = deepest.children.filter((n): n is XmlElement => n.kind === 'element');
    expect(first!.ns).toBe('urn:outer');
    expect(first!.attributes[0]!.ns).toBe('urn:3');
    expect((rebinding!.children[0] as XmlElement).ns).toBe('urn:inner');
    expect(last!.ns).toBe('urn:outer');
  });

  it('forget bindings of closed elements', () => {
    const text = '<r>' + names(40, (i) => `<x xmlns:b${pad(i)}="urn:${i}"/>`) + names(20, (i) => `<y xmlns:c${pad(i)}="urn:${i}">`) + '<b000001:z/>' + '</y>'.repeat(20) + '</r>';
    const error = caught(() => parseXml(text));
    expect(error.code).toBe('unbound-prefix');
    expect(error.detail).toContain('the prefix b000001 of element b000001:z is not bound');
  });

  it('declare and drop one prefix on each of many siblings in linear time', () => {
    // Closing each sibling used to delete its binding from a table that V8 only compacts when
    // full: lookups walked the deleted entries, quadratic in the siblings.
    const count = 100_000;
    const text = `<r${names(20_000, (i) => ` xmlns:b${pad(i)}="urn:${i}"`)}>${'<q:x xmlns:q="urn:q"/>'.repeat(count)}</r>`;
    expect(scanXml(text)).toBeUndefined();
    const root = parseXml(text).root;
    expect(root.children).toHaveLength(count);
    expect((root.children[count - 1] as XmlElement).ns).toBe('urn:q');
  }, 8000);

  it('resolve names in time linear in the bindings and uses', () => {
    // Each use of `p` walked all the bindings above it: seconds at this size.
    const depth = 100_000;
    const text = nestedBindings(depth, '<p:e/>'.repeat(depth));
    expect(scanXml(text, { maxDepth: Infinity })).toBeUndefined();
    const deepest = innermost(parseXml(text, { maxDepth: Infinity }).root);
    expect(deepest.children).toHaveLength(depth);
    expect((deepest.children[depth - 1] as XmlElement).ns).toBe('urn:outer');
  }, 8000);
});
