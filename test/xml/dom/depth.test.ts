import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { format, formatAs, MODEL_MAX_DEPTH, ModelFormatError, parse, type Domain } from '../../../src/model/index.js';
import { DEFAULT_MAX_DEPTH, parseXml, scanXml } from '../../../src/xml/dom/index.js';
import { libxml2Missing } from '../../support/libxml2.js';
import { validate } from '../../../src/xml/validate/index.js';
import { cli } from '../../support/cli.js';
import { caught } from './helpers.js';

/** `depth` nested elements, the innermost `<e/>` self-closed, one per line. */
function nested(depth: number): string {
  return '<e>\n'.repeat(depth - 1) + '<e/>' + '</e>'.repeat(depth - 1);
}

/** A valid domain whose <metadata> holds foreign elements reaching `depth` levels below the root. */
function deepDomain(depth: number): string {
  const inner = depth - 3; // domain, metadata, the first foreign element
  return `<domain type="kvm"><name>x</name><memory>1024</memory><metadata><m:x xmlns:m="urn:x">${'<m:y>'.repeat(inner)}${'</m:y>'.repeat(inner)}</m:x></metadata><os><type>hvm</type></os></domain>\n`;
}

describe('the maxDepth option', () => {
  it('refuses the first element past the bound with too-deep at its start tag, self-closed or not', () => {
    const e = caught(() => parseXml(nested(11), { maxDepth: 10 }));
    expect({ code: e.code, line: e.line, column: e.column }).toEqual({ code: 'too-deep', line: 11, column: 1 });
    expect(e.detail).toBe('<e> would be nested 11 levels deep, past the bound of 10');
    expect(caught(() => scanXml('<e>'.repeat(11) + '</e>'.repeat(11), { maxDepth: 10 })).column).toBe(31);
    expect(parseXml(nested(10), { maxDepth: 10 }).root.name).toBe('e');
  });

  it('bounds depth at 257 by default, as libxml2 does; Infinity lifts it (reading keeps its own stack; see deep.test.ts)', () => {
    expect(DEFAULT_MAX_DEPTH).toBe(257);
    expect(parseXml(nested(257)).root.name).toBe('e');
    expect(caught(() => parseXml(nested(258))).detail).toBe('<e> would be nested 258 levels deep, past the bound of 257');
    expect(caught(() => scanXml(nested(258))).code).toBe('too-deep');
    expect(scanXml(nested(5000), { maxDepth: Infinity })).toBeUndefined();
    expect(parseXml(nested(5000), { maxDepth: Infinity }).root.name).toBe('e');
  });
});

describe('one bound for every entry point: 257 levels, what libxml2 (and so libvirt) reads', () => {
  it.skipIf(libxml2Missing !== undefined)('is where libxml2 draws it: 257 levels read, 258 refused', () => {
    const libxml = createRequire(import.meta.url)('libxmljs2') as { parseXml(text: string): unknown };
    const reads = (text: string): boolean => {
      try {
        libxml.parseXml(text);
        return true;
      } catch {
        return false;
      }
    };
    for (const depth of [256, 257, 258, 259]) {
      const ours = (() => {
        try {
          parseXml(nested(depth));
          return true;
        } catch {
          return false;
        }
      })();
      expect({ depth, ours }).toEqual({ depth, ours: reads(nested(depth)) });
    }
  });

  it('the model reads and writes back foreign content at the bound', () => {
    expect(MODEL_MAX_DEPTH).toBe(DEFAULT_MAX_DEPTH);
    const xml = deepDomain(MODEL_MAX_DEPTH);
    expect(format(parse(xml), { style: 'preserve' })).toBe(xml);
  });

  it('parse and validate refuse a deeper document alike, with a too-deep diagnostic', () => {
    expect(() => parse(deepDomain(MODEL_MAX_DEPTH + 1))).toThrow(/<m:y> would be nested 258 levels deep, past the bound of 257/);
    expect(validate(deepDomain(MODEL_MAX_DEPTH)).valid).toBe(true);
    for (const depth of [MODEL_MAX_DEPTH + 1, 5000]) {
      const r = validate(deepDomain(depth));
      expect(r.valid).toBe(false);
      expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['too-deep', '<m:y> would be nested 258 levels deep, past the bound of 257']]);
    }
  });

  it('virtxml format and validate report it as an error of that file, not an internal error', async () => {
    for (const command of ['format', 'validate']) {
      const r = await cli([command, '-'], deepDomain(5000));
      expect(r.code).toBe(1);
      expect(r.stderr + r.stdout).toMatch(/<stdin>:1:\d+: error: <m:y> would be nested 258 levels deep/);
      expect(r.stderr + r.stdout).not.toMatch(/internal error/);
    }
  });
});

describe('the model writes at most MODEL_MAX_DEPTH levels, as it reads', () => {
  /** A domain model, as JSON brings it, with `levels` foreign elements nested in its metadata. */
  const deepModel = (levels: number) =>
    JSON.parse(
      `{"type":"kvm","name":"x","metadata":{"$any":[` +
        `{"kind":"element","name":"a:x","ns":"urn:a","attributes":[],"children":[`.repeat(levels) +
        ']}'.repeat(levels) +
        ']}}',
    ) as Domain;

  it('writes the deepest model it reads, libvirt style and from JSON', () => {
    const xml = deepDomain(MODEL_MAX_DEPTH);
    const model = JSON.parse(JSON.stringify(parse(xml, { schema: 'domain' }).value)) as Domain;
    expect(parse(formatAs('domain', model)).schema).toBe('domain');
    // The root and <metadata> are two of the levels.
    expect(() => formatAs('domain', deepModel(MODEL_MAX_DEPTH - 2))).not.toThrow();
  });

  it('refuses a deeper value with a ModelFormatError, not a stack overflow', () => {
    for (const levels of [MODEL_MAX_DEPTH - 1, 100_000]) {
      const error = (() => {
        try {
          formatAs('domain', deepModel(levels));
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ModelFormatError);
      expect(error).toMatchObject({ code: 'too-deep' });
    }
  });

  it('refuses a value that contains itself', () => {
    const foreign = { kind: 'element', name: 'a:x', ns: 'urn:a', attributes: [], children: [] as unknown[] };
    foreign.children.push(foreign);
    const model = { type: 'kvm', name: 'x', metadata: { $any: [foreign] } } as unknown as Domain;
    expect(() => formatAs('domain', model)).toThrow(ModelFormatError);
  });
});
