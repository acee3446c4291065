const NOT_WHITESPACE = /[^ \t\n\r]/;

/** XML whitespace (S in XML 1.0 §2.3): space, tab, CR, LF. */
export function isXmlWhitespace(s: string): boolean {
  // A regular expression runs at native speed from the first call, unlike a loop in a cold function.
  return !NOT_WHITESPACE.test(s);
}

/** Whether `s` contains any XML whitespace character. */
export function hasXmlWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/** The whitespace-separated tokens of a list value (RELAX NG §6.2.5). */
export function splitTokens(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0x20;
    const ws = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    if (ws) {
      if (start >= 0) out.push(s.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  return out;
}
