/**
 * Expands CLI operands into input documents: files as given, directories walked for `*.xml`
 * (sorted, so output order is stable), `-` for standard input. A walk may also honour
 * `.gitignore` files and skip folders by name (`virtxml lint` does both; see {@link WalkOptions}).
 *
 * A walk takes regular files only (as `find -type f`): a FIFO or device named `*.xml` would block
 * the run or never end. Symbolic links are followed, each directory is entered once (a link back
 * to an ancestor cannot loop), and an entry that cannot be read (a dangling link, a directory
 * without permission) is reported on its own while the walk goes on.
 */
import { existsSync, readdirSync, statSync, type BigIntStats, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { decodeXmlBytes, XmlEncodingError } from '../xml/dom/decode.js';
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
}

/** What the walk of one folder needs to know to filter: the ignore files in force, and the folder's path from their root. */
interface WalkFilter {
  readonly skip: ReadonlySet<string>;
  readonly gitignore: boolean;
  readonly stack: IgnoreStack;
  /** The folder's path relative to the ignore root (`/`-separated, '' for the root). */
  readonly relative: string;
}

/**
 * The `*.xml` files under a directory operand, in sorted order, and the entries that could not
 * be read. Entries the directory lists as regular files or directories need no `stat`; links
 * (and entries of unknown type) are followed with one.
 */
export function walkDirectory(dir: string, options: WalkOptions = {}): ExpandedInputs {
  const inputs: InputRef[] = [];
  const errors: { name: string; message: string }[] = [];
  let st: BigIntStats;
  try {
    st = statSync(dir, { bigint: true });
  } catch (e) {
    return { inputs, errors: [{ name: dir, message: ioMessage(e) }] };
  }
  if (!st.isDirectory()) return { inputs: [{ name: dir, path: dir }], errors };
  const filter = options.gitignore || (options.skipDirectories?.length ?? 0) > 0 ? walkFilter(dir, options) : undefined;
  walkXml(dir, st, inputs, errors, new Set(), filter);
  return { inputs, errors };
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

/**
 * Adds the `*.xml` files under `dir` (whose stat is `st`) to `inputs`; `entered` holds the
 * directories already walked; `filter`, when given, what the walk leaves out.
 */
function walkXml(dir: string, st: BigIntStats, inputs: InputRef[], errors: { name: string; message: string }[], entered: Set<string>, filter: WalkFilter | undefined): void {
  // Device and inode name a directory however it is reached (as bigints: inode numbers may pass 2^53).
  const identity = `${st.dev}:${st.ino}`;
  if (entered.has(identity)) return;
  entered.add(identity);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    errors.push({ name: dir, message: ioMessage(e) });
    return;
  }
  const stack = filter?.gitignore ? filter.stack.with(filter.relative, readGitignore(dir)) : undefined;
  const ignored = (name: string, isDirectory: boolean): boolean =>
    stack !== undefined && stack.ignores(filter!.relative === '' ? name : `${filter!.relative}/${name}`, isDirectory);
  for (const dirent of entries) {
    const name = dirent.name;
    const path = join(dir, name);
    if (dirent.isFile()) {
      if (name.endsWith('.xml') && !ignored(name, false)) inputs.push({ name: path, path });
      continue;
    }
    if (filter !== undefined && dirent.isDirectory() && filter.skip.has(name)) continue;
    // Directories need their identity; links and unknown types are followed to what they name.
    let entry: BigIntStats;
    try {
      entry = statSync(path, { bigint: true });
    } catch (e) {
      if (name.endsWith('.xml') && !ignored(name, false)) errors.push({ name: path, message: ioMessage(e) });
      continue;
    }
    if (entry.isDirectory()) {
      if (filter === undefined) walkXml(path, entry, inputs, errors, entered, undefined);
      else if (!filter.skip.has(name) && !ignored(name, true)) {
        const child = filter.relative === '' ? name : `${filter.relative}/${name}`;
        walkXml(path, entry, inputs, errors, entered, { ...filter, stack: stack ?? filter.stack, relative: child });
      }
    } else if (entry.isFile() && name.endsWith('.xml') && !ignored(name, false)) inputs.push({ name: path, path });
  }
}

/** A one-line reason for a failed file operation, without a stack trace. */
export function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ELOOP': return 'too many levels of symbolic links';
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

/**
 * Expands the operands and hands each readable input to `handle`, in order, decoded as XML
 * determines its encoding. Operands and files that cannot be read are reported on stderr, one
 * line each, and the rest go on; bytes that are not text go to `handle`, which reports them as
 * it reports a document that is not well-formed.
 */
export function readEachInput(
  operands: readonly string[],
  io: Pick<CliIO, 'stderr' | 'readFile' | 'readUtf8' | 'readStdin'>,
  handle: (input: InputRef, decoded: DecodedInput) => void,
  walk: WalkOptions = {},
): ReadOutcome {
  let ioFailed = false;
  let count = 0;
  const report = (name: string, message: string): void => {
    io.stderr(`${name}: error: ${message}\n`);
    ioFailed = true;
  };
  const take = (input: InputRef, read: ReadInput): void => {
    if (read.kind === 'failed') return report(input.name, read.message);
    count++;
    handle(input, read);
  };
  for (const operand of operands) {
    // An operand is read as a file first, whatever it is (`virtxml validate <(virsh dumpxml vm)`
    // is a pipe); only one that turns out to be a directory is walked. A stat of every file named
    // on the command line would cost as much as reading many of them.
    const input: InputRef = operand === '-' ? { name: '<stdin>', path: undefined } : { name: operand, path: operand };
    const read = readInput(input, io);
    if (read.kind !== 'failed' || read.code !== 'EISDIR' || input.path === undefined) {
      take(input, read);
      continue;
    }
    const { inputs, errors } = walkDirectory(input.path, walk);
    for (const e of errors) report(e.name, e.message);
    // A folder with no document is most often a wrong path: in CI it must not pass unnoticed.
    if (inputs.length === 0 && errors.length === 0) report(input.name, 'no *.xml files found in this folder');
    for (const found of inputs) take(found, readInput(found, io));
  }
  return { ioFailed, count };
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
