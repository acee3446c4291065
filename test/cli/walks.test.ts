/**
 * Directory walks as the commands share them (validate, format, lint, migrate): links to folders
 * left alone unless --follow-symlinks (and then each real folder once, never one that holds the
 * walk), no write through a link to outside the paths given, every entry that cannot be walked
 * reported (permissions, PATH_MAX, names that are not UTF-8), file names escaped in text output,
 * and each file's result printed before the next file is read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEachInput, walkDirectory, type WalkFs } from '../../src/cli/inputs.js';
import { runCli } from '../../src/cli/main.js';
import { escapeControls } from '../../src/xml/shown.js';
import { cli } from '../support/cli.js';
import { PROJECT_ROOT } from '../support/corpus.js';

const NAT = readFileSync('test/corpus/network/nat.xml', 'utf8');
const LIBVIRT_STYLE = `<network>\n  <name>default</name>\n  <forward mode='nat'/>\n</network>\n`;
const OTHER_STYLE = `<network>\n    <name>default</name>\n    <forward mode="nat"></forward>\n</network>\n`;
const INVALID = `<network>\n  <name>n</name>\n  <forward mode="natt"/>\n</network>\n`;
/** A domain every migration rule of the examples changes (`id`, `<memory>` without unit, `port="-1"`). */
const LEGACY = `<domain type="kvm" id="7">
  <name>web01</name>
  <memory>524288</memory>
  <os>
    <type arch="x86_64" machine="q35">hvm</type>
  </os>
  <devices>
    <graphics type="vnc" port="-1"/>
  </devices>
</domain>
`;

const made: string[] = [];
afterAll(() => {
  for (const dir of made) {
    // Folders made unreadable, and paths past PATH_MAX, that Node's rm would not get through.
    execFileSync('chmod', ['-R', 'u+rwx', dir]);
    execFileSync('rm', ['-rf', dir]);
  }
});

/** A fresh folder (its real path: the temporary folder may be reached through a link). */
function scratch(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'virtxml-walks-')));
  made.push(dir);
  return dir;
}

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** The inputs of a walk, relative to its start. */
function found(dir: string, options: Parameters<typeof walkDirectory>[1] = {}): string[] {
  return walkDirectory(dir, options).inputs.map((i) => relative(dir, i.path!));
}

describe('links to folders', () => {
  /**
   * base/top.xml
   * base/outside/o.xml
   * base/tree/{a.xml, sub/b.xml}
   * base/tree/shared -> ../outside, shared-again -> ../outside (the same folder twice)
   * base/tree/up -> ..   (holds the tree: a loop)
   * base/tree/self -> .
   * base/tree/linked.xml -> ../outside/o.xml (a link to a file)
   */
  function linkedTree(): { base: string; tree: string } {
    const base = scratch();
    write(join(base, 'top.xml'), NAT);
    write(join(base, 'outside', 'o.xml'), NAT);
    const tree = join(base, 'tree');
    write(join(tree, 'a.xml'), NAT);
    write(join(tree, 'sub', 'b.xml'), NAT);
    symlinkSync(join('..', 'outside'), join(tree, 'shared'));
    symlinkSync(join('..', 'outside'), join(tree, 'shared-again'));
    symlinkSync('..', join(tree, 'up'));
    symlinkSync('.', join(tree, 'self'));
    symlinkSync(join('..', 'outside', 'o.xml'), join(tree, 'linked.xml'));
    return { base, tree };
  }

  it('are not entered by default; links to files named *.xml are read', () => {
    const { tree } = linkedTree();
    expect(found(tree)).toEqual(['a.xml', 'linked.xml', join('sub', 'b.xml')]);
  });

  it('are entered with followSymlinks, each real folder once, never one that holds the walk', () => {
    const { tree } = linkedTree();
    // `up` leads to base, which holds the tree: walking it would reach top.xml and the tree again.
    expect(found(tree, { followSymlinks: true })).toEqual(['a.xml', 'linked.xml', join('shared', 'o.xml'), join('sub', 'b.xml')]);
  });

  it('with followSymlinks, a link to / reads nothing of the host', () => {
    const base = scratch();
    write(join(base, 'a.xml'), NAT);
    symlinkSync('/', join(base, 'host'));
    const read: string[] = [];
    const fs: Partial<WalkFs> = {
      readdir: (path) => {
        read.push(String(path));
        return readdirSync(path, { withFileTypes: true });
      },
    };
    expect(found(base, { followSymlinks: true, fs })).toEqual(['a.xml']);
    expect(read).toEqual([base]);
  });

  it('named on the command line are always followed', async () => {
    const { base, tree } = linkedTree();
    symlinkSync('tree', join(base, 'tree-link'));
    const r = await cli(['validate', '--format', 'json', join(base, 'tree-link')]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { results: { file: string }[] }).results.map((x) => relative(base, x.file))).toEqual(
      ['a.xml', 'linked.xml', join('sub', 'b.xml')].map((f) => join('tree-link', f)),
    );
    expect(existsSync(tree)).toBe(true);
  });

  it('--follow-symlinks is an option of validate, format, lint and migrate, and in their help', async () => {
    const { base, tree } = linkedTree();
    expect((await cli(['validate', tree])).stdout).toBe('3 files checked: 3 valid, 0 invalid\n');
    expect((await cli(['validate', '--follow-symlinks', tree])).stdout).toBe('4 files checked: 4 valid, 0 invalid\n');
    expect((await cli(['format', '--check', '--follow-symlinks', tree])).stdout).toMatch(/^4 files checked/m);
    const lint = JSON.parse((await cli(['lint', '--follow-symlinks', '--format', 'json', 'tree'], '', { cwd: base })).stdout) as { results: unknown[] };
    expect(lint.results).toHaveLength(4);
    expect((await cli(['migrate', '--follow-symlinks', '--check', 'tree'], '', { cwd: base })).stdout).toBe('4 files checked: 0 would change\n');
    for (const command of ['validate', 'format', 'lint', 'migrate']) {
      expect((await cli([command, '--help'])).stdout).toContain('--follow-symlinks');
    }
  });
});

describe('writes through links', () => {
  /** base/victim.xml, and base/tree/evil.xml -> ../victim.xml; base/tree/inner.xml -> sub/real.txt (which no walk takes itself). */
  function trap(text: string): { base: string; tree: string; victim: string } {
    const base = scratch();
    const victim = write(join(base, 'victim.xml'), text);
    const tree = join(base, 'tree');
    write(join(tree, 'sub', 'real.txt'), text);
    symlinkSync(join('..', 'victim.xml'), join(tree, 'evil.xml'));
    symlinkSync(join('sub', 'real.txt'), join(tree, 'inner.xml'));
    return { base, tree, victim };
  }

  const refusal = (victim: string): string => `it leads to ${victim}, outside the paths given on the command line (name that file itself to rewrite it)`;

  it('format --write refuses a file a walk reached through a link to outside the paths given, writes the rest, exits 2', async () => {
    const { tree, victim } = trap(OTHER_STYLE);
    const r = await cli(['format', '--write', tree]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${join(tree, 'evil.xml')}: error: not written: ${refusal(victim)}\n`);
    expect(readFileSync(victim, 'utf8')).toBe(OTHER_STYLE);
    expect(lstatSync(join(tree, 'evil.xml')).isSymbolicLink()).toBe(true);
    // A link to a file inside the tree is written through, and stays a link.
    expect(lstatSync(join(tree, 'inner.xml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(tree, 'sub', 'real.txt'), 'utf8')).toBe(LIBVIRT_STYLE);
    expect(r.stdout).toBe('1 of 2 files reformatted; 1 could not be written\n');
  });

  it('format --write writes through the link when its target, or the link itself, is named', async () => {
    const named = trap(OTHER_STYLE);
    expect((await cli(['format', '--write', named.tree, named.victim])).code).toBe(0);
    expect(readFileSync(named.victim, 'utf8')).toBe(LIBVIRT_STYLE);
    const link = trap(OTHER_STYLE);
    expect((await cli(['format', '--write', join(link.tree, 'evil.xml')])).code).toBe(0);
    expect(readFileSync(link.victim, 'utf8')).toBe(LIBVIRT_STYLE);
    expect(lstatSync(join(link.tree, 'evil.xml')).isSymbolicLink()).toBe(true);
    expect(readdirSync(link.base).sort()).toEqual(['tree', 'victim.xml']);
  });

  it('migrate --write --backup refuses it too, leaving no backup beside it', async () => {
    const { base, tree, victim } = trap(LEGACY);
    const r = await cli(['migrate', '--write', '--backup', 'tree'], '', { cwd: base });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${join('tree', 'evil.xml')}: error: cannot write: ${refusal(victim)}\n`);
    expect(readFileSync(victim, 'utf8')).toBe(LEGACY);
    expect(existsSync(join(tree, 'evil.xml.orig'))).toBe(false);
    expect(readFileSync(join(tree, 'sub', 'real.txt'), 'utf8')).toContain('<memory unit="KiB">');
  });

  it('lint --fix refuses it too', async () => {
    const { base, victim } = trap(LEGACY);
    const r = await cli(['lint', '--fix', '--format', 'json', 'tree'], '', { cwd: base });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${join('tree', 'evil.xml')}: error: cannot write the fixes: ${refusal(victim)}\n`);
    expect(readFileSync(victim, 'utf8')).toBe(LEGACY);
  });
});

describe('what a walk cannot read is reported, and the run exits 2', () => {
  it('names that are not UTF-8: the file or folder, with its bad bytes shown as \\xNN', async () => {
    const base = scratch();
    const at = (...parts: (string | Buffer)[]): Buffer => Buffer.concat([Buffer.from(base + sep), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))]);
    writeFileSync(at('ok.xml'), NAT);
    writeFileSync(at('bad', Buffer.from([0xff]), '.xml'), NAT);
    writeFileSync(at('notes', Buffer.from([0xff]), '.txt'), 'not a document, not reported');
    mkdirSync(at('dir', Buffer.from([0xc3, 0x28])));
    writeFileSync(at('dir', Buffer.from([0xc3, 0x28]), '/c.xml'), NAT);
    const r = await cli(['validate', base]);
    expect(r.stderr).toBe(
      `${join(base, 'bad\\xff.xml')}: error: file name is not valid UTF-8\n` +
        `${join(base, 'dir\\xc3(')}: error: file name is not valid UTF-8\n`,
    );
    expect(r.stdout).toBe('1 file checked: 1 valid, 0 invalid\n');
    expect(r.code).toBe(2);
  });

  it('a folder whose path is longer than PATH_MAX', async () => {
    const base = scratch();
    write(join(base, 'top.xml'), NAT);
    // Made one level at a time from inside the last: a whole path stops at PATH_MAX.
    const name = 'd'.repeat(250);
    const script = `const fs = require('node:fs'); for (let i = 0; i < 20; i++) { fs.mkdirSync(${JSON.stringify(name)}); process.chdir(${JSON.stringify(name)}); } fs.writeFileSync('x.xml', ${JSON.stringify(NAT)});`;
    execFileSync(process.execPath, ['-e', script], { cwd: base });
    const r = await cli(['validate', base]);
    expect(r.code).toBe(2);
    const m = /^(.*): error: path too long \(longer than the system allows, PATH_MAX\)\n$/.exec(r.stderr);
    expect(m).not.toBeNull();
    // The first folder past the limit is named; the walk went down to it.
    expect(Buffer.byteLength(m![1]!)).toBeGreaterThanOrEqual(4096);
    expect(Buffer.byteLength(m![1]!) - name.length - 1).toBeLessThan(4096);
    expect(r.stdout).toBe('1 file checked: 1 valid, 0 invalid\n');
  });

  it('a folder that cannot be read, and one that can be read but not searched (run as a user chmod binds)', () => {
    const base = scratch();
    chmodSync(base, 0o755);
    write(join(base, 'open.xml'), NAT);
    write(join(base, 'locked', 'l.xml'), NAT);
    write(join(base, 'listed', 'u.xml'), NAT);
    write(join(base, 'listed', 'inner', 'i.xml'), NAT);
    chmodSync(join(base, 'locked'), 0o000);
    // Its names can be listed, but nothing in it opened or entered.
    chmodSync(join(base, 'listed'), 0o644);
    // Root reads past permissions: the CLI then runs as another user.
    const asRoot = process.getuid?.() === 0;
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/bin.ts'), 'validate', base], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      ...(asRoot ? { uid: 4323, gid: 4323 } : {}),
    });
    expect(r.stderr).toBe(
      `${join(base, 'listed', 'inner')}: error: permission denied\n` +
        `${join(base, 'listed', 'u.xml')}: error: permission denied\n` +
        `${join(base, 'locked')}: error: permission denied\n`,
    );
    expect(r.stdout).toBe('1 file checked: 1 valid, 0 invalid\n');
    expect(r.status).toBe(2);
  });

  it('errors the file system gives (shown here by a walk whose calls fail as a disk can)', () => {
    const base = scratch();
    write(join(base, 'a.xml'), NAT);
    write(join(base, 'b', 'b.xml'), NAT);
    write(join(base, 'c', 'c.xml'), NAT);
    const fail = (code: string, message: string): never => {
      throw Object.assign(new Error(`${code}: ${message}`), { code });
    };
    const fs: Partial<WalkFs> = {
      readdir: (path) => (path === join(base, 'b') ? fail('EIO', 'i/o error, scandir') : readdirSync(path, { withFileTypes: true })),
      stat: (path) => (path === join(base, 'c') ? fail('EACCES', 'permission denied') : statSync(path, { bigint: true })),
    };
    expect(walkDirectory(base, { fs })).toEqual({
      inputs: [{ name: join(base, 'a.xml'), path: join(base, 'a.xml') }],
      errors: [
        { name: join(base, 'b'), message: 'EIO: i/o error, scandir' },
        { name: join(base, 'c'), message: 'permission denied' },
      ],
    });
  });
});

describe('file names in text output', () => {
  it('escapes control characters, DEL, C1 controls, line separators and invisible characters', () => {
    expect(escapeControls('a\nb\r\tc\u001b[2Kd\u007f\u0085\u2028\u2029\u202e\u200b/é.xml')).toBe('a\\nb\\r\\tc\\x1b[2Kd\\x7f\\u0085\\u2028\\u2029\\u202e\\u200b/é.xml');
    expect(escapeControls('plain/name.xml')).toBe('plain/name.xml');
    expect(escapeControls('keep\ttabs', true)).toBe('keep\ttabs');
  });

  /** Names that would print lines of their own, or erase and recolour the line they are on. */
  function hostileTree(text: string): string {
    const dir = scratch();
    write(join(dir, 'a\nb.xml'), text);
    write(join(dir, 'c\u001b[2K\u001b[1G.xml'), text);
    write(join(dir, 'd\u2028e.xml'), text);
    symlinkSync('missing.xml', join(dir, 'f\rg.xml'));
    return dir;
  }

  /** No raw control character but the line ends, and no line that starts with a name's tail. */
  function expectSafe(out: string): void {
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(out).not.toMatch(/^(b\.xml|e\.xml|g\.xml)/m);
  }

  it('validate: in diagnostics and in the errors of the walk; JSON keeps the names as they are', async () => {
    const dir = hostileTree(INVALID);
    const r = await cli(['validate', dir]);
    expectSafe(r.stdout);
    expectSafe(r.stderr);
    expect(r.stdout).toContain(`${join(dir, 'a\\nb.xml')}:3:12: error: `);
    expect(r.stdout).toContain(`${join(dir, 'c\\x1b[2K\\x1b[1G.xml')}:3:12: error: `);
    expect(r.stdout).toContain(`${join(dir, 'd\\u2028e.xml')}:3:12: error: `);
    expect(r.stderr).toBe(`${join(dir, 'f\\rg.xml')}: error: no such file or directory\n`);
    const json = JSON.parse((await cli(['validate', '--format', 'json', dir])).stdout) as { results: { file: string }[] };
    expect(json.results.map((x) => x.file)).toEqual([join(dir, 'a\nb.xml'), join(dir, 'c\u001b[2K\u001b[1G.xml'), join(dir, 'd\u2028e.xml')]);
  });

  it('lint: stylish, and the machine formats by their own syntax', async () => {
    const dir = hostileTree(INVALID);
    const stylish = await cli(['lint', '.'], '', { cwd: dir });
    expectSafe(stylish.stdout);
    expect(stylish.stdout).toContain('a\\nb.xml\n');
    expect(stylish.stdout).toContain('c\\x1b[2K\\x1b[1G.xml\n');
    expect(stylish.stderr).toBe(`${join(dir, 'f\\rg.xml')}: error: no such file or directory\n`);
    const json = JSON.parse((await cli(['lint', '--format', 'json', '.'], '', { cwd: dir })).stdout) as { results: { file: string }[] };
    expect(json.results.map((x) => x.file)).toContain('a\nb.xml');
    const sarif = JSON.parse((await cli(['lint', '--format', 'sarif', '.'], '', { cwd: dir })).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toContain('a%0Ab.xml');
    const junit = (await cli(['lint', '--format', 'junit', '.'], '', { cwd: dir })).stdout;
    expect(junit).toContain('name="a&#10;b.xml"');
    expect(junit).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const github = (await cli(['lint', '--format', 'github', '.'], '', { cwd: dir })).stdout;
    expect(github).toContain('file=a%0Ab.xml,');
    expect(github.split('\n').filter((l) => l !== '').every((l) => l.startsWith('::'))).toBe(true);
  });

  it('migrate: in notes, diff headers and summaries', async () => {
    const dir = scratch();
    write(join(dir, 'w\n1.xml'), LEGACY);
    const diff = await cli(['migrate', '.'], '', { cwd: dir });
    expectSafe(diff.stdout);
    expect(diff.stdout).toContain('--- a/w\\n1.xml\n+++ b/w\\n1.xml\n');
    const check = await cli(['migrate', '--check', '.'], '', { cwd: dir });
    expect(check.stdout).toMatch(/^w\\n1\.xml: would change \(/m);
  });

  it('format: --check, reports and write errors', async () => {
    const dir = hostileTree(OTHER_STYLE);
    const r = await cli(['format', '--check', dir]);
    expectSafe(r.stdout);
    expect(r.stdout).toContain(`${join(dir, 'a\\nb.xml')}: not formatted (libvirt style)\n`);
    const broken = scratch();
    write(join(broken, 'x\u001b]0;title\u0007.xml'), '<network>\n');
    const bad = await cli(['format', broken]);
    expectSafe(bad.stderr);
    expect(bad.stderr).toContain(`${join(broken, 'x\\x1b]0;title\\x07.xml')}:1:1: error: `);
  });

  it('a code frame escapes the control characters of the line it shows', async () => {
    const r = await cli(['validate', '--schema', 'network', '-'], '<network>\n  <name>n\u001b[2K</name>\n</network>\n');
    expect(r.stdout).toContain('  2 |   <name>n\\x1b[2K</name>\n');
    expectSafe(r.stdout);
  });
});

describe('results as soon as they are known', () => {
  it('the walk hands each file on before it reads the next folder', () => {
    const base = scratch();
    write(join(base, 'a.xml'), NAT);
    write(join(base, 'z', 'b.xml'), NAT);
    const events: string[] = [];
    const fs: Partial<WalkFs> = {
      readdir: (path) => {
        events.push(`list ${relative(base, String(path)) || '.'}`);
        return readdirSync(path, { withFileTypes: true });
      },
    };
    const io = { stderr: () => {}, readFile: (p: string) => readFileSync(p), readStdin: () => new Uint8Array() };
    readEachInput([base], io, (input) => events.push(`handle ${relative(base, input.path!)}`), { fs });
    expect(events).toEqual(['list .', 'handle a.xml', 'list z', `handle ${join('z', 'b.xml')}`]);
  });

  it('validate prints a file\'s diagnostics before it reads the next file; format --check names a file before the next', async () => {
    const base = scratch();
    write(join(base, 'a.xml'), INVALID);
    write(join(base, 'b.xml'), INVALID);
    const events: string[] = [];
    const io = {
      stdout: (t: string) => events.push(`out ${t.split('\n')[0]!.replace(base + sep, '')}`),
      stderr: (t: string) => events.push(`err ${t}`),
      readFile: (p: string) => readFileSync(p),
      readUtf8: (p: string) => {
        events.push(`read ${relative(base, p) || '.'}`);
        return readFileSync(p, 'utf8');
      },
      readStdin: () => new Uint8Array(),
      cwd: base,
    };
    expect(await runCli(['validate', base], io)).toBe(1);
    expect(events).toEqual([
      'read .',
      'read a.xml',
      'out a.xml:3:12: error: value "natt" of attribute "mode" on <forward> is not allowed; expected one of "bridge", "hostdev", "nat", "open", "passthrough", "private", "route" or "vepa"; did you mean "nat"? [invalid-attribute-value]',
      'read b.xml',
      'out b.xml:3:12: error: value "natt" of attribute "mode" on <forward> is not allowed; expected one of "bridge", "hostdev", "nat", "open", "passthrough", "private", "route" or "vepa"; did you mean "nat"? [invalid-attribute-value]',
      'out 2 files checked: 0 valid, 2 invalid',
    ]);
    writeFileSync(join(base, 'a.xml'), OTHER_STYLE);
    writeFileSync(join(base, 'b.xml'), OTHER_STYLE);
    events.length = 0;
    expect(await runCli(['format', '--check', base], io)).toBe(1);
    expect(events).toEqual(['read .', 'read a.xml', 'out a.xml: not formatted (libvirt style)', 'read b.xml', 'out b.xml: not formatted (libvirt style)', 'out 2 files checked: 2 would be reformatted']);
  });
});
