/**
 * The derivatives of {@link validateTree} over a reader's event log, with no tree: the fast path
 * for documents that turn out valid. It takes exactly the steps the tree walk takes when nothing
 * fails, and stops at the first step that fails; the caller then validates the document again
 * with the tree walk, which owns every diagnostic and its recovery. So a valid document costs
 * one pass without a tree, and an invalid one gets the same diagnostics as ever.
 */
import { END_ELEMENT, START_ELEMENT, type XmlEventLog } from '../dom/events.js';
import { XMLNS_NAMESPACE } from '../dom/namespaces.js';
import type { Pattern } from '../grammar/pattern.js';
import { nameKey, type DerivContext } from './context.js';
import { attributeDeriv } from './deriv-attribute.js';
import { endTagDeriv, splitAfter } from './deriv-end-tag.js';
import { startTagCloseDeriv } from './deriv-start-tag-close.js';
import { startTagOpenDeriv } from './deriv-start-tag.js';
import { textDeriv } from './deriv-text.js';
import { isXmlWhitespace } from './whitespace.js';

/** The grammar to validate a document against, chosen once its root element is known. */
export interface StreamGrammar {
  readonly cx: DerivContext;
  readonly start: Pattern;
}

/** One open element; frames are reused by depth. */
class OpenElement {
  /** The content state (see the Frame of validate-tree.ts). */
  pattern: Pattern;
  /** The parent's state once this element ends, when kept apart from `pattern`. */
  next: Pattern | undefined = undefined;
  sawElement = false;
  runText = '';

  constructor(none: Pattern) {
    this.pattern = none;
  }
}

/**
 * Whether the logged document is valid; false also when it cannot be told without the tree walk.
 * `grammarFor` picks the grammar from the root's name (undefined: leave it to the tree walk).
 */
export function validateEvents(log: XmlEventLog, grammarFor: (ns: string, local: string) => StreamGrammar | undefined): boolean {
  return new StreamValidation(grammarFor).run(log);
}

class StreamValidation {
  private cx: DerivContext | undefined;
  private readonly open: OpenElement[] = [];
  private depth = 0;

  constructor(private readonly grammarFor: (ns: string, local: string) => StreamGrammar | undefined) {}

  run(log: XmlEventLog): boolean {
    try {
      return this.walk(log);
    } finally {
      this.cx?.endDocument();
    }
  }

  private walk(log: XmlEventLog): boolean {
    const codes = log.codes;
    const strings = log.strings;
    const codeCount = log.codeCount;
    let s = 0;
    for (let i = 0; i < codeCount; i++) {
      const code = codes[i]!;
      if (code === START_ELEMENT) {
        const count = codes[++i]!;
        if (!this.startElement(strings, s, count)) return false;
        s += 2 + 3 * count;
      } else if (code === END_ELEMENT) {
        if (!this.endElement()) return false;
      } else {
        this.text(strings[s++]!);
      }
    }
    return true;
  }

  /** A start tag whose strings begin at `s`: ns, local, then ns, local, value per attribute. */
  private startElement(strings: readonly string[], s: number, count: number): boolean {
    const ns = strings[s]!;
    const local = strings[s + 1]!;
    let cx = this.cx;
    let pattern: Pattern;
    if (this.depth === 0) {
      const grammar = this.grammarFor(ns, local);
      if (grammar === undefined) return false;
      cx = this.cx = grammar.cx;
      cx.beginDocument();
      pattern = grammar.start;
    } else {
      const parent = this.open[this.depth - 1]!;
      parent.sawElement = true;
      if (!this.flushText(cx!, parent)) return false;
      pattern = parent.pattern;
    }
    const d = startTagOpenDeriv(cx!, pattern, ns, local, nameKey(ns, local));
    if (d.kind === 'notAllowed') return false;
    const split = splitAfter(cx!, d);
    let content = split.content;
    for (let k = s + 2, end = s + 2 + 3 * count; k < end; k += 3) {
      const attrNs = strings[k]!;
      if (attrNs === XMLNS_NAMESPACE) continue;
      const attrLocal = strings[k + 1]!;
      content = attributeDeriv(cx!, content, attrNs, attrLocal, nameKey(attrNs, attrLocal), strings[k + 2]!);
      if (content.kind === 'notAllowed') return false;
    }
    const closed = startTagCloseDeriv(cx!, content);
    if (closed.kind === 'notAllowed') return false;
    const frame = this.frameAt(this.depth++, cx!);
    frame.pattern = closed;
    frame.next = split.next;
    frame.sawElement = false;
    frame.runText = '';
    return true;
  }

  private text(value: string): void {
    const frame = this.open[this.depth - 1]!;
    frame.runText += value;
  }

  private endElement(): boolean {
    const cx = this.cx!;
    const frame = this.open[--this.depth]!;
    if (!this.flushText(cx, frame)) return false;
    const content = frame.pattern;
    let after: Pattern;
    if (frame.next !== undefined) {
      if (!content.nullable) return false;
      after = frame.next;
    } else {
      after = endTagDeriv(cx, content);
      if (after.kind === 'notAllowed') return false;
    }
    if (this.depth > 0) this.open[this.depth - 1]!.pattern = after;
    return true;
  }

  /** As the tree walk's flushText; false when the text is not accepted. */
  private flushText(cx: DerivContext, frame: OpenElement): boolean {
    const text = frame.runText;
    frame.runText = '';
    const p = frame.pattern;
    if (isXmlWhitespace(text)) {
      if (frame.sawElement) return true;
      frame.pattern = cx.builder.choice(p, textDeriv(cx, p, text));
      return true;
    }
    const d = textDeriv(cx, p, text);
    if (d.kind === 'notAllowed') return false;
    frame.pattern = d;
    return true;
  }

  private frameAt(depth: number, cx: DerivContext): OpenElement {
    let frame = this.open[depth];
    if (frame === undefined) {
      frame = new OpenElement(cx.builder.notAllowed);
      this.open.push(frame);
    }
    return frame;
  }
}
