/**
 * `--output FILE`: the report replaces FILE atomically, so a CI step that reads it never sees
 * half a report. An existing file is rewritten by writeFileAtomic (mode and owner kept); a new one
 * is written beside its final name and renamed into place.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from './write-atomic.js';

export function writeOutputFile(path: string, content: string): void {
  try {
    writeFileAtomic(path, content);
    return;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // No such file yet (or a dangling link): create it.
  const temp = join(dirname(path), `.${basename(path)}.virtxml-${process.pid}-${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', 0o666);
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(temp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (e) {
    unlinkSync(temp);
    throw e;
  }
}
