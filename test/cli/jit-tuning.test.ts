import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_MAX_INLINED_BYTECODE_SIZE, hasOwnInliningFlag, tuneJitForShortRuns } from '../../src/cli/jit-tuning.js';
import { PROJECT_ROOT } from '../support/corpus.js';

describe('the CLI\'s JIT tuning', () => {
  it('recognises inlining flags the process was started with, in either spelling', () => {
    expect(hasOwnInliningFlag([])).toBe(false);
    expect(hasOwnInliningFlag(['--max-old-space-size=4096', '--enable-source-maps'])).toBe(false);
    expect(hasOwnInliningFlag(['--max-inlined-bytecode-size=200'])).toBe(true);
    expect(hasOwnInliningFlag(['--max_inlined_bytecode_size=200'])).toBe(true);
    expect(hasOwnInliningFlag(['--max-inlined-bytecode-size-cumulative=100'])).toBe(true);
    expect(hasOwnInliningFlag(['--no-turbo-inlining'])).toBe(true);
    expect(hasOwnInliningFlag(['--turbo-inlining'])).toBe(true);
  });

  it('leaves a process started with its own inlining flag as it is', () => {
    expect(tuneJitForShortRuns(['--no-turbo-inlining'])).toBe(false);
  });

  it('is accepted by this Node, in a process of its own', () => {
    // A child process, so that this test process keeps Node's settings.
    const script = `import { tuneJitForShortRuns } from './src/cli/jit-tuning.ts'; process.stdout.write(String(tuneJitForShortRuns([])));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('true');
    expect(CLI_MAX_INLINED_BYTECODE_SIZE).toBeLessThan(460);
  });
});
