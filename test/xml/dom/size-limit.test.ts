/**
 * One bound on a document's length for every entry point: 32 MiB of characters. Formatting a
 * 250 MB document used to end the process with a native out-of-memory abort (it needs about 35
 * bytes per character); now it is refused before anything is read.
 */
import { describe, expect, it } from 'vitest';
import { tooLargeToFormat } from '../../../src/cli/format.js';
import { ModelParseError, parse } from '../../../src/model/index.js';
import { DEFAULT_MAX_LENGTH, parseXml, scanXml } from '../../../src/xml/dom/index.js';
import { validate } from '../../../src/xml/validate/index.js';
import { caught } from './helpers.js';

describe('the maxLength bound', () => {
  it('is 32 MiB by default and can be set', () => {
    expect(DEFAULT_MAX_LENGTH).toBe(32 * 1024 * 1024);
    const e = caught(() => parseXml('<a>12345</a>', { maxLength: 11 }));
    expect({ code: e.code, line: e.line, column: e.column, detail: e.detail }).toEqual({
      code: 'too-large', line: 1, column: 1, detail: 'the document is 12 characters long, past the bound of 11 (11 characters)',
    });
    expect(parseXml('<a>12345</a>', { maxLength: 12 }).root.name).toBe('a');
    expect(caught(() => scanXml('<a/>', { maxLength: 3 })).code).toBe('too-large');
  });

  it('is applied by validate and parse before anything is read', () => {
    const huge = `<domain>${' '.repeat(DEFAULT_MAX_LENGTH)}</domain>`;
    const r = validate(huge);
    expect(r.valid).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['too-large', `the document is ${huge.length} characters long, past the bound of 33554432 (32 MiB)`]]);
    const error = (() => {
      try {
        parse(huge);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ModelParseError);
    expect((error as ModelParseError).diagnostics[0]!.code).toBe('too-large');
  });

  it('virtxml format also refuses a document this process has no memory left to format', () => {
    const heap = { heap_size_limit: 1_000_000_000, used_heap_size: 200_000_000 } as ReturnType<typeof import('node:v8').getHeapStatistics>;
    expect(tooLargeToFormat(10_000_000, heap)).toBeUndefined();
    expect(tooLargeToFormat(25_000_000, heap)).toBe(
      'the document is 25000000 characters long; formatting it takes about 1000 MB of memory and this process has 800 MB left (raise it with NODE_OPTIONS=--max-old-space-size=MB)',
    );
    expect(tooLargeToFormat(DEFAULT_MAX_LENGTH + 1, heap)).toMatch(/at most 33554432 \(32 MiB\)$/);
  });
});
