/**
 * Unified diffs of two texts by lines (as `diff -u` prints them), from a shortest edit script
 * (Myers' O(ND) algorithm). Line ends are part of the lines, so a changed line end shows.
 */

export interface UnifiedDiffOptions {
  /** Lines of context around each change (default 3). */
  readonly context?: number;
  readonly fromName?: string;
  readonly toName?: string;
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: string };

/** The lines of a text, each with its line break. */
export function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

/** The edit script turning `a` into `b`: kept, removed and added lines in order. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // Common head and tail cost nothing to diff, and most files change in a few places.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const middle = myers(x, y);
  return [...a.slice(0, head).map((line) => ({ kind: ' ' as const, line })), ...middle, ...a.slice(a.length - tail).map((line) => ({ kind: ' ' as const, line }))];
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max;
  let v: Int32Array = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) x = v[offset + k + 1]!;
      else x = v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    v = trace[d]!;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', line: a[x - 1]! });
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', line: b[prevY]! });
    else ops.push({ kind: '-', line: a[prevX]! });
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/** `diff -u`'s output for two texts; '' when they are equal. */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions = {}): string {
  if (before === after) return '';
  const context = options.context ?? 3;
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let out = `--- ${options.fromName ?? 'a'}\n+++ ${options.toName ?? 'b'}\n`;
  let i = 0;
  while (i < changed.length) {
    let start = Math.max(0, changed[i]! - context);
    let end = Math.min(ops.length, changed[i]! + context + 1);
    while (i + 1 < changed.length && changed[i + 1]! - context <= end) {
      i++;
      end = Math.min(ops.length, changed[i]! + context + 1);
    }
    i++;
    // Line numbers of the hunk's first line in each text.
    let aLine = 1;
    let bLine = 1;
    for (let j = 0; j < start; j++) {
      if (ops[j]!.kind !== '+') aLine++;
      if (ops[j]!.kind !== '-') bLine++;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${aCount === 0 ? aLine - 1 : aLine},${aCount} +${bCount === 0 ? bLine - 1 : bLine},${bCount} @@\n`;
    for (const o of hunk) {
      const body = o.line.replace(/\r?\n$|\r$/, '');
      out += `${o.kind}${body}\n`;
      if (!/[\r\n]$/.test(o.line)) out += '\\ No newline at end of file\n';
    }
    start = end;
  }
  return out;
}
