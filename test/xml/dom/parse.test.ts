import { describe, expect, it } from 'vitest';
import {
  XML_NAMESPACE,
  XMLNS_NAMESPACE,
  parseXml,
  scanXml,
  type XmlAttribute,
  type XmlElement,
  type XmlText,
} from '../../../src/xml/dom/index.js';
import { child, elementChildren } from './helpers.js';

function attribute(element: XmlElement, name: string): XmlAttribute {
  const found = element.attributes.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`<${element.name}> has no attribute ${name}`);
  return found;
}

describe('elements and attributes', () => {
  it('records names, offsets and the raw pieces of tags', () => {
    const source = '<domain  type = "kvm"\n   id=\'1\' >\n  <name>vm</name  >\n  <on_crash/>\n  <x />\n</domain>';
    const doc = parseXml(source);
    const root = doc.root;
    expect(root).toMatchObject({
      kind: 'element',
      name: 'domain',
      prefix: '',
      local: 'domain',
      ns: '',
      selfClosing: false,
      startTagTail: ' ',
      endTagTail: '',
      offset: 0,
      startTagEnd: source.indexOf('>') + 1,
      end: source.length,
    });
    expect(root.attributes).toEqual([
      { name: 'type', prefix: '', local: 'type', ns: '', value: 'kvm', raw: 'kvm', quote: '"', before: '  ', eq: ' = ', offset: 9 },
      { name: 'id', prefix: '', local: 'id', ns: '', value: '1', raw: '1', quote: "'", before: '\n   ', eq: '=', offset: source.indexOf('id=') },
    ]);
    const [name, onCrash, x] = elementChildren(root);
    expect(name).toMatchObject({ name: 'name', endTagTail: '  ', selfClosing: false });
    expect(source.slice(name!.offset, name!.end)).toBe('<name>vm</name  >');
    expect(source.slice(name!.offset, name!.startTagEnd)).toBe('<name>');
    expect(onCrash).toMatchObject({ selfClosing: true, startTagTail: '', children: [] });
    expect(source.slice(onCrash!.offset, onCrash!.end)).toBe('<on_crash/>');
    expect(onCrash!.startTagEnd).toBe(onCrash!.end);
    expect(x).toMatchObject({ selfClosing: true, startTagTail: ' ' });
  });

  it('keeps whitespace-only text between elements as text nodes', () => {
    const doc = parseXml('<a>\n  <b/>\n  <c/>\n</a>');
    expect(doc.root.children.map((node) => node.kind)).toEqual(['text', 'element', 'text', 'element', 'text']);
    expect((child(doc.root, 0) as XmlText).value).toBe('\n  ');
    expect((child(doc.root, 4) as XmlText).offset).toBe(doc.source.lastIndexOf('\n'));
  });

  it('makes one text node of text interrupted only by references', () => {
    const doc = parseXml('<a>x &lt; y &#38; z &amp;&amp; w</a>');
    expect(doc.root.children).toEqual([
      { kind: 'text', value: 'x < y & z && w', raw: 'x &lt; y &#38; z &amp;&amp; w', offset: 3 },
    ]);
  });

  it('accepts non-ASCII and astral name characters', () => {
    const doc = parseXml('<données été="1"><𐀀a/></données>');
    expect(doc.root.local).toBe('données');
    expect(doc.root.attributes[0]!.name).toBe('été');
    expect(elementChildren(doc.root)[0]!.name).toBe('𐀀a');
  });

  it('reads CDATA sections, comments and processing instructions', () => {
    const doc = parseXml('<a><![CDATA[<b> & ]] ]]><!-- note - here --><?target  some data ?></a>');
    expect(doc.root.children).toEqual([
      { kind: 'cdata', value: '<b> & ]] ', raw: '<b> & ]] ', offset: 3 },
      { kind: 'comment', value: ' note - here ', offset: 24 },
      { kind: 'pi', target: 'target', data: '  some data ', offset: 44 },
    ]);
  });

  it('reads a PI without data', () => {
    expect(parseXml('<a><?go?></a>').root.children[0]).toEqual({ kind: 'pi', target: 'go', data: '', offset: 3 });
  });
});

describe('document structure', () => {
  it('reads the XML declaration, prolog and epilog', () => {
    const source = '<?xml version="1.0" encoding=\'UTF-8\' standalone="yes" ?>\n<!-- c -->\n<?pi x?>\n<a/>\n<!-- after -->\n';
    const doc = parseXml(source);
    expect(doc.declaration).toEqual({
      raw: '<?xml version="1.0" encoding=\'UTF-8\' standalone="yes" ?>',
      version: '1.0',
      encoding: 'UTF-8',
      standalone: 'yes',
    });
    expect(doc.prolog.map((node) => node.kind)).toEqual(['text', 'comment', 'text', 'pi', 'text']);
    expect(doc.epilog.map((node) => node.kind)).toEqual(['text', 'comment', 'text']);
    expect(doc.root.name).toBe('a');
    expect(doc.source).toBe(source);
  });

  it('leaves out optional declaration fields that are absent', () => {
    const doc = parseXml('<?xml version="1.1"?><a/>');
    expect(doc.declaration).toEqual({ raw: '<?xml version="1.1"?>', version: '1.1' });
    expect(parseXml('<a/>').declaration).toBeUndefined();
  });

  it('keeps the DOCTYPE raw in the prolog', () => {
    const doctype = '<!DOCTYPE domain PUBLIC "-//x//y" "http://example.com/d.dtd" [\n  <!ELEMENT domain ANY>\n  <!ATTLIST domain type CDATA "a>b">\n  <!-- ] > -->\n  <?pi ]>?>\n  %pe;\n]>';
    const doc = parseXml(`${doctype}\n<domain/>`);
    expect(doc.prolog[0]).toEqual({ kind: 'doctype', raw: doctype, offset: 0 });
    expect(doc.root.name).toBe('domain');
  });

  it('accepts a byte-order mark before the declaration', () => {
    const doc = parseXml('\uFEFF<?xml version="1.0"?><a/>');
    expect(doc.bom).toBe(true);
    expect(doc.declaration?.version).toBe('1.0');
    expect(parseXml('<a/>').bom).toBeUndefined();
  });

  it('scanXml accepts what parseXml accepts and returns nothing', () => {
    expect(scanXml('<?xml version="1.0"?>\n<a x="&amp;"><b>t&#65;</b></a>')).toBeUndefined();
  });
});

describe('namespaces', () => {
  const source = [
    '<domain xmlns="urn:d" xmlns:qemu="urn:q" type="kvm" xml:lang="en">',
    '  <qemu:commandline qemu:x="1"/>',
    '  <metadata>',
    '    <app xmlns="urn:app" xmlns:qemu="urn:other"><qemu:y/></app>',
    '    <plain xmlns=""><inner/></plain>',
    '  </metadata>',
    '  <after/>',
    '</domain>',
  ].join('\n');
  const doc = parseXml(source);
  const [commandline, metadata, after] = elementChildren(doc.root);
  const [app, plain] = elementChildren(metadata!);

  it('resolves the default namespace and prefixes on elements', () => {
    expect(doc.root.ns).toBe('urn:d');
    expect(commandline).toMatchObject({ name: 'qemu:commandline', prefix: 'qemu', local: 'commandline', ns: 'urn:q' });
    expect(metadata!.ns).toBe('urn:d');
    expect(after!.ns).toBe('urn:d');
  });

  it('scopes redeclarations to the element that makes them', () => {
    expect(app!.ns).toBe('urn:app');
    expect(elementChildren(app!)[0]!.ns).toBe('urn:other');
    expect(plain!.ns).toBe('');
    expect(elementChildren(plain!)[0]!.ns).toBe('');
  });

  it('gives unprefixed attributes no namespace and declarations the xmlns namespace', () => {
    expect(attribute(doc.root, 'type').ns).toBe('');
    expect(attribute(doc.root, 'xml:lang')).toMatchObject({ prefix: 'xml', local: 'lang', ns: XML_NAMESPACE });
    expect(attribute(doc.root, 'xmlns')).toMatchObject({ prefix: '', local: 'xmlns', ns: XMLNS_NAMESPACE, value: 'urn:d' });
    expect(attribute(doc.root, 'xmlns:qemu')).toMatchObject({ prefix: 'xmlns', local: 'qemu', ns: XMLNS_NAMESPACE });
    expect(attribute(commandline!, 'qemu:x').ns).toBe('urn:q');
  });

  it('lets a declaration follow its use in the same start tag', () => {
    const late = parseXml('<p:a p:b="1" xmlns:p="urn:p"/>');
    expect(late.root.ns).toBe('urn:p');
    expect(late.root.attributes[0]!.ns).toBe('urn:p');
  });

  it('decodes references in namespace names', () => {
    expect(parseXml('<a xmlns="urn:&#97;&amp;b"/>').root.ns).toBe('urn:a&b');
  });
});

describe('line ends and attribute-value normalisation', () => {
  it('normalises CRLF and CR to LF in text values and keeps raw', () => {
    const doc = parseXml('<a>x\r\ny\rz\n</a>');
    expect(doc.root.children[0]).toMatchObject({ value: 'x\ny\nz\n', raw: 'x\r\ny\rz\n' });
  });

  it('normalises line ends in CDATA and keeps raw', () => {
    expect(parseXml('<a><![CDATA[x\r\ny\r]]></a>').root.children[0]).toMatchObject({ value: 'x\ny\n', raw: 'x\r\ny\r' });
  });

  it('turns tab, LF, CR and CRLF in attribute values into single spaces', () => {
    const value = parseXml('<a b="x\ty\nz\r\nw\rv"/>').root.attributes[0]!;
    expect(value.value).toBe('x y z w v');
    expect(value.raw).toBe('x\ty\nz\r\nw\rv');
  });

  it('keeps whitespace produced by character references in attribute values', () => {
    expect(parseXml('<a b="x&#9;y&#10;z&#13;w&#x20;"/>').root.attributes[0]!.value).toBe('x\ty\nz\rw ');
  });

  it('does not collapse runs of spaces (CDATA attribute type)', () => {
    expect(parseXml('<a b="  x  y  "/>').root.attributes[0]!.value).toBe('  x  y  ');
  });

  it('decodes predefined entities and character references in attributes', () => {
    const attr = parseXml(`<a b="&lt;&gt;&amp;&quot;&apos;&#x1F600;&#65;" c='"'/>`).root.attributes;
    expect(attr[0]!.value).toBe(`<>&"'😀A`);
    expect(attr[1]).toMatchObject({ value: '"', raw: '"', quote: "'" });
  });

  it('handles a lone CR at the end of text', () => {
    expect(parseXml('<a>x\r</a>').root.children[0]).toMatchObject({ value: 'x\n', raw: 'x\r' });
  });
});
