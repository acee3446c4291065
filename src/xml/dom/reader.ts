import {
  AMP,
  ASCII_NAME,
  BANG,
  COLON,
  CR,
  DQUOTE,
  EQUALS,
  GT,
  LF,
  LT,
  NAME_START,
  QUESTION,
  RBRACKET,
  SLASH,
  SPACE,
  SQUOTE,
  TAB,
  describeChar,
  findInvalidChar,
  invalidAtSurrogateOrSpecial,
  isXmlCodePoint,
  nonAsciiNameWidth,
  scanName,
} from './chars.js';
import { readDoctype } from './doctype.js';
import { ReferenceDecoder, type EntityDeclaration } from './entities.js';
import { commentEnd, piBounds, reportInvalidChar } from './markup.js';
import { XML_NAMESPACE, XMLNS_NAMESPACE } from './namespaces.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_LENGTH, entityLimits, type ParseXmlOptions } from './options.js';
import { END_ELEMENT, START_ELEMENT, TEXT, type XmlEventLog } from './events.js';
import { ErrorReporter } from './report.js';
import type {
  XmlAttribute,
  XmlDeclaration,
  XmlDocument,
  XmlElement,
  XmlMiscNode,
  XmlNode,
} from './types.js';
import { readXmlDeclaration, startsXmlDeclaration } from './xml-declaration.js';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Attribute flags collected while scanning a value. */
const HAS_REFERENCE = 1;
const HAS_WHITESPACE_TO_NORMALISE = 2;
const IS_NAMESPACE_DECLARATION = 4;

/**
 * Characters that need a closer look in an attribute value or in text. Most values and text runs
 * have none, and a regular expression finds that out at native speed even before the reader's
 * own loops are optimised; only runs with a match are scanned character by character.
 */
const ATTRIBUTE_VALUE_SPECIAL = /[\x00-\x1f&<\ud800-\udfff\ufffe\uffff]/;
const TEXT_SPECIAL = /[\x00-\x08\x0b-\x1f&\]\ud800-\udfff\ufffe\uffff]/;

/** Text flags. */
const TEXT_HAS_REFERENCE = 1;
const TEXT_HAS_CR = 2;

/**
 * Reads a whole document in one forward pass, checking well-formedness and namespace rules.
 *
 * The same pass serves {@link parseXml} (`buildTree` true) and {@link scanXml} (`buildTree`
 * false): every check runs in both modes, and only node creation is skipped when no tree is
 * wanted. Open elements live on explicit stacks, so nesting depth costs memory, not call stack.
 */
export function readXml(source: string, options: ParseXmlOptions | undefined, buildTree: boolean): XmlDocument | undefined {
  return new XmlReader(source, options, buildTree, undefined).read();
}

/**
 * Reads a document with the same checks as {@link readXml}, recording its elements and text in
 * `log` (appended to) instead of building a tree.
 */
export function readXmlEvents(source: string, log: XmlEventLog, options?: ParseXmlOptions): void {
  new XmlReader(source, options, false, log).read();
}

/**
 * Up to this many attributes in a tag, duplicates are looked for pair by pair (no allocation);
 * beyond it through a table, so that a tag with thousands of attributes stays linear.
 */
const PAIRWISE_LIMIT = 16;

/** `32 MiB`, or the number of characters when it is not a whole number of MiB. */
function describeSize(characters: number): string {
  const mib = characters / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${characters} characters`;
}

/** Up to this many namespace bindings in scope, a prefix is looked up by scanning them; beyond it, in a table. */
const SCANNED_BINDINGS = 16;

/**
 * Working arrays of the reader, shared by every document: a reader writes each slot before it
 * reads it, and reading is synchronous and never nested, so one set serves all documents and
 * none is grown again for each. Values left from an earlier document are never read.
 */
const scratch = {
  openStart: [] as number[],
  openNameEnd: [] as number[],
  openNamespaceMark: [] as number[],
  openDefaultNamespace: [] as string[],
  attrBefore: [] as number[],
  attrName: [] as number[],
  attrNameEnd: [] as number[],
  attrColon: [] as number[],
  attrValue: [] as number[],
  attrValueEnd: [] as number[],
  attrRaw: [] as string[],
  attrFlags: [] as number[],
  attrNamespace: [] as string[],
};

class XmlReader {
  private readonly report: ErrorReporter;
  private readonly entities = new Map<string, EntityDeclaration>();
  private readonly decoder: ReferenceDecoder;

  // Open elements, innermost last. Names are kept as offsets so scanning allocates nothing.
  private depth = 0;
  private readonly maxDepth: number;
  private readonly maxLength: number;
  private readonly openStart = scratch.openStart;
  private readonly openNameEnd = scratch.openNameEnd;
  private readonly openNamespaceMark = scratch.openNamespaceMark;
  /** The default namespace around each open element, restored when it closes. */
  private readonly openDefaultNamespace = scratch.openDefaultNamespace;
  private readonly openElements: XmlElement[] = [];

  // Namespace bindings the document declares, innermost last; `xml` and `xmlns` are bound for
  // good and resolved by lookupPrefix without this stack.
  private readonly boundPrefixes: string[] = [];
  private readonly boundUris: string[] = [];
  /** Per binding, the index of the binding of the same prefix it hides, or -1. */
  private readonly boundHidden: number[] = [];
  /**
   * How many bindings the stacks hold. Start tags read this number, not the stacks' length: an
   * array's hidden class changes when its first string arrives, and the start-tag code optimised
   * before a document declared a prefix would be discarded at the first that does.
   */
  private bindingCount = 0;
  /**
   * The innermost binding of each prefix declared so far (index into the stacks above), -1 once out
   * of scope. Entries are overwritten, never deleted: V8 keeps a deleted entry in its bucket until
   * the table is rebuilt, so one prefix declared and closed over and over made each lookup slower.
   */
  private readonly innermostBinding = new Map<string, number>();
  private defaultNamespace = '';

  /** Set by qualifiedNameEnd. */
  private nameColon = -1;

  // Attributes of the start tag being read, as offsets (reused from tag to tag).
  private readonly attrBefore = scratch.attrBefore;
  private readonly attrName = scratch.attrName;
  private readonly attrNameEnd = scratch.attrNameEnd;
  private readonly attrColon = scratch.attrColon;
  private readonly attrValue = scratch.attrValue;
  private readonly attrValueEnd = scratch.attrValueEnd;
  private readonly attrRaw = scratch.attrRaw;
  private readonly attrFlags = scratch.attrFlags;
  private readonly attrNamespace = scratch.attrNamespace;

  // The tree, when one is built.
  private container: (XmlNode | XmlMiscNode)[] = [];
  private readonly prolog: XmlMiscNode[] = [];
  private readonly epilog: XmlMiscNode[] = [];
  private root: XmlElement | undefined;
  private rootName = '';
  private rootClosed = false;
  private seenDoctype = false;


  constructor(
    private readonly src: string,
    options: ParseXmlOptions | undefined,
    private readonly build: boolean,
    private readonly log: XmlEventLog | undefined,
  ) {
    this.report = new ErrorReporter(src);
    this.decoder = new ReferenceDecoder(src, this.entities, entityLimits(options), this.report);
    this.maxDepth = options?.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxLength = options?.maxLength ?? DEFAULT_MAX_LENGTH;
    this.container = this.prolog;
  }

  read(): XmlDocument | undefined {
    const src = this.src;
    const length = src.length;
    if (length > this.maxLength) {
      this.report.fail('too-large', 0, `the document is ${length} characters long, past the bound of ${this.maxLength} (${describeSize(this.maxLength)})`);
    }
    let pos = 0;
    const bom = src.charCodeAt(0) === 0xfeff;
    if (bom) pos = 1;
    let declaration: XmlDeclaration | undefined;
    if (startsXmlDeclaration(src, pos)) {
      const read = readXmlDeclaration(src, pos, this.report);
      declaration = read.declaration;
      pos = read.end;
    }
    while (pos < length) {
      if (src.charCodeAt(pos) === LT) {
        const next = src.charCodeAt(pos + 1);
        if (next === SLASH) pos = this.endTag(pos);
        else if (next === BANG) pos = this.bangMarkup(pos);
        else if (next === QUESTION) pos = this.processingInstruction(pos);
        else pos = this.startTag(pos);
      } else {
        pos = this.text(pos);
      }
    }
    if (this.depth > 0) {
      const start = this.openStart[this.depth - 1]!;
      this.report.fail(
        'unclosed-tag',
        start - 1,
        `element <${this.openName(this.depth - 1)}> is never closed; the input ends before its end tag`,
      );
    }
    if (!this.rootClosed) this.report.fail('no-root', length, 'the document has no root element');
    if (!this.build) return undefined;
    const document: Writable<XmlDocument> = {
      prolog: this.prolog,
      root: this.root!,
      epilog: this.epilog,
      source: src,
    };
    if (declaration !== undefined) document.declaration = declaration;
    if (bom) document.bom = true;
    return document;
  }

  // ---------------------------------------------------------------- start tags

  private startTag(lt: number): number {
    const src = this.src;
    if (this.rootClosed) this.junkAfterRoot(lt);
    const nameStart = lt + 1;
    let pos = this.qualifiedNameEnd(nameStart);
    if (pos === nameStart) this.badTagStart(nameStart);
    const nameEnd = pos;
    const colon = this.nameColon;
    if (this.depth >= this.maxDepth) this.tooDeep(lt, nameEnd);

    let count = 0;
    let selfClosing = false;
    let tailStart: number;
    for (;;) {
      const whitespaceStart = pos;
      let c = src.charCodeAt(pos);
      while (c === SPACE || c === LF || c === TAB || c === CR) c = src.charCodeAt(++pos);
      if (c === GT) {
        tailStart = whitespaceStart;
        pos++;
        break;
      }
      if (c === SLASH) {
        if (src.charCodeAt(pos + 1) !== GT) this.slashWithoutGt(pos, lt, nameStart, nameEnd);
        tailStart = whitespaceStart;
        selfClosing = true;
        pos += 2;
        break;
      }
      const attrStart = pos;
      const attrNameEnd = this.qualifiedNameEnd(attrStart);
      const attrColon = this.nameColon;
      if (attrNameEnd === attrStart) this.noAttributeName(pos, lt, nameStart, nameEnd);
      if (attrStart === whitespaceStart) this.report.fail('missing-whitespace', attrStart, 'attributes must be separated by whitespace');
      pos = attrNameEnd;
      c = src.charCodeAt(pos);
      while (c === SPACE || c === LF || c === TAB || c === CR) c = src.charCodeAt(++pos);
      if (c !== EQUALS) this.missingEquals(pos, lt, attrStart, attrNameEnd);
      c = src.charCodeAt(++pos);
      while (c === SPACE || c === LF || c === TAB || c === CR) c = src.charCodeAt(++pos);
      if (c !== DQUOTE && c !== SQUOTE) this.unquotedValue(pos, lt, attrStart, attrNameEnd);
      const valueStart = pos + 1;
      const valueEnd = src.indexOf(c === DQUOTE ? '"' : "'", valueStart);
      if (valueEnd < 0) this.report.fail('unexpected-eof', pos, `the value of attribute ${src.slice(attrStart, attrNameEnd)} is never closed`);
      const raw = src.slice(valueStart, valueEnd);
      const flags = ATTRIBUTE_VALUE_SPECIAL.test(raw) ? this.attributeValueFlags(valueStart, valueEnd, attrStart, attrNameEnd) : 0;
      this.attrRaw[count] = raw;
      this.attrBefore[count] = whitespaceStart;
      this.attrName[count] = attrStart;
      this.attrNameEnd[count] = attrNameEnd;
      this.attrColon[count] = attrColon;
      this.attrValue[count] = valueStart;
      this.attrValueEnd[count] = valueEnd;
      this.attrFlags[count] = flags;
      count++;
      pos = valueEnd + 1;
    }
    const tailEnd = selfClosing ? pos - 2 : pos - 1;

    const namespaceMark = this.bindingCount;
    const defaultAround = this.defaultNamespace;
    const namespace = this.resolveTag(nameStart, nameEnd, colon, count);

    let element: XmlElement | undefined;
    if (this.build) {
      element = this.createElement(lt, nameEnd, colon, namespace, count, selfClosing, tailStart, tailEnd, pos);
    } else if (this.log !== undefined) {
      this.logStartTag(this.log, namespace, colon < 0 ? src.slice(nameStart, nameEnd) : src.slice(colon + 1, nameEnd), count);
      if (selfClosing) this.log.codes[this.log.codeCount++] = END_ELEMENT;
    } else {
      this.validateAttributeValues(count);
    }
    if (this.depth === 0) {
      this.root = element;
      this.rootName = src.slice(nameStart, nameEnd);
      // The same loads and stores whatever the root's form: code that only an empty root (`<a/>`)
      // runs would be new to V8 when such a document comes, and discard the optimised reader.
      const epilog = this.epilog;
      const container = this.container;
      this.rootClosed = selfClosing;
      this.container = selfClosing ? epilog : container;
    }
    if (selfClosing) {
      this.unbindTo(namespaceMark, defaultAround);
    } else {
      const depth = this.depth++;
      this.openStart[depth] = nameStart;
      this.openNameEnd[depth] = nameEnd;
      this.openNamespaceMark[depth] = namespaceMark;
      this.openDefaultNamespace[depth] = defaultAround;
      if (element !== undefined) {
        this.openElements[depth] = element;
        this.container = element.children;
      }
    }
    return pos;
  }

  /** The tree node of a start tag just read (its attributes still in the working arrays). */
  private createElement(
    lt: number,
    nameEnd: number,
    colon: number,
    namespace: string,
    count: number,
    selfClosing: boolean,
    tailStart: number,
    tailEnd: number,
    end: number,
  ): XmlElement {
    const src = this.src;
    const nameStart = lt + 1;
    const name = src.slice(nameStart, nameEnd);
    const created: Writable<XmlElement> = {
      kind: 'element',
      name,
      prefix: colon < 0 ? '' : src.slice(nameStart, colon),
      local: colon < 0 ? name : src.slice(colon + 1, nameEnd),
      ns: namespace,
      attributes: count === 0 ? [] : this.buildAttributes(count),
      children: [],
      selfClosing,
      startTagTail: tailStart === tailEnd ? '' : src.slice(tailStart, tailEnd),
      endTagTail: '',
      offset: lt,
      startTagEnd: end,
      end: selfClosing ? end : -1,
    };
    // The root is held by the document itself, not by the prolog.
    if (this.depth > 0) this.container.push(created);
    return created;
  }

  // Errors in start tags, kept out of startTag so that the hot function holds only the common path.

  private junkAfterRoot(lt: number): never {
    return this.report.fail(
      'junk-after-root',
      lt,
      `a document has one root element; <${this.rootName}> is already closed, so <${this.nameAt(lt + 1)}> cannot follow`,
    );
  }

  private tooDeep(lt: number, nameEnd: number): never {
    return this.report.fail(
      'too-deep',
      lt,
      `<${this.src.slice(lt + 1, nameEnd)}> would be nested ${this.depth + 1} levels deep, past the bound of ${this.maxDepth}`,
    );
  }

  private slashWithoutGt(slash: number, lt: number, nameStart: number, nameEnd: number): never {
    return this.unexpectedInTag(slash + 1, lt, `expected '>' after '/' in <${this.src.slice(nameStart, nameEnd)} …/>`);
  }

  private noAttributeName(at: number, lt: number, nameStart: number, nameEnd: number): never {
    return this.unexpectedInTag(at, lt, `expected an attribute name, '>' or '/>' in <${this.src.slice(nameStart, nameEnd)}>`);
  }

  private missingEquals(at: number, lt: number, attrStart: number, attrNameEnd: number): never {
    if (at >= this.src.length) this.unclosedStartTag(lt);
    return this.report.fail('missing-equals', at, `attribute ${this.src.slice(attrStart, attrNameEnd)} must be followed by '=' and a quoted value`);
  }

  private unquotedValue(at: number, lt: number, attrStart: number, attrNameEnd: number): never {
    if (at >= this.src.length) this.unclosedStartTag(lt);
    const name = this.src.slice(attrStart, attrNameEnd);
    return this.report.fail('unquoted-attribute-value', at, `the value of attribute ${name} must be in quotes, e.g. ${name}="…"`);
  }

  /** Checks the characters of an attribute value and says what its value needs (references, normalisation). */
  private attributeValueFlags(valueStart: number, valueEnd: number, attrStart: number, attrNameEnd: number): number {
    const src = this.src;
    let flags = 0;
    for (let i = valueStart; i < valueEnd; i++) {
      const v = src.charCodeAt(i);
      if (v <= LT) {
        if (v === AMP) flags |= HAS_REFERENCE;
        else if (v === LT) {
          this.report.fail(
            'lt-in-attribute',
            i,
            `'<' is not allowed in attribute values; write &lt; (or is the closing quote of ${src.slice(attrStart, attrNameEnd)} missing?)`,
          );
        } else if (v < SPACE) {
          if (v === TAB || v === LF || v === CR) flags |= HAS_WHITESPACE_TO_NORMALISE;
          else reportInvalidChar(src, i, this.report);
        }
      } else if (v >= 0xd800) {
        const kind = invalidAtSurrogateOrSpecial(src, i, valueEnd);
        if (kind === 1) reportInvalidChar(src, i, this.report);
        i += kind >> 1;
      }
    }
    return flags;
  }

  /**
   * Applies the tag's namespace declarations, checks attribute uniqueness and returns the
   * element's namespace; leaves the namespace of each prefixed attribute in `attrNamespace`.
   */
  private resolveTag(nameStart: number, nameEnd: number, colon: number, count: number): string {
    const src = this.src;
    let prefixedAttributes = 0;
    for (let k = 0; k < count; k++) {
      const start = this.attrName[k]!;
      const attrColon = this.attrColon[k]!;
      if (attrColon >= 0) prefixedAttributes++;
      // Cheap first-character test before looking for `xmlns` / `xmlns:`.
      if (src.charCodeAt(start) !== 120) continue;
      const prefixEnd = attrColon < 0 ? this.attrNameEnd[k]! : attrColon;
      if (prefixEnd - start === 5 && src.startsWith('xmlns', start)) this.declareNamespace(k);
    }

    let namespace: string;
    if (colon < 0) {
      namespace = this.defaultNamespace;
    } else {
      if (colon - nameStart === 5 && src.startsWith('xmlns', nameStart)) {
        this.report.fail('reserved-prefix', nameStart, `element names must not use the prefix xmlns (<${src.slice(nameStart, nameEnd)}>)`);
      }
      namespace = this.lookupPrefix(nameStart, colon, nameEnd, 'element');
    }

    if (count > PAIRWISE_LIMIT) this.checkNamesByTable(nameStart, nameEnd, count);
    else {
      for (let k = 1; k < count; k++) {
        const start = this.attrName[k]!;
        const length = this.attrNameEnd[k]! - start;
        for (let j = 0; j < k; j++) {
          const other = this.attrName[j]!;
          if (this.attrNameEnd[j]! - other === length && this.sameText(start, other, length)) {
            this.duplicateAttribute(nameStart, nameEnd, start, length, other);
          }
        }
      }
    }

    if (prefixedAttributes > 0) {
      for (let k = 0; k < count; k++) {
        const attrColon = this.attrColon[k]!;
        if (attrColon >= 0) {
          this.attrNamespace[k] = this.lookupPrefix(this.attrName[k]!, attrColon, this.attrNameEnd[k]!, 'attribute');
        }
      }
      if (prefixedAttributes > 1) this.checkExpandedNames(nameStart, nameEnd, count);
    }
    return namespace;
  }

  /**
   * The duplicate check of a tag with many attributes: a table of names, not every pair. Open
   * addressing over the names' positions in the source, hashed from their characters, so a tag
   * with a million attributes allocates one array instead of a million strings and map entries.
   */
  private checkNamesByTable(nameStart: number, nameEnd: number, count: number): void {
    const src = this.src;
    let capacity = 64;
    while (capacity < 2 * count) capacity *= 2;
    const mask = capacity - 1;
    const table = new Int32Array(capacity).fill(-1);
    for (let k = 0; k < count; k++) {
      const start = this.attrName[k]!;
      const end = this.attrNameEnd[k]!;
      let h = 0x811c9dc5;
      for (let i = start; i < end; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193);
      for (let i = h & mask; ; i = (i + 1) & mask) {
        const j = table[i]!;
        if (j === -1) {
          table[i] = k;
          break;
        }
        const other = this.attrName[j]!;
        if (this.attrNameEnd[j]! - other === end - start && this.sameText(start, other, end - start)) {
          this.duplicateAttribute(nameStart, nameEnd, start, end - start, other);
        }
      }
    }
  }

  private duplicateAttribute(nameStart: number, nameEnd: number, start: number, length: number, first: number): never {
    const src = this.src;
    return this.report.fail(
      'duplicate-attribute',
      start,
      `attribute ${src.slice(start, start + length)} appears twice in <${src.slice(nameStart, nameEnd)}> (first at ${this.report.where(first)})`,
    );
  }

  /** Two prefixed attributes with the same namespace and local name are duplicates too. */
  private checkExpandedNames(nameStart: number, nameEnd: number, count: number): void {
    if (count > PAIRWISE_LIMIT) {
      this.checkExpandedNamesByTable(nameStart, nameEnd, count);
      return;
    }
    for (let k = 1; k < count; k++) {
      const colon = this.attrColon[k]!;
      if (colon < 0) continue;
      const localLength = this.attrNameEnd[k]! - colon - 1;
      for (let j = 0; j < k; j++) {
        const otherColon = this.attrColon[j]!;
        if (
          otherColon >= 0 &&
          this.attrNamespace[j] === this.attrNamespace[k] &&
          this.attrNameEnd[j]! - otherColon - 1 === localLength &&
          this.sameText(colon + 1, otherColon + 1, localLength)
        ) {
          this.sameExpandedName(nameStart, nameEnd, k, j);
        }
      }
    }
  }

  private checkExpandedNamesByTable(nameStart: number, nameEnd: number, count: number): void {
    const seen = new Map<string, number>();
    for (let k = 0; k < count; k++) {
      const colon = this.attrColon[k]!;
      if (colon < 0) continue;
      // A namespace URI cannot contain a NUL character, so the key is unambiguous.
      const key = `${this.attrNamespace[k]}\u0000${this.src.slice(colon + 1, this.attrNameEnd[k]!)}`;
      const other = seen.get(key);
      if (other !== undefined) this.sameExpandedName(nameStart, nameEnd, k, other);
      seen.set(key, k);
    }
  }

  private sameExpandedName(nameStart: number, nameEnd: number, k: number, j: number): never {
    const src = this.src;
    const colon = this.attrColon[k]!;
    const name = src.slice(this.attrName[k]!, this.attrNameEnd[k]!);
    const other = src.slice(this.attrName[j]!, this.attrNameEnd[j]!);
    return this.report.fail(
      'duplicate-attribute',
      this.attrName[k]!,
      `attributes ${other} and ${name} of <${src.slice(nameStart, nameEnd)}> are the same attribute {${this.attrNamespace[k]}}${src.slice(colon + 1, this.attrNameEnd[k]!)}`,
    );
  }

  private declareNamespace(k: number): void {
    const src = this.src;
    const start = this.attrName[k]!;
    const colon = this.attrColon[k]!;
    const nameEnd = this.attrNameEnd[k]!;
    this.attrFlags[k]! |= IS_NAMESPACE_DECLARATION;
    const prefix = colon < 0 ? '' : src.slice(colon + 1, nameEnd);
    const uri = this.attributeValue(k);
    const fail = (why: string): never =>
      this.report.fail('invalid-namespace-declaration', start, `${src.slice(start, nameEnd)}="${uri}": ${why}`);
    if (prefix === 'xmlns') fail('the prefix xmlns is reserved and cannot be declared');
    if (prefix === 'xml' && uri !== XML_NAMESPACE) fail(`the prefix xml can only be bound to ${XML_NAMESPACE}`);
    if (prefix !== 'xml' && uri === XML_NAMESPACE) fail('this namespace belongs to the prefix xml and cannot be bound to another prefix');
    if (uri === XMLNS_NAMESPACE) fail('this namespace is reserved for namespace declarations');
    if (prefix !== '' && uri === '') fail('a prefix cannot be undeclared in XML 1.0; give it a namespace URI');
    const n = this.bindingCount++;
    this.boundHidden[n] = this.innermostBinding.get(prefix) ?? -1;
    this.innermostBinding.set(prefix, n);
    this.boundPrefixes[n] = prefix;
    this.boundUris[n] = uri;
    if (prefix === '') this.defaultNamespace = uri;
  }

  private lookupPrefix(start: number, colon: number, nameEnd: number, what: string): string {
    const length = colon - start;
    // `xmlns` and `xml` are bound for good, whatever the stack holds.
    if (length === 5 && this.src.startsWith('xmlns', start)) return XMLNS_NAMESPACE;
    if (length === 3 && this.src.startsWith('xml', start)) return XML_NAMESPACE;
    const prefixes = this.boundPrefixes;
    const count = this.bindingCount;
    if (count <= SCANNED_BINDINGS) {
      for (let i = count - 1; i >= 0; i--) {
        const prefix = prefixes[i]!;
        if (prefix.length === length && this.src.startsWith(prefix, start)) return this.boundUris[i]!;
      }
    } else {
      const i = this.innermostBinding.get(this.src.slice(start, colon));
      if (i !== undefined && i >= 0) return this.boundUris[i]!;
    }
    const prefix = this.src.slice(start, colon);
    return this.report.fail(
      'unbound-prefix',
      start,
      `the prefix ${prefix} of ${what} ${this.src.slice(start, nameEnd)} is not bound; declare it with xmlns:${prefix}="…"`,
    );
  }

  /**
   * Drops namespace bindings made by elements that are now closed, and restores the default
   * namespace that was in force around them (kept, not searched for: a search down a deep stack
   * of prefix declarations made deep documents quadratic).
   */
  private unbindTo(mark: number, defaultNamespace: string): void {
    this.defaultNamespace = defaultNamespace;
    if (this.bindingCount === mark) return;
    const prefixes = this.boundPrefixes;
    for (let i = this.bindingCount - 1; i >= mark; i--) this.innermostBinding.set(prefixes[i]!, this.boundHidden[i]!);
    this.bindingCount = mark;
    prefixes.length = mark;
    this.boundUris.length = mark;
    this.boundHidden.length = mark;
  }

  private buildAttributes(count: number): XmlAttribute[] {
    const src = this.src;
    // Exactly as long as needed: a pushed-to empty array would reserve room for 17.
    const attributes = new Array<XmlAttribute>(count);
    for (let k = 0; k < count; k++) {
      const start = this.attrName[k]!;
      const end = this.attrNameEnd[k]!;
      const colon = this.attrColon[k]!;
      const valueStart = this.attrValue[k]!;
      const raw = this.attrRaw[k]!;
      const name = src.slice(start, end);
      attributes[k] = {
        name,
        prefix: colon < 0 ? '' : src.slice(start, colon),
        local: colon < 0 ? name : src.slice(colon + 1, end),
        ns: colon >= 0
          ? this.attrNamespace[k]!
          : (this.attrFlags[k]! & IS_NAMESPACE_DECLARATION) !== 0
            ? XMLNS_NAMESPACE
            : '',
        value: (this.attrFlags[k]! & (HAS_REFERENCE | HAS_WHITESPACE_TO_NORMALISE)) === 0 ? raw : this.attributeValue(k),
        raw,
        quote: src.charCodeAt(valueStart - 1) === DQUOTE ? '"' : "'",
        before: src.slice(this.attrBefore[k]!, start),
        eq: src.slice(end, valueStart - 1),
        offset: start,
      };
    }
    return attributes;
  }

  /** Logs a start tag with its attributes (names expanded as in {@link buildAttributes}). */
  private logStartTag(log: XmlEventLog, ns: string, local: string, count: number): void {
    const src = this.src;
    const strings = log.strings;
    const codes = log.codes;
    codes[log.codeCount++] = START_ELEMENT;
    codes[log.codeCount++] = count;
    let n = log.stringCount;
    strings[n++] = ns;
    strings[n++] = local;
    for (let k = 0; k < count; k++) {
      const colon = this.attrColon[k]!;
      const flags = this.attrFlags[k]!;
      strings[n++] = colon >= 0 ? this.attrNamespace[k]! : (flags & IS_NAMESPACE_DECLARATION) !== 0 ? XMLNS_NAMESPACE : '';
      strings[n++] = src.slice(colon < 0 ? this.attrName[k]! : colon + 1, this.attrNameEnd[k]!);
      strings[n++] = this.attributeValue(k);
    }
    log.stringCount = n;
  }

  /** Without a tree, values with references are still expanded for their errors. */
  private validateAttributeValues(count: number): void {
    for (let k = 0; k < count; k++) {
      if ((this.attrFlags[k]! & HAS_REFERENCE) !== 0) this.attributeValue(k);
    }
  }

  private attributeValue(k: number): string {
    if ((this.attrFlags[k]! & (HAS_REFERENCE | HAS_WHITESPACE_TO_NORMALISE)) === 0) return this.attrRaw[k]!;
    return this.decoder.attribute(this.attrValue[k]!, this.attrValueEnd[k]!);
  }

  /**
   * End of the qualified name starting at `start` (`start` when none starts there). Leaves the
   * offset of its colon, or -1, in `nameColon`, and reports names that are not QNames.
   *
   * The loop only finds the end and remembers the last colon; the rules of QNames are checked
   * afterwards, and only for names with a colon. So every name runs the same code until its end,
   * and V8's optimised code for reading tags is not discarded at the first name with a digit or
   * a hyphen, only (once) at the first name with a prefix.
   */
  private qualifiedNameEnd(start: number): number {
    const src = this.src;
    const nameClass = ASCII_NAME;
    const first = src.charCodeAt(start);
    if (first < 128 && (nameClass[first]! & NAME_START) === 0) {
      this.nameColon = -1;
      return start;
    }
    let colon = -1;
    let i = start;
    for (;;) {
      const c = src.charCodeAt(i);
      if (c < 128) {
        if (nameClass[c] === 0) break;
        if (c === COLON) colon = i;
        i++;
      } else {
        // Also reached at the end of input, where c is NaN and the width is 0.
        const width = nonAsciiNameWidth(src, i, i === start || (colon >= 0 && i === colon + 1));
        if (width === 0) break;
        i += width;
      }
    }
    this.nameColon = colon;
    if (colon >= 0) this.checkQualifiedName(start, colon, i);
    return i;
  }

  /**
   * The rules of QNames for the name [start, end) whose last colon is at `lastColon`; reports
   * the broken rule a reading from the left meets first.
   */
  private checkQualifiedName(start: number, lastColon: number, end: number): void {
    const src = this.src;
    const colon = src.indexOf(':', start);
    const local = src.charCodeAt(colon + 1);
    if (colon + 1 < end && local < 128 && (ASCII_NAME[local]! & NAME_START) === 0) {
      this.report.fail('invalid-qname', colon + 1, `the local part of ${src.slice(start, scanName(src, start))} must start with a letter or '_'`);
    }
    if (colon !== lastColon) {
      this.report.fail('invalid-qname', src.indexOf(':', colon + 1), `name ${src.slice(start, scanName(src, start))} has more than one ':'`);
    }
    if (colon === start || colon === end - 1) {
      this.report.fail('invalid-qname', colon, `name ${src.slice(start, end)} must be prefix:local with both parts non-empty`);
    }
  }

  private sameText(a: number, b: number, length: number): boolean {
    const src = this.src;
    for (let i = 0; i < length; i++) {
      if (src.charCodeAt(a + i) !== src.charCodeAt(b + i)) return false;
    }
    return true;
  }

  // ---------------------------------------------------------------- end tags

  private endTag(lt: number): number {
    const src = this.src;
    const nameStart = lt + 2;
    const nameEnd = scanName(src, nameStart);
    if (nameEnd === nameStart) {
      if (nameStart >= src.length) this.report.fail('unexpected-eof', lt, "input ends after '</'");
      this.report.fail('invalid-name', nameStart, `expected an element name after '</', found ${describeChar(src, nameStart)}`);
    }
    if (this.depth === 0) {
      this.report.fail('unexpected-end-tag', lt, `end tag </${src.slice(nameStart, nameEnd)}> has no matching start tag`);
    }
    const top = this.depth - 1;
    const openStart = this.openStart[top]!;
    const length = this.openNameEnd[top]! - openStart;
    if (nameEnd - nameStart !== length || !this.sameText(nameStart, openStart, length)) {
      this.report.fail(
        'mismatched-end-tag',
        lt,
        `end tag </${src.slice(nameStart, nameEnd)}> does not match start tag <${this.openName(top)}> opened at ${this.report.where(openStart - 1)}`,
      );
    }
    let pos = nameEnd;
    let c = src.charCodeAt(pos);
    while (c === SPACE || c === LF || c === TAB || c === CR) c = src.charCodeAt(++pos);
    if (c !== GT) {
      if (pos >= src.length) this.report.fail('unexpected-eof', lt, `end tag </${this.openName(top)}> is never closed with '>'`);
      if (!isXmlCodePoint(src.codePointAt(pos)!)) reportInvalidChar(src, pos, this.report);
      this.report.fail('unexpected-char', pos, `expected '>' to close end tag </${this.openName(top)}>, found ${describeChar(src, pos)}`);
    }
    pos++;
    this.depth = top;
    this.unbindTo(this.openNamespaceMark[top]!, this.openDefaultNamespace[top]!);
    if (top === 0) this.rootClosed = true;
    if (this.build) {
      const element = this.openElements[top]! as Writable<XmlElement>;
      if (pos - 1 > nameEnd) element.endTagTail = src.slice(nameEnd, pos - 1);
      element.end = pos;
      this.container = top === 0 ? this.epilog : this.openElements[top - 1]!.children;
    } else if (this.log !== undefined) {
      this.log.codes[this.log.codeCount++] = END_ELEMENT;
    }
    return pos;
  }

  // ---------------------------------------------------------------- text

  private text(start: number): number {
    const src = this.src;
    let end = src.indexOf('<', start);
    if (end < 0) end = src.length;
    const raw = src.slice(start, end);
    const flags = TEXT_SPECIAL.test(raw) ? this.textFlags(start, end) : 0;
    if (this.depth === 0) this.checkOutsideRoot(start, end);
    if (this.build) {
      this.container.push({
        kind: 'text',
        value: flags === 0 ? raw : this.decoder.text(start, end),
        raw,
        offset: start,
      });
    } else if (this.log !== undefined) {
      if (this.depth > 0) this.logText(this.log, flags === 0 ? raw : this.decoder.text(start, end));
      else if ((flags & TEXT_HAS_REFERENCE) !== 0) this.decoder.text(start, end);
    } else if ((flags & TEXT_HAS_REFERENCE) !== 0) {
      this.decoder.text(start, end);
    }
    return end;
  }

  /** Checks the characters of a text run and says what its value needs (references, line ends). */
  private textFlags(start: number, end: number): number {
    const src = this.src;
    let flags = 0;
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c <= AMP) {
        if (c < SPACE) {
          if (c === CR) flags |= TEXT_HAS_CR;
          else if (c !== LF && c !== TAB) reportInvalidChar(src, i, this.report);
        } else if (c === AMP) {
          flags |= TEXT_HAS_REFERENCE;
        }
      } else if (c === RBRACKET) {
        if (src.charCodeAt(i + 1) === RBRACKET && src.charCodeAt(i + 2) === GT) {
          this.report.fail('cdata-end-in-text', i, "']]>' is not allowed in text; write ]]&gt;");
        }
      } else if (c >= 0xd800) {
        const kind = invalidAtSurrogateOrSpecial(src, i, end);
        if (kind === 1) reportInvalidChar(src, i, this.report);
        i += kind >> 1;
      }
    }
    return flags;
  }

  private logText(log: XmlEventLog, value: string): void {
    log.codes[log.codeCount++] = TEXT;
    log.strings[log.stringCount++] = value;
  }

  /** Outside the root element only whitespace may appear as text. */
  private checkOutsideRoot(start: number, end: number): void {
    const src = this.src;
    for (let i = start; i < end; i++) {
      const c = src.charCodeAt(i);
      if (c !== SPACE && c !== LF && c !== TAB && c !== CR) {
        if (this.rootClosed) {
          this.report.fail('junk-after-root', i, `only comments, processing instructions and whitespace may follow the root element, found ${describeChar(src, i)}`);
        }
        this.report.fail('text-before-root', i, `text is not allowed before the root element, found ${describeChar(src, i)}`);
      }
    }
  }

  // ---------------------------------------------------------------- <! and <?

  private bangMarkup(lt: number): number {
    const src = this.src;
    if (src.startsWith('<!--', lt)) {
      const end = commentEnd(src, lt, this.report);
      if (this.build) this.container.push({ kind: 'comment', value: src.slice(lt + 4, end - 3), offset: lt });
      return end;
    }
    if (src.startsWith('<![CDATA[', lt)) return this.cdata(lt);
    if (src.startsWith('<!DOCTYPE', lt)) return this.doctype(lt);
    if (this.depth === 0 && this.rootClosed) {
      this.report.fail('junk-after-root', lt, "only comments, processing instructions and whitespace may follow the root element");
    }
    return this.report.fail(
      'unexpected-char',
      lt,
      "'<!' must start a comment <!-- … -->, a CDATA section <![CDATA[ … ]]> or a <!DOCTYPE …>; write &lt; for a literal '<'",
    );
  }

  private cdata(lt: number): number {
    const src = this.src;
    if (this.depth === 0) {
      if (this.rootClosed) this.report.fail('junk-after-root', lt, 'a CDATA section cannot follow the root element');
      this.report.fail('text-before-root', lt, 'a CDATA section cannot appear before the root element');
    }
    const contentStart = lt + 9;
    const close = src.indexOf(']]>', contentStart);
    if (close < 0) this.report.fail('unclosed-cdata', lt, `CDATA section opened at ${this.report.where(lt)} is never closed with ']]>'`);
    const bad = findInvalidChar(src, contentStart, close);
    if (bad >= 0) reportInvalidChar(src, bad, this.report);
    if (this.build || this.log !== undefined) {
      const raw = src.slice(contentStart, close);
      const value = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
      if (this.build) this.container.push({ kind: 'cdata', value, raw, offset: lt });
      else this.logText(this.log!, value);
    }
    return close + 3;
  }

  private doctype(lt: number): number {
    if (this.depth > 0 || this.rootClosed) {
      this.report.fail('misplaced-doctype', lt, 'a DOCTYPE is only allowed before the root element');
    }
    if (this.seenDoctype) this.report.fail('misplaced-doctype', lt, 'a document can have only one DOCTYPE');
    this.seenDoctype = true;
    const end = readDoctype(this.src, lt, this.entities, this.report);
    if (this.build) this.prolog.push({ kind: 'doctype', raw: this.src.slice(lt, end), offset: lt });
    return end;
  }

  private processingInstruction(lt: number): number {
    const bounds = piBounds(this.src, lt, this.report);
    if (this.build) {
      this.container.push({
        kind: 'pi',
        target: this.src.slice(lt + 2, bounds.targetEnd),
        data: this.src.slice(bounds.targetEnd, bounds.end - 2),
        offset: lt,
      });
    }
    return bounds.end;
  }

  // ---------------------------------------------------------------- errors

  private openName(index: number): string {
    return this.src.slice(this.openStart[index]!, this.openNameEnd[index]!);
  }

  private nameAt(start: number): string {
    return this.src.slice(start, scanName(this.src, start));
  }

  /** `<` not followed by a name: a stray `<` in text, or the input ended. */
  private badTagStart(at: number): never {
    const src = this.src;
    if (at >= src.length) this.report.fail('unexpected-eof', at - 1, "input ends after '<'");
    if (!isXmlCodePoint(src.codePointAt(at)!)) reportInvalidChar(src, at, this.report);
    return this.report.fail(
      'invalid-name',
      at,
      `'<' must be followed by an element name, found ${describeChar(src, at)}; write &lt; for a literal '<'`,
    );
  }

  private unexpectedInTag(at: number, lt: number, expected: string): never {
    const src = this.src;
    if (at >= src.length) this.unclosedStartTag(lt);
    if (!isXmlCodePoint(src.codePointAt(at)!)) reportInvalidChar(src, at, this.report);
    return this.report.fail('unexpected-char', at, `${expected}, found ${describeChar(src, at)}`);
  }

  private unclosedStartTag(lt: number): never {
    return this.report.fail(
      'unexpected-eof',
      lt,
      `start tag <${this.nameAt(lt + 1)}> opened at ${this.report.where(lt)} is never closed with '>'`,
    );
  }
}
