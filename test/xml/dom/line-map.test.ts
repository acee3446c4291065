import { describe, expect, it } from 'vitest';
import { LineMap } from '../../../src/xml/dom/index.js';

describe('LineMap', () => {
  it('numbers lines and columns from 1', () => {
    const map = new LineMap('ab\ncd');
    expect(map.locate(0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(map.locate(1)).toEqual({ line: 1, column: 2, offset: 1 });
    expect(map.locate(2)).toEqual({ line: 1, column: 3, offset: 2 });
    expect(map.locate(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(map.locate(4)).toEqual({ line: 2, column: 2, offset: 4 });
  });

  it('treats CRLF as one line break and a lone CR as a line break', () => {
    const map = new LineMap('a\r\nb\rc\nd');
    expect(map.locate(1).line).toBe(1); // the CR of CRLF
    expect(map.locate(2).line).toBe(1); // the LF of CRLF
    expect(map.locate(3)).toEqual({ line: 2, column: 1, offset: 3 });
    expect(map.locate(5)).toEqual({ line: 3, column: 1, offset: 5 });
    expect(map.locate(7)).toEqual({ line: 4, column: 1, offset: 7 });
    expect(map.lineCount).toBe(4);
  });

  it('counts an empty line after a final line break', () => {
    expect(new LineMap('a\n').lineCount).toBe(2);
    expect(new LineMap('a\n').locate(2)).toEqual({ line: 2, column: 1, offset: 2 });
    expect(new LineMap('').locate(0)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('clamps offsets outside the text', () => {
    const map = new LineMap('ab\nc');
    expect(map.locate(99)).toEqual({ line: 2, column: 2, offset: 4 });
    expect(map.locate(-5)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('counts columns in UTF-16 code units', () => {
    const map = new LineMap('😀x');
    expect(map.locate(2)).toEqual({ line: 1, column: 3, offset: 2 });
  });

  it('gives the text of each line without its break, whatever the break', () => {
    const map = new LineMap('a\r\nbb\rccc\n\nd');
    expect([1, 2, 3, 4, 5].map((line) => map.lineText(line))).toEqual(['a', 'bb', 'ccc', '', 'd']);
    expect(map.lineText(0)).toBeUndefined();
    expect(map.lineText(6)).toBeUndefined();
    expect(new LineMap('x\n').lineText(2)).toBe('');
  });

  it('agrees with a naive count on many lines', () => {
    // Lines are never empty, so a lone CR is never followed by the LF of an empty next line.
    const lines = Array.from({ length: 500 }, (_, i) => 'x'.repeat(1 + (i % 7)));
    const joined = lines.map((line, i) => line + ['\n', '\r\n', '\r'][i % 3]).join('');
    const map = new LineMap(joined);
    let offset = 0;
    lines.forEach((line, i) => {
      expect(map.locate(offset)).toEqual({ line: i + 1, column: 1, offset });
      expect(map.locate(offset + line.length - 1).column).toBe(line.length);
      offset += line.length + [1, 2, 1][i % 3]!;
    });
  });
});
