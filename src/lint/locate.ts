/**
 * Where a lint report points: from a model object (through its `$layout`) or an XML element to a
 * span of the source and a path in the same form validation diagnostics use.
 *
 * An element's span is its start tag; an attribute's runs from its name to its closing quote.
 */
import type { XmlAttribute, XmlDocument, XmlElement } from '../xml/dom/types.js';
import { LineMap } from '../xml/dom/line-map.js';
import { attributePath, elementPath, SiblingIndexes, type ElementScope } from '../xml/validate/path.js';
import type { ReportTarget, SourceSpan } from './types.js';

export type Located = SourceSpan & { readonly path: string };

export class DocumentLocator {
  readonly lines: LineMap;
  private scopes: Map<XmlElement, ElementScope> | undefined;
  private readonly siblings = new SiblingIndexes();

  constructor(readonly document: XmlDocument) {
    this.lines = new LineMap(document.source);
  }

  /** The element a target names: a model object's element, or the element itself. */
  elementOf(node: object): XmlElement | undefined {
    if (isXmlElement(node)) return node;
    return (node as { $layout?: { element: XmlElement } }).$layout?.element;
  }

  locate(target: ReportTarget): Located {
    const element = this.elementOf(target.node) ?? this.document.root;
    const scope = this.scopeOf(element);
    const attribute = target.attribute === undefined ? undefined : element.attributes.find((a) => a.name === target.attribute);
    if (attribute !== undefined) {
      return { ...this.span(attribute.offset, attributeEnd(attribute)), path: attributePath(scope, attribute.name, this.siblings) };
    }
    return { ...this.span(element.offset, element.startTagEnd), path: elementPath(scope, this.siblings) };
  }

  span(start: number, end: number): SourceSpan {
    const from = this.lines.locate(start);
    const to = this.lines.locate(end);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, offset: start };
  }

  private scopeOf(element: XmlElement): ElementScope {
    if (this.scopes === undefined) {
      this.scopes = new Map();
      const walk = (el: XmlElement, scope: ElementScope): void => {
        this.scopes!.set(el, scope);
        const children = el.children;
        for (let i = 0; i < children.length; i++) {
          const c = children[i]!;
          if (c.kind === 'element') walk(c, { element: c, parent: scope, indexInParent: i });
        }
      };
      walk(this.document.root, { element: this.document.root, parent: undefined, indexInParent: 0 });
    }
    // An element outside this document (an object built in code) is located at the root.
    return this.scopes.get(element) ?? this.scopes.get(this.document.root)!;
  }
}

function isXmlElement(node: object): node is XmlElement {
  return (node as XmlElement).kind === 'element' && typeof (node as XmlElement).startTagEnd === 'number';
}

/** The offset just after an attribute's closing quote. */
export function attributeEnd(a: XmlAttribute): number {
  return a.offset + a.name.length + a.eq.length + a.raw.length + 2;
}
