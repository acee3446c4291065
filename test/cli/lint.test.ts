/**
 * `virtxml lint` as a user runs it: which files it finds, which configuration applies, what it
 * prints, and the exit status CI acts on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/lint.js';
import { cli } from '../support/cli.js';
import { BROKEN, CLEAN_DOMAIN, cleanDomainNamed, DUPLICATE_TARGET_DOMAIN, POM, project, SCHEMA_INVALID_DOMAIN, type Project } from '../support/lint-project.js';

interface JsonReport {
  results: { file: string; root: string | null; skipped?: string; errorCount: number; warningCount: number; findings: { rule: string; severity: string; line: number; column: number; message: string; fixable: boolean; path: string }[] }[];
  errorCount: number;
  warningCount: number;
  stats: { files: number; linted: number; cached: number; notLibvirt: number; ignored: number; workers: number };
}

let current: Project | undefined;
function make(files: Record<string, string>): Project {
  current = project(files);
  return current;
}
afterEach(() => {
  current?.remove();
  current = undefined;
});

async function lintJson(p: Project, args: string[] = [], stdin = ''): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const r = await cli(['lint', '--format', 'json', ...args], stdin, { cwd: p.dir });
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

const findingsOf = (report: JsonReport): string[] => report.results.flatMap((r) => r.findings.map((f) => `${r.file}:${f.line}:${f.column} ${f.severity} ${f.rule}`));

describe('exit status', () => {
  it('is 0 for clean documents, 1 with an error, 2 for a usage error or a file that cannot be read', async () => {
    const p = make({ 'clean.xml': CLEAN_DOMAIN, 'bad.xml': DUPLICATE_TARGET_DOMAIN });
    expect((await cli(['lint', 'clean.xml'], '', { cwd: p.dir })).code).toBe(0);
    expect((await cli(['lint', 'bad.xml'], '', { cwd: p.dir })).code).toBe(1);
    expect((await cli(['lint', '--format', 'yaml'], '', { cwd: p.dir })).code).toBe(2);
    expect((await cli(['lint', '--no-such-option'], '', { cwd: p.dir })).code).toBe(2);
    const missing = await cli(['lint', 'clean.xml', 'missing.xml'], '', { cwd: p.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.xml: error: no such file or directory');
  });

  it('is 1 for warnings only past --max-warnings', async () => {
    const p = make({ 'bad.xml': DUPLICATE_TARGET_DOMAIN });
    const asWarning = ['--rule', 'duplicate-disk-target:warn'];
    expect((await cli(['lint', ...asWarning], '', { cwd: p.dir })).code).toBe(0);
    expect((await cli(['lint', ...asWarning, '--max-warnings', '1'], '', { cwd: p.dir })).code).toBe(0);
    const over = await cli(['lint', ...asWarning, '--max-warnings', '0'], '', { cwd: p.dir });
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('1 warnings, more than --max-warnings 0 allows');
    expect((await cli(['lint', '--max-warnings', 'many'], '', { cwd: p.dir })).code).toBe(2);
    // --quiet hides the warnings but --max-warnings still counts them.
    const quiet = await cli(['lint', ...asWarning, '--quiet', '--max-warnings', '0'], '', { cwd: p.dir });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toContain('duplicate-disk-target');
  });
});

describe('stylish output', () => {
  it('groups findings by file with a code frame and a summary that counts skipped files', async () => {
    const p = make({ 'vms/bad.xml': DUPLICATE_TARGET_DOMAIN, 'vms/clean.xml': CLEAN_DOMAIN, 'pom.xml': POM });
    const r = await cli(['lint'], '', { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'vms/bad.xml\n' +
        "  14:15  error    target 'vda' is already used by another disk (line 10): give each disk its own target name  duplicate-disk-target\n" +
        "    14 |       <target dev='vda' bus='virtio'/>\n" +
        '       |               ^\n' +
        '    ↳ 10:15 first disk with this target\n' +
        '\n' +
        '✖ 1 problem (1 error, 0 warnings)\n' +
        '2 files linted, 1 skipped (1 not libvirt XML)\n',
    );
  });

  it('says so when there is nothing to report', async () => {
    const p = make({ 'a.xml': CLEAN_DOMAIN });
    const r = await cli(['lint'], '', { cwd: p.dir });
    expect(r).toEqual({ code: 0, stdout: '✔ 1 file linted: no problems\n', stderr: '' });
  });

  it('is coloured on a terminal, and not with NO_COLOR, when piped, or with --no-color', async () => {
    const p = make({ 'bad.xml': DUPLICATE_TARGET_DOMAIN });
    const tty = await cli(['lint'], '', { cwd: p.dir, stdoutIsTTY: true });
    expect(tty.stdout).toContain('\u001b[31merror');
    expect((await cli(['lint'], '', { cwd: p.dir, stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await cli(['lint'], '', { cwd: p.dir, stdoutIsTTY: false })).stdout).not.toContain('\u001b[');
    expect((await cli(['lint', '--no-color'], '', { cwd: p.dir, stdoutIsTTY: true })).stdout).not.toContain('\u001b[');
    expect((await cli(['lint', '--color'], '', { cwd: p.dir })).stdout).toContain('\u001b[');
  });

  it('reports a document that is not XML, and one that is not text', async () => {
    const p = make({ 'broken.xml': BROKEN });
    p.write('latin.xml', '');
    const r = await lintJson(p, ['broken.xml']);
    expect(findingsOf(r.report)).toEqual(['broken.xml:4:1 error syntax']);
    const bytes = await cli(['lint', '--format', 'json', '-'], new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]), { cwd: p.dir });
    expect(bytes.code).toBe(1);
    expect((JSON.parse(bytes.stdout) as JsonReport).results[0]!.findings[0]!.rule).toBe('syntax');
  });
});

describe('files', () => {
  it('walks the working directory by default, honouring .gitignore and leaving out node_modules and .git', async () => {
    const p = make({
      '.gitignore': 'build/\n*.orig.xml\n',
      'a.xml': CLEAN_DOMAIN,
      'a.orig.xml': DUPLICATE_TARGET_DOMAIN,
      'build/out.xml': DUPLICATE_TARGET_DOMAIN,
      'node_modules/pkg/x.xml': DUPLICATE_TARGET_DOMAIN,
      '.git/x.xml': DUPLICATE_TARGET_DOMAIN,
      'sub/.gitignore': '/local.xml\n',
      'sub/local.xml': DUPLICATE_TARGET_DOMAIN,
      'sub/b.xml': cleanDomainNamed('db01', 2),
    });
    const r = await lintJson(p);
    expect(r.code).toBe(0);
    expect(r.report.results.map((x) => x.file)).toEqual(['a.xml', 'sub/b.xml']);
    // A file named on the command line is linted whatever .gitignore says.
    expect(findingsOf((await lintJson(p, ['a.orig.xml'])).report)).toEqual(['a.orig.xml:14:15 error duplicate-disk-target']);
    // --no-gitignore walks everything but node_modules and .git.
    expect((await lintJson(p, ['--no-gitignore'])).report.results.map((x) => x.file)).toEqual(['a.orig.xml', 'a.xml', 'build/out.xml', 'sub/b.xml', 'sub/local.xml']);
  });

  it('skips and counts documents that are not libvirt XML', async () => {
    const p = make({ 'pom.xml': POM, 'a.xml': CLEAN_DOMAIN });
    const r = await lintJson(p);
    expect(r.code).toBe(0);
    expect(r.report.results.find((x) => x.file === 'pom.xml')).toMatchObject({ skipped: 'not-libvirt', root: null, findings: [] });
    expect(r.report.stats).toMatchObject({ files: 2, notLibvirt: 1 });
  });

  it('reads standard input for -, named by --stdin-filename for messages and configuration', async () => {
    const p = make({ 'virtxml.config.json': JSON.stringify({ overrides: [{ files: 'vms/**', rules: { 'duplicate-disk-target': 'warn' } }] }) });
    const plain = await lintJson(p, ['-'], DUPLICATE_TARGET_DOMAIN);
    expect(findingsOf(plain.report)).toEqual(['<stdin>:14:15 error duplicate-disk-target']);
    const named = await lintJson(p, ['--stdin-filename', 'vms/web01.xml', '-'], DUPLICATE_TARGET_DOMAIN);
    expect(findingsOf(named.report)).toEqual(['vms/web01.xml:14:15 warning duplicate-disk-target']);
  });

  it('lints a file once however often it is named', async () => {
    const p = make({ 'a.xml': CLEAN_DOMAIN });
    expect((await lintJson(p, ['a.xml', '.', join(p.dir, 'a.xml')])).report.results.map((x) => x.file)).toEqual(['a.xml']);
  });
});

describe('configuration', () => {
  it('is found upward from the working directory, and its globs are relative to its folder', async () => {
    const p = make({
      'virtxml.config.json': JSON.stringify({ ignore: ['vms/skip/**'], overrides: [{ files: ['vms/lenient/*.xml'], rules: { 'duplicate-disk-target': 'warn' } }] }),
      'vms/strict/a.xml': DUPLICATE_TARGET_DOMAIN,
      'vms/lenient/b.xml': DUPLICATE_TARGET_DOMAIN,
      'vms/skip/c.xml': DUPLICATE_TARGET_DOMAIN,
    });
    const r = await cli(['lint', '--format', 'json'], '', { cwd: join(p.dir, 'vms') });
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(findingsOf(report)).toEqual(['lenient/b.xml:14:15 warning duplicate-disk-target', 'strict/a.xml:14:15 error duplicate-disk-target']);
    expect(report.results.find((x) => x.file === 'skip/c.xml')).toMatchObject({ skipped: 'ignored' });
    expect(report.stats.ignored).toBe(1);
    const stylish = await cli(['lint'], '', { cwd: join(p.dir, 'vms') });
    expect(stylish.stdout).toContain('2 files linted, 1 skipped (1 ignored by the configuration)');
  });

  it('is read from --config, and a faulty one is a usage error that says what is wrong', async () => {
    const p = make({
      'cfg/lint.json': JSON.stringify({ rules: { 'duplicate-disk-target': 'off' } }),
      'bad-key.json': JSON.stringify({ rule: {} }),
      'bad-json.json': '{ "rules": ',
      'unknown-rule.json': JSON.stringify({ rules: { 'no-such-rule': 'error' } }),
      'a.xml': DUPLICATE_TARGET_DOMAIN,
    });
    expect((await cli(['lint', '--config', 'cfg/lint.json', 'a.xml'], '', { cwd: p.dir })).code).toBe(0);
    const badKey = await cli(['lint', '-c', 'bad-key.json', 'a.xml'], '', { cwd: p.dir });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/^virtxml lint: bad-key\.json: unknown key "rule"/);
    expect((await cli(['lint', '-c', 'bad-json.json'], '', { cwd: p.dir })).stderr).toMatch(/bad-json\.json: not valid JSON/);
    const unknown = await cli(['lint', '-c', 'unknown-rule.json'], '', { cwd: p.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "no-such-rule"');
    expect((await cli(['lint', '-c', 'none.json'], '', { cwd: p.dir })).stderr).toContain('none.json: cannot read the configuration (no such file)');
  });

  it('gives --rule the last word over the configuration and its overrides', async () => {
    const p = make({
      'virtxml.config.json': JSON.stringify({ overrides: [{ files: '*.xml', rules: { 'duplicate-disk-target': 'off' } }] }),
      'a.xml': DUPLICATE_TARGET_DOMAIN,
    });
    expect(findingsOf((await lintJson(p)).report)).toEqual([]);
    expect(findingsOf((await lintJson(p, ['--rule', 'duplicate-disk-target:error'])).report)).toEqual(['a.xml:14:15 error duplicate-disk-target']);
    expect(findingsOf((await lintJson(p, ['--rule', 'duplicate-disk-target:warn', '--rule', 'schema:off'])).report)).toEqual(['a.xml:14:15 warning duplicate-disk-target']);
    expect((await cli(['lint', '--rule', 'duplicate-disk-target'], '', { cwd: p.dir })).stderr).toContain('--rule takes RULE:LEVEL');
    expect((await cli(['lint', '--rule', 'nope:off'], '', { cwd: p.dir })).stderr).toContain('unknown rule "nope"');
  });

  it('checks against every release --libvirt names', async () => {
    const p = make({ 'a.xml': SCHEMA_INVALID_DOMAIN });
    const r = await lintJson(p, ['--libvirt', '9.0.0,11.3.0']);
    expect(r.report.results[0]!.findings[0]).toMatchObject({ rule: 'schema', line: 8 });
    expect((await cli(['lint', '--libvirt', '1.0.0'], '', { cwd: p.dir })).stderr).toContain('release "1.0.0" is not supported');
  });

  it('prints the settings for one file with --print-config', async () => {
    const p = make({
      'virtxml.config.json': JSON.stringify({ libvirt: ['9.0.0', '11.3.0'], arch: 'aarch64', overrides: [{ files: 'vms/**', rules: { 'duplicate-disk-target': ['warn', { note: 1 }] } }], ignore: ['dumps/**'] }),
    });
    const r = await cli(['lint', '--print-config', 'vms/a.xml'], '', { cwd: p.dir });
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as { file: string; ignored: boolean; libvirt: string[]; arch: string; rules: Record<string, unknown> };
    expect(printed).toMatchObject({ file: 'vms/a.xml', ignored: false, libvirt: ['9.0.0', '11.3.0'], arch: 'aarch64' });
    expect(printed.rules['duplicate-disk-target']).toEqual(['warn', { note: 1 }]);
    expect(printed.rules.schema).toBe('error');
    expect(JSON.parse((await cli(['lint', '--print-config', 'dumps/x.xml'], '', { cwd: p.dir })).stdout)).toMatchObject({ ignored: true });
  });
});

describe('suppression comments', () => {
  it('silence the next line or the file, and an unused one is reported', async () => {
    const suppressedLine = DUPLICATE_TARGET_DOMAIN.replace(
      "      <source file='/var/lib/libvirt/images/web01-data.qcow2'/>\n",
      "      <source file='/var/lib/libvirt/images/web01-data.qcow2'/>\n      <!-- virtxml-disable-next-line duplicate-disk-target - the second target is renamed on import -->\n",
    );
    const suppressedFile = `<!-- virtxml-disable duplicate-disk-target - dumps kept as evidence -->\n${DUPLICATE_TARGET_DOMAIN}`;
    const unused = CLEAN_DOMAIN.replace('<devices>', '<devices>\n    <!-- virtxml-disable-next-line duplicate-disk-target -->');
    const p = make({ 'line.xml': suppressedLine, 'file.xml': suppressedFile, 'unused.xml': unused });
    const r = await lintJson(p);
    expect(r.code).toBe(0);
    expect(findingsOf(r.report)).toEqual(['unused.xml:8:5 warning unused-suppression']);
    expect((await lintJson(p, ['--rule', 'unused-suppression:error'])).code).toBe(1);
    expect(findingsOf((await lintJson(p, ['--rule', 'unused-suppression:off'])).report)).toEqual([]);
  });
});

describe('--quiet', () => {
  it('reports errors only', async () => {
    const p = make({ 'a.xml': DUPLICATE_TARGET_DOMAIN, 'b.xml': SCHEMA_INVALID_DOMAIN });
    const all = await lintJson(p, ['--rule', 'duplicate-disk-target:warn']);
    expect(findingsOf(all.report)).toEqual(['a.xml:14:15 warning duplicate-disk-target', 'b.xml:8:23 error schema']);
    const quiet = await lintJson(p, ['--rule', 'duplicate-disk-target:warn', '-q']);
    expect(findingsOf(quiet.report)).toEqual(['b.xml:8:23 error schema']);
    expect(quiet.report.warningCount).toBe(0);
  });
});

describe('--output', () => {
  it('writes the report to a file, new or existing, and nothing to standard output', async () => {
    const p = make({ 'a.xml': DUPLICATE_TARGET_DOMAIN, 'reports/old.sarif': 'old' });
    const r = await cli(['lint', '-f', 'sarif', '-o', 'reports/lint.sarif'], '', { cwd: p.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(p.dir, 'reports/lint.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    await cli(['lint', '-f', 'json', '-o', 'reports/old.sarif'], '', { cwd: p.dir });
    expect(JSON.parse(readFileSync(join(p.dir, 'reports/old.sarif'), 'utf8'))).toMatchObject({ errorCount: 1 });
    const noDir = await cli(['lint', '-o', 'missing/dir/out.txt'], '', { cwd: p.dir });
    expect(noDir.code).toBe(2);
    expect(existsSync(join(p.dir, 'missing'))).toBe(false);
  });
});

describe('progress', () => {
  it('shows a line on a terminal once the run has taken a second, at most ten times a second, and erases it', () => {
    let written = '';
    let now = 0;
    const progress = progressLine({ stderr: (t) => (written += t), stderrIsTTY: true }, 200, 0, () => now);
    progress.update(10);
    now = 999;
    progress.update(20);
    expect(written).toBe('');
    now = 1000;
    progress.update(100);
    now = 1050;
    progress.update(110);
    now = 1100;
    progress.update(150);
    expect(written).toBe('\r\u001b[Kvirtxml lint: 100/200 files (50%)\r\u001b[Kvirtxml lint: 150/200 files (75%)');
    progress.clear();
    expect(written.endsWith('\r\u001b[K')).toBe(true);
    let silent = '';
    const piped = progressLine({ stderr: (t) => (silent += t), stderrIsTTY: false }, 200, 0, () => 5000);
    piped.update(100);
    piped.clear();
    expect(silent).toBe('');
  });

  it('writes nothing to a standard error that is not a terminal', async () => {
    const p = make({ 'a.xml': CLEAN_DOMAIN });
    expect((await cli(['lint'], '', { cwd: p.dir, stderrIsTTY: false })).stderr).toBe('');
    // On a terminal the line appears only once a run has taken a second, which this one does not.
    expect((await cli(['lint'], '', { cwd: p.dir, stderrIsTTY: true })).stderr).toBe('');
  });
});

describe('plugins', () => {
  const plugin = join(process.cwd(), 'examples/lint-plugin-policies.mjs');
  const sataDomain = CLEAN_DOMAIN.replace("<target dev='vda' bus='virtio'/>", "<target dev='sda' bus='sata'/>").replace("<target dev='vdb' bus='virtio'/>", "<target dev='vdb' bus='virtio'/>");
  const passthrough = CLEAN_DOMAIN.replace('</os>', "</os>\n  <cpu mode='host-passthrough'/>");

  it('loads the example plugin from the configuration, relative to its folder, and runs its rules', async () => {
    const p = make({ 'a.xml': sataDomain, 'b.xml': passthrough, 'c.xml': CLEAN_DOMAIN });
    p.write('virtxml.config.json', JSON.stringify({ plugins: ['./policies.mjs'], rules: { 'policies/no-host-passthrough-cpu': 'warn' } }));
    p.write('policies.mjs', readFileSync(plugin, 'utf8'));
    const r = await lintJson(p);
    expect(findingsOf(r.report)).toEqual(['a.xml:10:25 error policies/all-disks-virtio', 'b.xml:7:8 warning policies/no-host-passthrough-cpu']);
    expect(r.report.results[0]!.findings[0]!.message).toBe("disk 'sda' is on the sata bus: put it on virtio (bus='virtio' with a vdX target)");
    // Options from the configuration reach the rule.
    p.write('virtxml.config.json', JSON.stringify({ plugins: ['./policies.mjs'], rules: { 'policies/all-disks-virtio': ['error', { buses: ['virtio', 'sata'] }] } }));
    expect(findingsOf((await lintJson(p, ['a.xml'])).report)).toEqual([]);
    // The plugin's rules are in the catalogue and can be explained.
    const rules = await cli(['rules', '--format', 'json'], '', { cwd: p.dir });
    expect((JSON.parse(rules.stdout) as { rules: { id: string }[] }).rules.map((x) => x.id)).toContain('policies/all-disks-virtio');
    expect((await cli(['explain', 'policies/no-host-passthrough-cpu'], '', { cwd: p.dir })).stdout).toContain("A guest CPU in mode 'host-passthrough'.");
  });

  it('type-checks against virtxml/lint, the typed model included (when the package\'s declarations are built)', () => {
    if (!existsSync(join(process.cwd(), 'dist/types/src/lint/index.d.ts'))) return;
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const args = [tsc, '--noEmit', '--allowJs', '--checkJs', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', plugin];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(`${run.stdout}${run.stderr}`).toBe('');
    expect(run.status).toBe(0);
  });

  it('says which plugin cannot be loaded or is malformed', async () => {
    const p = make({ 'a.xml': CLEAN_DOMAIN, 'empty.mjs': 'export const x = 1;\n', 'clash.mjs': "export const plugin = { name: 'c', rules: [{ meta: { id: 'schema', level: 'error', roots: ['domain'], docs: { summary: 's' } }, check() {} }] };\n" });
    p.write('virtxml.config.json', JSON.stringify({ plugins: ['./missing.mjs'] }));
    expect((await cli(['lint'], '', { cwd: p.dir })).stderr).toMatch(/plugin .*missing\.mjs cannot be loaded/);
    p.write('virtxml.config.json', JSON.stringify({ plugins: ['./empty.mjs'] }));
    expect((await cli(['lint'], '', { cwd: p.dir })).stderr).toMatch(/empty\.mjs: exports no plugin/);
    p.write('virtxml.config.json', JSON.stringify({ plugins: ['./clash.mjs'] }));
    const clash = await cli(['lint'], '', { cwd: p.dir });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('rule id "schema" is already taken');
  });
});

describe('rules and explain', () => {
  it('lists the catalogue as text and JSON', async () => {
    const text = await cli(['rules']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^rule +category +level +fix +summary\n/);
    expect(text.stdout).toMatch(/\nduplicate-disk-target +domain +error +Two disks share/);
    const json = JSON.parse((await cli(['rules', '--format', 'json'])).stdout) as { rules: { id: string; category: string; level: string; fixable: boolean; summary: string }[] };
    expect(json.rules.find((r) => r.id === 'duplicate-disk-target')).toMatchObject({ category: 'domain', level: 'error', fixable: false });
    expect(json.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['schema', 'syntax', 'unused-suppression']));
  });

  it('explains one rule: what, why, examples with what lint says, libvirt\'s message and where', async () => {
    const r = await cli(['explain', 'duplicate-disk-target']);
    expect(r.code).toBe(0);
    for (const part of ['duplicate-disk-target (domain; default: error)', 'Why:', 'Reported:', 'virtxml lint says:', "14:15  error  target 'vda' is already used", 'Accepted:', "libvirt's message:", "XML error: target 'sda' duplicated", 'Where libvirt checks it: src/conf/domain_conf.c']) {
      expect(r.stdout).toContain(part);
    }
    const unknown = await cli(['explain', 'disk-target']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean duplicate-disk-target');
    expect((await cli(['explain'])).code).toBe(2);
  });
});
