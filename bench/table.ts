/**
 * Plain-text output: tables as Markdown (readable in a terminal, pasted as-is into
 * docs/performance.md) and the number formats every row shares.
 */

export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align?: Align;
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, 3, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (text: string, i: number): string =>
    columns[i]?.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  const line = (cells: readonly string[]): string => `| ${columns.map((_, i) => pad(cells[i] ?? '', i)).join(' | ')} |`;
  const rule = `|${columns.map((c, i) => (c.align === 'right' ? `${'-'.repeat(widths[i]! + 1)}:` : '-'.repeat(widths[i]! + 2))).join('|')}|`;
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatRate(megabytesPerSecond: number | undefined): string {
  if (megabytesPerSecond === undefined || !Number.isFinite(megabytesPerSecond)) return '–';
  return megabytesPerSecond >= 100 ? megabytesPerSecond.toFixed(0) : megabytesPerSecond.toFixed(1);
}

export function formatMiB(kib: number | undefined): string {
  return kib === undefined ? '–' : `${(kib / 1024).toFixed(0)} MiB`;
}

/** A speed ratio: "3.1× faster" when above 1, "2.0× slower" below. */
export function formatSpeedup(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '–';
  return ratio >= 1 ? `${ratio.toFixed(2)}× faster` : `${(1 / ratio).toFixed(2)}× slower`;
}

export function formatFactor(factor: number | undefined): string {
  return factor === undefined || !Number.isFinite(factor) ? '–' : `${factor.toFixed(2)}×`;
}

export function heading(text: string): string {
  return `\n${text}\n${'='.repeat(text.length)}`;
}
