import type { XmlAttribute, XmlDocument, XmlElement, XmlMiscNode, XmlNode } from './types.js';

/**
 * Writes a tree back to text from its raw parts, so that for any parsed document
 * `serializeXml(parseXml(x)) === x`. Elements are written with an explicit stack: nesting depth
 * is not limited by the call stack.
 *
 * @example
 * ```ts
 * import { parseXml, serializeXml } from 'virtxml';
 *
 * // Quotes, attribute whitespace, entity references and comments are kept as written.
 * const xml = '<a  x="1"   y=\'&amp;\'><!-- note --></a>';
 * console.log(serializeXml(parseXml(xml)) === xml); // true
 * ```
 */
export function serializeXml(doc: XmlDocument): string {
  const out: string[] = [];
  if (doc.bom === true) out.push('\uFEFF');
  if (doc.declaration !== undefined) out.push(doc.declaration.raw);
  for (const node of doc.prolog) writeNode(node, out);
  writeNode(doc.root, out);
  for (const node of doc.epilog) writeNode(node, out);
  return out.join('');
}

function writeNode(node: XmlNode | XmlMiscNode, out: string[]): void {
  switch (node.kind) {
    case 'element':
      writeElement(node, out);
      return;
    case 'text':
      out.push(node.raw);
      return;
    case 'cdata':
      out.push('<![CDATA[', node.raw ?? node.value, ']]>');
      return;
    case 'comment':
      out.push('<!--', node.value, '-->');
      return;
    case 'pi':
      out.push('<?', node.target, node.data, '?>');
      return;
    case 'doctype':
      out.push(node.raw);
      return;
  }
}

function writeElement(root: XmlElement, out: string[]): void {
  // Each frame is an element whose start tag is written and the index of its next child.
  const elements: XmlElement[] = [];
  const nextChild: number[] = [];
  writeStartTag(root, out);
  if (root.selfClosing) return;
  elements.push(root);
  nextChild.push(0);
  while (elements.length > 0) {
    const top = elements.length - 1;
    const element = elements[top]!;
    const index = nextChild[top]!;
    if (index === element.children.length) {
      out.push('</', element.name, element.endTagTail, '>');
      elements.pop();
      nextChild.pop();
      continue;
    }
    nextChild[top] = index + 1;
    const child = element.children[index]!;
    if (child.kind !== 'element') {
      writeNode(child, out);
    } else {
      writeStartTag(child, out);
      if (!child.selfClosing) {
        elements.push(child);
        nextChild.push(0);
      }
    }
  }
}

function writeStartTag(element: XmlElement, out: string[]): void {
  out.push('<', element.name);
  for (const attribute of element.attributes) writeAttribute(attribute, out);
  out.push(element.startTagTail, element.selfClosing ? '/>' : '>');
}

function writeAttribute(attribute: XmlAttribute, out: string[]): void {
  out.push(attribute.before, attribute.name, attribute.eq, attribute.quote, attribute.raw, attribute.quote);
}
