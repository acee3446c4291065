/**
 * xmlbuilder2 as an independent oracle for the DOM layer. Random trees go both ways: xmlbuilder2
 * writes them and `parseXml` must read back what was generated; the model writer's escaping and
 * `serializeXml` write them and xmlbuilder2 must read back what was generated.
 *
 * Neither side of xmlbuilder2 is a conforming XML processor, so each comparison is limited to
 * what it handles faithfully (xmlbuilder2 4.0.3, lib/writers/BaseWriter.js, lib/readers/):
 *  - its writer leaves `&` unescaped before `name;` and `#digits;` (references pass through), so
 *    text and attribute values given to it contain no such sequence;
 *  - its reader expands `&amp;#60;` to `<` (named references first, then numeric ones on the
 *    result), so text and attribute values for direction two contain no `&#n;` or `&#xh;`;
 *  - its writer puts tab, CR and LF into attribute values and CR into text literally, so a
 *    conforming parser reads them normalised: that is what `parseXml` is held to;
 *  - its reader normalises neither line ends nor attribute values, so comments, PIs and CDATA
 *    (where CR is written literally) are compared with line ends normalised on both sides;
 *  - its writer chooses prefixes (it reuses one already bound to the namespace), so direction
 *    one compares namespace URIs and local names, not prefixes;
 *  - its writer leaves out an empty CDATA section, so text on either side of one joins up;
 *  - its writer declares an undeclared attribute namespace once per attribute, so two attributes
 *    of one namespace would give a repeated `xmlns:p`: such namespaces are declared explicitly;
 *  - its reader gives `xml:*` attributes, and prefixed attributes whose namespace is also the
 *    default namespace in scope, no namespace (XMLReader.js: `lookupNamespaceURI`,
 *    `isDefaultNamespace`), so direction two compares those by qualified name only;
 *  - its reader binds a prefixed namespace to the declaration's value as written, references
 *    unexpanded, so direction two uses only namespace names that need no escapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { parseXml, serializeXml, XML_NAMESPACE, XMLNS_NAMESPACE } from '../../src/xml/dom/index.js';
import type { XmlAttribute, XmlDocument, XmlElement, XmlMiscNode, XmlNode } from '../../src/xml/dom/index.js';
import { escapeAttribute, escapeText } from '../../src/xml/model/escape.js';
import { propRuns, propSeed } from './oracles.js';

/** A run costs about a millisecond, so the default is higher than the grammar properties'. */
const RUNS = process.env.VIRTXML_PROP_RUNS === undefined ? 400 : propRuns();

// ---- Generated trees ------------------------------------------------------------------------

interface GenAttribute {
  readonly ns: string;
  readonly prefix: string;
  readonly local: string;
  readonly value: string;
}
interface GenElement {
  readonly kind: 'element';
  readonly ns: string;
  readonly prefix: string;
  readonly local: string;
  readonly attributes: readonly GenAttribute[];
  readonly children: readonly GenNode[];
  /** How an element without children is written by us: `<a/>` or `<a></a>`. */
  readonly selfClosing: boolean;
}
type GenMisc = { readonly kind: 'comment'; readonly value: string } | { readonly kind: 'pi'; readonly target: string; readonly data: string };
type GenNode = GenElement | { readonly kind: 'text'; readonly value: string } | { readonly kind: 'cdata'; readonly value: string } | GenMisc;
interface GenDocument {
  readonly prolog: readonly GenMisc[];
  readonly root: GenElement;
  readonly epilog: readonly GenMisc[];
}

/** Each namespace has one prefix, so an attribute's prefix never clashes with its element's. */
interface Namespace {
  readonly uri: string;
  readonly prefix: string;
}
const PLAIN_NAMESPACES: readonly Namespace[] = [
  { uri: 'urn:a', prefix: 'a' },
  { uri: 'urn:é:c😀', prefix: 'é' },
];
/** Quotes, `&` and `<` in a namespace name exercise the escaping of declarations. */
const NAMESPACES: readonly Namespace[] = [...PLAIN_NAMESPACES, { uri: 'http://example.com/b?x=1&y="2"\'<é😀', prefix: 'b' }];

/** Every character class that needs care, and any legal XML 1.0 character. */
const char = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('<', '>', '&', '"', "'", '\t', '\n', '\r', '\r\n', ' ', ';', '#', 'x', 'a', '1', ']', '-', '?', '=') },
  { weight: 1, arbitrary: fc.constantFrom('é', '€', '\u0085', '\u00a0', '\u2028', '\ufffd', '😀', '\u{10ffff}', 'amp', 'lt;', '#60', '#x3c') },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.integer({ min: 0x20, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0xfffd }), fc.integer({ min: 0x10000, max: 0x10ffff }))
      .map((cp) => String.fromCodePoint(cp)),
  },
);
/** Sequences each direction keeps out of text and attribute values (see above). */
const XB2_WRITER_PASSES = /&(?=(?:[A-Za-z]+|#[0-9]+);)/g;
const XB2_READER_EXPANDS_TWICE = /&(?=#(?:[0-9]+|x[0-9A-Fa-f]+);)/g;
/** `s` with a space after every `&` that `unsafe` matches. */
const breakUp = (unsafe: RegExp, s: string): string => s.replace(unsafe, '& ');
const legal = fc.array(char, { maxLength: 8 }).map((parts) => parts.join(''));
const commentText = legal.map((s) => s.replace(/-+/g, '-').replace(/-$/, '-.'));
const cdataText = legal.map((s) => s.replace(/]]>/g, ']] >'));
const piTarget = fc.constantFrom('pi', 'p-1.x', 'é', 'xml-stylesheet', '_😀');
/** PI data cannot start with whitespace: the space after the target is not part of it. */
const piData = legal.map((s) => s.replace(/\?>/g, '? >').replace(/^[ \t\r\n]+/, ''));

const elementName = fc.constantFrom('r', 'disk', 'é', 'x-y.z', '_n', '中文', '\u{10000}k');
const attributeName = fc.constantFrom('id', 'type', 'é', 'v.1', '\u{10000}');

const misc: fc.Arbitrary<GenMisc> = fc.oneof(
  commentText.map((value) => ({ kind: 'comment' as const, value })),
  fc.tuple(piTarget, piData).map(([target, data]) => ({ kind: 'pi' as const, target, data })),
);

/** Adjacent text is one text node once written; empty text is no node at all. */
function mergeText(children: readonly GenNode[], join = (a: string, b: string): string => a + b): GenNode[] {
  const out: GenNode[] = [];
  for (const c of children) {
    const last = out[out.length - 1];
    if (c.kind === 'text' && c.value === '') continue;
    if (c.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', value: join(last.value, c.value) };
    else out.push(c);
  }
  return out;
}

/**
 * Documents whose elements and attributes are in no namespace or one of `namespaces`, and whose
 * text and attribute values have no `unsafe` sequence.
 */
function documents(namespaces: readonly Namespace[], unsafe: RegExp): fc.Arbitrary<GenDocument> {
  const content = legal.map((s) => breakUp(unsafe, s));
  const attribute: fc.Arbitrary<GenAttribute> = fc.oneof(
    fc.record({ ns: fc.constant(''), prefix: fc.constant(''), local: attributeName, value: content }),
    fc.tuple(fc.constantFrom(...namespaces), attributeName, content).map(([n, local, value]) => ({ ns: n.uri, prefix: n.prefix, local, value })),
    fc.tuple(fc.constantFrom('lang', 'base'), content).map(([local, value]) => ({ ns: XML_NAMESPACE, prefix: 'xml', local, value })),
  );
  // (namespace, local name) pairs are unique within an element.
  const attributes = fc.uniqueArray(attribute, { maxLength: 3, selector: (a) => `${a.ns} ${a.local}` });
  const leaf: fc.Arbitrary<GenNode> = fc.oneof(
    content.map((value) => ({ kind: 'text' as const, value })),
    cdataText.map((value) => ({ kind: 'cdata' as const, value })),
    misc,
  );
  const element: fc.Memo<GenElement> = fc.memo((depth) =>
    fc
      .tuple(
        fc.constantFrom(undefined, ...namespaces),
        fc.boolean(),
        elementName,
        attributes,
        fc.array(depth > 1 ? fc.oneof(leaf, element(depth - 1)) : leaf, { maxLength: 4 }),
        fc.boolean(),
      )
      .map(([n, unprefixed, local, attrs, children, selfClosing]) => ({
        kind: 'element' as const,
        ns: n?.uri ?? '',
        prefix: n === undefined || unprefixed ? '' : n.prefix,
        local,
        attributes: attrs,
        children: mergeText(children, (a, b) => breakUp(unsafe, a + b)),
        selfClosing,
      })),
  );
  return fc.record({ prolog: fc.array(misc, { maxLength: 2 }), root: element(4), epilog: fc.array(misc, { maxLength: 2 }) });
}

// ---- Comparable views -----------------------------------------------------------------------

type View = unknown;

const lineEnds = (s: string): string => s.replace(/\r\n?/g, '\n');
/** XML 1.0 §3.3.3 for CDATA-typed attributes: line ends first, then each tab and LF is a space. */
const attributeNormalised = (s: string): string => lineEnds(s).replace(/[\t\n]/g, ' ');
const qname = (prefix: string, local: string): string => (prefix === '' ? local : `${prefix}:${local}`);
const stripLeadingSpace = (s: string): string => s.replace(/^[ \t\r\n]+/, '');

function miscView(node: GenMisc): View {
  return node.kind === 'comment' ? ['comment', lineEnds(node.value)] : ['pi', node.target, lineEnds(node.data)];
}

/** What a conforming parser must read from xmlbuilder2's serialisation of `el`. */
function expectedFromXb2(el: GenElement): View {
  return {
    element: [el.ns, el.local],
    attributes: el.attributes.map((a) => [a.ns, a.local, attributeNormalised(a.value)]),
    children: mergeText(el.children.filter((c) => c.kind !== 'cdata' || c.value !== '')).map((c): View => {
      switch (c.kind) {
        case 'element':
          return expectedFromXb2(c);
        case 'text':
          return ['text', lineEnds(c.value)];
        case 'cdata':
          return ['cdata', lineEnds(c.value)];
        default:
          return miscView(c);
      }
    }),
  };
}

function ourMiscView(node: XmlNode | XmlMiscNode): View {
  switch (node.kind) {
    case 'text':
      return ['text', node.value];
    case 'cdata':
      return ['cdata', node.value];
    // Comments and PI data are kept as written, line ends included.
    case 'comment':
      return ['comment', lineEnds(node.value)];
    case 'pi':
      return ['pi', node.target, lineEnds(stripLeadingSpace(node.data))];
    default:
      return [node.kind];
  }
}

function ourView(el: XmlElement): View {
  return {
    element: [el.ns, el.local],
    attributes: el.attributes.filter((a) => a.ns !== XMLNS_NAMESPACE).map((a) => [a.ns, a.local, a.value]),
    children: el.children.map((c) => (c.kind === 'element' ? ourView(c) : ourMiscView(c))),
  };
}

/** What xmlbuilder2's reader must report for `el`, given the default namespace in scope. */
function expectedByXb2(el: GenElement, inheritedDefault = ''): View {
  const defaultNs = el.prefix === '' ? el.ns : inheritedDefault;
  return {
    element: [el.ns, qname(el.prefix, el.local)],
    attributes: el.attributes.map((a) => [a.ns === XML_NAMESPACE || a.ns === defaultNs ? '' : a.ns, qname(a.prefix, a.local), a.value]),
    children: el.children.map((c): View => {
      switch (c.kind) {
        case 'element':
          return expectedByXb2(c, defaultNs);
        case 'text':
          return ['text', c.value];
        case 'cdata':
          return ['cdata', lineEnds(c.value)];
        default:
          return miscView(c);
      }
    }),
  };
}

/** The parts of xmlbuilder2's DOM (@oozcitak/dom) the comparison reads. */
interface DomNode {
  readonly nodeType: number;
  readonly namespaceURI?: string | null;
  readonly prefix?: string | null;
  readonly localName?: string;
  readonly attributes?: Iterable<DomNode>;
  readonly value?: string;
  readonly data?: string;
  readonly target?: string;
  readonly childNodes: Iterable<DomNode>;
}
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_NODE = 4;
const PI_NODE = 7;
const COMMENT_NODE = 8;

function xb2View(node: DomNode): View {
  switch (node.nodeType) {
    case ELEMENT_NODE:
      return {
        element: [node.namespaceURI ?? '', qname(node.prefix ?? '', node.localName!)],
        attributes: [...node.attributes!]
          .filter((a) => a.namespaceURI !== XMLNS_NAMESPACE)
          .map((a) => [a.namespaceURI ?? '', qname(a.prefix ?? '', a.localName!), a.value!]),
        children: [...node.childNodes].map(xb2View),
      };
    case TEXT_NODE:
      return ['text', node.data];
    case CDATA_NODE:
      return ['cdata', lineEnds(node.data!)];
    case COMMENT_NODE:
      return ['comment', lineEnds(node.data!)];
    case PI_NODE:
      return ['pi', node.target, lineEnds(node.data!)];
    default:
      return ['nodeType', node.nodeType];
  }
}

// ---- Writers --------------------------------------------------------------------------------

function buildWithXb2(doc: GenDocument): string {
  const document = create({ version: '1.0' });
  const addMisc = (parent: XMLBuilder, node: GenMisc): void => {
    if (node.kind === 'comment') parent.com(node.value);
    else parent.ins(node.target, node.data);
  };
  const addElement = (parent: XMLBuilder, el: GenElement): void => {
    const builder = parent.ele(el.ns === '' ? null : el.ns, qname(el.prefix, el.local));
    for (const n of NAMESPACES) {
      const shared = el.attributes.filter((a) => a.ns === n.uri);
      if (shared.length > 1) builder.att(XMLNS_NAMESPACE, `xmlns:${n.prefix}`, n.uri);
    }
    for (const a of el.attributes) builder.att(a.ns === '' ? null : a.ns, qname(a.prefix, a.local), a.value);
    for (const c of el.children) {
      if (c.kind === 'element') addElement(builder, c);
      else if (c.kind === 'text') builder.txt(c.value);
      else if (c.kind === 'cdata') builder.dat(c.value);
      else addMisc(builder, c);
    }
  };
  doc.prolog.forEach((m) => addMisc(document, m));
  addElement(document, doc.root);
  doc.epilog.forEach((m) => addMisc(document, m));
  // wellFormed makes xmlbuilder2 refuse names, comments, PIs and characters XML does not allow.
  return document.end({ wellFormed: true });
}

const at = { offset: 0 };

function ourMisc(node: GenMisc): XmlNode & XmlMiscNode {
  return node.kind === 'comment'
    ? { kind: 'comment', value: node.value, ...at }
    : { kind: 'pi', target: node.target, data: node.data === '' ? '' : ` ${node.data}`, ...at };
}

function ourAttribute(name: string, value: string, quote: '"' | "'"): XmlAttribute {
  const [prefix, local] = name.includes(':') ? (name.split(':') as [string, string]) : ['', name];
  return { name, prefix, local, ns: '', value, raw: escapeAttribute(value), quote, before: ' ', eq: '=', ...at };
}

/**
 * Our tree for a generated one, namespace declarations added where the scope lacks them; only
 * the fields `serializeXml` writes matter. `quote` picks each attribute's quote character.
 */
function ourElement(el: GenElement, scope: ReadonlyMap<string, string>, quote: () => '"' | "'"): XmlElement {
  const inner = new Map(scope);
  const declarations: XmlAttribute[] = [];
  const declare = (prefix: string, uri: string): void => {
    if ((inner.get(prefix) ?? '') === uri) return;
    inner.set(prefix, uri);
    declarations.push(ourAttribute(prefix === '' ? 'xmlns' : `xmlns:${prefix}`, uri, quote()));
  };
  declare(el.prefix, el.ns);
  for (const a of el.attributes) if (a.prefix !== '' && a.prefix !== 'xml') declare(a.prefix, a.ns);
  const children = el.children.map((c): XmlNode => {
    switch (c.kind) {
      case 'element':
        return ourElement(c, inner, quote);
      case 'text':
        return { kind: 'text', value: c.value, raw: escapeText(c.value), ...at };
      case 'cdata':
        return { kind: 'cdata', value: c.value, ...at };
      default:
        return ourMisc(c);
    }
  });
  return {
    kind: 'element',
    name: qname(el.prefix, el.local),
    prefix: el.prefix,
    local: el.local,
    ns: el.ns,
    attributes: [...declarations, ...el.attributes.map((a) => ourAttribute(qname(a.prefix, a.local), a.value, quote()))],
    children,
    selfClosing: children.length === 0 && el.selfClosing,
    startTagTail: '',
    endTagTail: '',
    offset: 0,
    startTagEnd: 0,
    end: 0,
  };
}

function writeOurs(doc: GenDocument, quotes: readonly boolean[]): string {
  let i = 0;
  const quote = (): '"' | "'" => (quotes[i++ % quotes.length] ? "'" : '"');
  const tree: XmlDocument = {
    prolog: doc.prolog.map(ourMisc),
    root: ourElement(doc.root, new Map(), quote),
    epilog: doc.epilog.map(ourMisc),
    source: '',
  };
  return serializeXml(tree);
}

// ---- Properties -----------------------------------------------------------------------------

describe('xmlbuilder2 as an oracle for the DOM layer', () => {
  it('parseXml reads what xmlbuilder2 wrote, and serializeXml gives its text back', () => {
    fc.assert(
      fc.property(documents(NAMESPACES, XB2_WRITER_PASSES), (doc) => {
        const xml = buildWithXb2(doc);
        const parsed = parseXml(xml);
        expect(ourView(parsed.root), xml).toEqual(expectedFromXb2(doc.root));
        const outside = (nodes: readonly XmlMiscNode[]): View[] => nodes.filter((n) => n.kind !== 'text').map(ourMiscView);
        expect(outside(parsed.prolog), xml).toEqual(doc.prolog.map(miscView));
        expect(outside(parsed.epilog), xml).toEqual(doc.epilog.map(miscView));
        expect(serializeXml(parsed)).toBe(xml);
      }),
      { numRuns: RUNS, seed: propSeed() + 10 },
    );
  });

  it('xmlbuilder2 reads what our escaping and serializeXml wrote', () => {
    fc.assert(
      fc.property(documents(PLAIN_NAMESPACES, XB2_READER_EXPANDS_TWICE), fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), (doc, quotes) => {
        const xml = writeOurs(doc, quotes);
        const read = create({ skipWhitespaceOnlyText: false }, xml);
        const top = [...(read.node as unknown as DomNode).childNodes];
        const rootIndex = top.findIndex((n) => n.nodeType === ELEMENT_NODE);
        expect(xb2View(top[rootIndex]!), xml).toEqual(expectedByXb2(doc.root));
        expect(top.slice(0, rootIndex).map(xb2View), xml).toEqual(doc.prolog.map(miscView));
        expect(top.slice(rootIndex + 1).map(xb2View), xml).toEqual(doc.epilog.map(miscView));
      }),
      { numRuns: RUNS, seed: propSeed() + 11 },
    );
  });
});
