/**
 * A validator lives as long as its process and remembers derivatives by the strings it met, and
 * the model remembers which root an element name is. What they remember must not keep the
 * documents those strings came from alive, nor grow with names that documents make up.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGrammarTable } from '../../../src/model/generated/grammar/index.js';
import { compiledValidator, validate } from '../../../src/xml/validate/index.js';
import { PROJECT_ROOT } from '../../support/corpus.js';

interface Heaps {
  readonly early: number;
  readonly late: number;
  readonly modelEarly: number;
  readonly modelLate: number;
}

let measured: Heaps | undefined;

/** One child process measures both, as it needs a collector it can call. */
function heaps(): Heaps {
  if (measured !== undefined) return measured;
  const script = join(PROJECT_ROOT, 'test/xml/validate/retention.script.ts');
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return (measured = JSON.parse(r.stdout) as Heaps);
}

describe('what a long-running process keeps of the documents it has read', () => {
  it('does not keep past documents alive through its memos', () => {
    const { early, late } = heaps();
    // 500 more documents of 100 KB each: keeping them (as memo keys sliced from them did) adds
    // 50 MB; what the memos themselves hold is a few hundred short strings.
    expect(late - early).toBeLessThan(10_000_000);
  }, 60_000);

  it('does not remember root names that are not libvirt\'s', () => {
    const { modelEarly, modelLate } = heaps();
    // 10,000 names of 2,000 characters: 20 MB (40 MB as UTF-16) if each were kept.
    expect(modelLate - modelEarly).toBeLessThan(5_000_000);
  }, 60_000);

  it('gives names from documents a bit without remembering them, so they never accumulate', () => {
    const v = compiledValidator('11.3.0', 'network')!;
    const cx = v.streamGrammar.cx;
    const grammarNames = loadGrammarTable('11.3.0', 'network')!.nameClasses.filter((row) => row[0] === 'name').length;
    for (let i = 0; i < 2000; i++) {
      const r = validate(`<network><name>n</name><unknown-${i} attribute-${i}='x'/></network>`);
      expect(r.diagnostics.map((d) => d.code)).toContain('unexpected-element');
    }
    expect(cx.namesWithBits).toBeLessThanOrEqual(grammarNames);
  });
});
