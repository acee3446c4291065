import { describe, expect, it } from 'vitest';
import { translateXsdRegex } from '../../../src/xml/datatypes/xsd-regex.js';
import { decodeXmlText, readSchemaPatterns, schemasMissing } from './schema-patterns.js';

const missing = schemasMissing();

describe('libvirt schema patterns', () => {
  it('decodes the entities the schemas use', () => {
    expect(decodeXmlText('[&#x20;-&#x7E;]&amp;&lt;&gt;&#65;')).toBe('[ -~]&<>A');
  });

  if (missing !== undefined) {
    it.skip(`every pattern compiles: ${missing}`, () => {});
    return;
  }

  it('every <param name="pattern"> in 11.3.0, 9.0.0 and 7.0.0 translates and compiles', () => {
    const patterns = readSchemaPatterns();
    expect(patterns.length).toBeGreaterThan(250);
    const failures: string[] = [];
    for (const { release, file, line, pattern } of patterns) {
      try {
        translateXsdRegex(pattern);
      } catch (error) {
        failures.push(`${release}/${file}:${line} ${pattern}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reads the patterns with entities decoded', () => {
    const patterns = readSchemaPatterns().map((entry) => entry.pattern);
    expect(patterns).toContain('[ -~]{0,8}');
    expect(patterns).toContain("[!#$%&'*+\\-.0-9A-Z\\^_`a-z|~]+");
  });
});
