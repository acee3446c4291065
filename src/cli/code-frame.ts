import { LineMap } from '../xml/dom/line-map.js';
import { escapeControls } from '../xml/shown.js';

/** The most characters of a line a frame shows. */
const WIDTH = 160;

/**
 * A two-line excerpt of the source under a diagnostic: the offending line and a caret under
 * the column. Tabs in the line are copied into the caret line so the caret stays aligned.
 * A line longer than the frame is shown as a window around the column, marked with `…`, so a
 * frame costs its width whatever the line: a document on one line may hold thousands of errors.
 * Control characters of the line (an ESC in a document that is not well-formed) are shown
 * escaped, as file names are (see escapeControls), and the caret counts their escapes.
 * Pass the same LineMap for every diagnostic of one file: it finds the line starts once.
 */
export function codeFrame(source: string | LineMap, line: number, column: number): string {
  const lines = typeof source === 'string' ? new LineMap(source) : source;
  const text = lines.lineText(line);
  if (text === undefined) return '';
  const caret = Math.max(0, Math.min(column - 1, text.length));
  const from = text.length <= WIDTH ? 0 : Math.max(0, Math.min(caret - WIDTH / 2, text.length - WIDTH));
  const to = Math.min(text.length, from + WIDTH);
  const before = from > 0 ? '…' : '';
  const shown = before + escapeControls(text.slice(from, to), true) + (to < text.length ? '…' : '');
  const pad = (before === '' ? '' : ' ') + escapeControls(text.slice(from, caret), true).replace(/[^\t]/g, ' ');
  const gutter = String(line).length;
  return `${' '.repeat(2)}${line} | ${shown}\n${' '.repeat(2 + gutter)} | ${pad}^`;
}
