/**
 * The syntax of XSD regular expressions (XML Schema Part 2, Appendix F): a parser from pattern text
 * to a tree that both the JavaScript translation and the linear-time automaton are built from.
 *
 * A character class (`[a-z]`, `\p{Lu}`, `.`, `\i`, `[a-z-[aeiou]]`…) is kept as JavaScript source that
 * matches exactly one code point under the `u` flag, so both back ends decide membership the same way.
 * An XSD regex always matches the whole value, `^` and `$` are ordinary characters, `\w` `\d` `\s` have
 * Unicode/XML meanings, `\i` `\c` name XML name characters, and there are no lazy quantifiers,
 * lookarounds or backreferences; JavaScript-only syntax is rejected.
 */

import { DatatypeError } from './types.js';
import { unicodeBlockRanges } from './unicode-blocks.js';
import { NAME_CHAR_RANGES, NAME_START_CHAR_RANGES, type CodePointRanges } from './xml-names.js';

/** A syntax error in an XSD regular expression; `position` counts code points from 0. */
export class XsdRegexError extends DatatypeError {
  constructor(readonly pattern: string, readonly position: number, readonly reason: string) {
    super('bad-regex', `invalid XSD regular expression ${JSON.stringify(pattern)}: ${reason} at position ${position}`);
  }
}

/** A parsed XSD regular expression. */
export type XsdRegexNode =
  | { readonly kind: 'char'; readonly codePoint: number }
  /** `source` is a JavaScript `u`-flag expression that matches exactly one code point. */
  | { readonly kind: 'class'; readonly source: string }
  | { readonly kind: 'sequence'; readonly items: readonly XsdRegexNode[] }
  | { readonly kind: 'choice'; readonly branches: readonly XsdRegexNode[] }
  | { readonly kind: 'group'; readonly body: XsdRegexNode }
  | XsdRegexRepeat;

/** `body` repeated `min` to `max` times (`max` undefined: unbounded); `written` is the quantifier in JavaScript syntax. */
export interface XsdRegexRepeat {
  readonly kind: 'repeat';
  readonly body: XsdRegexNode;
  readonly min: bigint;
  readonly max: bigint | undefined;
  readonly written: string;
}

/** Parses an XSD regular expression; throws XsdRegexError (a DatatypeError with code `bad-regex`). */
export function parseXsdRegex(pattern: string): XsdRegexNode {
  return new XsdRegexParser(pattern).parse();
}

const OPEN_PAREN = 0x28;
const HYPHEN = 0x2d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const MAX_CODE_POINT = 0x10ffff;

/** Characters that a JavaScript `u` regex requires escaped (outside classes; plus `-` inside). */
const JS_SYNTAX_CHARACTERS = new Set(Array.from('^$\\.*+?()[]{}|/', (char) => char.codePointAt(0)!));

/** XSD SingleCharEsc: `\n` `\r` `\t` and escaped metacharacters. */
const SINGLE_CHAR_ESCAPES = new Map<string, number>([
  ['n', 0x0a], ['r', 0x0d], ['t', 0x09],
  ...Array.from('\\|.?*+(){}-[]^', (char): [string, number] => [char, char.codePointAt(0)!]),
]);

/** The general categories XSD 1.0 names in its IsCategory production. */
const CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No',
  'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po', 'Z', 'Zs', 'Zl', 'Zp',
  'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn',
]);

const XML_SPACE_RANGES: CodePointRanges = [[0x09, 0x0a], [0x0d, 0x0d], [0x20, 0x20]];

/**
 * Class contents (what goes between `[` and `]`) for each multi-character escape. `\w` is "everything but
 * punctuation, separators and others", which is exactly the union of the remaining general categories.
 */
const MULTI_CHAR_ESCAPES = new Map<string, string>([
  ['s', rangesToClassItems(XML_SPACE_RANGES)],
  ['S', rangesToClassItems(complementRanges(XML_SPACE_RANGES))],
  ['i', rangesToClassItems(NAME_START_CHAR_RANGES)],
  ['I', rangesToClassItems(complementRanges(NAME_START_CHAR_RANGES))],
  ['c', rangesToClassItems(NAME_CHAR_RANGES)],
  ['C', rangesToClassItems(complementRanges(NAME_CHAR_RANGES))],
  ['d', '\\p{Nd}'],
  ['D', '\\P{Nd}'],
  ['w', '\\p{L}\\p{M}\\p{N}\\p{S}'],
  ['W', '\\p{P}\\p{Z}\\p{C}'],
]);

/** XSD's `.`: any character but line feed and carriage return. */
const WILDCARD = '[^\\n\\r]';

const EMPTY: XsdRegexNode = { kind: 'sequence', items: [] };

/** What a backslash escape stands for: one character (usable as a range end) or a set of characters. */
type Escape = { readonly kind: 'char'; readonly codePoint: number } | { readonly kind: 'set'; readonly classItems: string };

/** Recursive descent over the XSD grammar. */
class XsdRegexParser {
  private readonly chars: readonly number[];
  private position = 0;

  constructor(private readonly pattern: string) {
    this.chars = Array.from(pattern, (char) => char.codePointAt(0)!);
  }

  parse(): XsdRegexNode {
    const node = this.regExp();
    if (this.position < this.chars.length) this.fail('")" has no matching "("');
    return node;
  }

  /** regExp ::= branch ( '|' branch )* */
  private regExp(): XsdRegexNode {
    const branches = [this.branch()];
    while (this.peekIs('|')) {
      this.position++;
      branches.push(this.branch());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'choice', branches };
  }

  /** branch ::= piece* */
  private branch(): XsdRegexNode {
    const items: XsdRegexNode[] = [];
    while (this.position < this.chars.length && !this.peekIs('|') && !this.peekIs(')')) items.push(this.piece());
    if (items.length === 0) return EMPTY;
    return items.length === 1 ? items[0]! : { kind: 'sequence', items };
  }

  /** piece ::= atom quantifier? */
  private piece(): XsdRegexNode {
    const atom = this.atom();
    return this.quantifier(atom);
  }

  private atom(): XsdRegexNode {
    const codePoint = this.chars[this.position]!;
    switch (String.fromCodePoint(codePoint)) {
      case '(': {
        const open = this.position++;
        const body = this.regExp();
        if (!this.peekIs(')')) this.fail('"(" is never closed', open);
        this.position++;
        return { kind: 'group', body };
      }
      case '[':
        return { kind: 'class', source: this.charClassExpression() };
      case '.':
        this.position++;
        return { kind: 'class', source: WILDCARD };
      case '\\': {
        const escape = this.escape();
        return escape.kind === 'char' ? { kind: 'char', codePoint: escape.codePoint } : { kind: 'class', source: `[${escape.classItems}]` };
      }
      case '?': case '*': case '+':
        if (this.chars[this.position - 1] === OPEN_PAREN) this.fail('"(?" groups (lookarounds, non-capturing groups) do not exist in XSD');
        return this.fail(`quantifier "${String.fromCodePoint(codePoint)}" has nothing to repeat`);
      case ']':
        return this.fail('"]" must be escaped outside a character class');
      default:
        // `{` and `}` are ordinary characters where no quantifier can start (XSD 1.0's Char production).
        this.position++;
        return { kind: 'char', codePoint };
    }
  }

  /** quantifier ::= [?*+] | '{' quantity '}' */
  private quantifier(body: XsdRegexNode): XsdRegexNode {
    if (this.peekIs('?')) return this.shorthand(body, 0n, 1n);
    if (this.peekIs('*')) return this.shorthand(body, 0n, undefined);
    if (this.peekIs('+')) return this.shorthand(body, 1n, undefined);
    if (!this.peekIs('{')) return body;
    const open = this.position++;
    const min = this.digits();
    if (min === undefined) this.fail('"{" must start a quantifier such as {2}, {2,} or {2,5}', open);
    let max: bigint | undefined = min;
    if (this.peekIs(',')) {
      this.position++;
      max = this.digits();
    }
    if (!this.peekIs('}')) this.fail('quantifier is not closed with "}"', open);
    this.position++;
    if (max !== undefined && max < min) this.fail(`quantifier {${min},${max}} has its minimum above its maximum`, open);
    const written = max === min ? `{${min}}` : `{${min},${max ?? ''}}`;
    return { kind: 'repeat', body, min, max, written };
  }

  private shorthand(body: XsdRegexNode, min: bigint, max: bigint | undefined): XsdRegexRepeat {
    return { kind: 'repeat', body, min, max, written: String.fromCodePoint(this.chars[this.position++]!) };
  }

  private digits(): bigint | undefined {
    const start = this.position;
    while (this.position < this.chars.length && this.chars[this.position]! >= 0x30 && this.chars[this.position]! <= 0x39) this.position++;
    if (this.position === start) return undefined;
    return BigInt(String.fromCodePoint(...this.chars.slice(start, this.position)));
  }

  /**
   * charClassExpr ::= '[' ( '^'? posCharGroup ( '-' charClassExpr )? ) ']'
   * Subtraction becomes a negative lookahead in front of the base class, which is exact because both
   * sides match exactly one character.
   */
  private charClassExpression(): string {
    const open = this.position++;
    const negated = this.peekIs('^');
    if (negated) this.position++;
    let items = '';
    let isEmpty = true;
    for (;;) {
      if (this.position >= this.chars.length) this.fail('"[" is never closed', open);
      const codePoint = this.chars[this.position]!;
      if (codePoint === CLOSE_BRACKET) {
        if (isEmpty) this.fail('a character class cannot be empty');
        this.position++;
        return `[${negated ? '^' : ''}${items}]`;
      }
      if (codePoint === HYPHEN) {
        const next = this.chars[this.position + 1];
        if (next === OPEN_BRACKET && !isEmpty) {
          this.position++;
          const subtracted = this.charClassExpression();
          if (!this.peekIs(']')) this.fail('a subtraction must be the last thing in a character class');
          this.position++;
          return `(?:(?!${subtracted})[${negated ? '^' : ''}${items}])`;
        }
        if (!isEmpty && next !== CLOSE_BRACKET) {
          this.fail('"-" must be escaped unless it is first or last in a character class');
        }
        this.position++;
        items += literalInClass(HYPHEN);
        isEmpty = false;
        continue;
      }
      if (codePoint === OPEN_BRACKET) this.fail('"[" must be escaped inside a character class');
      isEmpty = false;
      if (codePoint === BACKSLASH) {
        const escape = this.escape();
        if (escape.kind === 'set') {
          items += escape.classItems;
          continue;
        }
        items += this.rangeFrom(escape.codePoint);
        continue;
      }
      this.position++;
      items += this.rangeFrom(codePoint);
    }
  }

  /** A single character, or a range `start-end` when a `-` follows that does not end the class or start a subtraction. */
  private rangeFrom(start: number): string {
    const next = this.chars[this.position + 1];
    if (!this.peekIs('-') || next === undefined || next === CLOSE_BRACKET || next === OPEN_BRACKET) return literalInClass(start);
    const rangeStart = this.position - 1;
    this.position++;
    const end = this.rangeEnd();
    if (end < start) {
      this.fail(`range ${String.fromCodePoint(start)}-${String.fromCodePoint(end)} is out of order`, rangeStart);
    }
    return `${literalInClass(start)}-${literalInClass(end)}`;
  }

  private rangeEnd(): number {
    const codePoint = this.chars[this.position]!;
    if (codePoint === BACKSLASH) {
      const escape = this.escape();
      if (escape.kind === 'set') this.fail('a range cannot end with a multi-character escape', this.position - 2);
      return escape.codePoint;
    }
    if (codePoint === HYPHEN) this.fail('"-" must be escaped as the end of a range');
    this.position++;
    return codePoint;
  }

  /** SingleCharEsc | MultiCharEsc | catEsc | complEsc, starting at the backslash. */
  private escape(): Escape {
    const start = this.position++;
    if (this.position >= this.chars.length) this.fail('"\\" at the end of the expression escapes nothing', start);
    const letter = String.fromCodePoint(this.chars[this.position++]!);
    const single = SINGLE_CHAR_ESCAPES.get(letter);
    if (single !== undefined) return { kind: 'char', codePoint: single };
    const multi = MULTI_CHAR_ESCAPES.get(letter);
    if (multi !== undefined) return { kind: 'set', classItems: multi };
    if (letter === 'p' || letter === 'P') return { kind: 'set', classItems: this.propertyEscape(letter === 'P', start) };
    return this.fail(`"\\${letter}" is not an escape XSD regular expressions know`, start);
  }

  /** `\p{Lu}`, `\P{IsBasicLatin}` and the like, after the letter. */
  private propertyEscape(complement: boolean, start: number): string {
    if (!this.peekIs('{')) this.fail('"\\p" and "\\P" must be followed by a property in braces, as in \\p{Lu}', start);
    const nameStart = ++this.position;
    while (this.position < this.chars.length && !this.peekIs('}')) this.position++;
    if (this.position >= this.chars.length) this.fail('property escape is not closed with "}"', start);
    const name = String.fromCodePoint(...this.chars.slice(nameStart, this.position));
    this.position++;
    if (name.startsWith('Is')) {
      const ranges = unicodeBlockRanges(name.slice(2));
      if (ranges === undefined) this.fail(`"${name}" is not a Unicode block name XSD knows (for example IsBasicLatin)`, start);
      return rangesToClassItems(complement ? complementRanges(ranges) : ranges);
    }
    if (!CATEGORIES.has(name)) this.fail(`"${name}" is not a Unicode general category (for example Lu or Nd)`, start);
    return `\\${complement ? 'P' : 'p'}{${name}}`;
  }

  private peekIs(char: string): boolean {
    return this.chars[this.position] === char.codePointAt(0);
  }

  private fail(reason: string, position = this.position): never {
    throw new XsdRegexError(this.pattern, position, reason);
  }
}

function isAsciiAlphanumeric(codePoint: number): boolean {
  return (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a);
}

function isPrintableAscii(codePoint: number): boolean {
  return codePoint >= 0x20 && codePoint < 0x7f;
}

function codePointEscape(codePoint: number): string {
  return `\\u{${codePoint.toString(16).toUpperCase()}}`;
}

/** A character as JavaScript `u`-flag source outside a class. */
export function literalOutsideClass(codePoint: number): string {
  if (JS_SYNTAX_CHARACTERS.has(codePoint)) return `\\${String.fromCodePoint(codePoint)}`;
  return isPrintableAscii(codePoint) ? String.fromCodePoint(codePoint) : codePointEscape(codePoint);
}

function literalInClass(codePoint: number): string {
  if (isAsciiAlphanumeric(codePoint)) return String.fromCodePoint(codePoint);
  if (JS_SYNTAX_CHARACTERS.has(codePoint) || codePoint === HYPHEN) return `\\${String.fromCodePoint(codePoint)}`;
  return isPrintableAscii(codePoint) && codePoint !== CARET ? String.fromCodePoint(codePoint) : codePointEscape(codePoint);
}

function rangesToClassItems(ranges: CodePointRanges): string {
  return ranges.map(([first, last]) => (first === last ? literalInClass(first) : `${literalInClass(first)}-${literalInClass(last)}`)).join('');
}

/** The code points not in `ranges` (which must be sorted and disjoint). */
function complementRanges(ranges: CodePointRanges): CodePointRanges {
  const complement: [number, number][] = [];
  let next = 0;
  for (const [first, last] of ranges) {
    if (first > next) complement.push([next, first - 1]);
    next = last + 1;
  }
  if (next <= MAX_CODE_POINT) complement.push([next, MAX_CODE_POINT]);
  return complement;
}
