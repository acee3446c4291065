/**
 * How text taken from a document is shown in a message: names and values cut to a length, and
 * characters that would break or hide a line escaped, so that one diagnostic is one visible line
 * of bounded length whatever the document holds.
 */

/** Values, text and names from a document are shown with at most this many characters. */
export const MAX_SHOWN = 60;

/**
 * A value or text as shown in a message: in double quotes, cut after `keep` code points (57 by
 * default) when longer than {@link MAX_SHOWN}, with control characters and characters that break
 * or hide a line escaped as `\uXXXX` (U+0085, U+2028 and U+2029 end lines in some terminals and
 * editors; U+200B–U+200F, bidirectional controls and U+FEFF are invisible).
 */
export function quoteValue(s: string, keep = MAX_SHOWN - 3): string {
  const shown = longerThan(s, MAX_SHOWN) ? `${codePointPrefix(s, keep)}…` : s;
  return JSON.stringify(shown).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What JSON.stringify leaves as it is but a message must not show raw (see {@link quoteValue}). */
const INVISIBLE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/**
 * Characters that end, rewrite or hide a line on a terminal: C0 controls (ESC starts the
 * sequences that move the cursor and recolour), DEL, C1 controls, the Unicode line and paragraph
 * separators, and the invisible and bidirectional characters of {@link quoteValue}.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from outside (a file name, a message quoting one) as one line of human-readable output:
 * the characters of {@link CONTROL} escaped as `\n`, `\r`, `\t`, `\x1b` (C0 and DEL) or `\u2028`
 * (the rest), everything else as it is. A file named `a\nb.xml` then cannot print a line of its
 * own, nor an escape sequence recolour or erase what comes before it. A backslash is left as it is.
 * With `keepTabs`, a tab stays a tab (a code frame copies them to keep its caret aligned).
 */
export function escapeControls(s: string, keepTabs = false): string {
  if (!CONTROL.test(s)) return s;
  return s.replace(CONTROLS, (c) => {
    if (keepTabs && c === '\t') return c;
    const code = c.charCodeAt(0);
    return SHORT_ESCAPES[c] ?? (code <= 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** A name as shown in a message: whole up to {@link MAX_SHOWN} characters, else cut with `…`. */
export function shortName(name: string): string {
  return longerThan(name, MAX_SHOWN) ? `${codePointPrefix(name, MAX_SHOWN - 1)}…` : name;
}

/** `s` without the XML whitespace (space, tab, CR, LF) at either end; JavaScript's trim removes more. */
export function trimXmlSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isXmlSpace(s.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Whether `s` has more than `n` code points (without counting past `n + 1`). */
function longerThan(s: string, n: number): boolean {
  if (s.length <= n) return false;
  return codePointPrefix(s, n).length < s.length;
}

/** The first `n` code points of `s` (a surrogate pair is never cut in two). */
function codePointPrefix(s: string, n: number): string {
  let end = 0;
  for (let count = 0; count < n && end < s.length; count++) {
    const c = s.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && end + 1 < s.length ? 2 : 1;
  }
  return s.slice(0, end);
}
