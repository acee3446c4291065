import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../src/cli/code-frame.js';
import { LineMap } from '../../src/xml/dom/line-map.js';

/** The column the caret points at, read back from a frame: the character above it in the line shown. */
function pointedAt(frame: string): string {
  const [shown, caretLine] = frame.split('\n') as [string, string];
  return shown[caretLine.indexOf('^')]!;
}

describe('codeFrame', () => {
  it('shows a short line whole, with the caret under the column and tabs kept', () => {
    expect(codeFrame('<a>\n\t<b x="1"/>\n</a>', 2, 5)).toBe('  2 | \t<b x="1"/>\n    | \t   ^');
  });

  it('is empty for a line past the end', () => {
    expect(codeFrame('<a/>', 3, 1)).toBe('');
  });

  it('shows a window of a long line around the column, marked at both ends', () => {
    const line = Array.from({ length: 4000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    for (const column of [1, 100, 2000, 3950, 4000]) {
      const frame = codeFrame(line, 1, column);
      const [shown] = frame.split('\n') as [string];
      expect(shown.length).toBeLessThanOrEqual('  1 | '.length + 162);
      expect(pointedAt(frame)).toBe(line[column - 1]);
      expect(shown.startsWith('  1 | …')).toBe(column > 81);
      expect(shown.endsWith('…')).toBe(column < 3920);
    }
  });

  it('costs its width, not the line, for each of many columns on one line', () => {
    // Each frame used to copy the line up to its column: quadratic time and memory.
    const line = '<x/>'.repeat(200_000);
    const lines = new LineMap(line);
    let total = 0;
    for (let column = 1; column <= line.length; column += 4) total += codeFrame(lines, 1, column).length;
    expect(total).toBeLessThan(200_000 * 400);
  }, 10_000);
});
