import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkDirectory } from '../../src/cli/inputs.js';
import { cli } from '../support/cli.js';

/**
 * A directory with what a careless walk trips over: a link back to itself, a dangling link, a
 * link that points at itself, a FIFO named like a document (reading it would block forever).
 * (Links to folders, writes through links, unreadable entries: walks.test.ts.)
 */
describe('directory operands', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'virtxml-inputs-'));
    copyFileSync('test/corpus/network/nat.xml', join(dir, 'a.xml'));
    mkdirSync(join(dir, 'sub'));
    copyFileSync('test/corpus/network/nat.xml', join(dir, 'sub', 'b.xml'));
    writeFileSync(join(dir, 'notes.txt'), 'not a document');
    symlinkSync('.', join(dir, 'loop'));
    symlinkSync('..', join(dir, 'sub', 'parent'));
    symlinkSync('missing.xml', join(dir, 'broken.xml'));
    symlinkSync('self.xml', join(dir, 'self.xml'));
    symlinkSync('a.xml', join(dir, 'alias.xml'));
    execFileSync('mkfifo', [join(dir, 'fifo.xml')]);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes regular *.xml files and links to them, enters no link to a folder, and reports what it cannot read', () => {
    const { inputs, errors } = walkDirectory(dir);
    expect(inputs.map((i) => i.name)).toEqual([join(dir, 'a.xml'), join(dir, 'alias.xml'), join(dir, 'sub', 'b.xml')]);
    expect(errors).toEqual([
      { name: join(dir, 'broken.xml'), message: 'no such file or directory' },
      { name: join(dir, 'self.xml'), message: 'too many levels of symbolic links' },
    ]);
  });

  it('validates the rest, says what it could not read, and exits 2', async () => {
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${join(dir, 'broken.xml')}: error: no such file or directory\n${join(dir, 'self.xml')}: error: too many levels of symbolic links\n`);
    expect(r.stdout).toBe('3 files checked: 3 valid, 0 invalid\n');
  });

  it('reads file operands as files and walks those that are directories, even through a link, in operand order', async () => {
    const r = await cli(['validate', '--format', 'json', join(dir, 'a.xml'), join(dir, 'nope.xml'), join(dir, 'loop'), join(dir, 'gone.xml')]);
    expect(r.code).toBe(2);
    const files = (JSON.parse(r.stdout) as { results: { file: string }[] }).results.map((x) => x.file);
    expect(files).toEqual([join(dir, 'a.xml'), join(dir, 'loop', 'a.xml'), join(dir, 'loop', 'alias.xml'), join(dir, 'loop', 'sub', 'b.xml')]);
    expect(r.stderr).toBe(
      `${join(dir, 'nope.xml')}: error: no such file or directory\n` +
        `${join(dir, 'loop', 'broken.xml')}: error: no such file or directory\n` +
        `${join(dir, 'loop', 'self.xml')}: error: too many levels of symbolic links\n` +
        `${join(dir, 'gone.xml')}: error: no such file or directory\n`,
    );
  });
});
