import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, splitLines, unifiedDiff } from '../../src/text/unified-diff.js';

const hasPatch = spawnSync('patch', ['--version']).status === 0;

describe('unified diff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('prints a hunk with context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nD\ne\nf\ng\nh\n';
    expect(unifiedDiff(before, after, { fromName: 'x', toName: 'y' })).toBe('--- x\n+++ y\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n');
  });

  it('edit scripts rebuild both texts (property)', () => {
    const lines = fc.array(fc.constantFrom('a\n', 'b\n', 'c\n', 'd'), { maxLength: 12 });
    fc.assert(fc.property(lines, lines, (a, b) => {
      const ops = diffLines(a, b);
      expect(ops.filter((o) => o.kind !== '+').map((o) => o.line)).toEqual(a);
      expect(ops.filter((o) => o.kind !== '-').map((o) => o.line)).toEqual(b);
    }), { numRuns: 300 });
  });

  it.skipIf(!hasPatch)('is applied by GNU patch to give the new text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virtxml-diff-'));
    const texts = fc.sample(fc.tuple(fc.array(fc.constantFrom('a\n', 'b\n', 'c\n', 'x\n'), { maxLength: 20 }), fc.array(fc.constantFrom('a\n', 'b\n', 'c\n', 'y\n'), { maxLength: 20 })), { seed: 7, numRuns: 40 });
    for (const [a, b] of texts) {
      const before = a.join('');
      const after = b.join('');
      if (before === after) continue;
      writeFileSync(join(dir, 'f'), before);
      writeFileSync(join(dir, 'p'), unifiedDiff(before, after, { fromName: 'f', toName: 'f' }));
      const r = spawnSync('patch', ['-s', join(dir, 'f'), join(dir, 'p')], { encoding: 'utf8' });
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(spawnSync('cat', [join(dir, 'f')], { encoding: 'utf8' }).stdout).toBe(after);
    }
  });

  it('keeps line ends in the lines', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a\r\n', 'b\n', 'c']);
  });
});
