/**
 * Building fixes as text edits that keep the rest of the file's bytes: quoting, indentation,
 * attribute order, comments and line endings. An inserted element is indented like its siblings;
 * a removed one takes its line with it when it stood alone there.
 */
import type { XmlAttribute, XmlDocument, XmlElement } from '../xml/dom/types.js';
import { attributeEnd } from './locate.js';
import type { TextEdit } from './types.js';

/** The quote a document's attributes use: that of the first attribute in it, else libvirt's `'`. */
export function documentQuote(doc: XmlDocument): '"' | "'" {
  const pending: XmlElement[] = [doc.root];
  for (let i = 0; i < pending.length && i < 10_000; i++) {
    const el = pending[i]!;
    const a = el.attributes.find((x) => x.prefix !== 'xmlns' && x.name !== 'xmlns');
    if (a !== undefined) return a.quote;
    for (const c of el.children) if (c.kind === 'element') pending.push(c);
  }
  return "'";
}

/** The quote the element's own attributes use, else the document's. */
function quoteFor(el: XmlElement, doc: XmlDocument | undefined): '"' | "'" {
  return el.attributes[0]?.quote ?? (doc === undefined ? "'" : documentQuote(doc));
}

/** A fragment written with `'` quotes, in the document's quoting. */
function inDocumentQuotes(fragment: string, doc: XmlDocument): string {
  if (documentQuote(doc) === "'") return fragment;
  return fragment.replace(/(\s[\w:.-]+=)'([^'"]*)'/g, '$1"$2"');
}

function escapeAttribute(value: string, quote: '"' | "'"): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return quote === "'" ? escaped.replace(/'/g, '&apos;') : escaped.replace(/"/g, '&quot;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The line break the document uses: CRLF when its first line ends so, else LF. */
export function lineBreakOf(source: string): string {
  const lf = source.indexOf('\n');
  return lf > 0 && source.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/**
 * Sets an attribute: its value in place when present, else appended after the last attribute (or
 * after the attribute `options.after` names, when the element has it), in the quotes of the
 * element's other attributes (else of the document, when given).
 */
export function setAttribute(el: XmlElement, name: string, value: string, doc?: XmlDocument, options: { after?: string } = {}): TextEdit {
  const existing = el.attributes.find((a) => a.name === name);
  if (existing !== undefined) {
    const start = existing.offset + existing.name.length + existing.eq.length + 1;
    return { start, end: start + existing.raw.length, text: escapeAttribute(value, existing.quote) };
  }
  const q = quoteFor(el, doc);
  const after = options.after === undefined ? undefined : el.attributes.find((a) => a.name === options.after);
  const at = after !== undefined ? attributeEnd(after) : attributesEnd(el);
  return { start: at, end: at, text: ` ${name}=${q}${escapeAttribute(value, q)}${q}` };
}

/** Removes an attribute and the whitespace before it. */
export function removeAttribute(el: XmlElement, attribute: XmlAttribute): TextEdit {
  return { start: attribute.offset - attribute.before.length, end: attributeEnd(attribute), text: '' };
}

/** Where new attributes go: after the last one (or the name), before the tag's closing whitespace. */
function attributesEnd(el: XmlElement): number {
  const last = el.attributes[el.attributes.length - 1];
  if (last !== undefined) return attributeEnd(last);
  return el.offset + 1 + el.name.length;
}

/** The whitespace that starts the line `offset` is on, when only whitespace precedes it there. */
function indentBefore(source: string, offset: number): string | undefined {
  let i = offset;
  while (i > 0 && (source[i - 1] === ' ' || source[i - 1] === '\t')) i--;
  if (i > 0 && source[i - 1] !== '\n' && source[i - 1] !== '\r') return undefined;
  return source.slice(i, offset);
}

/** One step of indentation as the document writes it: the indentation of the root's first child. */
function indentStep(doc: XmlDocument): string {
  const first = elementChildren(doc.root)[0];
  const indent = first === undefined ? undefined : indentBefore(doc.source, first.offset);
  return indent === undefined || indent === '' ? '  ' : indent;
}

function elementChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

/**
 * Inserts `fragment` (one element's markup, written with `'` quotes and without indentation of
 * its own lines beyond the first; its quotes become the document's) as a child of `parent`: after `after` when given, before `before` when given, else as the last child. Its lines
 * are indented like the parent's children; a self-closing parent is opened.
 */
export function insertChild(doc: XmlDocument, parent: XmlElement, fragment: string, options: { after?: XmlElement; before?: XmlElement; first?: boolean } = {}): TextEdit {
  const source = doc.source;
  const br = lineBreakOf(source);
  if (options.before !== undefined && options.after === undefined) {
    // Before a sibling: on a line of its own, indented like it, when the sibling starts its line.
    const at = options.before.offset;
    const indent = indentBefore(source, at);
    const body = inDocumentQuotes(fragment, doc);
    return { start: at, end: at, text: indent === undefined ? body : `${body.split('\n').join(br + indent)}${br}${indent}` };
  }
  const parentIndent = indentBefore(source, parent.offset) ?? '';
  const kids = elementChildren(parent);
  const sibling = options.after ?? (options.first ? kids[0] : kids[kids.length - 1]);
  const childIndent = sibling !== undefined ? indentBefore(source, sibling.offset) ?? parentIndent + '  ' : parentIndent + indentStep(doc);
  const body = inDocumentQuotes(fragment, doc).split('\n').join(br + childIndent);
  if (parent.selfClosing) {
    // `<parent …/>` becomes `<parent …>` + the child + `</parent>`.
    const tailStart = parent.startTagEnd - 2 - parent.startTagTail.length;
    return { start: tailStart, end: parent.startTagEnd, text: `>${br}${childIndent}${body}${br}${parentIndent}</${parent.name}>` };
  }
  if (sibling === undefined) {
    const closeStart = parent.end - `</${parent.name}${parent.endTagTail}>`.length;
    const inner = source.slice(parent.startTagEnd, closeStart);
    if (inner.trim() === '') return { start: parent.startTagEnd, end: closeStart, text: `${br}${childIndent}${body}${br}${parentIndent}` };
    // Comments or text only: the child goes after them, the whitespace before the end tag stays.
    const at = parent.startTagEnd + inner.trimEnd().length;
    return { start: at, end: at, text: `${br}${childIndent}${body}` };
  }
  if (options.first && options.after === undefined) {
    return { start: sibling.offset, end: sibling.offset, text: `${body}${br}${childIndent}` };
  }
  return { start: sibling.end, end: sibling.end, text: `${br}${childIndent}${body}` };
}

/** Removes an element; when it stands alone on its line(s), the line goes too. */
export function removeElement(doc: XmlDocument, el: XmlElement): TextEdit {
  const source = doc.source;
  let start = el.offset;
  let end = el.end;
  const indent = indentBefore(source, start);
  let after = end;
  while (after < source.length && (source[after] === ' ' || source[after] === '\t')) after++;
  const lineEndsAfter = after === source.length || source[after] === '\n' || source[after] === '\r';
  if (indent !== undefined && lineEndsAfter) {
    start -= indent.length;
    // Take the line break before the element, so the previous line keeps its own.
    if (start > 0 && source[start - 1] === '\n') start -= start > 1 && source[start - 2] === '\r' ? 2 : 1;
    else if (start > 0 && source[start - 1] === '\r') start -= 1;
    end = after;
  }
  return { start, end, text: '' };
}

/** Replaces an element's text content (for elements holding only text). */
export function replaceText(el: XmlElement, value: string): TextEdit {
  if (el.selfClosing) {
    const tailStart = el.startTagEnd - 2 - el.startTagTail.length;
    return { start: tailStart, end: el.startTagEnd, text: `>${escapeText(value)}</${el.name}>` };
  }
  return { start: el.startTagEnd, end: el.end - `</${el.name}${el.endTagTail}>`.length, text: escapeText(value) };
}

/** Moves an element to be a child of `parent` (removing it where it was). */
export function moveElement(doc: XmlDocument, el: XmlElement, parent: XmlElement, options: { first?: boolean } = {}): TextEdit[] {
  const markup = reindent(doc.source.slice(el.offset, el.end), indentBefore(doc.source, el.offset) ?? '');
  return [removeElement(doc, el), insertChild(doc, parent, markup, options)];
}

/** An element's markup with its continuation lines' `indent` taken off, ready for insertChild. */
function reindent(markup: string, indent: string): string {
  if (indent === '') return markup.replace(/\r\n/g, '\n');
  return markup.replace(/\r\n/g, '\n').split('\n').map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
}

/** Applies non-overlapping edits to a text. Throws on overlap: fixes must be chosen first. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new RangeError(`overlapping edits at offset ${e.start}`);
    out += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + source.slice(at);
}

/** Whether two fixes' edits touch the same text (insertions at one point count as touching). */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.start < y.end && y.start < x.end || x.start === y.start || (x.start === x.end && x.start > y.start && x.start < y.end) || (y.start === y.end && y.start > x.start && y.start < x.end)));
}
