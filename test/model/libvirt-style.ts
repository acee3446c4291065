/**
 * Whether a document is written in libvirt's output style: no XML declaration, single-quoted
 * attributes separated by one space, two-space indentation, empty elements self-closed, the
 * document ending in one line break. Decided from the parsed tree, independently of the
 * formatter under test.
 */
import { parseXml } from '../../src/xml/dom/index.js';
import type { XmlElement } from '../../src/xml/dom/types.js';

export function isLibvirtStyle(xml: string): boolean {
  let doc;
  try {
    doc = parseXml(xml);
  } catch {
    return false;
  }
  if (doc.declaration !== undefined || doc.bom === true || xml.includes('\r')) return false;
  if (doc.prolog.some((n) => n.kind !== 'comment' && !(n.kind === 'text' && n.raw === '\n'))) return false;
  if (doc.epilog.length !== 1 || doc.epilog[0]!.kind !== 'text' || doc.epilog[0]!.raw !== '\n') return false;
  return styled(doc.root, '');
}

function styled(el: XmlElement, indent: string): boolean {
  for (const a of el.attributes) if (a.quote !== "'" || a.before !== ' ' || a.eq !== '=') return false;
  if (el.startTagTail !== '' || el.endTagTail !== '') return false;
  if (el.children.length === 0) return el.selfClosing;
  const markup = el.children.some((c) => c.kind === 'element' || c.kind === 'comment' || c.kind === 'pi');
  if (!markup) return el.children.every((c) => c.kind === 'text' && !/^[\t\n\r ]*$/.test(c.value));
  // Element content: every child on its own line, two spaces deeper; the end tag on its own line.
  const inner = `${indent}  `;
  const kids = el.children;
  for (let i = 0; i < kids.length; i++) {
    const c = kids[i]!;
    const expectSpace = i % 2 === 0;
    if (expectSpace) {
      const wanted = i === kids.length - 1 ? `\n${indent}` : `\n${inner}`;
      if (c.kind !== 'text' || c.raw !== wanted) return false;
    } else if (c.kind === 'element') {
      if (!styled(c, inner)) return false;
    } else if (c.kind !== 'comment' && c.kind !== 'pi') return false;
  }
  return kids.length % 2 === 1;
}
