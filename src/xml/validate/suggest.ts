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
 * exceed `limit`. The three rows it needs are kept between calls: a document with thousands of
 * misspelt names asks for thousands of distances, and allocating rows for each was most of the
 * time it took to validate.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (rows.length < 3 * (m + 1)) rows = new Int32Array(Math.max(3 * (m + 1), 2 * rows.length));
  let prevPrev = 0;
  let prev = m + 1;
  let cur = 2 * (m + 1);
  const r = rows;
  for (let j = 0; j <= m; j++) {
    r[prevPrev + j] = 0;
    r[prev + j] = j;
  }
  for (let i = 1; i <= n; i++) {
    r[cur] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ai === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(r[prev + j]! + 1, r[cur + j - 1]! + 1, r[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, r[prevPrev + j - 2]! + 1);
      }
      r[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = t;
  }
  return r[prev + m]!;
}

/** The rows of {@link editDistance}, three after one another; grown when a longer name comes. */
let rows = new Int32Array(3 * 64);
