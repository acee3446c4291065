/**
 * A two-line excerpt of the source under a diagnostic: the offending line and a caret under
 * the column. Tabs in the line are copied into the caret line so the caret stays aligned.
 */
export function codeFrame(source: string, line: number, column: number): string {
  const text = lineText(source, line);
  if (text === undefined) return '';
  const shown = text.length > 160 ? text.slice(0, 160) + '…' : text;
  const gutter = String(line).length;
  const pad = text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
  return `${' '.repeat(2)}${line} | ${shown}\n${' '.repeat(2 + gutter)} | ${pad.slice(0, 160)}^`;
}

function lineText(source: string, line: number): string | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = source.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  let end = source.indexOf('\n', start);
  if (end < 0) end = source.length;
  return source.slice(start, end).replace(/\r$/, '');
}
