/**
 * Expands CLI operands into input documents: files as given, directories walked for `*.xml`
 * (sorted, so output order is stable), `-` for standard input. A walk may also honour
 * `.gitignore` files and skip folders by name (`virtxml lint` does both; see {@link WalkOptions}).
 *
 * A walk takes regular files only (as `find -type f`): a FIFO or device named `*.xml` would block
 * the run or never end. It does not enter links to directories unless asked to
 * ({@link WalkOptions.followSymlinks}), as `find` without `-L`: a link to `/` in a tree would
 * otherwise walk the host. A link to a file named `*.xml` is read (its target is a file; writes
 * through it are held to the paths given, see write-atomic.ts). Operands are always followed,
 * links or not. What cannot be walked is reported on its own while the walk goes on: a folder that
 * cannot be read or searched, a path longer than the system takes, a name that is not UTF-8,
 * a dangling link named `*.xml`.
 *
 * The walk is lazy ({@link walk}): the files of a folder are handed on before the next folder is
 * read, so a command prints the results of the first files while the rest of a large tree is
 * still to be listed.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, statSync, type BigIntStats, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decodeXmlBytes, XmlEncodingError } from '../xml/dom/decode.js';
import { escapeControls } from '../xml/shown.js';
import { IgnoreStack, readGitignore } from './gitignore.js';
import type { CliIO } from './io.js';

export interface InputRef {
  /** The name shown in output: the path as given or found, or `<stdin>`. */
  readonly name: string;
  /** Path to read, or undefined for standard input. */
  readonly path: string | undefined;
}

export interface ExpandedInputs {
  readonly inputs: InputRef[];
  /** Operands that could not be opened, with the reason. */
  readonly errors: { readonly name: string; readonly message: string }[];
}

/** What a walk finds, in order: a document to read, or an entry it could not walk. */
export type WalkItem =
  | { readonly kind: 'input'; readonly input: InputRef }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

/** The file-system calls of a walk (replaced in tests, to make them fail as a real disk can). */
export interface WalkFs {
  /** A folder's entries with their types (`readdirSync(path, { withFileTypes: true })`). */
  readonly readdir: (path: string) => Dirent[];
  /** The same with names as bytes, read when a name did not decode as UTF-8. */
  readonly readdirBytes: (path: string) => Dirent<Buffer>[];
  readonly stat: (path: string | Buffer) => BigIntStats;
  readonly lstat: (path: string | Buffer) => BigIntStats;
  readonly realpath: (path: string) => string;
}

const NODE_FS: WalkFs = {
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
  readdirBytes: (path) => readdirSync(path, { withFileTypes: true, encoding: 'buffer' }),
  stat: (path) => statSync(path, { bigint: true }),
  lstat: (path) => lstatSync(path, { bigint: true }),
  realpath: (path) => realpathSync(path),
};

/** How a directory walk chooses what to take, beyond `*.xml` regular files. */
export interface WalkOptions {
  /**
   * Honour `.gitignore` files as git does: those of the walked folders, and those of the folders
   * above the walk up to the repository's root (the nearest folder with a `.git`), with that
   * repository's `.git/info/exclude`. Files named as operands are taken whatever they match.
   */
  readonly gitignore?: boolean;
  /** Folder names never entered during a walk (e.g. `node_modules`, `.git`); an operand itself is walked. */
  readonly skipDirectories?: readonly string[];
  /**
   * Enter links to directories (`--follow-symlinks`, as `find -L`). Each real directory
   * (device and inode) is entered once, however many links lead to it, and a link to a folder
   * that holds a folder of the walk (`..`, `/`, the walk's start) is a loop and never entered.
   */
  readonly followSymlinks?: boolean;
  /** @internal The file-system calls, for tests. */
  readonly fs?: Partial<WalkFs>;
}

/** What the walk of one folder needs to know to filter: the ignore files in force, and the folder's path from their root. */
interface WalkFilter {
  readonly skip: ReadonlySet<string>;
  readonly gitignore: boolean;
  readonly stack: IgnoreStack;
  /** The folder's path relative to the ignore root (`/`-separated, '' for the root). */
  readonly relative: string;
}

/** What all folders of one walk share. */
interface WalkState {
  readonly fs: WalkFs;
  readonly follow: boolean;
  /** The directories entered, as `dev:ino` (as bigints: inode numbers may pass 2^53). */
  readonly entered: Set<string>;
}

/**
 * The `*.xml` files under a directory operand, in sorted order, and the entries that could not
 * be read (all of {@link walk}, collected).
 */
export function walkDirectory(dir: string, options: WalkOptions = {}): ExpandedInputs {
  const inputs: InputRef[] = [];
  const errors: { name: string; message: string }[] = [];
  for (const item of walk(dir, options)) {
    if (item.kind === 'input') inputs.push(item.input);
    else errors.push({ name: item.name, message: item.message });
  }
  return { inputs, errors };
}

/**
 * The `*.xml` files under a directory operand, in sorted order, and the entries that could not
 * be walked, each as soon as its folder is read. An operand that is not a directory is itself
 * the one input. Entries the directory lists as regular files or directories need no `stat`;
 * links named `*.xml` (all links, when following them) and entries of unknown type need one.
 */
export function* walk(dir: string, options: WalkOptions = {}): Generator<WalkItem> {
  const fs: WalkFs = { ...NODE_FS, ...options.fs };
  let st: BigIntStats;
  try {
    st = fs.stat(dir);
  } catch (e) {
    yield { kind: 'error', name: dir, message: ioMessage(e) };
    return;
  }
  if (!st.isDirectory()) {
    yield { kind: 'input', input: { name: dir, path: dir } };
    return;
  }
  const filter = options.gitignore || (options.skipDirectories?.length ?? 0) > 0 ? walkFilter(dir, options) : undefined;
  const follow = options.followSymlinks === true;
  let chain: string[] = [];
  if (follow) {
    try {
      chain = [fs.realpath(dir)];
    } catch (e) {
      yield { kind: 'error', name: dir, message: ioMessage(e) };
      return;
    }
  }
  yield* walkXml(dir, st, { fs, follow, entered: new Set() }, chain, filter);
}

/** The filter at the walk's starting folder: the ignore files of the repository above it. */
function walkFilter(dir: string, options: WalkOptions): WalkFilter {
  const skip = new Set(options.skipDirectories ?? []);
  if (!options.gitignore) return { skip, gitignore: false, stack: IgnoreStack.empty(), relative: '' };
  const start = resolve(dir);
  const root = repositoryRoot(start);
  if (root === undefined) return { skip, gitignore: true, stack: IgnoreStack.empty(), relative: '' };
  let stack = IgnoreStack.empty().with('', readGitignore(join(root, '.git', 'info'), 'exclude'));
  const relativeStart = relative(root, start).split(sep).filter((s) => s !== '').join('/');
  // The folders from the root down to the start's parent: the start's own file is read on entering it.
  const parts = relativeStart === '' ? [] : relativeStart.split('/');
  for (let i = 0; i < parts.length; i++) {
    const base = parts.slice(0, i).join('/');
    stack = stack.with(base, readGitignore(join(root, ...parts.slice(0, i))));
  }
  return { skip, gitignore: true, stack, relative: relativeStart };
}

/** The nearest folder at or above `dir` that holds `.git` (a folder, or a file in a worktree). */
export function repositoryRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

function byName(a: Dirent, b: Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Names that are not UTF-8 are sorted by their bytes. */
function byBytes(a: Dirent<Buffer>, b: Dirent<Buffer>): number {
  return Buffer.compare(a.name, b.name);
}

/**
 * The `*.xml` files under `dir` (whose stat is `st`), and what could not be walked there.
 * `chain` holds the real paths of the folders from the walk's start down to `dir` when links
 * are followed (else it is empty); `filter`, when given, what the walk leaves out.
 */
function* walkXml(dir: string, st: BigIntStats, state: WalkState, chain: readonly string[], filter: WalkFilter | undefined): Generator<WalkItem> {
  // Device and inode name a directory however it is reached (a bind mount, a followed link).
  const identity = `${st.dev}:${st.ino}`;
  if (state.entered.has(identity)) return;
  state.entered.add(identity);
  let entries: (Dirent | Dirent<Buffer>)[];
  try {
    entries = state.fs.readdir(dir).sort(byName);
    // Node reads a name that is not UTF-8 with U+FFFD in place of its bad bytes, and opening
    // that name then fails with "no such file": such a folder is listed again as bytes.
    if (entries.some((d) => d.name.includes('\ufffd'))) entries = state.fs.readdirBytes(dir).sort(byBytes);
  } catch (e) {
    yield { kind: 'error', name: dir, message: ioMessage(e) };
    return;
  }
  const stack = filter?.gitignore ? filter.stack.with(filter.relative, readGitignore(dir)) : undefined;
  const ignored = (name: string, isDirectory: boolean): boolean =>
    stack !== undefined && stack.ignores(filter!.relative === '' ? name : `${filter!.relative}/${name}`, isDirectory);
  const skipped = (name: string): boolean => filter !== undefined && filter.skip.has(name);
  const enter = function* (name: string, path: string, entry: BigIntStats, real: string | undefined): Generator<WalkItem> {
    const inner = state.follow ? [...chain, real ?? join(chain[chain.length - 1]!, name)] : chain;
    if (filter === undefined) yield* walkXml(path, entry, state, inner, undefined);
    else {
      const child = filter.relative === '' ? name : `${filter.relative}/${name}`;
      yield* walkXml(path, entry, state, inner, { ...filter, stack: stack ?? filter.stack, relative: child });
    }
  };

  for (const dirent of entries) {
    const bytes = typeof dirent.name === 'string' ? undefined : dirent.name;
    const name = bytes === undefined ? (dirent.name as string) : bytes.toString('utf8');
    const path = join(dir, name);
    // A name that is not UTF-8 is reported for what it is, when the walk would have taken or entered its entry.
    if (bytes !== undefined && name.includes('\ufffd') && !isUtf8(bytes)) {
      const shown = join(dir, bytesForDisplay(bytes));
      let kind = kindOf(dirent);
      if (kind === 'link' || kind === 'other') {
        try {
          const target = state.fs.stat(Buffer.concat([Buffer.from(dir + sep), bytes]));
          kind = target.isDirectory() && (state.follow || kind === 'other') ? 'directory' : target.isFile() ? 'file' : 'other';
        } catch {
          kind = 'file';
        }
      }
      if ((kind === 'file' && name.endsWith('.xml') && !ignored(name, false)) || (kind === 'directory' && !skipped(name) && !ignored(name, true))) {
        yield { kind: 'error', name: shown, message: 'file name is not valid UTF-8' };
      }
      continue;
    }
    let kind = kindOf(dirent);
    if (kind === 'other' && !dirent.isFIFO() && !dirent.isSocket() && !dirent.isBlockDevice() && !dirent.isCharacterDevice()) {
      // The file system did not say what the entry is.
      try {
        const entry = state.fs.lstat(path);
        kind = entry.isSymbolicLink() ? 'link' : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other';
      } catch (e) {
        if (name.endsWith('.xml') && !ignored(name, false)) yield { kind: 'error', name: path, message: ioMessage(e) };
        continue;
      }
    }
    if (kind === 'file') {
      if (name.endsWith('.xml') && !ignored(name, false)) yield { kind: 'input', input: { name: path, path } };
      continue;
    }
    if (kind === 'directory') {
      if (skipped(name) || ignored(name, true)) continue;
      let entry: BigIntStats;
      try {
        entry = state.fs.stat(path);
      } catch (e) {
        // A folder that cannot be searched, a path past PATH_MAX: never passed over in silence.
        yield { kind: 'error', name: path, message: ioMessage(e) };
        continue;
      }
      yield* enter(name, path, entry, undefined);
      continue;
    }
    if (kind !== 'link') continue;
    // A link: only one named *.xml matters unless links to folders are followed.
    if (!state.follow && !name.endsWith('.xml')) continue;
    let entry: BigIntStats;
    try {
      entry = state.fs.stat(path);
    } catch (e) {
      if (name.endsWith('.xml') && !ignored(name, false)) yield { kind: 'error', name: path, message: ioMessage(e) };
      continue;
    }
    if (entry.isFile()) {
      if (name.endsWith('.xml') && !ignored(name, false)) yield { kind: 'input', input: { name: path, path } };
    } else if (entry.isDirectory() && state.follow && !skipped(name) && !ignored(name, true)) {
      let real: string;
      try {
        real = state.fs.realpath(path);
      } catch (e) {
        yield { kind: 'error', name: path, message: ioMessage(e) };
        continue;
      }
      // A folder that holds one of the walk's folders (`..`, `/`) would walk them again and all
      // around them: a loop, as find -L calls it.
      if (chain.some((c) => holds(real, c))) continue;
      yield* enter(name, path, entry, real);
    }
  }
}

/** What a directory entry is, as far as its type says. */
function kindOf(dirent: Dirent | Dirent<Buffer>): 'file' | 'directory' | 'link' | 'other' {
  return dirent.isFile() ? 'file' : dirent.isDirectory() ? 'directory' : dirent.isSymbolicLink() ? 'link' : 'other';
}

/** Whether the folder `outer` is `inner` or holds it (both real paths). */
function holds(outer: string, inner: string): boolean {
  if (outer === inner) return true;
  return inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A name's bytes as text, each byte that is not part of a UTF-8 character written `\xNN`. */
export function bytesForDisplay(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) {
      out += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
      i++;
    } else {
      out += Buffer.from(bytes.subarray(i, i + n)).toString('utf8');
      i += n;
    }
  }
  return out;
}

/** The length of the well-formed UTF-8 sequence at `i`, or 0 when there is none (RFC 3629). */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** A one-line reason for a failed file operation, without a stack trace. */
export function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENAMETOOLONG': return 'path too long (longer than the system allows, PATH_MAX)';
    default: return err.message ?? String(e);
  }
}

/** What {@link readEachInput} saw: whether any operand or file could not be read. */
export interface ReadOutcome {
  readonly ioFailed: boolean;
  /** How many inputs were read and handed on. */
  readonly count: number;
}

/** An input's text in the encoding XML says it has, or why its bytes cannot be read as text. */
export type DecodedInput =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly encoding: string;
      /** Whether a declaration named the encoding (when it is not UTF-8, messages say to change it). */
      readonly declared: boolean;
    }
  | { readonly kind: 'undecodable'; readonly error: XmlEncodingError };

/** One step of reading the operands: an input read, or something that could not be (with its name as given or found). */
export type ReadItem =
  | { readonly kind: 'read'; readonly input: InputRef; readonly decoded: DecodedInput }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string };

/**
 * The operands' inputs, each read and decoded as XML determines its encoding, in order, one at a
 * time: a folder's files are read as the walk finds them.
 */
export function* readInputs(
  operands: readonly string[],
  io: Pick<CliIO, 'readFile' | 'readUtf8' | 'readStdin'>,
  walkOptions: WalkOptions = {},
): Generator<ReadItem> {
  const item = (input: InputRef, read: ReadInput): ReadItem =>
    read.kind === 'failed' ? { kind: 'failed', name: input.name, message: read.message } : { kind: 'read', input, decoded: read };
  for (const operand of operands) {
    // An operand is read as a file first, whatever it is (`virtxml validate <(virsh dumpxml vm)`
    // is a pipe); only one that turns out to be a directory is walked. A stat of every file named
    // on the command line would cost as much as reading many of them.
    const input: InputRef = operand === '-' ? { name: '<stdin>', path: undefined } : { name: operand, path: operand };
    const read = readInput(input, io);
    if (read.kind !== 'failed' || read.code !== 'EISDIR' || input.path === undefined) {
      yield item(input, read);
      continue;
    }
    let found = 0;
    for (const w of walk(input.path, walkOptions)) {
      found++;
      yield w.kind === 'error' ? { kind: 'failed', name: w.name, message: w.message } : item(w.input, readInput(w.input, io));
    }
    // A folder with no document is most often a wrong path: in CI it must not pass unnoticed.
    if (found === 0) yield { kind: 'failed', name: input.name, message: 'no *.xml files found in this folder' };
  }
}

/**
 * Expands the operands and hands each readable input to `handle`, in order, decoded as XML
 * determines its encoding, as soon as it is read (a command that prints per file prints while
 * the walk goes on). Operands and files that cannot be read are reported on stderr, one line
 * each (names with control characters escaped), and the rest go on; bytes that are not text go
 * to `handle`, which reports them as it reports a document that is not well-formed.
 */
export function readEachInput(
  operands: readonly string[],
  io: Pick<CliIO, 'stderr' | 'readFile' | 'readUtf8' | 'readStdin'>,
  handle: (input: InputRef, decoded: DecodedInput) => void,
  walkOptions: WalkOptions = {},
): ReadOutcome {
  const outcome = { ioFailed: false, count: 0 };
  for (const item of readableInputs(operands, io, walkOptions, outcome)) handle(item.input, item.decoded);
  return outcome;
}

/** The inputs that could be read; each one that could not is reported on stderr and counted in `outcome`. */
function* readableInputs(
  operands: readonly string[],
  io: Pick<CliIO, 'stderr' | 'readFile' | 'readUtf8' | 'readStdin'>,
  walkOptions: WalkOptions,
  outcome: { ioFailed: boolean; count: number },
): Generator<ReadItem & { readonly kind: 'read' }> {
  for (const item of readInputs(operands, io, walkOptions)) {
    if (item.kind === 'failed') {
      io.stderr(failureLine(item));
      outcome.ioFailed = true;
      continue;
    }
    outcome.count++;
    yield item;
  }
}

/**
 * readEachInput with a turn of the event loop before each input and after the last: a signal
 * (SIGINT, SIGTERM) is only handled when the loop runs, so a command that rewrites files (see
 * write-atomic.ts) uses this to stop at Ctrl-C between two files rather than at the end of a
 * large tree. (Each input is handled in the loop's check phase, so the next turn passes the
 * poll phase, where signals are taken.)
 */
export async function readEachInputYielding(
  operands: readonly string[],
  io: Pick<CliIO, 'stderr' | 'readFile' | 'readUtf8' | 'readStdin'>,
  handle: (input: InputRef, decoded: DecodedInput) => void,
  walkOptions: WalkOptions = {},
): Promise<ReadOutcome> {
  const outcome = { ioFailed: false, count: 0 };
  for (const item of readableInputs(operands, io, walkOptions, outcome)) {
    await nextTurn();
    handle(item.input, item.decoded);
  }
  await nextTurn();
  return outcome;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function failureLine(item: { readonly name: string; readonly message: string }): string {
  return `${escapeControls(item.name)}: error: ${item.message}\n`;
}

/** An input decoded, or why it could not be read (with the system's error code). */
type ReadInput = DecodedInput | { readonly kind: 'failed'; readonly code: string | undefined; readonly message: string };

function readInput(input: InputRef, io: Pick<CliIO, 'readFile' | 'readUtf8' | 'readStdin'>): ReadInput {
  try {
    const text = input.path === undefined ? undefined : io.readUtf8?.(input.path);
    if (text !== undefined) return { kind: 'text', text, encoding: 'UTF-8', declared: false };
    return decodeInput(input.path === undefined ? io.readStdin() : io.readFile(input.path));
  } catch (e) {
    return { kind: 'failed', code: (e as NodeJS.ErrnoException).code, message: ioMessage(e) };
  }
}

function decodeInput(bytes: Uint8Array): DecodedInput {
  try {
    const { text, encoding, source } = decodeXmlBytes(bytes);
    return { kind: 'text', text, encoding, declared: source === 'declaration' };
  } catch (e) {
    if (e instanceof XmlEncodingError) return { kind: 'undecodable', error: e };
    throw e;
  }
}

/** How a file is named in output: relative to the working directory when it is below it, else as given. */
export function displayName(cwd: string, path: string): string {
  const rel = relative(cwd, resolve(path));
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
