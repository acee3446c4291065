/**
 * Glob patterns of the configuration's `ignore` and `overrides`, matched against paths relative
 * to the configuration's folder, with `/` separators.
 *
 * `*` and `?` stay inside one path segment, `**` spans any number of them, `{a,b}` chooses and
 * `[abc]` is a class. As in `.gitignore`, a pattern without a `/` matches a name at any depth
 * (`*.dump.xml`), and a pattern that names a folder covers everything under it.
 */
const cache = new Map<string, RegExp>();

export function globMatches(pattern: string, path: string): boolean {
  let re = cache.get(pattern);
  if (re === undefined) {
    re = globToRegExp(pattern);
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(path);
}

export function globToRegExp(pattern: string): RegExp {
  let p = pattern.replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  const anchored = p.slice(0, -1).includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  if (p.endsWith('/')) p = p.slice(0, -1);
  let out = '';
  let braces = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        const atEnd = i + 2 === p.length || p[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` is any number of folders, including none.
          out += i + 2 === p.length ? '.*' : '(?:.*/)?';
          i += 2;
          continue;
        }
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        const body = p.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return new RegExp(`${prefix}${out}(?:/.*)?$`);
}
