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

describe("README's performance claim", () => {
  it('quotes the latest run docs/performance.md records, with its conditions', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const performance = readFileSync(join(PROJECT_ROOT, 'docs/performance.md'), 'utf8');
    const claim = /How fast: in the bench's latest recorded run \(commit `(\w+)`, (\d+) CPUs, Node (v[\d.]+), [^;]*; \[docs\/performance\.md\]\(docs\/performance\.md\)\), `virtxml validate` checked the (\d+) documents of libvirt's own schema tests in ([\d.]+ m?s) against ([\d.]+ m?s) for `xmllint --relaxng`: ([\d.]+)× faster by wall time, ([\d.]+)× by CPU time\./.exec(readme);
    expect(claim, 'the README states the validation speed as the bench recorded it').not.toBeNull();
    const [, commit, cpus, node, documents, ours, xmllint, wall, cpu] = claim!;
    const machine = /Measured on commit `(\w+)`[\s\S]*?- (\d+) CPUs[\s\S]*?- Node (v[\d.]+);/.exec(performance);
    expect(machine).not.toBeNull();
    expect([commit, cpus, node]).toEqual([machine![1], machine![2], machine![3]]);
    // The 1× CLI row of "virtxml validate against xmllint and jing".
    const row = /^\|\s+1× \| CLI\s+\|\s+([\d.]+ m?s) \|\s+([\d.]+ m?s) \|[^|]+\|\s+([\d.]+)× faster \|[^|]+\|\s+([\d.]+)× faster \|/m.exec(performance);
    expect(row, 'docs/performance.md has the 1× CLI row against xmllint').not.toBeNull();
    expect([ours, xmllint, wall, cpu]).toEqual([row![1], row![2], row![3], row![4]]);
    expect(performance).toContain(`|    1× |  ${documents} |`);
  });
});
