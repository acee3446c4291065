/**
 * Rewriting people's files: what the new file keeps of the old one (mode bits whatever the
 * umask, setuid and setgid, owner and group), what is refused (a read-only file without
 * --force, a file someone else changed meanwhile) and what is cleaned up (temporary files, on
 * failure, on signals and, when a killed process left them, on the next run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FileChangedError, NotAFileError, ReadOnlyFileError, removeStaleTempFiles, tempFilesInFlight, writeFileAtomic, WriteAtomicError,
} from '../../src/cli/write-atomic.js';
import { PROJECT_ROOT } from '../support/corpus.js';
import { cli } from '../support/cli.js';

const LIBVIRT_STYLE = `<network>\n  <name>default</name>\n  <forward mode='nat'/>\n</network>\n`;
const OTHER_STYLE = `<network>\n    <name>default</name>\n    <forward mode="nat"></forward>\n</network>\n`;
const asRoot = process.getuid?.() === 0;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'virtxml-write-'));
}

function file(content: string, mode?: number): { dir: string; path: string } {
  const dir = tempDir();
  const path = join(dir, 'a.xml');
  writeFileSync(path, content);
  if (mode !== undefined) chmodSync(path, mode);
  return { dir, path };
}

/** The pid of a process that has exited (and so is not alive). */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('writeFileAtomic keeps what the file is', () => {
  it('keeps the mode bits exactly, whatever the umask', () => {
    const previous = process.umask(0o077);
    try {
      for (const mode of [0o666, 0o640, 0o604, 0o755]) {
        const { path } = file('old', mode);
        writeFileAtomic(path, 'new');
        expect({ mode, kept: statSync(path).mode & 0o7777 }).toEqual({ mode, kept: mode });
      }
    } finally {
      process.umask(previous);
    }
  });

  it('keeps setuid and setgid on a file of the process\'s own', () => {
    const { path } = file('old', 0o6750);
    expect(writeFileAtomic(path, 'new').notKept).toEqual([]);
    expect(statSync(path).mode & 0o7777).toBe(0o6750);
  });

  it.runIf(asRoot)('keeps owner and group, then setuid and setgid, of another user\'s file (as root: only root may give a file away)', () => {
    const { path } = file('old');
    chownSync(path, 4321, 4322);
    chmodSync(path, 0o6755);
    expect(writeFileAtomic(path, 'new').notKept).toEqual([]);
    const st = statSync(path);
    expect({ uid: st.uid, gid: st.gid, mode: st.mode & 0o7777 }).toEqual({ uid: 4321, gid: 4322, mode: 0o6755 });
  });

  it.runIf(asRoot)('says what it could not keep (run as a user who may not give the file away)', () => {
    const { dir, path } = file('old', 0o644);
    chmodSync(dir, 0o777);
    chownSync(path, 4321, 4322);
    const script = `import { writeFileAtomic } from ${JSON.stringify(join(PROJECT_ROOT, 'src/cli/write-atomic.ts'))};
process.stdout.write(JSON.stringify(writeFileAtomic(${JSON.stringify(path)}, 'new', { force: true }).notKept));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8', uid: 4323, gid: 4323 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      'its owner (uid 4321): the new file is owned by uid 4323, as only root may give a file away',
      'its group (gid 4322): the new file\'s group is gid 4323, which the process may not change',
    ]);
  });
});

describe('writeFileAtomic refuses', () => {
  it('a read-only file unless forced, and then keeps it read-only', () => {
    const { path } = file('old', 0o444);
    expect(() => writeFileAtomic(path, 'new')).toThrow(ReadOnlyFileError);
    expect(readFileSync(path, 'utf8')).toBe('old');
    writeFileAtomic(path, 'new', { force: true });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o444);
  });

  it('a file someone else changed since it was read, even to the same size and time', () => {
    const { dir, path } = file('old text');
    const read = readFileSync(path, 'utf8');
    const { mtime } = statSync(path);
    writeFileSync(path, 'new text');
    utimesSync(path, mtime, mtime);
    const e = (() => {
      try {
        writeFileAtomic(path, 'formatted', { expected: read });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(FileChangedError);
    expect(e).toMatchObject({ code: 'changed', message: 'the file changed while it was being rewritten (its content is not what was read); it is left as the other writer made it' });
    expect(readFileSync(path, 'utf8')).toBe('new text');
    expect(readdirSync(dir)).toEqual(['a.xml']);
    expect(tempFilesInFlight()).toEqual([]);
  });

  it('what is not a regular file', () => {
    const dir = tempDir();
    expect(() => writeFileAtomic(dir, 'x')).toThrow(NotAFileError);
    expect(new NotAFileError()).toBeInstanceOf(WriteAtomicError);
  });

  it('passes system errors on as they are', () => {
    expect(() => writeFileAtomic(join(tempDir(), 'missing.xml'), 'x')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('temporary files', () => {
  it('left by a process that is gone are removed by the next write into their folder; a living one\'s stay', () => {
    const { dir, path } = file('old');
    const stale = `.a.xml.virtxml-${deadPid()}-1700000000000.tmp`;
    const living = `.a.xml.virtxml-${process.ppid}-1700000000000.tmp`;
    writeFileSync(join(dir, stale), 'half');
    writeFileSync(join(dir, living), 'half');
    writeFileAtomic(path, 'new');
    expect(readdirSync(dir).sort()).toEqual([living, 'a.xml'].sort());
    expect(removeStaleTempFiles(dir)).toEqual([]); // once per folder per run
  });

  it('are removed when SIGINT arrives during a write, and the process still ends by the signal', async () => {
    // A document large enough that its write takes a while; the signal is sent once the
    // temporary file is seen, so it arrives while the file is being written.
    const disk = `<disk type="file" device="disk"><source file="/var/lib/libvirt/images/x.qcow2"/><target dev="vda"/></disk>`;
    const original = `<domain type="kvm"><name>x</name><os><type>hvm</type></os><devices>${disk.repeat(20_000)}</devices></domain>\n`;
    for (let attempt = 0; ; attempt++) {
      const { dir, path } = file(original);
      const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/cli/bin.ts'), 'format', '--write', path], { cwd: PROJECT_ROOT, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
      let sawTemp = false;
      let done = false;
      void exited.then(() => (done = true));
      while (!done && !sawTemp) {
        if (readdirSync(dir).some((n) => n.endsWith('.tmp'))) {
          sawTemp = true;
          child.kill('SIGINT');
        } else await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const status = await exited;
      if (!sawTemp) {
        // The write came and went between two looks; try again.
        expect(attempt).toBeLessThan(4);
        continue;
      }
      expect(status).toBe('SIGINT');
      expect(readdirSync(dir)).toEqual(['a.xml']);
      expect([original, 'formatted']).toContain(readFileSync(path, 'utf8') === original ? original : 'formatted');
      return;
    }
  }, 180_000);
});

describe('virtxml format --write', () => {
  it('refuses a read-only file unless --force, and does not count it as reformatted', async () => {
    const { path } = file(OTHER_STYLE, 0o444);
    const r = await cli(['format', '--write', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${path}: error: not written: the file is read-only (mode 0444); give --force to rewrite it anyway\n`);
    expect(r.stdout).toBe('0 of 1 file reformatted; 1 could not be written\n');
    expect(readFileSync(path, 'utf8')).toBe(OTHER_STYLE);
    const forced = await cli(['format', '--write', '--force', path]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('1 of 1 file reformatted\n');
    expect(readFileSync(path, 'utf8')).toBe(LIBVIRT_STYLE);
    expect(statSync(path).mode & 0o777).toBe(0o444);
  });

  it('takes --force only with --write', async () => {
    expect((await cli(['format', '--force', 'x.xml'])).code).toBe(2);
  });

  it('refuses a document over 32 MiB with one line and exit status 2, before reading it into the model', async () => {
    const text = `<network><name>${'x'.repeat(32 * 1024 * 1024)}</name></network>`;
    const { path } = file(text);
    for (const args of [['format', path], ['format', '--write', path], ['format', '--check', path]]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${path}: error: the document is ${text.length} characters long; virtxml formats documents of at most 33554432 (32 MiB)\n`);
    }
    expect(existsSync(path)).toBe(true);
  }, 60_000);
});
