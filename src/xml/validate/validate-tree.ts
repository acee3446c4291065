/**
 * Runs the derivatives over a parsed document and turns failures into diagnostics.
 *
 * The tree is walked with an explicit stack, so document depth never becomes call depth. Each
 * open element keeps its own content state; when the start-tag derivative is a single
 * `after(content, next)` (almost always), the parent's `next` state is kept beside it rather
 * than inside it, so derivatives within the element depend on the element's content only and
 * memo hits carry over between documents.
 *
 * After an error the walk recovers so that one mistake gives one message: an unexpected element
 * is skipped with its subtree (standing in for the element it most likely replaces, if any), a
 * bad value is taken as valid, missing attributes or content are reported once and then treated
 * as present, and only the first conflict between a start tag's attributes is reported.
 */
import type { Pattern } from '../grammar/pattern.js';
import type { XmlAttribute, XmlCData, XmlDocument, XmlElement, XmlText } from '../dom/types.js';
import { nameKey, type DerivContext } from './context.js';
import { attributeBranches, attributeDeriv, attributeNameDeriv } from './deriv-attribute.js';
import { endTagDeriv, endTagRecoverDeriv, splitAfter } from './deriv-end-tag.js';
import { startTagCloseDeriv, startTagCloseRecoverDeriv } from './deriv-start-tag-close.js';
import { startTagOpenDeriv, startTagOpenRecoverDeriv } from './deriv-start-tag.js';
import { textDeriv, textRecoverDeriv } from './deriv-text.js';
import {
  possibleAttributeNames,
  possibleStartTagNames,
  possibleValues,
  requiredBefore,
  requiredItems,
  type ExpectedNames,
  type ExpectedValues,
  type QualifiedName,
  type RequiredItem,
} from './expected.js';
import { quoteValue, shortenPatterns, shortName, trimXmlSpace, type Expectation, type Place } from './messages.js';
import { describeDatatype, explainViolation, patternsOf, type UnitAdvice } from './plain-words.js';
import { attributePlace, elementPlace, placementOf, type Placement } from './placement.js';
import { displayAttributeName, displayElementName, isNamespaceDeclaration } from './names.js';
import { attributePath, childPath, elementPath, SiblingIndexes, textPath, type ElementScope } from './path.js';
import { Reporter } from './reporter.js';
import type { Diagnostic } from './diagnostic.js';
import { XMLNS_NAMESPACE } from '../dom/namespaces.js';
import { suggest } from './suggest.js';
import { isXmlWhitespace } from './whitespace.js';

/** One open element. Frames are reused by depth, so a walk allocates only as many as it nests. */
interface Frame extends ElementScope {
  element: XmlElement;
  parent: Frame | undefined;
  indexInParent: number;
  readonly depth: number;
  /** The element's content state (before the start tag closes: its attribute state). */
  pattern: Pattern;
  /** The parent's state once this element ends, when kept apart from `pattern` (see above). */
  next: Pattern | undefined;
  /** Index of the next child to visit. */
  child: number;
  /** Whether a child element has been seen: whitespace then counts for nothing (weak match). */
  sawElement: boolean;
  /** Set when an attribute error was recovered from by guessing: only definite omissions are then reported. */
  uncertain: boolean;
  /** Character data seen since the last child element (comments and PIs do not interrupt it). */
  runText: string;
  runNode: XmlText | XmlCData | undefined;
}

/** The state of matching one start tag's attributes. */
interface StartTag {
  readonly scope: ElementScope;
  /** The content state before any attribute. */
  readonly initial: Pattern;
  content: Pattern;
  /** Attributes matched so far (by name at least). */
  readonly accepted: XmlAttribute[];
  /** Set when recovery had to guess which alternative was meant; only definite omissions are then reported. */
  uncertain: boolean;
  /** Only the first conflict between attributes is reported; the rest follow from it. */
  conflictReported: boolean;
}

export interface TreeValidationOptions {
  /** Name of the schema, for the message when the root element is not allowed. */
  readonly schema: string;
  /** Where the grammar allows each name (default: worked out from the patterns). */
  readonly placement?: () => Placement;
}

export function validateTree(cx: DerivContext, start: Pattern, doc: XmlDocument, options: TreeValidationOptions): Diagnostic[] {
  cx.beginDocument();
  try {
    return new TreeValidation(cx, doc, options, start).run(start);
  } finally {
    cx.endDocument();
  }
}

class TreeValidation {
  private readonly reporter: Reporter;
  /** Answers diagnostics' questions about siblings (paths, repeats) without rescanning large parents. */
  private readonly siblings = new SiblingIndexes();
  /** The parent's state after a skipped element (see {@link enter}). */
  private skipped: Pattern;
  private readonly frames: Frame[] = [];
  private attributeSet: { element: XmlElement; names: Set<string> } | undefined = undefined;
  private readonly startTagNamesByPattern = new Map<Pattern, ExpectedNames>();
  private readonly attributeNamesByPattern = new Map<Pattern, ExpectedNames>();
  private readonly requiredAttributesByPattern = new Map<Pattern, RequiredItem[]>();
  private readonly requiredContentByPattern = new Map<Pattern, RequiredItem[]>();

  constructor(
    private readonly cx: DerivContext,
    private readonly doc: XmlDocument,
    private readonly options: TreeValidationOptions,
    private readonly start: Pattern,
  ) {
    this.reporter = new Reporter(doc.source);
    this.skipped = cx.builder.notAllowed;
  }

  run(start: Pattern): Diagnostic[] {
    let top = this.enter(undefined, start, this.doc.root, 0);
    while (top !== undefined) {
      const frame = top;
      const children = frame.element.children;
      if (frame.child < children.length) {
        const index = frame.child++;
        const node = children[index]!;
        switch (node.kind) {
          case 'text': case 'cdata':
            if (frame.runNode === undefined) frame.runNode = node;
            frame.runText += node.value;
            break;
          case 'comment': case 'pi':
            break;
          case 'element': {
            frame.sawElement = true;
            this.flushText(frame);
            const entered = this.enter(frame, frame.pattern, node, index);
            if (entered !== undefined) top = entered;
            else frame.pattern = this.skipped;
            break;
          }
        }
        continue;
      }
      this.flushText(frame);
      const after = this.leave(frame);
      top = frame.parent;
      if (top !== undefined) top.pattern = after;
    }
    return this.reporter.diagnostics;
  }

  /**
   * Start tag and attributes of `el` in parent state `pattern`. Returns the new frame, or
   * undefined when the element is skipped after an error; `this.skipped` is then the parent's
   * state to go on with.
   */
  private enter(parent: Frame | undefined, pattern: Pattern, el: XmlElement, indexInParent: number): Frame | undefined {
    const cx = this.cx;
    const key = nameKey(el.ns, el.local);
    let d = startTagOpenDeriv(cx, pattern, el.ns, el.local, key);
    if (d.kind === 'notAllowed') {
      // Inside content that has already failed, stay silent: the failure has been reported.
      if (pattern.kind === 'notAllowed' && parent !== undefined) {
        this.skipped = pattern;
        return undefined;
      }
      d = startTagOpenRecoverDeriv(cx, pattern, el.ns, el.local, key);
      if (d.kind === 'notAllowed') {
        this.skipped = this.unexpectedElement(parent, pattern, el, indexInParent);
        return undefined;
      }
      this.elementTooEarly(parent, pattern, el, indexInParent);
    }
    const split = splitAfter(cx, d);
    const initial = split.content;
    const frame = this.frameAt(parent === undefined ? 0 : parent.depth + 1);
    frame.element = el;
    frame.parent = parent;
    frame.indexInParent = indexInParent;
    frame.pattern = initial;
    frame.next = split.next;
    frame.child = 0;
    frame.sawElement = false;
    frame.uncertain = false;
    frame.runText = '';
    frame.runNode = undefined;
    // The common case, all attributes fine, allocates nothing; errors take the slower path.
    let content = initial;
    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attr = attributes[i]!;
      if (attr.ns === XMLNS_NAMESPACE) continue;
      const next = attributeDeriv(cx, content, attr.ns, attr.local, nameKey(attr.ns, attr.local), attr.value);
      if (next.kind === 'notAllowed') {
        const tag = this.attributesWithErrors(frame, initial);
        content = tag.content;
        frame.uncertain = tag.uncertain;
        break;
      }
      content = next;
    }
    let closed = startTagCloseDeriv(cx, content);
    if (closed.kind === 'notAllowed' && content.kind !== 'notAllowed') {
      this.missingAttribute(frame, content, frame.uncertain);
      closed = startTagCloseRecoverDeriv(cx, content);
    }
    frame.pattern = closed;
    return frame;
  }

  private frameAt(depth: number): Frame {
    let frame = this.frames[depth];
    if (frame === undefined) {
      const none = this.cx.builder.notAllowed;
      frame = {
        element: this.doc.root, parent: undefined, indexInParent: 0, depth, pattern: none, next: undefined,
        child: 0, sawElement: false, uncertain: false, runText: '', runNode: undefined,
      };
      this.frames.push(frame);
    }
    return frame;
  }

  /** End tag: the content must be complete; returns the parent's state. */
  private leave(frame: Frame): Pattern {
    const cx = this.cx;
    const content = frame.pattern;
    if (frame.next !== undefined) {
      if (!content.nullable && content.kind !== 'notAllowed') this.missingContent(frame, content);
      return frame.next;
    }
    const after = endTagDeriv(cx, content);
    if (after.kind !== 'notAllowed' || content.kind === 'notAllowed') return after;
    this.missingContent(frame, content);
    return endTagRecoverDeriv(cx, content);
  }

  /**
   * Character data: between child elements only non-whitespace text counts (RELAX NG §7.1.3's
   * weak match); in an element without child elements all of it does, even when empty.
   */
  private flushText(frame: Frame): void {
    const text = frame.runText;
    const node = frame.runNode;
    frame.runText = '';
    frame.runNode = undefined;
    const cx = this.cx;
    const p = frame.pattern;
    if (isXmlWhitespace(text)) {
      if (frame.sawElement) return;
      frame.pattern = cx.builder.choice(p, textDeriv(cx, p, text));
      return;
    }
    const d = textDeriv(cx, p, text);
    if (d.kind !== 'notAllowed' || p.kind === 'notAllowed') {
      frame.pattern = d;
      return;
    }
    frame.pattern = this.badText(frame, p, text, node);
  }

  // ---- error reporting and recovery ----

  private unexpectedElement(parent: Frame | undefined, pattern: Pattern, el: XmlElement, indexInParent: number): Pattern {
    const cx = this.cx;
    const full = this.reporter.full;
    const expectedNames = this.startTagNames(pattern);
    if (parent === undefined) {
      if (full) this.reporter.omit('unexpected-root', el.offset);
      else {
        const expected = this.elementExpectation(expectedNames, parent);
        const path = childPath(parent, el, indexInParent, this.siblings);
        this.reporter.error('unexpected-root', { root: el.name, schema: this.options.schema, expected: render(expected) }, { offset: el.offset, path, expected: expected.items });
      }
      return pattern;
    }
    const siblings = this.siblings.of(parent.element);
    const repeated = siblings.byExpandedName(el.ns, el.local, indexInParent).before > 0;
    if (repeated) {
      if (full) this.reporter.omit('repeated-element', el.offset);
      else {
        const expected = this.elementExpectation(expectedNames, parent);
        const path = childPath(parent, el, indexInParent, this.siblings);
        this.reporter.error('repeated-element', { element: el.name, parent: parent.element.name, expected: render(expected) }, { offset: el.offset, path, expected: expected.items });
      }
      return pattern;
    }
    const present = (q: QualifiedName): boolean => siblings.byExpandedName(q.ns, q.local, 0).total > 0;
    // What the element probably stands for: a close spelling of an allowed element, or else the
    // one required element that could come here and is nowhere in the parent. Going on as if it
    // were that element (without checking its content) spares a second message about its absence.
    const possible = new Set(expectedNames.names.map((q) => nameKey(q.ns, q.local)));
    const absent = this.required(pattern, false).flatMap((i) =>
      (i.kind === 'element' && possible.has(nameKey(i.name.ns, i.name.local)) && !present(i.name) ? [i.name] : []));
    const candidate = closest(el.local, expectedNames.names, absent.length === 1 ? 1 : 2);
    let standIn = candidate !== undefined && !present(candidate) ? candidate : undefined;
    if (candidate === undefined && absent.length === 1) standIn = absent[0]!;
    if (full) this.reporter.omit('unexpected-element', el.offset);
    else {
      const suggestion = candidate === undefined ? undefined : displayElementName(candidate, parent);
      const missing = candidate === undefined && absent.length === 1 ? displayElementName(absent[0]!, parent) : undefined;
      const expected = this.elementExpectation(expectedNames, parent);
      const path = childPath(parent, el, indexInParent, this.siblings);
      const after = siblings.firstElement >= 0 && siblings.firstElement < indexInParent;
      // A name the grammar allows elsewhere, and no close spelling here: say where it belongs.
      const place = suggestion === undefined && missing === undefined ? this.elementPlace(el, parent) : undefined;
      this.reporter.error('unexpected-element', {
        element: el.name, parent: parent.element.name, ...(suggestion ? { suggestion } : {}), ...(missing ? { missing } : {}), ...(place ? { place } : {}), expected: render(expected), after,
      }, { offset: el.offset, path, expected: expected.items });
    }
    if (standIn === undefined) return pattern;
    return endTagRecoverDeriv(cx, startTagOpenDeriv(cx, pattern, standIn.ns, standIn.local, nameKey(standIn.ns, standIn.local)));
  }

  private elementTooEarly(parent: Frame | undefined, pattern: Pattern, el: XmlElement, indexInParent: number): void {
    if (this.reporter.full) {
      this.reporter.omit('element-too-early', el.offset);
      return;
    }
    const before = requiredBefore(pattern, el.ns, el.local);
    const names = sortedUnique(before.flatMap((i) => (i.kind === 'element' ? [displayElementName(i.name, parent)] : [])));
    const missingText = before.some((i) => i.kind === 'text');
    this.reporter.error('element-too-early', { element: el.name, parent: parent?.element.name ?? '', missing: names, missingText },
      { offset: el.offset, path: childPath(parent, el, indexInParent, this.siblings), expected: names });
  }

  /** Matches the attributes of a start tag one by one, reporting and recovering from each error. */
  private attributesWithErrors(scope: ElementScope, initial: Pattern): StartTag {
    const cx = this.cx;
    const tag: StartTag = { scope, initial, content: initial, accepted: [], uncertain: false, conflictReported: false };
    for (const attr of scope.element.attributes) {
      if (isNamespaceDeclaration(attr)) continue;
      const key = nameKey(attr.ns, attr.local);
      const branches = attributeBranches(cx, tag.content, attr.ns, attr.local, key);
      if (branches.length === 0) {
        this.unexpectedAttribute(tag, attr);
        continue;
      }
      let next = attributeDeriv(cx, tag.content, attr.ns, attr.local, key, attr.value);
      if (next.kind === 'notAllowed') {
        this.invalidAttributeValue(tag, attr);
        next = attributeNameDeriv(cx, tag.content, attr.ns, attr.local, key);
        tag.uncertain = true;
      }
      tag.content = next;
      tag.accepted.push(attr);
    }
    return tag;
  }

  private unexpectedAttribute(tag: StartTag, attr: XmlAttribute): void {
    const cx = this.cx;
    const { scope, content } = tag;
    if (content.kind === 'notAllowed') return;
    const full = this.reporter.full;
    const possible = this.attributeNames(content);
    const key = nameKey(attr.ns, attr.local);
    if (attributeBranches(cx, tag.initial, attr.ns, attr.local, key).length > 0) {
      // Allowed on this element, only not with what came before: name the culprits, once.
      if (!tag.conflictReported) {
        if (full) this.reporter.omit('conflicting-attribute', attr.offset);
        else {
          const conflicts = this.conflictsOf(tag, (s) => attributeBranches(cx, s, attr.ns, attr.local, key).length === 0);
          const { expectation, ...where } = this.attributeExpectation(scope, attr, possible);
          this.reporter.error('conflicting-attribute', { attribute: attr.name, element: scope.element.name, conflicts, expected: expectation }, where);
        }
      }
      tag.conflictReported = true;
      tag.uncertain = true;
      return;
    }
    // As for elements: a close spelling, or else the one required attribute the element lacks.
    const absent: QualifiedName[] = [];
    for (const i of this.required(content, true)) {
      if (i.kind === 'attribute' && !this.hasAttribute(scope.element, i.name)) absent.push(i.name);
    }
    const candidate = closest(attr.local, possible.names, absent.length === 1 ? 1 : 2);
    let standIn = candidate !== undefined && !this.hasAttribute(scope.element, candidate) ? candidate : undefined;
    if (candidate === undefined && absent.length === 1) standIn = absent[0]!;
    if (full) this.reporter.omit('unexpected-attribute', attr.offset);
    else {
      const suggestion = candidate === undefined ? undefined : displayAttributeName(candidate, scope);
      const missing = candidate === undefined && absent.length === 1 ? displayAttributeName(absent[0]!, scope) : undefined;
      const after = tag.accepted.length > 0 || tag.uncertain;
      const { expectation, ...where } = this.attributeExpectation(scope, attr, possible);
      const place = suggestion === undefined && missing === undefined ? this.attributePlace(attr, scope) : undefined;
      this.reporter.error('unexpected-attribute', {
        attribute: attr.name, element: scope.element.name, ...(suggestion ? { suggestion } : {}), ...(missing ? { missing } : {}), ...(place ? { place } : {}), expected: expectation, after,
      }, where);
    }
    if (standIn !== undefined) {
      tag.content = attributeNameDeriv(cx, content, standIn.ns, standIn.local, nameKey(standIn.ns, standIn.local));
      tag.uncertain = true;
    }
  }

  /** Where an attribute error is and what the start tag would have accepted instead. */
  private attributeExpectation(scope: ElementScope, attr: XmlAttribute, possible: ExpectedNames): { offset: number; path: string; expected: string[]; expectation: Expectation } {
    const items = sortedUnique(possible.names.map((q) => displayAttributeName(q, scope)));
    const expectation: Expectation = { items: items.map(quoteName), others: attributeWildcards(possible) };
    return { offset: attr.offset, path: attributePath(scope, attr.name, this.siblings), expected: items, expectation };
  }

  /**
   * Whether the element has attribute `q`. A tag with many attributes is asked through a set,
   * built once per element: a scan for each of a million unknown attributes was quadratic.
   */
  private hasAttribute(el: XmlElement, q: QualifiedName): boolean {
    const attributes = el.attributes;
    if (attributes.length <= 16) return attributes.some((a) => a.local === q.local && a.ns === q.ns);
    if (this.attributeSet?.element !== el) {
      const names = new Set<string>();
      for (const a of attributes) names.add(nameKey(a.ns, a.local));
      this.attributeSet = { element: el, names };
    }
    return this.attributeSet.names.has(nameKey(q.ns, q.local));
  }

  /** Where the grammar allows each name; built on the first diagnostic that asks. */
  private get placement(): Placement {
    return this.options.placement?.() ?? placementOf(this.cx.builder, this.start);
  }

  /** Where an element misplaced in `parent` belongs, for the grammar's own names (no namespace). */
  private elementPlace(el: XmlElement, parent: Frame): Place | undefined {
    if (el.ns !== '' || parent.element.ns !== '') return undefined;
    return elementPlace(this.placement, el.local, parent.element.local);
  }

  /** Where an attribute misplaced on the scope's element belongs. */
  private attributePlace(attr: XmlAttribute, scope: ElementScope): Place | undefined {
    const el = scope.element;
    if (attr.ns !== '' || el.ns !== '') return undefined;
    const parent = scope.parent?.element;
    return attributePlace(this.placement, attr.local, el.local, parent !== undefined && parent.ns === '' ? parent.local : undefined);
  }

  /** For a number in `el`'s text: where its unit goes, when the grammar gives `el` a `unit` attribute. */
  private unitAdvice(el: XmlElement): UnitAdvice | undefined {
    if (el.ns !== '' || !this.placement.carriersOf('unit').has(el.local)) return undefined;
    const unit = el.attributes.find((a) => a.local === 'unit' && a.ns === '');
    return unit === undefined ? { element: el.name } : { element: el.name, unit: unit.value };
  }

  // What a state can accept, asked again for each error in the same state (a start tag with many
  // unknown attributes, a parent with many unknown children): kept for the document's length.
  private startTagNames(p: Pattern): ExpectedNames {
    let names = this.startTagNamesByPattern.get(p);
    if (names === undefined) this.startTagNamesByPattern.set(p, (names = possibleStartTagNames(p, (el) => this.cx.builder.contentOf(el))));
    return names;
  }

  private attributeNames(p: Pattern): ExpectedNames {
    let names = this.attributeNamesByPattern.get(p);
    if (names === undefined) this.attributeNamesByPattern.set(p, (names = possibleAttributeNames(p)));
    return names;
  }

  private required(p: Pattern, attributes: boolean): RequiredItem[] {
    const cache = attributes ? this.requiredAttributesByPattern : this.requiredContentByPattern;
    let items = cache.get(p);
    if (items === undefined) cache.set(p, (items = requiredItems(p, attributes)));
    return items;
  }

  private invalidAttributeValue(tag: StartTag, attr: XmlAttribute): void {
    const cx = this.cx;
    const { scope, content } = tag;
    const key = nameKey(attr.ns, attr.local);
    const conflict = tag.initial !== content && attributeDeriv(cx, tag.initial, attr.ns, attr.local, key, attr.value).kind !== 'notAllowed';
    if (conflict && tag.conflictReported) return;
    const code = conflict ? 'conflicting-attribute' : 'invalid-attribute-value';
    if (conflict) tag.conflictReported = true;
    if (this.reporter.full) {
      this.reporter.omit(code, attr.offset);
      return;
    }
    const values = mergeValues(attributeBranches(cx, content, attr.ns, attr.local, key).map((b) => possibleValues(b.value)));
    const described = this.describeValues(values, attr.value);
    const at = { offset: attr.offset, path: attributePath(scope, attr.name, this.siblings), expected: described.expected };
    if (conflict) {
      const conflicts = this.conflictsOf(tag, (s) => attributeDeriv(cx, s, attr.ns, attr.local, key, attr.value).kind === 'notAllowed');
      this.reporter.error('conflicting-attribute', { attribute: attr.name, value: attr.value, element: scope.element.name, conflicts, expected: described.expectation }, { ...at, patterns: described.patterns });
      return;
    }
    this.reporter.error('invalid-attribute-value', {
      value: attr.value,
      attribute: attr.name,
      element: scope.element.name,
      ...(described.reason !== undefined ? { reason: described.reason } : {}),
      ...(described.suggestion !== undefined ? { suggestion: described.suggestion } : {}),
      expected: described.expectation,
    }, { ...at, patterns: described.reasonPatterns ?? described.patterns });
  }

  /** The accepted attributes that on their own already rule out what `fails` tests, as `name="value"`. */
  private conflictsOf(tag: StartTag, fails: (state: Pattern) => boolean): string[] {
    const cx = this.cx;
    const out: string[] = [];
    for (const a of tag.accepted) {
      const key = nameKey(a.ns, a.local);
      let alone = attributeDeriv(cx, tag.initial, a.ns, a.local, key, a.value);
      if (alone.kind === 'notAllowed') alone = attributeNameDeriv(cx, tag.initial, a.ns, a.local, key);
      if (fails(alone)) out.push(`${shortName(a.name)}=${quoteValue(a.value)}`);
    }
    return out;
  }

  private missingAttribute(scope: ElementScope, content: Pattern, uncertain: boolean): void {
    const missing = sortedUnique(this.required(content, true).flatMap((i) => (i.kind === 'attribute' ? [displayAttributeName(i.name, scope)] : [])));
    if (missing.length === 0 && uncertain) return;
    if (this.reporter.full) {
      this.reporter.omit('missing-attribute', scope.element.offset);
      return;
    }
    const possible = this.attributeNames(content);
    const items = missing.length > 0 ? missing : sortedUnique(possible.names.map((q) => displayAttributeName(q, scope)));
    this.reporter.error('missing-attribute', {
      element: scope.element.name,
      missing,
      expected: { items: items.map(quoteName), others: attributeWildcards(possible) },
    }, { offset: scope.element.offset, path: elementPath(scope, this.siblings), expected: items });
  }

  private missingContent(frame: Frame, content: Pattern): void {
    const full = this.reporter.full;
    const offset = frame.element.offset;
    const at = (): { offset: number; path: string } => ({ offset, path: elementPath(frame, this.siblings) });
    const required = this.required(content, false);
    const missing = sortedUnique(required.flatMap((i) => (i.kind === 'element' ? [displayElementName(i.name, frame)] : [])));
    if (missing.length > 0) {
      if (full) this.reporter.omit('missing-element', offset);
      else this.reporter.error('missing-element', { element: frame.element.name, missing, expected: render({ items: missing, others: [] }) }, { ...at(), expected: missing });
      return;
    }
    if (frame.uncertain) return;
    const values = possibleValues(content);
    if (required.some((i) => i.kind === 'text')) {
      if (full) {
        this.reporter.omit('missing-text', offset);
        return;
      }
      const described = this.describeValues(values, undefined);
      this.reporter.error('missing-text', { element: frame.element.name, expected: described.expectation }, { ...at(), expected: described.expected, patterns: described.patterns });
      return;
    }
    const startNames = this.startTagNames(content);
    const textPossible = values.values.length > 0 || values.datatypes.length > 0;
    if (!textPossible && startNames.names.length + startNames.wildcards.length > 0) {
      if (full) this.reporter.omit('missing-element', offset);
      else {
        const names = this.elementExpectation(startNames, frame);
        this.reporter.error('missing-element', { element: frame.element.name, missing: [], expected: render(names) }, { ...at(), expected: names.items });
      }
      return;
    }
    if (full) {
      this.reporter.omit('incomplete-content', offset);
      return;
    }
    const names = this.elementExpectation(startNames, frame);
    const described = this.describeValues(values, undefined);
    const expected: Expectation = { items: [...render(names).items, ...described.expectation.items], others: [...names.others, ...(described.expectation.others ?? [])] };
    this.reporter.error('incomplete-content', { element: frame.element.name, expected }, { ...at(), expected: [...names.items, ...described.expected], patterns: described.patterns });
  }

  /** Text that the state does not accept; returns the state to go on with. */
  private badText(frame: Frame, p: Pattern, text: string, node: XmlText | XmlCData | undefined): Pattern {
    const offset = node === undefined ? frame.element.startTagEnd : textOffset(node);
    const recovered = textRecoverDeriv(this.cx, p);
    const code = recovered.kind === 'notAllowed' ? 'unexpected-text' : 'invalid-text';
    if (this.reporter.full) {
      this.reporter.omit(code, offset);
      return recovered.kind === 'notAllowed' ? p : recovered;
    }
    const at = { offset, path: textPath(frame, this.siblings) };
    if (recovered.kind === 'notAllowed') {
      const expected = this.elementExpectation(this.startTagNames(p), frame);
      this.reporter.error('unexpected-text', { text: trimXmlSpace(text), element: frame.element.name, expected: render(expected) }, { ...at, expected: expected.items });
      return p;
    }
    const described = this.describeValues(possibleValues(p), text, this.unitAdvice(frame.element));
    this.reporter.error('invalid-text', {
      text: trimXmlSpace(text),
      element: frame.element.name,
      ...(described.reason !== undefined ? { reason: described.reason } : {}),
      ...(described.suggestion !== undefined ? { suggestion: described.suggestion } : {}),
      expected: described.expectation,
    }, { ...at, expected: described.expected, patterns: described.reasonPatterns ?? described.patterns });
    return recovered;
  }

  // ---- rendering expectations ----

  private elementExpectation(expected: ExpectedNames, scope: ElementScope | undefined): { items: string[]; others: string[] } {
    const items = sortedUnique(expected.names.map((q) => displayElementName(q, scope)));
    const others = sortedUnique(expected.wildcards.map((w) =>
      w.kind === 'nsName' ? `any element in namespace "${w.ns}"` : w.kind === 'anyName' && w.except !== undefined ? 'any element (with exceptions)' : 'any element'));
    return { items, others };
  }

  /**
   * What values would do, for an attribute or text: the literal values, the datatypes, the
   * datatype's own reason when there is a single one, and a close literal if any. Long patterns
   * are shortened in the descriptions and the reason; `patterns` and `reasonPatterns` have the
   * ones each quotes, in full.
   */
  private describeValues(values: ExpectedValues, found: string | undefined, unit?: UnitAdvice): {
    expectation: Expectation; expected: string[]; patterns: string[]; reason?: string; reasonPatterns?: string[]; suggestion?: string;
  } {
    const literals = sortedUnique(values.values);
    const datatypes = uniqueBy(values.datatypes, (d) => d.key).map((spec) => this.cx.datatype(spec));
    // In words where the pattern or type has some (UUIDs, MAC addresses, whole numbers), each once.
    const others = [...new Set(datatypes.map((dt) => describeDatatype(dt) ?? shortenPatterns(dt.describe(), patternsOf(dt))))];
    const patterns = [...new Set(datatypes.flatMap(patternsOf))];
    if (values.anyText) others.push('any text');
    const prefix = values.list ? 'a list of ' : '';
    const expectation: Expectation = { items: literals.map((v) => `${prefix}${quoteName(v)}`), others: others.map((o) => `${prefix}${o}`) };
    let reason: string | undefined;
    let reasonPatterns: string[] = [];
    if (found !== undefined && !values.list && literals.length === 0 && datatypes.length === 1 && !values.anyText) {
      const violation = datatypes[0]!.check(found);
      // Facet messages have no subject ("must be at most 255"); lexical ones name the value.
      if (violation !== undefined) {
        // The reason quotes the one pattern that failed, if any.
        reasonPatterns = violation.facet === 'pattern' && violation.limit !== undefined ? [violation.limit] : [];
        const text = shortenPatterns(violation.message, reasonPatterns);
        reason = explainViolation(datatypes[0]!, violation, found, unit) ??
          (violation.facet === 'lexical' ? text : `${quoteValue(trimXmlSpace(found))} ${text}`);
      }
    }
    const suggestion = found === undefined || values.list ? undefined : suggest(trimXmlSpace(found), literals);
    return {
      expectation, expected: literals, patterns,
      ...(reason !== undefined ? { reason, reasonPatterns } : {}),
      ...(suggestion !== undefined ? { suggestion } : {}),
    };
  }
}


function render(e: { items: string[]; others: string[] }): Expectation {
  return { items: e.items.map((n) => `<${n}>`), others: e.others };
}

function attributeWildcards(possible: ExpectedNames): string[] {
  return sortedUnique(possible.wildcards.map((w) => (w.kind === 'nsName' ? `any attribute in namespace "${w.ns}"` : 'any attribute')));
}

/** The name closest to `found`; a required one that is absent wins over spellings `maxDistance` apart. */
function closest(found: string, names: readonly QualifiedName[], maxDistance = 2): QualifiedName | undefined {
  const best = suggest(found, names.map((n) => n.local), maxDistance);
  return best === undefined ? undefined : names.find((n) => n.local === best);
}

function mergeValues(all: ExpectedValues[]): ExpectedValues {
  const out: ExpectedValues = { values: [], datatypes: [], anyText: false, list: false };
  for (const v of all) {
    out.values.push(...v.values);
    out.datatypes.push(...v.datatypes);
    out.anyText ||= v.anyText;
    out.list ||= v.list;
  }
  return out;
}

function quoteName(s: string): string {
  return JSON.stringify(s);
}

function sortedUnique(items: readonly string[]): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const t of items) if (!seen.has(key(t))) seen.set(key(t), t);
  return [...seen.values()];
}

/** Where a text diagnostic points: the first non-whitespace character of the text node. */
function textOffset(node: XmlText | XmlCData): number {
  if (node.kind === 'cdata') return node.offset;
  let i = 0;
  while (i < node.raw.length && isXmlWhitespace(node.raw[i]!)) i++;
  return node.offset + i;
}
