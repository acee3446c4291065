/**
 * `.gitignore` semantics as git applies them (gitignore(5)), checked on the patterns alone and on
 * directory walks with nested ignore files; where git is installed, its own `check-ignore` is
 * the judge for the same tree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IgnoreStack, parseGitignore } from '../../src/cli/gitignore.js';
import { walkDirectory } from '../../src/cli/inputs.js';

function ignores(patterns: string, path: string, isDirectory = false): boolean {
  return IgnoreStack.empty().with('', parseGitignore(patterns)).ignoresWithParents(path, isDirectory);
}

describe('gitignore patterns', () => {
  it('skips blank lines and comments, and keeps escaped # and !', () => {
    expect(parseGitignore('\n# a comment\n   \n')).toEqual([]);
    expect(ignores('\\#draft.xml', '#draft.xml')).toBe(true);
    expect(ignores('\\!important.xml', '!important.xml')).toBe(true);
    expect(ignores('#draft.xml', '#draft.xml')).toBe(false);
  });

  it('drops trailing spaces unless escaped', () => {
    expect(ignores('a.xml   ', 'a.xml')).toBe(true);
    expect(ignores('a.xml\\ ', 'a.xml ')).toBe(true);
    expect(ignores('a.xml\\ ', 'a.xml')).toBe(false);
  });

  it('matches a name without a slash at any depth, and anchors a pattern with one', () => {
    expect(ignores('dump.xml', 'dump.xml')).toBe(true);
    expect(ignores('dump.xml', 'vms/old/dump.xml')).toBe(true);
    expect(ignores('/dump.xml', 'vms/dump.xml')).toBe(false);
    expect(ignores('/dump.xml', 'dump.xml')).toBe(true);
    expect(ignores('vms/dump.xml', 'vms/dump.xml')).toBe(true);
    expect(ignores('vms/dump.xml', 'other/vms/dump.xml')).toBe(false);
  });

  it('takes a trailing slash as folders only', () => {
    expect(ignores('build/', 'build', true)).toBe(true);
    expect(ignores('build/', 'build', false)).toBe(false);
    expect(ignores('build/', 'src/build/a.xml')).toBe(true);
    expect(ignores('build', 'build', false)).toBe(true);
  });

  it('keeps * and ? within one segment, and reads classes', () => {
    expect(ignores('*.orig.xml', 'vms/web01.orig.xml')).toBe(true);
    expect(ignores('vms/*.xml', 'vms/sub/a.xml')).toBe(false);
    expect(ignores('vms/*.xml', 'vms/a.xml')).toBe(true);
    expect(ignores('web0?.xml', 'web01.xml')).toBe(true);
    expect(ignores('web0?.xml', 'web010.xml')).toBe(false);
    expect(ignores('web[0-2].xml', 'web1.xml')).toBe(true);
    expect(ignores('web[0-2].xml', 'web3.xml')).toBe(false);
    expect(ignores('web[!0-2].xml', 'web3.xml')).toBe(true);
    expect(ignores('web[!0-2].xml', 'web1.xml')).toBe(false);
    expect(ignores('a[!x]b', 'a/b')).toBe(false);
    expect(ignores('web[[:digit:]].xml', 'web7.xml')).toBe(true);
  });

  it('reads ** before, after and between folders', () => {
    expect(ignores('**/dumps', 'dumps', true)).toBe(true);
    expect(ignores('**/dumps', 'a/b/dumps', true)).toBe(true);
    expect(ignores('**/dumps/x.xml', 'a/dumps/x.xml')).toBe(true);
    expect(ignores('dumps/**', 'dumps/a/b.xml')).toBe(true);
    expect(ignores('dumps/**', 'dumps', true)).toBe(false);
    expect(ignores('a/**/b.xml', 'a/b.xml')).toBe(true);
    expect(ignores('a/**/b.xml', 'a/x/y/b.xml')).toBe(true);
    expect(ignores('a/**/b.xml', 'c/a/b.xml')).toBe(false);
    // Other runs of asterisks are plain asterisks.
    expect(ignores('a**b.xml', 'axyb.xml')).toBe(true);
    expect(ignores('a**b.xml', 'a/b.xml')).toBe(false);
  });

  it('lets the last matching pattern decide, so ! re-includes', () => {
    expect(ignores('*.xml\n!keep.xml', 'keep.xml')).toBe(false);
    expect(ignores('*.xml\n!keep.xml', 'drop.xml')).toBe(true);
    expect(ignores('!keep.xml\n*.xml', 'keep.xml')).toBe(true);
  });

  it('cannot re-include a file inside an ignored folder', () => {
    expect(ignores('dumps/\n!dumps/keep.xml', 'dumps/keep.xml')).toBe(true);
    // Ignoring the folder's contents, not the folder, leaves room to re-include.
    expect(ignores('dumps/*\n!dumps/keep.xml', 'dumps/keep.xml')).toBe(false);
  });

  it('gives a deeper file the last word over its parents', () => {
    const stack = IgnoreStack.empty().with('', parseGitignore('*.xml')).with('vms', parseGitignore('!web01.xml'));
    expect(stack.ignores('vms/web01.xml', false)).toBe(false);
    expect(stack.ignores('vms/web02.xml', false)).toBe(true);
    expect(stack.ignores('web01.xml', false)).toBe(true);
    // A nested file's anchored pattern is anchored at its own folder.
    const nested = IgnoreStack.empty().with('vms', parseGitignore('/old.xml'));
    expect(nested.ignores('vms/old.xml', false)).toBe(true);
    expect(nested.ignores('vms/sub/old.xml', false)).toBe(false);
  });
});

describe('walks that honour .gitignore', () => {
  let dir: string;
  const files = [
    'a.xml',
    'pom.xml',
    'build/out.xml',
    'dumps/keep.xml',
    'dumps/drop.xml',
    'vms/web01.xml',
    'vms/web01.orig.xml',
    'vms/old/a.xml',
    'vms/sub/b.xml',
    'node_modules/pkg/c.xml',
    'logs/x.xml',
  ];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'virtxml-gitignore-'));
    for (const f of files) {
      mkdirSync(join(dir, dirname(f)), { recursive: true });
      writeFileSync(join(dir, f), '<network/>\n');
    }
    writeFileSync(join(dir, '.gitignore'), '# generated\nbuild/\n*.orig.xml\ndumps/*\n!dumps/keep.xml\n/logs\n');
    writeFileSync(join(dir, 'vms', '.gitignore'), '/old/\nsub/b.xml\n');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const walked = (options: Parameters<typeof walkDirectory>[1]): string[] => walkDirectory(dir, options).inputs.map((i) => relative(dir, i.path!));

  it('walks everything as before when asked for nothing', () => {
    expect(walked({})).toEqual([...files].sort());
  });

  it('leaves out what root and nested .gitignore files exclude, and the folders named to skip', () => {
    expect(walked({ gitignore: true, skipDirectories: ['node_modules', '.git'] })).toEqual(['a.xml', 'dumps/keep.xml', 'pom.xml', 'vms/web01.xml']);
  });

  it('agrees with git check-ignore on the same tree', () => {
    if (spawnSync('git', ['--version']).status !== 0) return;
    execFileSync('git', ['init', '-q', dir]);
    const notIgnored = files.filter((f) => spawnSync('git', ['-C', dir, 'check-ignore', '-q', f]).status !== 0);
    expect(walked({ gitignore: true, skipDirectories: ['node_modules'] })).toEqual(notIgnored.filter((f) => !f.startsWith('node_modules/')).sort());
    rmSync(join(dir, '.git'), { recursive: true, force: true });
  });

  it('reads the .gitignore files above the walked folder, up to the repository root', () => {
    mkdirSync(join(dir, '.git'), { recursive: true });
    try {
      const inner = walkDirectory(join(dir, 'vms'), { gitignore: true }).inputs.map((i) => relative(dir, i.path!));
      expect(inner).toEqual(['vms/web01.xml']);
      mkdirSync(join(dir, '.git', 'info'), { recursive: true });
      writeFileSync(join(dir, '.git', 'info', 'exclude'), 'web01.xml\n');
      expect(walkDirectory(join(dir, 'vms'), { gitignore: true }).inputs).toEqual([]);
    } finally {
      rmSync(join(dir, '.git'), { recursive: true, force: true });
    }
  });
});
