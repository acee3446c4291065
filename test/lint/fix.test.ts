import { describe, expect, it } from 'vitest';
import { applyEdits, insertChild, moveElement, removeAttribute, removeElement, replaceText, setAttribute } from '../../src/lint/fix.js';
import { parseXml } from '../../src/xml/dom/index.js';
import type { XmlElement } from '../../src/xml/dom/types.js';

function find(el: XmlElement, path: string[]): XmlElement {
  let cur = el;
  for (const name of path) cur = cur.children.find((c): c is XmlElement => c.kind === 'element' && c.name === name)!;
  return cur;
}

const DOC = "<domain type='kvm'>\n  <name>a</name>\n  <devices>\n    <graphics type='vnc' listen='0.0.0.0'/>\n    <disk type='file'>\n      <auth username='u'/>\n      <source file='/x'/>\n    </disk>\n  </devices>\n</domain>\n";

describe('fix edits keep the rest of the file', () => {
  const doc = parseXml(DOC);
  const devices = find(doc.root, ['devices']);
  const graphics = find(devices, ['graphics']);
  const disk = find(devices, ['disk']);

  it('opens a self-closing parent and indents the child one step deeper', () => {
    const out = applyEdits(DOC, [insertChild(doc, graphics, "<listen type='address' address='0.0.0.0'/>")]);
    expect(out).toContain("    <graphics type='vnc' listen='0.0.0.0'>\n      <listen type='address' address='0.0.0.0'/>\n    </graphics>\n");
  });

  it('indents an inserted child like its siblings', () => {
    const out = applyEdits(DOC, [insertChild(doc, devices, "<console type='pty'/>")]);
    expect(out).toContain("    </disk>\n    <console type='pty'/>\n  </devices>");
  });

  it('removes an element with its line', () => {
    const out = applyEdits(DOC, [removeElement(doc, find(disk, ['auth']))]);
    expect(out).toBe(DOC.replace("      <auth username='u'/>\n", ''));
  });

  it('moves an element under another, re-indented', () => {
    const out = applyEdits(DOC, moveElement(doc, find(disk, ['auth']), find(disk, ['source'])));
    expect(out).toContain("    <disk type='file'>\n      <source file='/x'>\n        <auth username='u'/>\n      </source>\n    </disk>");
  });

  it('sets and removes attributes in the quoting of the tag', () => {
    expect(applyEdits(DOC, [setAttribute(graphics, 'autoport', 'yes')])).toContain("<graphics type='vnc' listen='0.0.0.0' autoport='yes'/>");
    expect(applyEdits(DOC, [setAttribute(graphics, 'listen', '::')])).toContain("<graphics type='vnc' listen='::'/>");
    expect(applyEdits(DOC, [removeAttribute(graphics, graphics.attributes[1]!)])).toContain("<graphics type='vnc'/>");
    const dq = parseXml('<a x="1"/>');
    expect(applyEdits('<a x="1"/>', [setAttribute(dq.root, 'y', "it's")])).toBe('<a x="1" y="it\'s"/>');
  });

  it('keeps CRLF line ends', () => {
    const crlf = DOC.replace(/\n/g, '\r\n');
    const d = parseXml(crlf);
    const out = applyEdits(crlf, [insertChild(d, find(d.root, ['devices']), '<x/>'), removeElement(d, find(d.root, ['name']))]);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(out).toContain('</disk>\r\n    <x/>\r\n  </devices>');
  });

  it('replaces text', () => {
    const name = find(doc.root, ['name']);
    expect(applyEdits(DOC, [replaceText(name, 'b&c')])).toContain('<name>b&amp;c</name>');
  });

  it('refuses overlapping edits', () => {
    expect(() => applyEdits('abc', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }])).toThrow(RangeError);
  });
});

describe('fixes write in the document\'s quoting', () => {
  const SRC = '<domain type="kvm">\n  <memory>1</memory>\n  <devices>\n    <graphics type="vnc"/>\n  </devices>\n</domain>\n';
  const doc = parseXml(SRC);
  it('a new attribute on an element without attributes takes the document\'s quote', () => {
    const memory = find(doc.root, ['memory']);
    expect(applyEdits(SRC, [setAttribute(memory, 'unit', 'KiB', doc)])).toContain('<memory unit="KiB">1</memory>');
  });
  it('an inserted child takes the document\'s quote', () => {
    const graphics = find(doc.root, ['devices', 'graphics']);
    expect(applyEdits(SRC, [insertChild(doc, graphics, "<listen type='address' address='::'/>")])).toContain('<listen type="address" address="::"/>');
  });
});
