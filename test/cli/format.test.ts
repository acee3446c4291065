import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const LIBVIRT_STYLE = `<network>\n  <name>default</name>\n  <forward mode='nat'/>\n</network>\n`;
const OTHER_STYLE = `<network>\n    <name>default</name>\n    <forward mode="nat"></forward>\n</network>\n`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'virtxml-format-'));
}

describe('virtxml format', () => {
  it('prints the formatted document and exits 0', async () => {
    const r = await cli(['format', '-'], OTHER_STYLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(LIBVIRT_STYLE);
  });

  it('--style preserve keeps the document as written', async () => {
    const r = await cli(['format', '--style', 'preserve', '-'], OTHER_STYLE);
    expect(r.stdout).toBe(OTHER_STYLE);
  });

  it('--check lists unformatted files and exits 1, changing nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.xml'), LIBVIRT_STYLE);
    writeFileSync(join(dir, 'b.xml'), OTHER_STYLE);
    const r = await cli(['format', '--check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${join(dir, 'b.xml')}: not formatted (libvirt style)\n2 files checked: 1 would be reformatted\n`);
    expect(readFileSync(join(dir, 'b.xml'), 'utf8')).toBe(OTHER_STYLE);
  });

  it('--write rewrites only changed files, atomically, keeping permissions and leaving no temp files', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.xml');
    const b = join(dir, 'b.xml');
    writeFileSync(a, LIBVIRT_STYLE);
    writeFileSync(b, OTHER_STYLE);
    chmodSync(b, 0o640);
    const before = statSync(a).mtimeMs;
    const r = await cli(['format', '--write', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1 of 2 files reformatted\n');
    expect(readFileSync(b, 'utf8')).toBe(LIBVIRT_STYLE);
    expect(statSync(b).mode & 0o777).toBe(0o640);
    expect(statSync(a).mtimeMs).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['a.xml', 'b.xml']);
  });

  it('--write through a symbolic link rewrites the file it points to and keeps the link', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    const real = join(dir, 'real', 'b.xml');
    writeFileSync(real, OTHER_STYLE);
    const link = join(dir, 'b.xml');
    symlinkSync(join('real', 'b.xml'), link);
    const r = await cli(['format', '--write', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(LIBVIRT_STYLE);
    expect(readdirSync(join(dir, 'real'))).toEqual(['b.xml']);
  });

  it.runIf(process.getuid?.() === 0)('--write run as root keeps the owner and group of the file it rewrites (runs only as root: only root may give a file away)', async () => {
    const dir = tempDir();
    const b = join(dir, 'b.xml');
    writeFileSync(b, OTHER_STYLE);
    chownSync(b, 4321, 4322);
    expect((await cli(['format', '--write', b])).code).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(LIBVIRT_STYLE);
    expect({ uid: statSync(b).uid, gid: statSync(b).gid }).toEqual({ uid: 4321, gid: 4322 });
  });

  it('leaves a file it cannot read untouched and reports file:line:column', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<network>\n  <name>x</name>\n');
    const r = await cli(['format', '--write', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: error: .*\\[unclosed-tag\\]`));
    expect(readFileSync(bad, 'utf8')).toBe('<network>\n  <name>x</name>\n');
  });

  it('rejects contradictory options', async () => {
    expect((await cli(['format', '--write', '--check', 'x.xml'])).code).toBe(2);
    expect((await cli(['format', '--write', '-'])).code).toBe(2);
  });
});
