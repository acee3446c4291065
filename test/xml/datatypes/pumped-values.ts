/**
 * Long values that make a backtracking matcher slow. For each unbounded repeat of a pattern, a value
 * reaches the repeat, gives it what it accepts over and over, and ends with a character that makes the
 * whole match fail, so a backtracking engine tries every way of splitting the repeated part between
 * the repeat and whatever else accepts the same characters. Each representative character repeated
 * alone is added as well, which covers patterns without unbounded repeats.
 */
import { parseXsdRegex, type XsdRegexNode, type XsdRegexRepeat } from '../../../src/xml/datatypes/xsd-regex-syntax.js';

export interface PumpedValue {
  readonly value: string;
  /** What the pumped part was built from, for failure messages. */
  readonly pumped: string;
}

/** Tried in order for each class; the first its member accepts stands for the class. */
const CANDIDATES = ['a', '0', 'A', '_', '.', '-', ' ', '/', ':', ...Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)), 'é', '中', '\t', '😀'];

/** Appended to end the value with a mismatch; the caller keeps the ones that make `rejects` true. */
export const FAILING_ENDINGS = ['!', '\n', '\u0000', ' ', 'a', '0', '~', '\u{10ffff}'];

/**
 * Values of about `length` characters (repeat shorter, the rest longer) for `pattern`, each ending so
 * that `rejects` (a trusted matcher, used on a short version of the same value) says no.
 */
export function pumpedValues(pattern: string, length: number, rejects: (value: string) => boolean): PumpedValue[] {
  const root = parseXsdRegex(pattern);
  const values: PumpedValue[] = [];
  const add = (build: (repeats: number) => string, unit: string, pumped: string): void => {
    if (unit.length === 0) return;
    const ending = FAILING_ENDINGS.find((end) => rejects(build(8) + end));
    if (ending === undefined) return;
    values.push({ value: build(Math.ceil(length / unit.length)) + ending, pumped });
  };
  for (const repeat of unboundedRepeats(root)) {
    const unit = sample(repeat.body, undefined);
    add((repeats) => sample(root, { repeat, repeats }), unit, `${unit} (the repeat ${repeatLabel(repeat)})`);
  }
  for (const char of new Set(representatives(root))) add((repeats) => char.repeat(repeats), char, char);
  return values;
}

interface Pump {
  readonly repeat: XsdRegexRepeat;
  readonly repeats: number;
}

/** A value `node` accepts (best effort: classes by a representative), with `pump.repeat` run `pump.repeats` times. */
function sample(node: XsdRegexNode, pump: Pump | undefined): string {
  switch (node.kind) {
    case 'char': return String.fromCodePoint(node.codePoint);
    case 'class': return representative(node.source) ?? '';
    case 'sequence': return node.items.map((item) => sample(item, pump)).join('');
    case 'choice': {
      const branch = node.branches.find((candidate) => pump !== undefined && contains(candidate, pump.repeat)) ?? node.branches[0]!;
      return sample(branch, pump);
    }
    case 'group': return sample(node.body, pump);
    case 'repeat': {
      // At least one copy where allowed, so the repeated part and what follows it both take part.
      let count = node.max === 0n ? 0 : Math.max(Number(node.min), 1);
      if (node === pump?.repeat) count = Math.max(count, pump.repeats);
      return sample(node.body, pump).repeat(count);
    }
  }
}

function unboundedRepeats(node: XsdRegexNode): XsdRegexRepeat[] {
  const found: XsdRegexRepeat[] = [];
  walk(node, (each) => {
    if (each.kind === 'repeat' && each.max === undefined) found.push(each);
  });
  return found;
}

function representatives(node: XsdRegexNode): string[] {
  const found: string[] = [];
  walk(node, (each) => {
    if (each.kind === 'char') found.push(String.fromCodePoint(each.codePoint));
    if (each.kind === 'class') {
      const char = representative(each.source);
      if (char !== undefined) found.push(char);
    }
  });
  return found;
}

function contains(node: XsdRegexNode, target: XsdRegexNode): boolean {
  let found = false;
  walk(node, (each) => {
    found ||= each === target;
  });
  return found;
}

function walk(node: XsdRegexNode, visit: (node: XsdRegexNode) => void): void {
  visit(node);
  switch (node.kind) {
    case 'sequence': node.items.forEach((item) => walk(item, visit)); break;
    case 'choice': node.branches.forEach((branch) => walk(branch, visit)); break;
    case 'group': case 'repeat': walk(node.body, visit); break;
    default: break;
  }
}

function representative(classSource: string): string | undefined {
  const member = new RegExp(`^(?:${classSource})$`, 'u');
  return CANDIDATES.find((char) => member.test(char));
}

function repeatLabel(repeat: XsdRegexRepeat): string {
  return `${repeat.body.kind}${repeat.written}`;
}
