/**
 * The XSD built-in types libvirt's schemas use (XML Schema Part 2 §3.2–3.3), each with its whitespace
 * handling, value space and the bounds it inherits from its derivation (e.g. unsignedByte ≤ 255).
 */

import type { WhitespaceMode } from './whitespace.js';
import { isName, isNCName, isNmtoken } from './xml-names.js';
import {
  anyUriSpace, base64BinarySpace, booleanSpace, decimalSpace, doubleSpace, floatSpace, hexBinarySpace,
  integerSpace, stringSpace, unsignedIntegerSpace, temporalSpace, type ValueSpace,
} from './xsd-value-spaces.js';

export interface XsdType<V> {
  readonly name: string;
  /** The indefinite article that reads right before the name in messages ("an int", "a long"). */
  readonly article: 'a' | 'an';
  readonly whitespace: WhitespaceMode;
  readonly space: ValueSpace<V>;
  /** Inclusive bounds from the type's own derivation, as literals. */
  readonly minInclusive?: string;
  readonly maxInclusive?: string;
  /** Integer types fix fractionDigits at 0. */
  readonly isInteger?: boolean;
}

/**
 * Each table entry hides its value type: the datatype code only ever passes a space's own values back to
 * the same space, so erasing V here is safe.
 */
function defineType<V>(type: XsdType<V>): XsdType<unknown> {
  return type as unknown as XsdType<unknown>;
}

function integerType(name: string, article: 'a' | 'an', minInclusive?: string, maxInclusive?: string): XsdType<unknown> {
  return defineType({
    name, article, whitespace: 'collapse', space: name.startsWith('unsigned') ? unsignedIntegerSpace : integerSpace, isInteger: true,
    ...(minInclusive === undefined ? {} : { minInclusive }),
    ...(maxInclusive === undefined ? {} : { maxInclusive }),
  });
}

function tokenType(name: string, article: 'a' | 'an', isLexical?: (literal: string) => boolean): XsdType<unknown> {
  return defineType({ name, article, whitespace: 'collapse', space: stringSpace(isLexical) });
}

const LANGUAGE_TAG = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/;

const TYPES: readonly XsdType<unknown>[] = [
  defineType({ name: 'string', article: 'a', whitespace: 'preserve', space: stringSpace() }),
  defineType({ name: 'normalizedString', article: 'a', whitespace: 'replace', space: stringSpace() }),
  tokenType('token', 'a'),
  tokenType('language', 'a', (literal) => LANGUAGE_TAG.test(literal)),
  tokenType('Name', 'a', isName),
  tokenType('NCName', 'an', isNCName),
  tokenType('ID', 'an', isNCName),
  tokenType('IDREF', 'an', isNCName),
  tokenType('NMTOKEN', 'an', isNmtoken),
  defineType({ name: 'anyURI', article: 'an', whitespace: 'collapse', space: anyUriSpace }),

  defineType({ name: 'decimal', article: 'a', whitespace: 'collapse', space: decimalSpace }),
  integerType('integer', 'an'),
  integerType('nonNegativeInteger', 'a', '0'),
  integerType('positiveInteger', 'a', '1'),
  integerType('nonPositiveInteger', 'a', undefined, '0'),
  integerType('negativeInteger', 'a', undefined, '-1'),
  integerType('long', 'a', '-9223372036854775808', '9223372036854775807'),
  integerType('int', 'an', '-2147483648', '2147483647'),
  integerType('short', 'a', '-32768', '32767'),
  integerType('byte', 'a', '-128', '127'),
  integerType('unsignedLong', 'an', '0', '18446744073709551615'),
  integerType('unsignedInt', 'an', '0', '4294967295'),
  integerType('unsignedShort', 'an', '0', '65535'),
  integerType('unsignedByte', 'an', '0', '255'),

  defineType({ name: 'double', article: 'a', whitespace: 'collapse', space: doubleSpace }),
  defineType({ name: 'float', article: 'a', whitespace: 'collapse', space: floatSpace }),
  defineType({ name: 'boolean', article: 'a', whitespace: 'collapse', space: booleanSpace }),
  defineType({ name: 'dateTime', article: 'a', whitespace: 'collapse', space: temporalSpace('dateTime') }),
  defineType({ name: 'date', article: 'a', whitespace: 'collapse', space: temporalSpace('date') }),
  defineType({ name: 'time', article: 'a', whitespace: 'collapse', space: temporalSpace('time') }),
  defineType({ name: 'hexBinary', article: 'a', whitespace: 'collapse', space: hexBinarySpace }),
  defineType({ name: 'base64Binary', article: 'a', whitespace: 'collapse', space: base64BinarySpace }),
];

const TYPES_BY_NAME = new Map(TYPES.map((type) => [type.name, type]));

export function findXsdType(name: string): XsdType<unknown> | undefined {
  return TYPES_BY_NAME.get(name);
}

export function xsdTypeNames(): readonly string[] {
  return TYPES.map((type) => type.name);
}
