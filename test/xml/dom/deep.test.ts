import { describe, expect, it } from 'vitest';
import { parseXml, scanXml, serializeXml, type XmlElement } from '../../../src/xml/dom/index.js';
import { caught } from './helpers.js';

const DEPTH = 100_000;
/** Reading keeps its own stack: any depth is read when the default bound (257, libxml2's) is lifted. */
const ANY_DEPTH = { maxDepth: Infinity };

function nested(depth: number): string {
  return '<e a="1">'.repeat(depth) + 'core' + '</e>'.repeat(depth);
}

/** Follows first-child links, iteratively, and returns how many elements deep the chain goes. */
function chainDepth(root: XmlElement): { depth: number; innermost: XmlElement } {
  let depth = 1;
  let element = root;
  for (;;) {
    const next = element.children.find((node): node is XmlElement => node.kind === 'element');
    if (next === undefined) return { depth, innermost: element };
    element = next;
    depth++;
  }
}

describe(`documents nested ${DEPTH} deep`, () => {
  const source = nested(DEPTH);

  it('parse without exhausting the call stack', () => {
    const doc = parseXml(source, ANY_DEPTH);
    const { depth, innermost } = chainDepth(doc.root);
    expect(depth).toBe(DEPTH);
    expect(innermost.children).toEqual([{ kind: 'text', value: 'core', raw: 'core', offset: DEPTH * 9 }]);
    expect(innermost.end).toBe(DEPTH * 9 + 4 + 4);
    expect(doc.root.end).toBe(source.length);
  });

  it('scan without exhausting the call stack', () => {
    expect(() => scanXml(source, ANY_DEPTH)).not.toThrow();
  });

  it('serialize back to the same text', () => {
    expect(serializeXml(parseXml(source, ANY_DEPTH)) === source).toBe(true);
  });

  it('report the innermost unclosed element of a truncated deep document', () => {
    const truncated = source.slice(0, source.length - 4 * 10);
    const error = caught(() => scanXml(truncated, ANY_DEPTH));
    expect(error.code).toBe('unclosed-tag');
    expect(error.offset).toBe(9 * (10 - 1));
  });

  it('report a mismatched end tag deep inside', () => {
    const broken = '<e>'.repeat(DEPTH) + '</f>' + '</e>'.repeat(DEPTH);
    const error = caught(() => parseXml(broken, ANY_DEPTH));
    expect(error.code).toBe('mismatched-end-tag');
    expect(error.column).toBe(3 * DEPTH + 1);
  });

  it('scope namespace declarations across the whole depth', () => {
    const depth = 20_000;
    const text = '<p:e xmlns:p="urn:x">' + '<p:e>'.repeat(depth) + '</p:e>'.repeat(depth) + '</p:e><!---->';
    const { depth: found, innermost } = chainDepth(parseXml(text, ANY_DEPTH).root);
    expect(found).toBe(depth + 1);
    expect(innermost.ns).toBe('urn:x');
  });

  it('read a declaration on every level in time linear in the depth', () => {
    // Each level's `xmlns:q` and `xml:lang` used to be resolved, and each closing level's default
    // namespace looked for, by walking the whole stack of bindings: a few seconds at this depth.
    const text = '<e xmlns:q="urn:q" xml:lang="en">'.repeat(DEPTH) + '</e>'.repeat(DEPTH);
    expect(scanXml(text, ANY_DEPTH)).toBeUndefined();
    const { depth, innermost } = chainDepth(parseXml(text, ANY_DEPTH).root);
    expect(depth).toBe(DEPTH);
    expect(innermost.attributes.map((a) => a.ns)).toEqual(['http://www.w3.org/2000/xmlns/', 'http://www.w3.org/XML/1998/namespace']);
    // A bound far above the linear cost (well under a second), far below the quadratic one (half a minute).
  }, 8000);

  it('restore the default namespace of each level as it closes', () => {
    const doc = parseXml('<a xmlns="urn:a"><b xmlns="urn:b"><c xmlns=""><d/></c><e/></b><f/><g:h xmlns:g="urn:g"/><i/></a>');
    const names: string[] = [];
    const walk = (el: XmlElement): void => {
      names.push(`${el.local}=${el.ns}`);
      for (const c of el.children) if (c.kind === 'element') walk(c);
    };
    walk(doc.root);
    expect(names).toEqual(['a=urn:a', 'b=urn:b', 'c=', 'd=', 'e=urn:b', 'f=urn:a', 'h=urn:g', 'i=urn:a']);
  });
});
