/**
 * "Did you mean …?": the closest candidate to a misspelt name or value, by case-insensitive
 * equality first, then by Damerau–Levenshtein distance (adjacent transpositions count as one edit).
 */

/** Largest edit distance still offered as a suggestion. */
const MAX_DISTANCE = 2;

export function suggest(found: string, candidates: Iterable<string>, maxDistance = MAX_DISTANCE): string | undefined {
  const lower = found.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === found) continue;
    if (c.toLowerCase() === lower) return c;
    // A short word is "close" to almost anything at distance 2, so demand that most of it survives.
    const limit = Math.min(maxDistance, Math.floor(Math.max(found.length, c.length) / 3));
    if (Math.abs(c.length - found.length) > limit) continue;
    const d = editDistance(found, c, limit);
    if (d <= limit && (d < bestDistance || (d === bestDistance && best !== undefined && c < best))) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `limit + 1` as soon as it is known to
 * exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  let prevPrev = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prevPrev[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[m]!;
}
