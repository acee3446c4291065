/**
 * Differential tests against libxml2: the same verdicts for the hand-written regex cases, for libvirt's
 * own patterns over a set of probe values, and for the lexical spaces and bounds of the XSD types.
 */
import { describe, expect, it } from 'vitest';
import { createDatatype } from '../../../src/xml/datatypes/index.js';
import { XSD_LIBRARY, type DatatypeParam } from '../../../src/xml/datatypes/types.js';
import { translateXsdRegex } from '../../../src/xml/datatypes/xsd-regex.js';
import { FEATURE_CASES, INVALID_CASES, LIBVIRT_CASES } from './regex-cases.js';
import { readSchemaPatterns, schemasMissing } from './schema-patterns.js';
import { FACET_PROBES, PATTERN_PROBES, XSD_TYPE_PROBES } from './probes.js';
import { isXmlText, xmllintMissing, xmllintVerdicts } from './xmllint.js';

/**
 * Where libxml2 departs from XSD 1.0 on these probes, keyed `type value` or `pattern on value`.
 * Each was checked against Jing, which sides with us.
 */
const LIBXML2_DEPARTURES: Record<string, string> = {
  'integer 123456789012345678901234567890': 'libxml2 stores integers in 24 digits; XSD integers are unbounded',
  'double 1e': 'libxml2 accepts an exponent marker with no digits',
  '((0x)?[0-9a-fA-F]{1,3}\\.){0,3}(0x)?[0-9a-fA-F]{1,3} on 4096': 'libxml2 lets four digits through when the counted group is skipped',
  '((0x)?[0-9a-fA-F]{1,3}\\.){0,3}(0x)?[0-9a-fA-F]{1,3} on 0755': 'as above',
};

function toParams(record: Record<string, string>): DatatypeParam[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

const missing = xmllintMissing();

describe('agreement with libxml2 (xmllint)', () => {
  if (missing !== undefined) {
    it.skip(`cross-check skipped: ${missing}`, () => {});
    return;
  }

  it('gives the same verdicts on the hand-written regex cases', () => {
    const disagreements: string[] = [];
    for (const { pattern, accept, reject, libxml2Differs } of [...FEATURE_CASES, ...LIBVIRT_CASES]) {
      if (libxml2Differs !== undefined) continue;
      const values = [...accept, ...reject].filter(isXmlText);
      const result = xmllintVerdicts('string', [{ name: 'pattern', value: pattern }], values);
      if (result.kind === 'schema-error') {
        disagreements.push(`${pattern}: libxml2 rejects the pattern`);
        continue;
      }
      values.forEach((value, index) => {
        const expected = accept.includes(value);
        if (result.valid[index] !== expected) disagreements.push(`${pattern} on ${JSON.stringify(value)}: expected ${expected}, libxml2 says ${result.valid[index]}`);
      });
    }
    expect(disagreements).toEqual([]);
  });

  it('rejects the same invalid regexes', () => {
    const accepted = INVALID_CASES
      .filter((c) => c.libxml2Differs === undefined)
      .filter((c) => xmllintVerdicts('string', [{ name: 'pattern', value: c.pattern }], ['a']).kind !== 'schema-error')
      .map((c) => c.pattern);
    expect(accepted).toEqual([]);
  });

  it('gives the same verdicts for every libvirt schema pattern on the probe values', () => {
    const reason = schemasMissing();
    if (reason !== undefined) {
      console.warn(`libvirt patterns skipped: ${reason}`);
      return;
    }
    const patterns = [...new Set(readSchemaPatterns().map((entry) => entry.pattern))];
    const disagreements: string[] = [];
    for (const pattern of patterns) {
      const ours = translateXsdRegex(pattern);
      const result = xmllintVerdicts('string', [{ name: 'pattern', value: pattern }], PATTERN_PROBES);
      if (result.kind === 'schema-error') {
        disagreements.push(`${pattern}: libxml2 rejects the pattern`);
        continue;
      }
      PATTERN_PROBES.forEach((value, index) => {
        if (LIBXML2_DEPARTURES[`${pattern} on ${value}`] !== undefined) return;
        if (ours.test(value) !== result.valid[index]) disagreements.push(`${pattern} on ${JSON.stringify(value)}: ours ${ours.test(value)}, libxml2 ${result.valid[index]}`);
      });
    }
    expect(disagreements).toEqual([]);
  });

  it('gives the same verdicts on XSD type lexical spaces and ranges', () => {
    const disagreements: string[] = [];
    for (const [type, values] of Object.entries(XSD_TYPE_PROBES)) {
      const datatype = createDatatype(XSD_LIBRARY, type, []);
      const result = xmllintVerdicts(type, [], values);
      if (result.kind === 'schema-error') throw new Error(`xmllint could not use ${type}: ${result.output}`);
      values.forEach((value, index) => {
        if (LIBXML2_DEPARTURES[`${type} ${value}`] !== undefined) return;
        if (datatype.allows(value) !== result.valid[index]) disagreements.push(`${type} ${JSON.stringify(value)}: ours ${datatype.allows(value)}, libxml2 ${result.valid[index]}`);
      });
    }
    expect(disagreements).toEqual([]);
  });

  it('gives the same verdicts on facets', () => {
    const disagreements: string[] = [];
    for (const { type, params, values } of FACET_PROBES) {
      const datatype = createDatatype(XSD_LIBRARY, type, toParams(params));
      const result = xmllintVerdicts(type, toParams(params), values);
      if (result.kind === 'schema-error') throw new Error(`xmllint could not use ${datatype.describe()}: ${result.output}`);
      values.forEach((value, index) => {
        if (datatype.allows(value) !== result.valid[index]) disagreements.push(`${datatype.describe()} ${JSON.stringify(value)}: ours ${datatype.allows(value)}, libxml2 ${result.valid[index]}`);
      });
    }
    expect(disagreements).toEqual([]);
  });
});
