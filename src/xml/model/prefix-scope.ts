/**
 * Namespace prefixes in scope, shared by the model's reader and writer: a chain of frames, one per
 * element that declares prefixes, each holding only its own declarations. Entering an element
 * costs its own declarations, not a copy of everything in scope, so a document that binds
 * thousands of prefixes is read and written in linear time.
 *
 * The reader and the writer meet the same frames: the frame inside an element is made once
 * (remembered per element) and handed to whoever enters the element from the same outer frame.
 * So when the writer copies a parsed element's source, the scope it writes in is usually the
 * very frame the element was read in, and checking that the source still fits is one comparison.
 */
import { XML_NAMESPACE, XMLNS_NAMESPACE } from '../dom/namespaces.js';
import type { XmlElement } from '../dom/types.js';

export class PrefixScope {
  private constructor(
    readonly outer: PrefixScope | undefined,
    private readonly own: ReadonlyMap<string, string>,
  ) {}

  /** Where every document starts: only `xml` is bound. */
  static readonly ROOT = new PrefixScope(undefined, new Map([['xml', XML_NAMESPACE]]));

  /** The URI `prefix` is bound to (`''`: the default namespace), innermost declaration first. */
  get(prefix: string): string | undefined {
    for (let frame: PrefixScope | undefined = this; frame !== undefined; frame = frame.outer) {
      const uri = frame.own.get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  }

  has(prefix: string): boolean {
    return this.get(prefix) !== undefined;
  }

  /**
   * A prefix bound to `ns` here (not hidden by an inner declaration), other than the default; of
   * several, the one declared outermost, then first.
   */
  prefixOf(ns: string): string | undefined {
    const outermostFirst: PrefixScope[] = [];
    for (let frame: PrefixScope | undefined = this; frame !== undefined; frame = frame.outer) outermostFirst.push(frame);
    const seen = new Set<string>();
    for (let i = outermostFirst.length - 1; i >= 0; i--) {
      for (const prefix of outermostFirst[i]!.own.keys()) {
        if (seen.has(prefix)) continue;
        seen.add(prefix);
        if (prefix !== '' && this.get(prefix) === ns) return prefix;
      }
    }
    return undefined;
  }

  /** This scope with `prefix` bound to `uri` in a new inner frame. */
  with(prefix: string, uri: string): PrefixScope {
    return new PrefixScope(this, new Map([[prefix, uri]]));
  }

  /** Every binding in force, each prefix once with its innermost URI. */
  bindings(): Map<string, string> {
    const all = new Map<string, string>();
    for (let frame: PrefixScope | undefined = this; frame !== undefined; frame = frame.outer) {
      for (const [prefix, uri] of frame.own) if (!all.has(prefix)) all.set(prefix, uri);
    }
    return all;
  }

  /** Whether every binding of this scope holds in `other` too. */
  holdsIn(other: PrefixScope): boolean {
    if (other === this) return true;
    for (const [prefix, uri] of this.bindings()) if (other.get(prefix) !== uri) return false;
    return true;
  }

  /**
   * The scope inside `el`: this one plus the element's own declarations, or this one itself when it
   * declares none. The frame is made once per element and outer frame, so the reader and the
   * writer share it.
   */
  inside(el: XmlElement): PrefixScope {
    // Most elements declare nothing: they cost one look at their attributes, no table lookup.
    const attributes = el.attributes;
    let declares = false;
    for (let i = 0; i < attributes.length && !declares; i++) declares = attributes[i]!.ns === XMLNS_NAMESPACE;
    if (!declares) return this;
    const known = frames.get(el);
    if (known !== undefined && known.outer === this) return known;
    const own = new Map<string, string>();
    for (const a of attributes) if (a.ns === XMLNS_NAMESPACE) own.set(a.prefix === '' ? '' : a.local, a.value);
    const frame = new PrefixScope(this, own);
    frames.set(el, frame);
    return frame;
  }
}

/** The frame inside each element that declares prefixes, by element (see {@link PrefixScope.inside}). */
const frames = new WeakMap<XmlElement, PrefixScope>();
