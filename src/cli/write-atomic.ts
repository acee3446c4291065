/**
 * Replaces a file's content without ever leaving it half-written, and without losing what the
 * file is beside its content. For `format --write`, and for every later command that rewrites
 * people's files (`migrate --write`, `lint --fix`, `--output`).
 *
 * The new bytes go to a temporary file `.NAME.virtxml-PID-TIME.tmp` in the same folder (same file
 * system, so the rename is atomic), which is flushed and then renamed over the original. Before
 * the rename, the original is checked once more: if its size, modification time or inode changed,
 * or its bytes are no longer those the caller read (`expected`), someone else wrote to it, and the
 * write is refused rather than losing their change. (A write in the instant between that check
 * and the rename cannot be told apart; nothing short of a lock all writers honour could.)
 *
 * What is replaced is the file itself: a symbolic link is followed, so the link stays a link and
 * its target gets the new content. Given `roots` (the real paths of what the command line named),
 * a file whose real path is outside all of them is refused: a link found in a walked folder
 * cannot make a command rewrite a file elsewhere (`/etc/…`); a link named on the command line is
 * its own root, and is written through. The new file gets the original's permission bits exactly,
 * set with fchmod after it is created (so the umask changes nothing), setuid and setgid included
 * where the system lets the process set them; and its owner and group where the process may set
 * them (root rewriting another user's file; a user giving the file to one of their groups).
 * What cannot be kept is returned, for the caller to say so. Extended attributes (POSIX ACLs,
 * SELinux labels, user.* attributes) are not carried over: Node has no API for them; the new
 * file gets what the folder gives new files, as with most editors' saves. A file with several
 * hard links ends up as a new file under this name only, as with any atomic rewrite.
 *
 * A file whose permissions say it is read-only (no write bit for the process's class; for root,
 * the owner's) is refused unless `force` is given. A temporary file is removed when the write
 * fails, when the process gets SIGINT, SIGTERM or SIGHUP (which then end it as they would have),
 * and, left by a process that was killed outright, by the next write into the same folder once
 * no process with its PID is alive.
 */
import {
  closeSync, copyFileSync, fchmodSync, fchownSync, fstatSync, fsyncSync, openSync, readdirSync, readFileSync, realpathSync, renameSync,
  statSync, unlinkSync, writeSync, type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { escapeControls } from '../xml/shown.js';

export interface WriteAtomicOptions {
  /**
   * What the file held when the caller read it, as text (compared as its UTF-8 bytes) or bytes.
   * When the file holds anything else just before it would be replaced, the write is refused
   * with {@link FileChangedError}. Without it, only a change during the write itself is seen.
   */
  readonly expected?: string | Uint8Array;
  /** Rewrite a file even though its permissions say it is read-only (its mode is kept). */
  readonly force?: boolean;
  /**
   * The real paths (see {@link realRoots}) of the files and folders the command was given; a
   * file whose real path is none of them and in none of them is refused with
   * {@link OutsideRootsError}. Without it, any file is written.
   */
  readonly roots?: readonly string[];
  /**
   * Where to keep a copy of the original (e.g. `FILE.orig`), made once every refusal above has
   * passed: a file that is not written gets no backup either.
   */
  readonly backup?: string;
}

export interface WriteAtomicResult {
  /** What the new file could not keep of the original, one sentence each; empty when all was kept. */
  readonly notKept: readonly string[];
}

/** Why writeFileAtomic refused a write; system errors (ENOENT, EACCES, …) are thrown as they are. */
export class WriteAtomicError extends Error {
  constructor(
    readonly code: 'read-only' | 'changed' | 'not-a-file' | 'outside-roots',
    message: string,
  ) {
    super(message);
    this.name = 'WriteAtomicError';
  }
}

export class ReadOnlyFileError extends WriteAtomicError {
  constructor(readonly mode: number) {
    super('read-only', `the file is read-only (mode ${octal(mode)}); give --force to rewrite it anyway`);
    this.name = 'ReadOnlyFileError';
  }
}

export class FileChangedError extends WriteAtomicError {
  constructor(what: string) {
    super('changed', `the file changed while it was being rewritten (${what}); it is left as the other writer made it`);
    this.name = 'FileChangedError';
  }
}

export class NotAFileError extends WriteAtomicError {
  constructor() {
    super('not-a-file', 'not a regular file');
    this.name = 'NotAFileError';
  }
}

export class OutsideRootsError extends WriteAtomicError {
  constructor(readonly target: string) {
    super('outside-roots', `it leads to ${escapeControls(target)}, outside the paths given on the command line (name that file itself to rewrite it)`);
    this.name = 'OutsideRootsError';
  }
}

/**
 * The real paths of a command's operands, for {@link WriteAtomicOptions.roots}: links resolved,
 * standard input (`-`) and paths that do not exist left out.
 */
export function realRoots(operands: readonly string[], cwd = process.cwd()): string[] {
  const roots: string[] = [];
  for (const operand of operands) {
    if (operand === '-') continue;
    try {
      roots.push(realpathSync(resolve(cwd, operand)));
    } catch {
      // Nothing there: nothing under it is written either.
    }
  }
  return roots;
}

/** Whether the real path `target` is one of `roots` or inside one of them. */
export function insideRoots(target: string, roots: readonly string[]): boolean {
  return roots.some((root) => target === root || target.startsWith(root.endsWith(sep) ? root : root + sep));
}

/** The temporary files of this process: `.NAME.virtxml-PID-TIME.tmp`. */
const TEMP_NAME = /^\..*\.virtxml-(\d+)-\d+\.tmp$/s;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.virtxml-${process.pid}-${Date.now()}.tmp`);
}

export function writeFileAtomic(path: string, content: string | Uint8Array, options: WriteAtomicOptions = {}): WriteAtomicResult {
  const target = realpathSync(path);
  if (options.roots !== undefined && !insideRoots(target, options.roots)) throw new OutsideRootsError(target);
  const original = statSync(target);
  if (!original.isFile()) throw new NotAFileError();
  if (options.force !== true && isReadOnly(original)) throw new ReadOnlyFileError(original.mode & 0o7777);
  if (options.backup !== undefined) copyFileSync(target, options.backup);
  removeStaleTempFiles(dirname(target));

  // Listening before the file exists: a signal that comes after waits for the next turn of the
  // event loop, by when the file below is renamed or removed.
  guardSignals();
  const temp = tempPathFor(target);
  // Owner-only until the original's mode is set, so the content is never readable by more people than it was.
  const fd = openSync(temp, 'wx', 0o600);
  inFlight.add(temp);
  let open = true;
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    // Unlike a single write(2), this goes on until every byte is written.
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    const notKept = carryOver(fd, original);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    assertUnchanged(target, original, options.expected);
    renameSync(temp, target);
    inFlight.delete(temp);
    return { notKept };
  } catch (e) {
    if (open) closeQuietly(fd);
    removeQuietly(temp);
    inFlight.delete(temp);
    throw e;
  }
}

/** Whether the write bit of the permission class the process falls in is clear (for root: the owner's). */
function isReadOnly(st: Stats): boolean {
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0 || uid === st.uid) return (st.mode & 0o200) === 0;
  const groups = process.getgroups?.() ?? [];
  if (st.gid === process.getgid?.() || groups.includes(st.gid)) return (st.mode & 0o020) === 0;
  return (st.mode & 0o002) === 0;
}

/**
 * Gives the new file the original's owner, group and mode, in that order (a change of owner
 * clears setuid and setgid, so the mode comes last); returns what could not be given.
 */
function carryOver(fd: number, original: Stats): string[] {
  const notKept: string[] = [];
  const made = fstatSync(fd);
  if (made.uid !== original.uid || made.gid !== original.gid) {
    try {
      fchownSync(fd, original.uid, original.gid);
    } catch {
      // Only root may give a file away; a user may still give it to a group they belong to.
      if (made.gid !== original.gid) {
        try {
          fchownSync(fd, made.uid, original.gid);
        } catch {
          // The group stays the writer's.
        }
      }
      const now = fstatSync(fd);
      if (now.uid !== original.uid) notKept.push(`its owner (uid ${original.uid}): the new file is owned by uid ${now.uid}, as only root may give a file away`);
      if (now.gid !== original.gid) notKept.push(`its group (gid ${original.gid}): the new file's group is gid ${now.gid}, which the process may not change`);
    }
  }
  const mode = original.mode & 0o7777;
  fchmodSync(fd, mode);
  const set = fstatSync(fd).mode & 0o7777;
  if (set !== mode) notKept.push(`its mode ${octal(mode)}: the new file has ${octal(set)}, as the system clears setuid and setgid for this process`);
  return notKept;
}

/** Throws FileChangedError when the file is no longer what was read. */
function assertUnchanged(target: string, original: Stats, expected: string | Uint8Array | undefined): void {
  let now: Stats;
  try {
    now = statSync(target);
  } catch {
    throw new FileChangedError('it was removed or renamed');
  }
  if (now.ino !== original.ino || now.dev !== original.dev) throw new FileChangedError('another file took its place');
  if (now.size !== original.size) throw new FileChangedError(`its size went from ${original.size} to ${now.size} bytes`);
  if (now.mtimeMs !== original.mtimeMs) throw new FileChangedError('its modification time changed');
  if (expected === undefined) return;
  const bytes = readFileSync(target);
  const wanted = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
  if (!bytes.equals(wanted)) throw new FileChangedError('its content is not what was read');
}

// ---- temporary files left behind ----

const swept = new Set<string>();

/**
 * Removes the temporary files of processes that are gone from `dir`, once per folder per run:
 * what a process killed outright (SIGKILL, a crash, a power cut) leaves behind.
 */
export function removeStaleTempFiles(dir: string): string[] {
  if (swept.has(dir)) return [];
  swept.add(dir);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (m === null) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: alive, but another user's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---- signals ----

const inFlight = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let guarded = false;

/**
 * From the first write on, SIGINT, SIGTERM and SIGHUP remove the temporary file being written
 * before the process ends. A listener is only called when the event loop runs, so a command
 * that writes many files gives it a turn between files (see the format command).
 */
function guardSignals(): void {
  if (guarded) return;
  guarded = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', removeInFlight);
}

function onSignal(signal: NodeJS.Signals): void {
  removeInFlight();
  // Unless someone else listens too, end the process as the signal would have without us.
  if (process.listenerCount(signal) > 1) return;
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  guarded = false;
  process.kill(process.pid, signal);
}

function removeInFlight(): void {
  for (const temp of inFlight) removeQuietly(temp);
  inFlight.clear();
}

/** @internal The temporary files being written now (for tests). */
export function tempFilesInFlight(): readonly string[] {
  return [...inFlight];
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never created, or already gone.
  }
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
