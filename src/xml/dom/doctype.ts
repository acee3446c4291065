import {
  AMP,
  CR,
  DQUOTE,
  GT,
  HASH,
  LBRACKET,
  LF,
  PERCENT,
  RBRACKET,
  SEMICOLON,
  SQUOTE,
  describeChar,
  isWhitespace,
  scanName,
} from './chars.js';
import { entityRefEnd, readCharRef, type EntityDeclaration } from './entities.js';
import { checkChars, commentEnd, piBounds } from './markup.js';
import type { ErrorReporter } from './report.js';

/**
 * Reads a DOCTYPE declaration (XML 1.0 §2.8). The declaration is kept raw by the tree; the only
 * thing taken from it is the general entities of the internal subset. Nothing external is ever
 * read: SYSTEM and PUBLIC identifiers are only recorded. Parameter-entity references between
 * declarations are skipped, not expanded, and other declarations (ELEMENT, ATTLIST, NOTATION)
 * are checked for balanced quotes and skipped.
 */
export function readDoctype(
  text: string,
  start: number,
  entities: Map<string, EntityDeclaration>,
  report: ErrorReporter,
): number {
  const reader = new DoctypeReader(text, start + '<!DOCTYPE'.length, entities, report);
  reader.declaration(start);
  checkChars(text, start, reader.pos, report);
  return reader.pos;
}

class DoctypeReader {
  constructor(
    private readonly text: string,
    public pos: number,
    private readonly entities: Map<string, EntityDeclaration>,
    private readonly report: ErrorReporter,
  ) {}

  declaration(start: number): void {
    this.requireWhitespace('after <!DOCTYPE');
    this.name('the root element name');
    const spaced = this.skipWhitespace();
    if (spaced && this.startsKeyword()) {
      this.externalId();
      this.skipWhitespace();
    }
    if (this.text.charCodeAt(this.pos) === LBRACKET) {
      this.pos++;
      this.internalSubset(start);
      this.skipWhitespace();
    }
    const c = this.text.charCodeAt(this.pos);
    if (c !== GT) {
      if (this.pos >= this.text.length) this.eof(start, 'DOCTYPE');
      this.report.fail('invalid-doctype', this.pos, `expected '>' to close the DOCTYPE, found ${describeChar(this.text, this.pos)}`);
    }
    this.pos++;
  }

  private internalSubset(doctypeStart: number): void {
    const text = this.text;
    for (;;) {
      this.skipWhitespace();
      const pos = this.pos;
      const c = text.charCodeAt(pos);
      if (c === RBRACKET) {
        this.pos++;
        return;
      }
      if (c === PERCENT) {
        // A parameter-entity reference between declarations: skipped, never expanded.
        this.pos++;
        this.name('a parameter-entity name');
        this.expect(SEMICOLON, "';' to end the parameter-entity reference");
      } else if (text.startsWith('<!--', pos)) {
        this.pos = commentEnd(text, pos, this.report);
      } else if (text.startsWith('<?', pos)) {
        this.pos = piBounds(text, pos, this.report).end;
      } else if (text.startsWith('<!ENTITY', pos)) {
        this.entityDeclaration(pos);
      } else if (text.startsWith('<!ELEMENT', pos) || text.startsWith('<!ATTLIST', pos) || text.startsWith('<!NOTATION', pos)) {
        this.skipDeclaration(pos);
      } else if (pos >= text.length) {
        this.eof(doctypeStart, 'DOCTYPE internal subset');
      } else {
        this.report.fail(
          'invalid-doctype',
          pos,
          `expected a declaration (<!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION), a comment, a PI or ']' in the internal subset, found ${describeChar(text, pos)}`,
        );
      }
    }
  }

  /** `<!ENTITY [%] name (literal | ExternalID [NDATA name]) >` */
  private entityDeclaration(start: number): void {
    this.pos = start + '<!ENTITY'.length;
    this.requireWhitespace('after <!ENTITY');
    let parameter = false;
    if (this.text.charCodeAt(this.pos) === PERCENT) {
      parameter = true;
      this.pos++;
      this.requireWhitespace("after '%' in <!ENTITY %");
    }
    const name = this.name('an entity name');
    this.requireWhitespace(`after the entity name ${name}`);
    let replacement = '';
    let systemId: string | undefined;
    const c = this.text.charCodeAt(this.pos);
    if (c === DQUOTE || c === SQUOTE) {
      replacement = this.entityValue();
    } else if (this.startsKeyword()) {
      systemId = this.externalId();
      const spaced = this.skipWhitespace();
      if (spaced && this.text.startsWith('NDATA', this.pos)) {
        if (parameter) this.report.fail('invalid-doctype', this.pos, 'parameter entities cannot have NDATA');
        this.pos += 5;
        this.requireWhitespace('after NDATA');
        this.name('a notation name');
      }
    } else {
      this.report.fail('invalid-doctype', this.pos, `entity ${name} needs a quoted value or a SYSTEM/PUBLIC identifier`);
    }
    this.skipWhitespace();
    this.expect(GT, `'>' to close the declaration of entity ${name}`);
    // The first declaration of an entity is binding (XML 1.0 §4.2).
    if (!parameter && !this.entities.has(name)) {
      this.entities.set(name, { name, replacement, systemId, offset: start });
    }
  }

  /**
   * The replacement text of an entity literal: character references are expanded now, general
   * entity references are kept for expansion at use (XML 1.0 §4.5).
   */
  private entityValue(): string {
    const text = this.text;
    const open = this.pos;
    const close = this.closingQuote(open);
    let out = '';
    let runStart = open + 1;
    for (let i = open + 1; i < close; i++) {
      const c = text.charCodeAt(i);
      if (c === PERCENT) {
        this.report.fail(
          'invalid-doctype',
          i,
          "parameter-entity references are not allowed inside declarations in the internal subset; write &#37; for a literal '%'",
        );
      } else if (c === AMP) {
        if (text.charCodeAt(i + 1) === HASH) {
          const ref = readCharRef(text, i, close, this.report, i);
          out += text.slice(runStart, i) + ref.text;
          runStart = ref.end;
        } else {
          const end = entityRefEnd(text, i, close, this.report, i);
          out += text.slice(runStart, end);
          runStart = end;
        }
        i = runStart - 1;
      } else if (c === CR) {
        out += text.slice(runStart, i) + '\n';
        if (text.charCodeAt(i + 1) === LF) i++;
        runStart = i + 1;
      }
    }
    this.pos = close + 1;
    return out + text.slice(runStart, close);
  }

  /** `SYSTEM "uri"` or `PUBLIC "pubid" "uri"`; returns the system identifier. */
  private externalId(): string {
    const text = this.text;
    const isPublic = text.startsWith('PUBLIC', this.pos);
    this.pos += 6;
    this.requireWhitespace(isPublic ? 'after PUBLIC' : 'after SYSTEM');
    if (isPublic) {
      const open = this.pos;
      const close = this.closingQuote(open);
      for (let i = open + 1; i < close; i++) {
        if (!isPubidChar(text.charCodeAt(i))) {
          this.report.fail('invalid-doctype', i, `${describeChar(text, i)} is not allowed in a public identifier`);
        }
      }
      this.pos = close + 1;
      this.requireWhitespace('between the public and the system identifier');
    }
    const open = this.pos;
    const close = this.closingQuote(open);
    this.pos = close + 1;
    return text.slice(open + 1, close);
  }

  /** ELEMENT, ATTLIST and NOTATION declarations: skipped up to their `>`, quotes respected. */
  private skipDeclaration(start: number): void {
    const text = this.text;
    let i = start + 2;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === GT) break;
      if (c === DQUOTE || c === SQUOTE) i = this.closingQuote(i);
      else if (i >= text.length) this.eof(start, 'declaration');
      i++;
    }
    this.pos = i + 1;
  }

  private closingQuote(open: number): number {
    const quote = this.text.charCodeAt(open);
    if (quote !== DQUOTE && quote !== SQUOTE) {
      this.report.fail('invalid-doctype', open, `expected a quoted literal, found ${describeChar(this.text, open)}`);
    }
    const close = this.text.indexOf(quote === DQUOTE ? '"' : "'", open + 1);
    if (close < 0) this.report.fail('unexpected-eof', open, `literal opened at ${this.report.where(open)} is never closed`);
    return close;
  }

  private startsKeyword(): boolean {
    return this.text.startsWith('SYSTEM', this.pos) || this.text.startsWith('PUBLIC', this.pos);
  }

  private name(what: string): string {
    const start = this.pos;
    const end = scanName(this.text, start);
    if (end === start) {
      if (start >= this.text.length) this.report.fail('unexpected-eof', start, `input ends where ${what} was expected`);
      this.report.fail('invalid-name', start, `expected ${what}, found ${describeChar(this.text, start)}`);
    }
    this.pos = end;
    return this.text.slice(start, end);
  }

  private expect(code: number, what: string): void {
    if (this.text.charCodeAt(this.pos) !== code) {
      if (this.pos >= this.text.length) this.report.fail('unexpected-eof', this.pos, `input ends where ${what} was expected`);
      this.report.fail('invalid-doctype', this.pos, `expected ${what}, found ${describeChar(this.text, this.pos)}`);
    }
    this.pos++;
  }

  private skipWhitespace(): boolean {
    const start = this.pos;
    while (isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
    return this.pos > start;
  }

  private requireWhitespace(where: string): void {
    if (!this.skipWhitespace()) {
      if (this.pos >= this.text.length) this.report.fail('unexpected-eof', this.pos, `input ends ${where}`);
      this.report.fail('invalid-doctype', this.pos, `whitespace is required ${where}`);
    }
  }

  private eof(start: number, what: string): never {
    this.report.fail('unexpected-eof', start, `${what} opened at ${this.report.where(start)} is never closed`);
  }
}

/** PubidChar (XML 1.0 §2.3). */
function isPubidChar(c: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  return c === 0x20 || c === CR || c === LF || "-'()+,./:=?;!*#@$_%".includes(String.fromCharCode(c));
}
