/**
 * What the writer checks before it writes a value from a model: that XML can hold it, so that
 * `format` only ever writes well-formed XML that reads back as the model it was given. Values
 * read from a document passed these checks when they were read; values built in code or
 * received as JSON may not: a control character, a name with a space, a comment holding `--`.
 */
import type { AnyElement, AnyNode, UnknownAttribute } from '../../model/base.js';
import { isNCName } from '../datatypes/xml-names.js';
import { describeChar, findInvalidChar } from '../dom/chars.js';
import { XML_NAMESPACE, XMLNS_NAMESPACE } from '../dom/namespaces.js';
import { ModelFormatError } from './errors.js';

/** `s`, if XML can hold every character of it (the reader's rule: no C0 controls but tab, LF and CR, no lone surrogates, no U+FFFE or U+FFFF). */
export function writableText(s: string, path: string): string {
  const bad = findInvalidChar(s, 0, s.length);
  if (bad >= 0) throw new ModelFormatError('bad-value', `character ${describeChar(s, bad)} cannot be written in XML`, path);
  return s;
}

/** Checks the name of a generic element or attribute against its namespace (Namespaces in XML). */
export function checkQualifiedName(name: unknown, ns: unknown, attribute: boolean, path: string): void {
  if (typeof name !== 'string' || typeof ns !== 'string') {
    throw new ModelFormatError('not-a-model-object', 'a generic element or attribute needs a string name and namespace', path);
  }
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  if (!isNCName(local) || (colon >= 0 && !isNCName(prefix))) {
    throw new ModelFormatError('bad-value', `"${name}" is not an XML name`, path);
  }
  writableText(ns, path);
  if (prefix === 'xmlns' || (attribute && name === 'xmlns')) {
    if (!attribute || ns !== XMLNS_NAMESPACE) throw new ModelFormatError('bad-value', `"${name}" is reserved for namespace declarations`, path);
    return;
  }
  if (ns === XMLNS_NAMESPACE) throw new ModelFormatError('bad-value', `only xmlns attributes are in the namespace ${XMLNS_NAMESPACE}`, path);
  if (prefix === 'xml' ? ns !== XML_NAMESPACE : ns === XML_NAMESPACE) {
    throw new ModelFormatError('bad-value', `the prefix xml and the namespace ${XML_NAMESPACE} only go together`, path);
  }
  if (prefix !== '' && ns === '') throw new ModelFormatError('bad-value', `"${name}" has a prefix but no namespace`, path);
  if (attribute && prefix === '' && ns !== '') throw new ModelFormatError('bad-value', `attribute "${name}" has a namespace but no prefix`, path);
}

/**
 * Checks an attribute of `$unknown` or of a generic element. Only a generic element's attributes
 * may be namespace declarations (as parsed, it keeps its own); a typed object's are the
 * writer's to make, from the namespaces its names use.
 */
export function checkGenericAttribute(a: UnknownAttribute | AnyElement['attributes'][number], declarations: boolean, path: string): void {
  if (typeof a !== 'object' || a === null) throw new ModelFormatError('not-a-model-object', 'expected an attribute object', path);
  checkQualifiedName(a.name, a.ns, true, path);
  if (typeof a.value !== 'string') throw new ModelFormatError('bad-value', `attribute "${a.name}" needs a string value`, path);
  writableText(a.value, `${path}/@${a.name}`);
  if (a.ns === XMLNS_NAMESPACE) {
    if (!declarations) throw new ModelFormatError('bad-value', `"${a.name}": namespace declarations are written for the names that need them, not kept in $unknown`, path);
    checkDeclaration(a.name === 'xmlns' ? '' : a.name.slice(6), a.value, path);
  }
}

/** Namespaces in XML's rules for `xmlns:prefix="uri"` and `xmlns="uri"`. */
function checkDeclaration(prefix: string, uri: string, path: string): void {
  const fail = (why: string) => {
    throw new ModelFormatError('bad-value', `${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${uri}": ${why}`, path);
  };
  if (prefix === 'xmlns') fail('the prefix xmlns cannot be declared');
  if (prefix === 'xml') {
    if (uri !== XML_NAMESPACE) fail(`the prefix xml is bound to ${XML_NAMESPACE} only`);
    return;
  }
  if (uri === XML_NAMESPACE || uri === XMLNS_NAMESPACE) fail('this namespace cannot be declared');
  if (prefix !== '' && uri === '') fail('a prefix cannot be undeclared in XML 1.0');
}

/** Checks a generic node other than an element (which the writer checks as it writes it). */
export function checkGenericLeaf(node: AnyNode, path: string): void {
  switch (node.kind) {
    case 'text':
      if (typeof node.value !== 'string') break;
      writableText(node.value, path);
      return;
    case 'comment':
      if (typeof node.value !== 'string') break;
      writableText(node.value, path);
      if (node.value.includes('--') || node.value.endsWith('-')) {
        throw new ModelFormatError('bad-value', "a comment cannot hold '--' or end with '-'", path);
      }
      return;
    case 'pi':
      if (typeof node.target !== 'string' || typeof node.data !== 'string') break;
      if (!isNCName(node.target) || node.target.toLowerCase() === 'xml') {
        throw new ModelFormatError('bad-value', `"${node.target}" cannot be a processing instruction's target`, path);
      }
      writableText(node.data, path);
      if (node.data.includes('?>')) throw new ModelFormatError('bad-value', "a processing instruction's data cannot hold '?>'", path);
      return;
    case 'element':
      return;
  }
  throw new ModelFormatError('not-a-model-object', 'expected an element, text, comment or processing instruction', path);
}
