import { AMP, CR, HASH, LF, LT, SEMICOLON, TAB, isXmlCodePoint, scanName } from './chars.js';
import type { EntityLimits } from './options.js';
import type { ErrorReporter } from './report.js';

/** A general entity declared in the DOCTYPE's internal subset. */
export interface EntityDeclaration {
  readonly name: string;
  /**
   * Replacement text: the literal with character references expanded and line ends normalised;
   * references to other general entities are kept and expanded when the entity is used.
   */
  readonly replacement: string;
  /** Where the entity's content lives (SYSTEM/PUBLIC), if it is external; it is never fetched. */
  readonly systemId: string | undefined;
  /** Offset of `<!ENTITY`. */
  readonly offset: number;
}

const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['apos', "'"],
  ['quot', '"'],
]);

/** The value of a character reference and the offset just after its `;`. */
export interface CharRef {
  readonly text: string;
  readonly end: number;
}

/**
 * Reads the character reference whose `&` is at `amp` (text[amp + 1] is `#`). Errors are reported
 * at `reportAt` so references inside entity text point at the place the entity was used.
 */
export function readCharRef(
  text: string,
  amp: number,
  limit: number,
  report: ErrorReporter,
  reportAt: number,
): CharRef {
  let i = amp + 2;
  let cp = 0;
  let digits = 0;
  const hex = text.charCodeAt(i) === 120; // 'x'; XML does not allow 'X'
  if (hex) i++;
  for (; i < limit; i++, digits++) {
    const c = text.charCodeAt(i);
    let digit: number;
    if (c >= 48 && c <= 57) digit = c - 48;
    else if (hex && c >= 97 && c <= 102) digit = c - 87;
    else if (hex && c >= 65 && c <= 70) digit = c - 55;
    else break;
    // Saturate above the Unicode range so long digit strings cannot wrap around.
    cp = Math.min(cp * (hex ? 16 : 10) + digit, 0x110000);
  }
  if (digits === 0 || i >= limit || text.charCodeAt(i) !== SEMICOLON) {
    report.fail(
      'invalid-char-ref',
      reportAt,
      hex
        ? 'a hexadecimal character reference must look like &#x1F600; (lowercase x, hex digits, then ;)'
        : 'a character reference must look like &#38; or &#x26; (digits, then ;)',
    );
  }
  if (!isXmlCodePoint(cp)) {
    const shown = cp >= 0x110000 ? 'a value beyond U+10FFFF' : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    report.fail(
      'invalid-char-ref',
      reportAt,
      `character reference ${text.slice(amp, i + 1)} refers to ${shown}, which XML does not allow`,
    );
  }
  return { text: String.fromCodePoint(cp), end: i + 1 };
}

/** Offset just after the `;` of a well-formed `&name;` at `amp`, reporting a malformed one. */
export function entityRefEnd(
  text: string,
  amp: number,
  limit: number,
  report: ErrorReporter,
  reportAt: number,
): number {
  const nameEnd = scanName(text, amp + 1);
  if (nameEnd === amp + 1) {
    report.fail(
      'malformed-reference',
      reportAt,
      "'&' must start a reference such as &amp; or &#38;; write &amp; for a literal '&'",
    );
  }
  if (nameEnd >= limit || text.charCodeAt(nameEnd) !== SEMICOLON) {
    report.fail(
      'malformed-reference',
      reportAt,
      `entity reference ${text.slice(amp, Math.min(nameEnd, limit))} must end with ';'`,
    );
  }
  return nameEnd + 1;
}

/**
 * Decodes character data and attribute values: expands character references, predefined and
 * internal entities, normalises line ends (and, in attributes, whitespace per XML 1.0 §3.3.3).
 * Entity expansion is bounded in total size and depth for the whole document.
 */
export class ReferenceDecoder {
  private expanded = 0;
  /** Entities being expanded, outermost first; used to detect recursion. */
  private readonly expanding: string[] = [];

  constructor(
    private readonly source: string,
    private readonly entities: ReadonlyMap<string, EntityDeclaration>,
    private readonly limits: EntityLimits,
    private readonly report: ErrorReporter,
  ) {}

  /** Character data in [start, end) of the source. */
  text(start: number, end: number): string {
    return this.decode(this.source, start, end, false, -1, 0);
  }

  /** An attribute value in [start, end) of the source (the text between the quotes). */
  attribute(start: number, end: number): string {
    return this.decode(this.source, start, end, true, -1, 0);
  }

  /**
   * `origin` is -1 while decoding the source itself; inside replacement text it is the source
   * offset of the outermost reference, where errors are reported.
   */
  private decode(text: string, start: number, end: number, inAttribute: boolean, origin: number, depth: number): string {
    const inSource = origin < 0;
    let out = '';
    let runStart = start;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === AMP) {
        out += text.slice(runStart, i);
        const at = inSource ? i : origin;
        if (text.charCodeAt(i + 1) === HASH) {
          const ref = readCharRef(text, i, end, this.report, at);
          out += ref.text;
          runStart = ref.end;
        } else {
          const refEnd = entityRefEnd(text, i, end, this.report, at);
          out += this.expand(text.slice(i + 1, refEnd - 1), inAttribute, at, depth);
          runStart = refEnd;
        }
        i = runStart - 1;
      } else if (c === CR && inSource) {
        // CRLF and lone CR become LF (XML 1.0 §2.11); in attributes that LF then becomes a space.
        out += text.slice(runStart, i) + (inAttribute ? ' ' : '\n');
        if (text.charCodeAt(i + 1) === LF) i++;
        runStart = i + 1;
      } else if (inAttribute && (c === LF || c === TAB || c === CR)) {
        out += text.slice(runStart, i) + ' ';
        runStart = i + 1;
      } else if (c === LT && !inSource) {
        const chain = this.chain();
        if (inAttribute) {
          this.report.fail('lt-in-attribute', origin, `'<' is not allowed in attribute values; it comes from ${chain}`);
        }
        this.report.fail(
          'unsupported-entity-markup',
          origin,
          `${chain} contains markup; only entities whose replacement text is character data are supported`,
        );
      }
    }
    return runStart === start ? text.slice(start, end) : out + text.slice(runStart, end);
  }

  private expand(name: string, inAttribute: boolean, at: number, depth: number): string {
    const predefined = PREDEFINED.get(name);
    if (predefined !== undefined) return predefined;
    const declaration = this.entities.get(name);
    if (declaration === undefined) {
      this.report.fail(
        'undefined-entity',
        at,
        `entity &${name}; is not declared${this.within()}; only &lt; &gt; &amp; &quot; &apos; and entities declared in the DOCTYPE's internal subset can be used`,
      );
    }
    if (declaration.systemId !== undefined) {
      this.report.fail(
        'external-entity',
        at,
        `entity &${name}; refers to the external resource "${declaration.systemId}", which is never loaded`,
      );
    }
    if (this.expanding.includes(name)) {
      this.report.fail('recursive-entity', at, `entity &${name}; refers to itself: ${this.chain()} → &${name};`);
    }
    if (depth >= this.limits.maxDepth) {
      this.report.fail(
        'entity-expansion-limit',
        at,
        `entity references nest deeper than ${this.limits.maxDepth} levels (${this.chain()} → &${name};)`,
      );
    }
    this.expanded += declaration.replacement.length;
    if (this.expanded > this.limits.maxExpansion) {
      this.report.fail(
        'entity-expansion-limit',
        at,
        `entity expansion exceeds ${this.limits.maxExpansion} characters in this document (while expanding &${name};)`,
      );
    }
    this.expanding.push(name);
    const value = this.decode(declaration.replacement, 0, declaration.replacement.length, inAttribute, at, depth + 1);
    this.expanding.pop();
    return value;
  }

  private chain(): string {
    return this.expanding.map((name) => `&${name};`).join(' → ');
  }

  private within(): string {
    return this.expanding.length === 0 ? '' : ` (used in ${this.chain()})`;
  }
}
