import { LineMap } from '../xml/dom/line-map.js';

/**
 * A two-line excerpt of the source under a diagnostic: the offending line and a caret under
 * the column. Tabs in the line are copied into the caret line so the caret stays aligned.
 * Pass the same LineMap for every diagnostic of one file: it finds the line starts once.
 */
export function codeFrame(source: string | LineMap, line: number, column: number): string {
  const lines = typeof source === 'string' ? new LineMap(source) : source;
  const text = lines.lineText(line);
  if (text === undefined) return '';
  const shown = text.length > 160 ? text.slice(0, 160) + '…' : text;
  const gutter = String(line).length;
  const pad = text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
  return `${' '.repeat(2)}${line} | ${shown}\n${' '.repeat(2 + gutter)} | ${pad.slice(0, 160)}^`;
}
