/**
 * The README's quick start must work as written: its TypeScript block is examples/quick-start.ts
 * verbatim, and that file runs and prints what the comments say.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './support/corpus.js';

describe('README quick start', () => {
  const example = readFileSync(join(PROJECT_ROOT, 'examples/quick-start.ts'), 'utf8');

  it('shows examples/quick-start.ts verbatim', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
  });

  it('shows the real output of the CLI example', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const block = /```sh\n\$ npx virtxml (validate [^\n]+)\n([\s\S]*?)```/.exec(readme);
    expect(block, 'the README shows a `$ npx virtxml validate …` example').not.toBeNull();
    let out = '';
    try {
      // What `npx virtxml` runs: the bin npm links for the package's own dev dependency on itself.
      out = execFileSync(join(PROJECT_ROOT, 'node_modules/.bin/virtxml'), block![1]!.split(' '), { cwd: PROJECT_ROOT, encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout;
    }
    expect(out).toBe(block![2]);
  });

  it('runs and prints what its comments promise', () => {
    // `virtxml` resolves to this package through its own exports (the built dist/).
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'examples/quick-start.ts')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    const promised = [...example.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
    expect(out.trim().split('\n')).toEqual(promised);
  });
});
