import { expect } from 'vitest';
import { parseXml, scanXml, XmlSyntaxError, type XmlSyntaxErrorCode } from '../../../src/xml/dom/index.js';
import type { XmlElement, XmlNode } from '../../../src/xml/dom/index.js';

/** Runs `read` and returns the XmlSyntaxError it throws; fails the test if it does not throw one. */
export function caught(read: () => unknown): XmlSyntaxError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(XmlSyntaxError);
    return error as XmlSyntaxError;
  }
  throw new Error('expected an XmlSyntaxError, but the input was accepted');
}

/**
 * Asserts that both parseXml and scanXml reject `input` with `code` at `line:column`, and
 * returns the error from parseXml for further checks of its message.
 */
export function expectSyntaxError(input: string, code: XmlSyntaxErrorCode, line: number, column: number): XmlSyntaxError {
  const parsed = caught(() => parseXml(input));
  expect({ code: parsed.code, line: parsed.line, column: parsed.column }).toEqual({ code, line, column });
  const scanned = caught(() => scanXml(input));
  expect({ code: scanned.code, line: scanned.line, column: scanned.column }).toEqual({ code, line, column });
  expect(scanned.message).toBe(parsed.message);
  return parsed;
}

export function elementChildren(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === 'element');
}

export function child(element: XmlElement, index: number): XmlNode {
  const node = element.children[index];
  if (node === undefined) throw new Error(`<${element.name}> has no child ${index}`);
  return node;
}
