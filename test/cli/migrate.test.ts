/**
 * `virtxml migrate` as a user runs it: a diff by default, --write in place keeping every byte a
 * rule does not touch, --check for CI, --backup, --only/--skip, --to, JSON, and reruns that
 * change nothing.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const LEGACY = `<?xml version="1.0" encoding="UTF-8"?>
<!-- web01, dumped from the old host -->
<domain type="kvm" id="7">
  <name>web01</name>
  <memory>524288</memory>
  <os>
    <type arch="x86_64" machine="q35">hvm</type>
  </os>
  <devices>
    <disk type="file" device="disk">
      <source file="/var/lib/libvirt/images/web01.qcow2"/>
      <target dev="vda" bus="virtio"/>
    </disk>
    <graphics type="vnc" port="-1"/>
  </devices>
</domain>
`;

const CURRENT = `<domain type='kvm'>
  <name>db01</name>
  <memory unit='KiB'>524288</memory>
  <os>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
  </os>
</domain>
`;

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtxml-migrate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('virtxml migrate', () => {
  it('prints a unified diff of what would change, and changes nothing', async () => {
    const dir = tree({ 'web01.xml': LEGACY, 'db01.xml': CURRENT });
    const r = await cli(['migrate'], '', { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a/web01.xml\n+++ b/web01.xml\n');
    expect(r.stdout).toContain('-<domain type="kvm" id="7">\n+<domain type="kvm">\n');
    expect(r.stdout).toContain('-  <memory>524288</memory>\n+  <memory unit="KiB">524288</memory>\n');
    expect(r.stdout).toContain('-    <graphics type="vnc" port="-1"/>\n+    <graphics type="vnc" port="-1" autoport="yes"/>\n');
    expect(r.stdout).not.toContain('db01.xml');
    expect(r.stdout).toContain('2 files checked: 1 would change');
    expect(readFileSync(join(dir, 'web01.xml'), 'utf8')).toBe(LEGACY);
  });

  it('--check exits 1 when a file would change, 0 when none would', async () => {
    const dir = tree({ 'web01.xml': LEGACY });
    expect((await cli(['migrate', '--check'], '', { cwd: dir })).code).toBe(1);
    const clean = tree({ 'db01.xml': CURRENT });
    expect((await cli(['migrate', '--check'], '', { cwd: clean })).code).toBe(0);
  });

  it('--write changes only what the rules change, keeps a backup, and a second run changes nothing', async () => {
    const dir = tree({ 'web01.xml': LEGACY, 'db01.xml': CURRENT });
    const before = statSync(join(dir, 'db01.xml')).mtimeMs;
    const r = await cli(['migrate', '--write', '--backup'], '', { cwd: dir });
    expect(r.code).toBe(0);
    const out = readFileSync(join(dir, 'web01.xml'), 'utf8');
    expect(out).toBe(LEGACY.replace(' id="7"', '').replace('<memory>', '<memory unit="KiB">').replace('port="-1"/>', 'port="-1" autoport="yes"/>'));
    expect(readFileSync(join(dir, 'web01.xml.orig'), 'utf8')).toBe(LEGACY);
    expect(statSync(join(dir, 'db01.xml')).mtimeMs).toBe(before);
    expect(existsSync(join(dir, 'db01.xml.orig'))).toBe(false);
    const again = await cli(['migrate', '--check', 'web01.xml'], '', { cwd: dir });
    expect(again.code).toBe(0);
  });

  it('--only and --skip choose rules, and unknown ids are usage errors', async () => {
    const dir = tree({ 'web01.xml': LEGACY });
    const only = await cli(['migrate', '--only', 'legacy-memory-unit'], '', { cwd: dir });
    expect(only.stdout).toContain('<memory unit="KiB">');
    expect(only.stdout).not.toContain('autoport');
    const skip = await cli(['migrate', '--skip', 'legacy-memory-unit'], '', { cwd: dir });
    expect(skip.stdout).not.toContain('<memory unit="KiB">');
    expect(skip.stdout).toContain('autoport');
    const bad = await cli(['migrate', '--only', 'no-such-rule'], '', { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"no-such-rule" is not a migration rule');
  });

  it('reports in JSON', async () => {
    const dir = tree({ 'web01.xml': LEGACY });
    const r = await cli(['migrate', '--format', 'json'], '', { cwd: dir });
    const json = JSON.parse(r.stdout) as { results: { file: string; changed: boolean; changes: { rule: string; applied: boolean; line: number }[] }[] };
    expect(json.results[0]!.file).toBe('web01.xml');
    expect(json.results[0]!.changed).toBe(true);
    expect(json.results[0]!.changes).toContainEqual(expect.objectContaining({ rule: 'legacy-memory-unit', applied: true, line: 5 }));
  });

  it('leaves out what .gitignore ignores, unless --no-gitignore', async () => {
    const dir = tree({ 'web01.xml': LEGACY, 'dump.xml': LEGACY, '.gitignore': 'dump.xml\n' });
    const r = await cli(['migrate', '--check'], '', { cwd: dir });
    expect(r.stdout).toContain('web01.xml: would change');
    expect(r.stdout).not.toContain('dump.xml');
    const all = await cli(['migrate', '--check', '--no-gitignore'], '', { cwd: dir });
    expect(all.stdout).toContain('dump.xml: would change');
    expect(all.stdout).toContain('2 files checked: 2 would change');
  });

  it('reads standard input and refuses to --write it', async () => {
    const r = await cli(['migrate', '-'], LEGACY);
    expect(r.stdout).toContain('+++ b/<stdin>');
    // --stdin-filename names it, and the configuration's ignore globs apply to that name.
    const dir = tree({ 'virtxml.config.json': JSON.stringify({ ignore: ['dumps/**'] }) });
    expect((await cli(['migrate', '--stdin-filename', 'vms/web01.xml', '-'], LEGACY, { cwd: dir })).stdout).toContain('+++ b/vms/web01.xml');
    expect((await cli(['migrate', '--stdin-filename', 'dumps/web01.xml', '-'], LEGACY, { cwd: dir })).stdout).toBe('0 files checked: 0 would change\n');
    expect((await cli(['migrate', '--write', '-'], LEGACY)).code).toBe(2);
  });
});

describe('virtxml lint --fix', () => {
  it('applies the safe fixes, writes atomically, and reports what is left', async () => {
    const dir = tree({ 'web01.xml': LEGACY });
    const r = await cli(['lint', '--fix', '--format', 'json', 'web01.xml'], '', { cwd: dir });
    const out = readFileSync(join(dir, 'web01.xml'), 'utf8');
    expect(out).toBe(LEGACY.replace(' id="7"', '').replace('<memory>', '<memory unit="KiB">').replace('port="-1"/>', 'port="-1" autoport="yes"/>'));
    const json = JSON.parse(r.stdout) as { results: { findings: { rule: string }[] }[] };
    expect(json.results[0]!.findings.map((f) => f.rule)).not.toContain('legacy-memory-unit');
  });

  it('--fix-dry-run writes nothing and gives the fixed text as output', async () => {
    const dir = tree({ 'web01.xml': LEGACY });
    const r = await cli(['lint', '--fix-dry-run', '--format', 'json', 'web01.xml'], '', { cwd: dir });
    expect(readFileSync(join(dir, 'web01.xml'), 'utf8')).toBe(LEGACY);
    const json = JSON.parse(r.stdout) as { results: { output?: string }[] };
    expect(json.results[0]!.output).toContain('<memory unit="KiB">524288</memory>');
  });

  it('leaves a finding suppressed by a comment alone', async () => {
    const dir = tree({ 'web01.xml': LEGACY.replace('  <memory>', '  <!-- virtxml-disable-next-line legacy-memory-unit - kept for an old reader -->\n  <memory>') });
    await cli(['lint', '--fix', 'web01.xml'], '', { cwd: dir });
    const out = readFileSync(join(dir, 'web01.xml'), 'utf8');
    expect(out).toContain('  <memory>524288</memory>');
    expect(out).toContain('autoport="yes"');
  });
});
