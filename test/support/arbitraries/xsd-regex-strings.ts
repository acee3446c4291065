/**
 * Strings matching an XSD regular expression, for the subset libvirt's schemas use: literals,
 * escapes (`\.` `\-` `\n` `\s` `\d` `\w` …), `.`, character classes with ranges and negation,
 * groups, alternation, and the quantifiers `? * + {n} {n,} {n,m}`. Class subtraction and
 * `\p{…}` are not supported (they throw, so callers fall back to a catalogue).
 *
 * Characters come from printable ASCII plus a few non-ASCII letters; unbounded repetition is
 * capped a few steps above its minimum so values stay short.
 */
import fc from 'fast-check';

type Node =
  | { readonly kind: 'chars'; readonly pool: readonly string[] }
  | { readonly kind: 'sequence'; readonly items: readonly Node[] }
  | { readonly kind: 'choice'; readonly options: readonly Node[] }
  | { readonly kind: 'repeat'; readonly item: Node; readonly min: number; readonly max: number };

export class UnsupportedRegexError extends Error {
  constructor(pattern: string, reason: string) {
    super(`cannot generate strings for ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'UnsupportedRegexError';
  }
}

/** Unbounded `*`, `+`, `{n,}` repeat at most this many times beyond their minimum. */
const EXTRA_REPEATS = 3;

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
const NON_ASCII = ['é', 'ß', 'Ж', '中'];
/** What `.` and negated classes draw from (XSD's `.` excludes only newline and carriage return). */
const UNIVERSE = [...PRINTABLE, ...NON_ASCII];
const WHITESPACE = [' ', '\t', '\n', '\r'];
const DIGITS = PRINTABLE.filter((c) => c >= '0' && c <= '9');
const WORD = [...UNIVERSE.filter((c) => /[\p{L}\p{N}]/u.test(c))];

export function xsdRegexStrings(pattern: string): fc.Arbitrary<string> {
  return arbitraryFor(new Parser(pattern).parse());
}

function arbitraryFor(node: Node): fc.Arbitrary<string> {
  switch (node.kind) {
    case 'chars':
      return fc.constantFrom(...node.pool);
    case 'sequence':
      if (node.items.length === 0) return fc.constant('');
      return fc.tuple(...node.items.map(arbitraryFor)).map((parts) => parts.join(''));
    case 'choice':
      return fc.oneof(...node.options.map(arbitraryFor));
    case 'repeat':
      return fc.array(arbitraryFor(node.item), { minLength: node.min, maxLength: node.max }).map((parts) => parts.join(''));
  }
}

class Parser {
  private pos = 0;
  private readonly chars: string[];

  constructor(private readonly pattern: string) {
    this.chars = [...pattern];
  }

  parse(): Node {
    const node = this.choice();
    if (this.pos < this.chars.length) this.fail(`unexpected ${this.chars[this.pos]}`);
    return node;
  }

  private choice(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'choice', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.chars.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified());
    return { kind: 'sequence', items };
  }

  private quantified(): Node {
    const item = this.atom();
    const q = this.peek();
    if (q === '?') return this.repeat(item, 0, 1, 1);
    if (q === '*') return this.repeat(item, 0, EXTRA_REPEATS, 1);
    if (q === '+') return this.repeat(item, 1, 1 + EXTRA_REPEATS, 1);
    if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.chars.slice(this.pos).join(''));
      if (m === null) this.fail('bad quantifier');
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? min + EXTRA_REPEATS : Number(m[3]);
      return this.repeat(item, min, max, [...m[0]].length);
    }
    return item;
  }

  private repeat(item: Node, min: number, max: number, length: number): Node {
    this.pos += length;
    return { kind: 'repeat', item, min, max };
  }

  private atom(): Node {
    const c = this.next();
    switch (c) {
      case '(': {
        const inner = this.choice();
        if (this.next() !== ')') this.fail('missing )');
        return inner;
      }
      case '[':
        return { kind: 'chars', pool: this.characterClass() };
      case '.':
        return { kind: 'chars', pool: UNIVERSE };
      case '\\':
        return { kind: 'chars', pool: this.escape() };
      case '^': case '$':
        // Ordinary characters in XSD regular expressions.
        return { kind: 'chars', pool: [c] };
      case '*': case '+': case '?': case '{':
        return this.fail(`quantifier ${c} without an operand`);
      default:
        return { kind: 'chars', pool: [c] };
    }
  }

  private characterClass(): string[] {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const members = new Set<string>();
    let first = true;
    while (this.peek() !== ']' || first) {
      if (this.pos >= this.chars.length) this.fail('missing ]');
      first = false;
      if (this.peek() === '-' && this.chars[this.pos + 1] === '[') this.fail('class subtraction is not supported');
      const start = this.classAtom();
      if (start.length === 1 && this.peek() === '-' && this.chars[this.pos + 1] !== ']') {
        this.pos++;
        const end = this.classAtom();
        if (end.length !== 1) this.fail('range to a multi-character escape');
        const from = start[0]!.codePointAt(0)!;
        const to = end[0]!.codePointAt(0)!;
        for (const u of UNIVERSE) {
          const cp = u.codePointAt(0)!;
          if (cp >= from && cp <= to) members.add(u);
        }
        // Keep a range's ends even when they are outside the universe (e.g. a tab).
        members.add(start[0]!);
        members.add(end[0]!);
      } else {
        for (const m of start) members.add(m);
      }
    }
    this.pos++;
    if (!negated) return [...members];
    const pool = UNIVERSE.filter((u) => !members.has(u));
    if (pool.length === 0) this.fail('negated class excludes every character');
    return pool;
  }

  /** One class member: a character or an escape (which may stand for several). */
  private classAtom(): string[] {
    const c = this.next();
    if (c === '\\') return this.escape();
    return [c];
  }

  private escape(): string[] {
    const c = this.next();
    switch (c) {
      case 'n': return ['\n'];
      case 'r': return ['\r'];
      case 't': return ['\t'];
      case 's': return WHITESPACE;
      case 'S': return UNIVERSE.filter((u) => !WHITESPACE.includes(u));
      case 'd': return DIGITS;
      case 'D': return UNIVERSE.filter((u) => !DIGITS.includes(u));
      case 'w': return WORD;
      case 'W': return UNIVERSE.filter((u) => !WORD.includes(u));
      case 'i': return UNIVERSE.filter((u) => /[\p{L}_:]/u.test(u));
      case 'c': return UNIVERSE.filter((u) => /[\p{L}\p{N}._:-]/u.test(u));
      case 'p': case 'P': case 'I': case 'C':
        return this.fail(`\\${c} is not supported`);
      default:
        return [c];
    }
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private next(): string {
    const c = this.chars[this.pos++];
    if (c === undefined) this.fail('unexpected end');
    return c;
  }

  private fail(reason: string): never {
    throw new UnsupportedRegexError(this.pattern, `${reason} at ${this.pos}`);
  }
}
