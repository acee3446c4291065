/**
 * Replaces a file's content without ever leaving it half-written: the new bytes go to a
 * temporary file in the same folder (same file system, so rename is atomic), which is flushed
 * and then renamed over the original.
 *
 * What is replaced is the file itself: a symbolic link is followed, so the link stays a link
 * and its target gets the new content. The original's permission bits are kept, and its owner
 * and group where the process may set them (root rewriting another user's file). A file with
 * several hard links ends up as a new file under this name only, as with any atomic rewrite.
 */
import { closeSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, content: string): void {
  const target = realpathSync(path);
  const original = statSync(target);
  const temp = join(dirname(target), `.${basename(target)}.virtxml-${process.pid}-${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', original.mode & 0o7777);
  try {
    keepOwner(fd, original.uid, original.gid);
    // Unlike a single write(2), this goes on until every byte is written.
    writeFileSync(fd, content);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(temp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (e) {
    unlinkSync(temp);
    throw e;
  }
}

/** Gives the new file the original's owner and group, when they differ and the process may. */
function keepOwner(fd: number, uid: number, gid: number): void {
  const made = { uid: process.getuid?.(), gid: process.getgid?.() };
  if (made.uid === undefined || (made.uid === uid && made.gid === gid)) return;
  try {
    fchownSync(fd, uid, gid);
  } catch {
    // Only root may give a file away; otherwise the file is the writer's, as with any editor's save.
  }
}
