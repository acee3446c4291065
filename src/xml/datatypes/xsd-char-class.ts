/**
 * Membership of one code point in an XSD character class, for the linear-time matcher.
 *
 * The class is decided by the same JavaScript source the translated RegExp contains, so both matchers
 * agree on every character (Unicode categories, blocks, subtraction). Latin-1 answers are remembered;
 * others are asked of the RegExp each time, which keeps memory bounded whatever the input.
 */

const UNKNOWN = 0;
const OUTSIDE = 1;
const INSIDE = 2;
const REMEMBERED = 0x100;

export class CharClass {
  private readonly regex: RegExp;
  private readonly latin1 = new Uint8Array(REMEMBERED);

  constructor(readonly source: string) {
    this.regex = new RegExp(`^(?:${source})$`, 'u');
  }

  has(codePoint: number): boolean {
    if (codePoint >= REMEMBERED) return this.regex.test(String.fromCodePoint(codePoint));
    const known = this.latin1[codePoint]!;
    if (known !== UNKNOWN) return known === INSIDE;
    const inside = this.regex.test(String.fromCodePoint(codePoint));
    this.latin1[codePoint] = inside ? INSIDE : OUTSIDE;
    return inside;
  }
}

const classes = new Map<string, CharClass>();

/** The shared class for a source; classes such as `.` and `[0-9a-fA-F]` recur across patterns. */
export function charClass(source: string): CharClass {
  let found = classes.get(source);
  if (found === undefined) {
    found = new CharClass(source);
    classes.set(source, found);
  }
  return found;
}
