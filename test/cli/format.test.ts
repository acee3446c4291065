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

  it('never writes over bytes that are not UTF-8: reports where they are and leaves the file as it was', async () => {
    const dir = tempDir();
    const latin1 = join(dir, 'latin1.xml');
    const original = Buffer.concat([Buffer.from('<network>\n    <name>caf'), Buffer.from([0xe9]), Buffer.from('</name>\n</network>\n')]);
    writeFileSync(latin1, original);
    const r = await cli(['format', '--write', latin1]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${latin1}:2:14: error: byte 0xE9 is not valid UTF-8 here`);
    expect(r.stderr).toContain('[invalid-encoding]\n  2 |     <name>caf\uFFFD</name>\n    |              ^\n');
    expect(readFileSync(latin1).equals(original)).toBe(true);
  });

  it('leaves documents in other encodings than UTF-8 as they are, saying how to convert them', async () => {
    const dir = tempDir();
    const declared = join(dir, 'declared.xml');
    const original = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<network>\n    <name>caf'), Buffer.from([0xe9]), Buffer.from('</name>\n</network>\n')]);
    writeFileSync(declared, original);
    const utf16 = join(dir, 'utf16.xml');
    const utf16Bytes = Buffer.from('\uFEFF' + OTHER_STYLE, 'utf16le');
    writeFileSync(utf16, utf16Bytes);
    const r = await cli(['format', '--write', declared, utf16]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${declared}:1:1: error: the document is in ISO-8859-1; virtxml format writes UTF-8 only, so the file is left as it is (convert it first, e.g. with iconv -f ISO-8859-1 -t UTF-8, and change its encoding declaration) [unsupported-encoding]`);
    expect(r.stderr).toContain(`${utf16}:1:1: error: the document is in UTF-16LE;`);
    expect(readFileSync(declared).equals(original)).toBe(true);
    expect(readFileSync(utf16).equals(utf16Bytes)).toBe(true);
    expect(r.stdout).toBe('0 of 2 files reformatted\n');
  });

  it('reads a UTF-8 byte order mark; preserve style keeps it, libvirt style writes none, as libvirt does', async () => {
    const input = Buffer.from('\uFEFF' + OTHER_STYLE, 'utf8');
    expect((await cli(['format', '--style', 'preserve', '-'], input)).stdout).toBe('\uFEFF' + OTHER_STYLE);
    expect((await cli(['format', '-'], input)).stdout).toBe(LIBVIRT_STYLE);
  });

  it('rejects contradictory options', async () => {
    expect((await cli(['format', '--write', '--check', 'x.xml'])).code).toBe(2);
    expect((await cli(['format', '--write', '-'])).code).toBe(2);
  });
});
