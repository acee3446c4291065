import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { PROJECT_ROOT } from '../support/corpus.js';

describe('virtxml validate', () => {
  it('exits 0 and says so when every file is valid', async () => {
    const r = await cli(['validate', 'test/corpus/domain/kvm-qcow2-virtio.xml', 'test/corpus/network/nat.xml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2 files checked: 2 valid, 0 invalid\n');
  });

  it('prints file:line:col, the message, the code and a code frame; exits 1', async () => {
    const r = await cli(['validate', 'test/corpus/domain/invalid-disk-device-typo.xml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('test/corpus/domain/invalid-disk-device-typo.xml:8:23: error: value "cdromm" of attribute "device" on <disk> is not allowed');
    expect(r.stdout).toContain('did you mean "cdrom"? [invalid-attribute-value]\n  8 |     <disk type=\'file\' device=\'cdromm\'>\n    |                       ^\n');
  });

  it('shows the line a diagnostic names when lines end in CR alone', async () => {
    const r = await cli(['validate', '--schema', 'network', '-'], '<network>\r  <name>n</name>\r  <forward mode="natt"/>\r</network>\r');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>:3:12: error: ');
    expect(r.stdout).toContain('\n  3 |   <forward mode="natt"/>\n    |            ^\n');
  });

  it('prints the first 100 diagnostics of a file with 150,000 errors, then one that counts the rest', async () => {
    // Each code frame used to look for its line from the top of the file: a minute for this one,
    // and 150,000 code frames; a document now gets at most 100 diagnostics and a summary.
    const count = 150_000;
    const xml = `<network>\n<name>n</name>\n${'<bogus/>\n'.repeat(count)}</network>\n`;
    const r = await cli(['validate', '--schema', 'network', '-'], xml);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((line) => line.startsWith('<stdin>:'))).toHaveLength(101);
    expect(r.stdout).toContain(`<stdin>:103:1: error: and ${count - 100} more errors not shown (${count - 100} repeated-element) [too-many-errors]\n  103 | <bogus/>\n`);
  }, 20_000);

  it('walks directories and keeps going past bad files', async () => {
    const r = await cli(['validate', 'test/corpus/network', 'missing.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('missing.xml: error: no such file or directory\n');
    expect(r.stdout).toContain('3 files checked: 1 valid, 2 invalid');
  });

  it('reads standard input for -, and reports malformed XML with a position', async () => {
    const r = await cli(['validate', '-'], '<domain type="kvm">\n  <name>x</nam>\n</domain>\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<stdin>:2:\d+: error: .*\[mismatched-end-tag\]/);
  });

  it('reads a document in the encoding XML says it has, and reports bytes that are not text there', async () => {
    const network = (name: string) => `<network>\n  <name>${name}</name>\n</network>\n`;
    const latin1 = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n'), Buffer.from(network('caf\u00e9'), 'latin1')]);
    expect((await cli(['validate', '-'], latin1)).stdout).toBe('1 file checked: 1 valid, 0 invalid\n');
    const utf16 = Buffer.from('\uFEFF' + network('café'), 'utf16le');
    expect((await cli(['validate', '-'], utf16)).stdout).toBe('1 file checked: 1 valid, 0 invalid\n');

    const undeclared = Buffer.from(network('caf\u00e9'), 'latin1');
    const r = await cli(['validate', '--format', 'json', '-'], undeclared);
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout).results;
    expect(result).toMatchObject({ file: '<stdin>', schema: null, valid: false });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'invalid-encoding', line: 2, column: 12, path: '' }),
    ]);
    const text = await cli(['validate', '-'], undeclared);
    expect(text.stdout).toContain('<stdin>:2:12: error: byte 0xE9 is not valid UTF-8 here;');
    expect(text.stdout).toContain('  2 |   <name>caf\uFFFD</name>\n    |            ^\n');
  });

  it('--format json prints one object with every result', async () => {
    const r = await cli(['validate', '--format', 'json', 'test/corpus/network/nat.xml', 'test/corpus/network/invalid-forward-mode.xml']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { results: { file: string; schema: string; valid: boolean; diagnostics: { code: string; line: number; column: number; path: string; expected?: string[] }[] }[] };
    expect(out.results.map((x) => [x.file, x.schema, x.valid])).toEqual([
      ['test/corpus/network/nat.xml', 'network', true],
      ['test/corpus/network/invalid-forward-mode.xml', 'network', false],
    ]);
    expect(out.results[1]!.diagnostics[0]).toMatchObject({ code: 'invalid-attribute-value', line: 3, column: 12, path: '/network/forward/@mode' });
    expect(out.results[1]!.diagnostics[0]!.expected).toContain('nat');
  });

  it('--schema forces a root and --libvirt picks an older grammar', async () => {
    const forced = await cli(['validate', '--schema', 'network', 'test/corpus/domain/kvm-qcow2-virtio.xml']);
    expect(forced.code).toBe(1);
    const older = await cli(['validate', '--libvirt', '7.0.0', 'test/corpus/domain/kvm-qcow2-virtio.xml']);
    expect(older.code).toBe(0);
    expect((await cli(['validate', '--libvirt', '9.0.0', 'test/corpus/domain/kvm-qcow2-virtio.xml'])).code).toBe(0);
  });

  it('rejects bad usage with exit 2 and a one-line reason', async () => {
    expect(await cli(['validate'])).toMatchObject({ code: 2, stderr: 'virtxml validate: no input: give files, directories or - for standard input\n' });
    expect((await cli(['validate', '--libvirt', '1.0', 'x.xml'])).stderr).toMatch(/--libvirt must be one of 11\.3\.0, 9\.0\.0, 7\.0\.0 \(got "1\.0"\)/);
    expect((await cli(['validate', '--bogus', 'x.xml'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('stops quietly when the reader of its output goes away (`| head`), keeping its exit code', async () => {
    // The built executable, with its output read by nobody: every write meets a closed pipe.
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist/cli.js'), 'validate', 'test/corpus'], { cwd: PROJECT_ROOT });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('ends as an I/O error, saying why, when its output cannot be written (a full disk)', () => {
    // /dev/full refuses every write with ENOSPC.
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist/cli.js'), 'validate', 'test/corpus'], { cwd: PROJECT_ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(r.stderr).toBe('virtxml: cannot write output: ENOSPC: no space left on device, write\n');
      expect(r.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});
