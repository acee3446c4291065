/**
 * Whether parsed markup is already written as the libvirt style writes it, piece by piece, so
 * the parser can mark elements whose source text the formatter may copy instead of rewriting.
 * Every check errs on the side of "not styled": a false "no" only costs a rewrite.
 */
import type { XmlAttribute, XmlElement, XmlProcessingInstruction, XmlText } from '../dom/types.js';
import { escapeAttribute, escapeText } from './escape.js';

const indents: string[] = [];

/** The whitespace before a child at `depth` (the root is at 0): a line break and two spaces a level. */
export function lineIndent(depth: number): string {
  let s = indents[depth];
  if (s === undefined) indents[depth] = s = `\n${'  '.repeat(depth)}`;
  return s;
}

/** ` name='value'`, with the value escaped as libvirt escapes it. */
export function attributeStyled(a: XmlAttribute): boolean {
  if (a.quote !== "'" || a.before !== ' ' || a.eq !== '=') return false;
  // The same string when nothing was expanded or normalised: only `"` and `>` would be escaped.
  if (a.raw === a.value) return noneOf2(a.raw, 34, 62);
  return escapeAttribute(a.value) === a.raw;
}

/** Start and end tag without stray spaces. */
export function tagsStyled(el: XmlElement): boolean {
  return el.startTagTail === '' && el.endTagTail === '';
}

/** The only child of a text-only element: not blank, escaped as libvirt escapes text. */
export function textStyled(t: XmlText): boolean {
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
export function piStyled(pi: XmlProcessingInstruction): boolean {
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
