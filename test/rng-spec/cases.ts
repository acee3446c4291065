/**
 * Data-driven RELAX NG cases: a schema, instances that must be valid, instances that must not
 * (optionally with the diagnostic code expected first). Each case is tagged with the section of
 * the RELAX NG specification (OASIS, 3 December 2001) whose semantics it exercises.
 */
import type { Pattern } from '../../src/xml/grammar/pattern.js';
import type { Dsl } from './dsl.js';

export interface Invalid {
  readonly xml: string;
  /** The code of the first diagnostic, when the case pins it. */
  readonly code?: string;
}

export interface SpecCase {
  readonly section: string;
  readonly title: string;
  readonly schema: (d: Dsl) => Pattern;
  readonly valid: readonly string[];
  readonly invalid: readonly (string | Invalid)[];
}

const Q = 'urn:q';
const R = 'urn:r';

export const specCases: readonly SpecCase[] = [
  // ---- 6.2.1 choice ----
  {
    section: '6.2.1', title: 'choice between elements',
    schema: (d) => d.el('a', d.choice(d.el('b'), d.el('c'))),
    valid: ['<a><b/></a>', '<a><c/></a>', '<a>\n  <c/>\n</a>'],
    invalid: [{ xml: '<a/>', code: 'missing-element' }, { xml: '<a><b/><c/></a>', code: 'unexpected-element' }, '<a><d/></a>'],
  },
  {
    section: '6.2.1', title: 'choice between attribute groups',
    schema: (d) => d.el('a', d.choice(d.group(d.attr('type', d.value('file')), d.attr('path')), d.group(d.attr('type', d.value('block')), d.attr('dev')))),
    valid: ['<a type="file" path="/x"/>', '<a dev="/dev/sda" type="block"/>', '<a type=" block " dev="d"/>'],
    invalid: [
      { xml: '<a type="file" dev="x"/>', code: 'conflicting-attribute' },
      { xml: '<a type="net"/>', code: 'invalid-attribute-value' },
      { xml: '<a type="file"/>', code: 'missing-attribute' },
      { xml: '<a/>', code: 'missing-attribute' },
    ],
  },
  {
    section: '6.2.1', title: 'choice with empty is optional',
    schema: (d) => d.el('a', d.optional(d.el('b')), d.el('c')),
    valid: ['<a><c/></a>', '<a><b/><c/></a>'],
    invalid: ['<a><b/></a>', '<a><c/><b/></a>', '<a><b/><b/><c/></a>'],
  },

  // ---- 6.2.2 group ----
  {
    section: '6.2.2', title: 'group keeps element order',
    schema: (d) => d.el('a', d.el('b'), d.el('c')),
    valid: ['<a><b/><c/></a>', '<a> <b/> <c/> </a>'],
    invalid: [{ xml: '<a><c/><b/></a>', code: 'element-too-early' }, { xml: '<a><b/></a>', code: 'missing-element' }, '<a><b/><c/><c/></a>'],
  },
  {
    section: '6.2.2', title: 'attributes in a group are unordered',
    schema: (d) => d.el('a', d.attr('x'), d.attr('y'), d.el('b')),
    valid: ['<a x="1" y="2"><b/></a>', '<a y="2" x="1"><b/></a>'],
    invalid: [{ xml: '<a x="1"><b/></a>', code: 'missing-attribute' }, { xml: '<a x="1" y="2" z="3"><b/></a>', code: 'unexpected-attribute' }],
  },

  // ---- 6.2.3 empty ----
  {
    section: '6.2.3', title: 'empty content accepts nothing but whitespace',
    schema: (d) => d.el('a', d.empty),
    valid: ['<a/>', '<a></a>', '<a>  \n\t</a>', '<a><!-- comment --></a>', '<a><?pi data?></a>'],
    invalid: [{ xml: '<a>x</a>', code: 'unexpected-text' }, { xml: '<a><b/></a>', code: 'unexpected-element' }, { xml: '<a x="1"/>', code: 'unexpected-attribute' }],
  },

  // ---- 6.2.4 text ----
  {
    section: '6.2.4', title: 'text matches any text, including none',
    schema: (d) => d.el('a', d.text),
    valid: ['<a/>', '<a>hello</a>', '<a>x<!-- c -->y</a>', '<a><![CDATA[<b/>]]></a>', '<a>&lt;b/&gt;</a>'],
    invalid: [{ xml: '<a><b/></a>', code: 'unexpected-element' }],
  },
  {
    section: '6.2.4', title: 'text in a group with elements (mixed content)',
    schema: (d) => d.el('a', d.mixed(d.zeroOrMore(d.el('b')))),
    valid: ['<a/>', '<a>x<b/>y<b/>z</a>', '<a><b/></a>', '<a>only text</a>'],
    invalid: [{ xml: '<a>x<c/>y</a>', code: 'unexpected-element' }],
  },

  // ---- 6.2.5 oneOrMore ----
  {
    section: '6.2.5', title: 'oneOrMore requires at least one',
    schema: (d) => d.el('a', d.oneOrMore(d.el('b'))),
    valid: ['<a><b/></a>', '<a><b/><b/><b/></a>'],
    invalid: [{ xml: '<a/>', code: 'missing-element' }, { xml: '<a><b/><c/></a>', code: 'unexpected-element' }],
  },
  {
    section: '6.2.5', title: 'oneOrMore of a group repeats the whole group',
    schema: (d) => d.el('a', d.oneOrMore(d.el('k'), d.el('v'))),
    valid: ['<a><k/><v/></a>', '<a><k/><v/><k/><v/></a>'],
    invalid: ['<a><k/><k/><v/></a>', { xml: '<a><k/><v/><k/></a>', code: 'missing-element' }],
  },
  {
    section: '6.2.5', title: 'oneOrMore of attributes with a name class',
    schema: (d) => d.el('a', d.oneOrMore(d.attr(d.anyName()))),
    valid: ['<a x="1"/>', '<a x="1" y="2" z="3"/>'],
    invalid: [{ xml: '<a/>', code: 'missing-attribute' }],
  },

  // ---- 6.2.6 interleave ----
  {
    section: '6.2.6', title: 'interleave accepts any order',
    schema: (d) => d.el('a', d.interleave(d.el('b'), d.el('c'), d.el('d'))),
    valid: ['<a><b/><c/><d/></a>', '<a><d/><c/><b/></a>', '<a><c/><b/><d/></a>'],
    invalid: [{ xml: '<a><b/><c/></a>', code: 'missing-element' }, { xml: '<a><b/><b/><c/><d/></a>', code: 'repeated-element' }],
  },
  {
    section: '6.2.6', title: 'interleave keeps the order inside each group',
    schema: (d) => d.el('a', d.interleave(d.group(d.el('x1'), d.el('x2')), d.group(d.el('y1'), d.el('y2')))),
    valid: ['<a><x1/><y1/><x2/><y2/></a>', '<a><y1/><y2/><x1/><x2/></a>', '<a><x1/><y1/><y2/><x2/></a>'],
    invalid: ['<a><x2/><x1/><y1/><y2/></a>', '<a><x1/><x2/><y2/><y1/></a>'],
  },
  {
    section: '6.2.6', title: 'interleave of optional and repeated parts (libvirt style)',
    schema: (d) => d.el('devices', d.interleave(d.zeroOrMore(d.el('disk', d.attr('type'))), d.optional(d.el('emulator', d.text)), d.zeroOrMore(d.el('interface')))),
    valid: ['<devices/>', '<devices><disk type="a"/><emulator>/bin/q</emulator><disk type="b"/><interface/></devices>', '<devices><interface/><interface/></devices>'],
    invalid: [{ xml: '<devices><emulator/><disk type="a"/><emulator/></devices>', code: 'repeated-element' }, { xml: '<devices><disk/></devices>', code: 'missing-attribute' }],
  },
  {
    section: '6.2.6', title: 'interleave of attributes and elements',
    schema: (d) => d.el('a', d.interleave(d.attr('x'), d.el('b'), d.optional(d.attr('y')))),
    valid: ['<a x="1"><b/></a>', '<a y="2" x="1"><b/></a>'],
    invalid: [{ xml: '<a><b/></a>', code: 'missing-attribute' }, { xml: '<a x="1"/>', code: 'missing-element' }],
  },
  {
    section: '6.2.6', title: 'interleave with text: mixed',
    schema: (d) => d.el('p', d.mixed(d.optional(d.el('b')), d.optional(d.el('i')))),
    valid: ['<p>a<b/>b<i/>c</p>', '<p>plain</p>', '<p/>', '<p><i/>x</p>'],
    invalid: ['<p><b/><b/></p>', '<p><i/><b/></p>'],
  },
  {
    section: '6.2.6', title: 'nested interleave inside oneOrMore',
    schema: (d) => d.el('a', d.oneOrMore(d.el('item', d.interleave(d.el('k', d.text), d.el('v', d.text))))),
    valid: ['<a><item><k>1</k><v>2</v></item><item><v>3</v><k>4</k></item></a>'],
    invalid: [{ xml: '<a><item><k>1</k></item></a>', code: 'missing-element' }],
  },

  // ---- 6.2.7 element and attribute; weak match of whitespace ----
  {
    section: '6.2.7', title: 'whitespace between elements is ignored, other text is not',
    schema: (d) => d.el('a', d.el('b'), d.el('c')),
    valid: ['<a>\n  <b/>\n  <c/>\n</a>', '<a><b/>\t<!-- x -->\n<c/></a>'],
    invalid: [{ xml: '<a><b/> x <c/></a>', code: 'unexpected-text' }],
  },
  {
    section: '6.2.7', title: 'an element with no children matches data against the empty string',
    schema: (d) => d.el('a', d.el('s', d.data('string')), d.el('i', d.xsd('int'))),
    valid: ['<a><s/><i>1</i></a>', '<a><s></s><i> 7 </i></a>', '<a><s>  </s><i>-2</i></a>'],
    invalid: [{ xml: '<a><s/><i/></a>', code: 'missing-text' }, { xml: '<a><s/><i>  </i></a>', code: 'missing-text' }, { xml: '<a><s/><i>x</i></a>', code: 'invalid-text' }],
  },
  {
    section: '6.2.7', title: 'whitespace-only content may match empty or a value',
    schema: (d) => d.el('a', d.choice(d.empty, d.value('x'))),
    valid: ['<a/>', '<a> </a>', '<a>x</a>', '<a> x </a>'],
    invalid: [{ xml: '<a>y</a>', code: 'invalid-text' }],
  },
  {
    section: '6.2.7', title: 'text split by a comment is one text node',
    schema: (d) => d.el('a', d.value('ab')),
    valid: ['<a>a<!-- c -->b</a>', '<a>a<?pi?>b</a>', '<a><![CDATA[a]]>b</a>'],
    invalid: ['<a>a<b/>b</a>'],
  },
  {
    section: '6.2.7', title: 'data text between elements',
    schema: (d) => d.el('a', d.el('b'), d.xsd('int'), d.el('c')),
    valid: ['<a><b/>12<c/></a>', '<a><b/> 12 <c/></a>'],
    invalid: [{ xml: '<a><b/><c/></a>', code: 'element-too-early' }, { xml: '<a><b/>x<c/></a>', code: 'invalid-text' }],
  },
  {
    section: '6.2.7', title: 'element name classes: anyName, nsName, except',
    schema: (d) => d.el('root', d.zeroOrMore(d.el(d.anyName(d.names(d.nsName(Q), d.name('forbidden'))), d.text)), d.optional(d.el(d.nsName(R)))),
    valid: ['<root><x/><y>t</y></root>', `<root xmlns:r="${R}"><a/><r:z/></root>`, `<root xmlns:p="urn:p"><p:x/></root>`],
    invalid: [{ xml: `<root xmlns:q="${Q}"><q:x/></root>`, code: 'unexpected-element' }, '<root><forbidden/></root>', { xml: '<root><x><y/></x></root>', code: 'unexpected-element' }],
  },
  {
    section: '6.2.7', title: 'attribute name classes: anyName except, nsName',
    schema: (d) => d.el('a', d.attr('id'), d.zeroOrMore(d.attr(d.anyName(d.names(d.name('id'), d.nsName(Q), d.nsName(R))))), d.optional(d.attr(d.nsName(R), d.value('yes')))),
    valid: ['<a id="1"/>', '<a id="1" x="2" y="3"/>', `<a id="1" xmlns:r="${R}" r:flag="yes"/>`],
    invalid: [{ xml: `<a id="1" xmlns:q="${Q}" q:x="1"/>`, code: 'unexpected-attribute' }, { xml: `<a id="1" xmlns:r="${R}" r:flag="no"/>`, code: 'invalid-attribute-value' }, '<a x="1"/>'],
  },
  {
    section: '6.2.7', title: 'namespace declarations are not attributes; elements match by namespace URI, not prefix',
    schema: (d) => d.el(d.name('a', Q), d.attr('x'), d.el(d.name('b', Q))),
    valid: [`<a xmlns="${Q}" x="1"><b/></a>`, `<p:a xmlns:p="${Q}" x="1"><p:b/></p:a>`, `<p:a xmlns:p="${Q}" xmlns:other="urn:o" x="1"><b xmlns="${Q}"/></p:a>`],
    invalid: [`<a x="1"><b/></a>`, `<a xmlns="${Q}" x="1"><b xmlns=""/></a>`],
  },
  {
    section: '6.2.7', title: 'attribute in a namespace is not an unqualified attribute',
    schema: (d) => d.el('a', d.attr(d.name('x', Q))),
    valid: [`<a xmlns:q="${Q}" q:x="1"/>`],
    invalid: [{ xml: '<a x="1"/>', code: 'unexpected-attribute' }, { xml: `<a xmlns="${Q}"/>`, code: 'unexpected-root' }],
  },
  {
    section: '6.2.7', title: 'attribute values: text allows anything, empty allows only whitespace',
    schema: (d) => d.el('a', d.attr('t'), d.optional(d.attr('e', d.empty))),
    valid: ['<a t=""/>', '<a t="anything at all"/>', '<a t="x" e=""/>', '<a t="x" e="  "/>'],
    invalid: [{ xml: '<a t="x" e="y"/>', code: 'invalid-attribute-value' }],
  },

  // ---- 6.2.9 data and value ----
  {
    section: '6.2.9', title: 'value of type token compares collapsed',
    schema: (d) => d.el('a', d.attr('m', d.values('on', 'off'))),
    valid: ['<a m="on"/>', '<a m="  off "/>'],
    invalid: [{ xml: '<a m="On"/>', code: 'invalid-attribute-value' }, '<a m="o n"/>'],
  },
  {
    section: '6.2.9', title: 'value of type string compares exactly',
    schema: (d) => d.el('a', d.value(' x ', 'string')),
    valid: ['<a> x </a>'],
    invalid: ['<a>x</a>', '<a>  x </a>'],
  },
  {
    section: '6.2.9', title: 'value of an XSD type compares in the value space',
    schema: (d) => d.el('a', d.attr('n', d.value('1', 'int')), d.attr('b', d.value('true', 'boolean'))),
    valid: ['<a n="1" b="true"/>', '<a n="+01" b="1"/>'],
    invalid: ['<a n="2" b="true"/>', '<a n="1" b="yes"/>'],
  },
  {
    section: '6.2.9', title: 'data with facets',
    schema: (d) => d.el('a', d.attr('port', d.xsd('unsignedShort')), d.attr('id', d.xsd('string', { pattern: '[a-z]+[0-9]*', maxLength: '8' }))),
    valid: ['<a port="0" id="abc"/>', '<a port="65535" id="ab12"/>'],
    invalid: [{ xml: '<a port="65536" id="a"/>', code: 'invalid-attribute-value' }, '<a port="1" id="A1"/>', '<a port="1" id="abcdefghi"/>', '<a port="-1" id="a"/>'],
  },
  {
    section: '6.2.9', title: 'data with except',
    schema: (d) => d.el('a', d.data('token', {}, d.values('auto', 'none'))),
    valid: ['<a>fixed</a>', '<a>autos</a>'],
    invalid: [{ xml: '<a>auto</a>', code: 'invalid-text' }, '<a> none </a>'],
  },
  {
    section: '6.2.9', title: 'data except data',
    schema: (d) => d.el('a', d.attr('v', d.xsd('int', {}, d.xsd('int', { minInclusive: '10', maxInclusive: '19' })))),
    valid: ['<a v="9"/>', '<a v="20"/>', '<a v="-5"/>'],
    invalid: ['<a v="10"/>', '<a v="15"/>', '<a v="x"/>'],
  },
  {
    section: '6.2.9', title: 'choice of values and data (libvirt "unsigned or auto")',
    schema: (d) => d.el('a', d.choice(d.xsd('unsignedInt'), d.value('auto'))),
    valid: ['<a>5</a>', '<a>auto</a>', '<a> auto </a>'],
    invalid: [{ xml: '<a>-1</a>', code: 'invalid-text' }, '<a>Auto</a>', { xml: '<a/>', code: 'missing-text' }],
  },

  // ---- 6.2.10 built-in datatypes ----
  {
    section: '6.2.10', title: 'built-in string and token accept every string',
    schema: (d) => d.el('a', d.attr('s', d.data('string')), d.data('token')),
    valid: ['<a s="">x</a>', '<a s=" a b ">  </a>', '<a s="x"/>'],
    invalid: ['<a>x</a>'],
  },

  // ---- 6.2.11 list ----
  {
    section: '6.2.11', title: 'list of tokens from a choice',
    schema: (d) => d.el('a', d.attr('flags', d.list(d.zeroOrMore(d.values('r', 'w', 'x'))))),
    valid: ['<a flags=""/>', '<a flags="r"/>', '<a flags=" r  w\tx "/>', '<a flags="x x"/>'],
    invalid: [{ xml: '<a flags="r q"/>', code: 'invalid-attribute-value' }],
  },
  {
    section: '6.2.11', title: 'list with a fixed structure',
    schema: (d) => d.el('a', d.list(d.xsd('int'), d.xsd('int'), d.optional(d.value('px')))),
    valid: ['<a>1 2</a>', '<a> 10\n20 px </a>'],
    invalid: [{ xml: '<a>1</a>', code: 'invalid-text' }, '<a>1 2 3</a>', '<a>1 2 em</a>', { xml: '<a/>', code: 'missing-text' }],
  },
  {
    section: '6.2.11', title: 'list of oneOrMore data',
    schema: (d) => d.el('a', d.list(d.oneOrMore(d.xsd('unsignedByte')))),
    valid: ['<a>1</a>', '<a>0 255 7</a>'],
    invalid: ['<a>256</a>', '<a>  </a>'],
  },

  // ---- 6.2.12 / 4.19 recursion ----
  {
    section: '4.19', title: 'recursion through an element',
    schema: (d) => d.define('node', d.attr('name'), d.zeroOrMore(d.ref('node'))),
    valid: ['<node name="r"/>', '<node name="r"><node name="a"><node name="b"/></node><node name="c"/></node>'],
    invalid: [{ xml: '<node name="r"><node><node name="b"/></node></node>', code: 'missing-attribute' }, '<node name="r"><leaf/></node>'],
  },
  {
    section: '4.19', title: 'mutual recursion',
    schema: (d) => {
      d.define('and', d.oneOrMore(d.choice(d.ref('or'), d.el('leaf'))));
      d.define('or', d.oneOrMore(d.choice(d.ref('and'), d.el('leaf'))));
      return d.ref('and');
    },
    valid: ['<and><leaf/></and>', '<and><or><and><leaf/></and><leaf/></or></and>'],
    invalid: ['<and/>', '<and><or/></and>', '<and><and><leaf/></and></and>'],
  },

  // ---- 4.20 notAllowed ----
  {
    section: '4.20', title: 'notAllowed in a choice removes the branch',
    schema: (d) => d.el('a', d.choice(d.notAllowed, d.el('b'))),
    valid: ['<a><b/></a>'],
    invalid: ['<a/>'],
  },
  {
    section: '4.20', title: 'an element whose content is notAllowed can never appear',
    schema: (d) => d.el('a', d.optional(d.el('never', d.notAllowed)), d.el('b')),
    valid: ['<a><b/></a>'],
    invalid: [{ xml: '<a><never/><b/></a>', code: 'unexpected-element' }],
  },
  {
    section: '4.20', title: 'a grammar that is notAllowed accepts nothing',
    schema: (d) => d.notAllowed,
    valid: [],
    invalid: ['<a/>'],
  },

  // ---- 6.2.12 validity of the document element ----
  {
    section: '6.2.12', title: 'start with a choice of document elements',
    schema: (d) => d.choice(d.el('x'), d.el('y', d.attr('v'))),
    valid: ['<x/>', '<y v=""/>', '<?xml version="1.0"?>\n<!-- c -->\n<x/>\n'],
    invalid: [{ xml: '<z/>', code: 'unexpected-root' }, { xml: '<y/>', code: 'missing-attribute' }],
  },
];
