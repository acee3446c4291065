/**
 * Whether parsed markup is already written as the libvirt style writes it, so the formatter
 * may copy an unchanged element's source text instead of rewriting it. Every check errs on the
 * side of "not styled": a false "no" only costs a rewrite. Nothing here depends on the model:
 * the libvirt style writes every unchanged element from its parsed form alone.
 */
import type { XmlAttribute, XmlElement, XmlProcessingInstruction, XmlText } from '../dom/types.js';
import { escapeAttribute, escapeText } from './escape.js';

const indents: string[] = [];

/** The whitespace before a child at `depth` (the root is at 0): a line break and two spaces a level. */
function lineIndent(depth: number): string {
  let s = indents[depth];
  if (s === undefined) indents[depth] = s = `\n${'  '.repeat(depth)}`;
  return s;
}

/**
 * Whether an element and everything in it is written as the libvirt style writes it at
 * `depth` (the document element is at 0): tags without stray spaces, attributes as
 * ` name='value'`, an empty element self-closed, text as the only child, and other content a
 * child a line, two spaces deeper, the end tag on a line of its own.
 */
export function isStyledAt(el: XmlElement, depth: number): boolean {
  if (el.startTagTail !== '' || el.endTagTail !== '') return false;
  const attributes = el.attributes;
  for (let i = 0; i < attributes.length; i++) if (!attributeStyled(attributes[i]!)) return false;
  const children = el.children;
  const n = children.length;
  if (n === 0) return el.selfClosing;
  const first = children[0]!;
  if (n === 1) return first.kind === 'text' && textStyled(first);
  // Element content: indentation and markup take turns, indentation first and last.
  if ((n & 1) === 0) return false;
  const inner = lineIndent(depth + 1);
  for (let i = 0; i < n; i++) {
    const c = children[i]!;
    if ((i & 1) === 0) {
      if (c.kind !== 'text' || c.raw !== (i === n - 1 ? lineIndent(depth) : inner)) return false;
    } else if (c.kind === 'element') {
      if (!isStyledAt(c, depth + 1)) return false;
    } else if (c.kind === 'pi') {
      if (!piStyled(c)) return false;
    } else if (c.kind !== 'comment') return false;
  }
  return true;
}

/** ` name='value'`, with the value escaped as libvirt escapes it. */
function attributeStyled(a: XmlAttribute): boolean {
  if (a.quote !== "'" || a.before !== ' ' || a.eq !== '=') return false;
  // The same string when nothing was expanded or normalised: only `"` and `>` would be escaped.
  if (a.raw === a.value) return noneOf2(a.raw, 34, 62);
  return escapeAttribute(a.value) === a.raw;
}

/** The only child of a text-only element: not blank, escaped as libvirt escapes text. */
function textStyled(t: XmlText): boolean {
  const raw = t.raw;
  if (raw !== t.value) return escapeText(t.value) === raw && !isBlank(t.value);
  let blank = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 34 || c === 39 || c === 62) return false;
    if (blank && c !== 32 && c !== 10 && c !== 9) blank = false;
  }
  return !blank;
}

/** A processing instruction as the writer of generic content spells it: one space before its data. */
function piStyled(pi: XmlProcessingInstruction): boolean {
  const d = pi.data;
  if (d === '') return true;
  return d.length > 1 && d.charCodeAt(0) === 32 && !isBlank(d[1]!);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function noneOf2(s: string, a: number, b: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === a || c === b) return false;
  }
  return true;
}
