/**
 * A small vocabulary for writing simplified RELAX NG schemas in tests, on top of PatternBuilder.
 * `el('a', x, y)` is `<element name="a">x y</element>` (several children form a group), as in
 * RELAX NG's own syntax; `ref` and `define` make recursive grammars.
 */
import { PatternBuilder } from '../../src/xml/grammar/builder.js';
import type { NameClass } from '../../src/xml/grammar/name-class.js';
import type { ElementPattern, Pattern } from '../../src/xml/grammar/pattern.js';

export const XSD = 'http://www.w3.org/2001/XMLSchema-datatypes';

export class Dsl {
  readonly b = new PatternBuilder();
  private readonly elements = new Map<string, ElementPattern>();

  get empty(): Pattern { return this.b.empty; }
  get notAllowed(): Pattern { return this.b.notAllowed; }
  get text(): Pattern { return this.b.text; }

  name(local: string, ns = ''): NameClass { return this.b.names.name(ns, local); }
  anyName(except?: NameClass): NameClass { return this.b.names.anyName(except); }
  nsName(ns: string, except?: NameClass): NameClass { return this.b.names.nsName(ns, except); }
  names(...classes: NameClass[]): NameClass { return classes.reduce((a, c) => this.b.names.choice(a, c)); }

  el(name: string | NameClass, ...content: Pattern[]): ElementPattern {
    const e = this.b.element(typeof name === 'string' ? this.name(name) : name);
    this.b.setElementContent(e, this.group(...content));
    return e;
  }

  /** A named element whose content is given later with {@link define}: for recursion. */
  ref(key: string, name: string | NameClass = key): ElementPattern {
    let e = this.elements.get(key);
    if (e === undefined) {
      e = this.b.element(typeof name === 'string' ? this.name(name) : name);
      this.elements.set(key, e);
    }
    return e;
  }

  define(key: string, ...content: Pattern[]): ElementPattern {
    const e = this.ref(key);
    this.b.setElementContent(e, this.group(...content));
    return e;
  }

  attr(name: string | NameClass, content: Pattern = this.b.text): Pattern {
    return this.b.attribute(typeof name === 'string' ? this.name(name) : name, content);
  }

  group(...ps: Pattern[]): Pattern { return ps.reduce((a, p) => this.b.group(a, p), this.b.empty); }
  interleave(...ps: Pattern[]): Pattern { return ps.reduce((a, p) => this.b.interleave(a, p), this.b.empty); }
  choice(...ps: Pattern[]): Pattern { return this.b.choiceOf(ps); }
  optional(...ps: Pattern[]): Pattern { return this.b.optional(this.group(...ps)); }
  zeroOrMore(...ps: Pattern[]): Pattern { return this.b.zeroOrMore(this.group(...ps)); }
  oneOrMore(...ps: Pattern[]): Pattern { return this.b.oneOrMore(this.group(...ps)); }
  mixed(...ps: Pattern[]): Pattern { return this.b.interleave(this.b.text, this.group(...ps)); }
  list(...ps: Pattern[]): Pattern { return this.b.list(this.group(...ps)); }

  /** `<data type>` from XSD, or from the built-in library for `string`/`token` with `builtin`. */
  data(type: string, params: Record<string, string> = {}, except?: Pattern): Pattern {
    const library = type === 'string' || type === 'token' ? '' : XSD;
    return this.b.data(this.b.datatype(library, type, Object.entries(params).map(([name, value]) => ({ name, value }))), except);
  }

  xsd(type: string, params: Record<string, string> = {}, except?: Pattern): Pattern {
    return this.b.data(this.b.datatype(XSD, type, Object.entries(params).map(([name, value]) => ({ name, value }))), except);
  }

  /** `<value>`, by default of the built-in `token` type as in RELAX NG. */
  value(v: string, type = 'token'): Pattern {
    const library = type === 'string' || type === 'token' ? '' : XSD;
    return this.b.value(this.b.datatype(library, type, []), v, '');
  }

  values(...vs: string[]): Pattern { return this.choice(...vs.map((v) => this.value(v))); }
}
