import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XMLNS_NAMESPACE, parseXml, scanXml, type XmlElement, type XmlNode } from '../../../src/xml/dom/index.js';
import type * as Libxml from 'libxmljs2';

/**
 * Cross-checks the parser against libxml2 (through libxmljs2): the decoded content of every
 * corpus document, and accept/reject decisions on small tricky inputs.
 */

const load = (): typeof Libxml | undefined => {
  try {
    return createRequire(import.meta.url)('libxmljs2') as typeof Libxml;
  } catch {
    return undefined;
  }
};
const libxml = load();
const shared = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/libvirt');

/** Comments and PIs keep their text as written; libxml2 reports it with line ends normalised. */
const normaliseLineEnds = (text: string): string => text.replace(/\r\n?/g, '\n');

/** Document order events: elements with sorted attributes, merged character data, comments, PIs. */
function ourEvents(root: XmlElement): string[] {
  const events: string[] = [];
  const stack: (XmlNode | 'end')[] = [root];
  let text = '';
  const flush = (): void => {
    if (text !== '') events.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'end') {
      flush();
      events.push('end');
      continue;
    }
    switch (node.kind) {
      case 'element': {
        flush();
        const attributes = node.attributes
          .filter((attribute) => attribute.ns !== XMLNS_NAMESPACE)
          .map((attribute) => `{${attribute.ns}}${attribute.local}=${JSON.stringify(attribute.value)}`)
          .sort();
        events.push(`start {${node.ns}}${node.local} ${attributes.join(' ')}`);
        stack.push('end');
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
        break;
      }
      case 'text':
      case 'cdata':
        text += node.value;
        break;
      case 'comment':
        flush();
        events.push(`comment ${JSON.stringify(normaliseLineEnds(node.value))}`);
        break;
      case 'pi':
        flush();
        events.push(`pi ${node.target} ${JSON.stringify(normaliseLineEnds(node.data.trimStart()))}`);
        break;
    }
  }
  return events;
}

function libxmlEvents(root: Libxml.Element): string[] {
  const events: string[] = [];
  const stack: (Libxml.Node | 'end')[] = [root];
  let text = '';
  const flush = (): void => {
    if (text !== '') events.push(`text ${JSON.stringify(text)}`);
    text = '';
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'end') {
      flush();
      events.push('end');
      continue;
    }
    const type = node.type() as string;
    if (type === 'element') {
      flush();
      const element = node as Libxml.Element;
      const attributes = element
        .attrs()
        .map((attribute) => `{${attribute.namespace()?.href() ?? ''}}${attribute.name()}=${JSON.stringify(attribute.value())}`)
        .sort();
      events.push(`start {${element.namespace()?.href() ?? ''}}${element.name()} ${attributes.join(' ')}`);
      stack.push('end');
      const children = element.childNodes();
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    } else if (type === 'text' || type === 'cdata') {
      text += (node as Libxml.Text).text();
    } else if (type === 'comment') {
      flush();
      events.push(`comment ${JSON.stringify((node as Libxml.Comment).text())}`);
    } else if (type === 'pi') {
      flush();
      const pi = node as Libxml.ProcessingInstruction;
      events.push(`pi ${pi.name()} ${JSON.stringify(pi.text())}`);
    }
  }
  return events;
}

function libxmlAccepts(source: string): boolean {
  try {
    return libxml!.parseXml(source).errors.length === 0;
  } catch {
    return false;
  }
}

function weAccept(source: string): boolean {
  let parsed = true;
  let scanned = true;
  try {
    parseXml(source);
  } catch {
    parsed = false;
  }
  try {
    scanXml(source);
  } catch {
    scanned = false;
  }
  expect(scanned).toBe(parsed);
  return parsed;
}

describe.runIf(libxml !== undefined)('agreement with libxml2', () => {
  for (const version of ['11.3.0', '7.0.0']) {
    const manifestPath = join(shared, version, 'manifest.json');
    if (!existsSync(manifestPath)) {
      it.skip(`libvirt ${version} corpus: skipped, ${manifestPath} is absent`, () => {});
      continue;
    }
    it(`decodes every libvirt ${version} corpus document as libxml2 does`, () => {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { documents: { path: string }[] };
      const different: string[] = [];
      for (const { path } of manifest.documents) {
        const text = readFileSync(join(shared, version, 'corpus', path), 'utf8');
        const ours = ourEvents(parseXml(text).root);
        const theirs = libxmlEvents(libxml!.parseXml(text).root()!);
        if (JSON.stringify(ours) !== JSON.stringify(theirs)) different.push(path);
      }
      expect(different).toEqual([]);
    });
  }

  it('decodes references, line ends and attribute whitespace as libxml2 does', () => {
    const source =
      '<a xmlns="urn:a" xmlns:q="urn:q" q:v="x\ty\r\nz &#9;&#10;&#13; &lt;&amp;" w="\r">\r\n' +
      '  t&#x1F600;&gt;\r<![CDATA[c\r\nd]]><q:b xml:lang="en"/><!-- c\r\n --><?p  d?>\n</a>';
    expect(ourEvents(parseXml(source).root)).toEqual(libxmlEvents(libxml!.parseXml(source).root()!));
  });

  const cases = [
    '<a/>',
    '<a b="1" b="2"/>',
    '<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>',
    '<a xmlns:p="u" xmlns:q="v" p:x="1" q:x="2"/>',
    '<p:a/>',
    '<a xmlns:p=""/>',
    '<a:b:c/>',
    '<a>&#0;</a>',
    '<a>&#x10FFFF;</a>',
    '<a>&#xFFFE;</a>',
    '<a>&#X41;</a>',
    '<a>&nbsp;</a>',
    '<a>x]]>y</a>',
    '<a>]]&gt;</a>',
    '<a><!-- a -- b --></a>',
    '<a><!-- a ---></a>',
    '<a><!----></a>',
    '<a/><?xml version="1.0"?>',
    '<?xml version="1.0"?><a/>',
    '<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>',
    '<?xml-stylesheet href="x"?><a/>',
    '<a/><b/>',
    '<a/>  <!-- c --> <?p?> ',
    'x<a/>',
    '',
    '<a b="<"/>',
    '<a b=1/>',
    '<a b="1"c="2"/>',
    '<a></b>',
    '<a>',
    '<a\u0001/>',
    '<a>\u0008</a>',
    '<é ü="1"/>',
    '<a><![CDATA[]]]]></a>',
    '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>',
    '<!DOCTYPE a [<!ENTITY e "x">]><a/><!DOCTYPE a>',
    '<!DOCTYPE a [ junk ]><a/>',
    '<!DOCTYPE a SYSTEM "a.dtd"><a/>',
    '<a xml:lang="en"/>',
    '<xmlns:a/>',
    '<a xmlns:xml="urn:x"/>',
    '<a/ >',
    '<a></a >',
    '<a b="1"/ >',
    '<a>&#65</a>',
    '<a>&</a>',
    '<a><?pi?></a>',
    '<a><?XmL?></a>',
  ];

  for (const source of cases) {
    it(`accepts or rejects like libxml2: ${JSON.stringify(source)}`, () => {
      expect(weAccept(source)).toBe(libxmlAccepts(source));
    });
  }
});
