/**
 * What users of other command-line tools expect of virtxml: a version, help per command that
 * states the exit codes, short options, no option read as a file name, suggestions for
 * misspellings, and a path that names no document failing rather than passing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/corpus.js';
import { cli } from '../support/cli.js';

const VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const COMMANDS = ['validate', 'format', 'schema-diff', 'lint', 'migrate', 'rules', 'explain'];
const VALID = join(PROJECT_ROOT, 'test/corpus/domain');

describe('virtxml conventions', () => {
  it.each(['--version', '-V'])('%s prints the version', async (flag) => {
    const r = await cli([flag]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`virtxml ${VERSION}\n`);
  });

  it.each(COMMANDS)('help %s prints that command\'s help, with its exit status', async (command) => {
    const viaHelp = await cli(['help', command]);
    const viaFlag = await cli([command, '--help']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toMatch(new RegExp(`^usage: virtxml ${command}`));
    expect(viaHelp.stdout).toMatch(/exit status: 0 /);
  });

  it('suggests the command meant', async () => {
    const r = await cli(['vaildate', 'x.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "vaildate"; did you mean "validate"?');
  });

  it('suggests the option and the value meant', async () => {
    expect((await cli(['validate', '--shcema', 'domain', 'x.xml'])).stderr).toContain('unknown option --shcema; did you mean --schema?');
    expect((await cli(['validate', '--schema', 'domian', 'x.xml'])).stderr).toContain('did you mean "domain"?');
    expect((await cli(['validate', '--format', 'jsno', 'x.xml'])).stderr).toContain('did you mean "json"?');
  });

  it('reads a single-dash argument as an option, never as a file name', async () => {
    const r = await cli(['validate', '-q', VALID]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option -q');
    const short = await cli(['validate', '-f', 'json', join(VALID, 'kvm-qcow2-virtio.xml')]);
    expect(short.code, short.stderr).toBe(0);
    expect(JSON.parse(short.stdout)).toHaveProperty('results');
  });

  it('fails on a folder that holds no document', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'virtxml-empty-'));
    for (const command of ['validate', 'format', 'lint', 'migrate']) {
      const r = await cli([command, empty]);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain('no *.xml files found in this folder');
    }
  });
});

describe('colour', () => {
  const bad = join(PROJECT_ROOT, 'test/corpus/domain/invalid-disk-device-typo.xml');
  it('colours diagnostics and the summary on a terminal', async () => {
    const r = await cli(['validate', bad], '', { stdoutIsTTY: true, env: {} });
    expect(r.stdout).toContain('\u001b[31merror\u001b[39m');
    expect(r.stdout).toContain('\u001b[31m1 file checked: 0 valid, 1 invalid\u001b[39m');
  });
  it('writes no colour when piped or with NO_COLOR', async () => {
    expect((await cli(['validate', bad], '', { stdoutIsTTY: false, env: {} })).stdout).not.toContain('\u001b[');
    expect((await cli(['validate', bad], '', { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});
