/**
 * `virtxml format [--style libvirt|preserve] [--write [--force] | --check] FILE|DIR|- …`
 *
 * Reads each document into the model and writes it back. Without --write or --check the result
 * goes to standard output. --write replaces changed files atomically (see write-atomic.ts: mode,
 * owner and group kept, a change made meanwhile by someone else detected and left alone,
 * read-only files refused unless --force, and so is a file a walk reached through a link to
 * outside the paths given); --check changes nothing and exits 1 when any file is not formatted
 * (for CI), naming each as soon as it is known. A document that cannot be read is reported with
 * file:line:column and left untouched, and so is one in another encoding than UTF-8: the output
 * is UTF-8, and writing it over a file in another encoding would change its bytes' meaning. A
 * document longer than the model reads (32 MiB), or than this process's heap can format, is
 * refused with one line and exit status 2 before it is parsed: formatting takes about 35 bytes
 * of memory per character.
 */
import { getHeapStatistics } from 'node:v8';
import { format, ModelParseError, parse } from '../model/index.js';
import { MODEL_MAX_LENGTH } from '../xml/model/limits.js';
import type { Diagnostic } from '../xml/validate/diagnostic.js';
import { choiceOption, parseArgs } from './args.js';
import { LineMap } from '../xml/dom/line-map.js';
import { codeFrame } from './code-frame.js';
import { escapeControls } from '../xml/shown.js';
import { ioMessage, readEachInput, readEachInputYielding, type DecodedInput, type InputRef } from './inputs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './io.js';
import { realRoots, WriteAtomicError, writeFileAtomic } from './write-atomic.js';

export const FORMAT_USAGE = `usage: virtxml format [--style libvirt|preserve] [--write [--force] | --check] FILE|DIR|- ...
  --style STYLE  libvirt (default): libvirt's own layout; preserve: keep the document's quoting and indentation
  -w, --write    rewrite files in place (atomically; unchanged files are not touched; mode, owner and group kept,
                 extended attributes such as ACLs and SELinux labels not); a file reached through a link to outside
                 the paths given is refused
  --force        with --write: rewrite read-only files too
  --check        change nothing; exit 1 and list the files that are not formatted
  --follow-symlinks  enter links to folders found in a walk (each folder once); by default they are skipped
Documents over 32 MiB are refused (exit 2).
exit status: 0 done (or, with --check, all formatted), 1 a file not formatted (--check) or unreadable, 2 usage or I/O error`;

export type FormatOutcome =
  | { readonly kind: 'formatted'; readonly text: string; readonly changed: boolean }
  | { readonly kind: 'unreadable'; readonly report: string }
  | { readonly kind: 'too-large'; readonly report: string };

/**
 * Memory formatting takes per character of a document, measured on domains of 10 and 40 MB
 * (peak RSS 36× the input), rounded up.
 */
const FORMAT_BYTES_PER_CHARACTER = 40;

/** Why a document of `length` characters is not formatted, or undefined when it can be. */
export function tooLargeToFormat(length: number, heap = getHeapStatistics()): string | undefined {
  if (length > MODEL_MAX_LENGTH) {
    return `the document is ${length} characters long; virtxml formats documents of at most ${MODEL_MAX_LENGTH} (32 MiB)`;
  }
  const available = heap.heap_size_limit - heap.used_heap_size;
  if (length * FORMAT_BYTES_PER_CHARACTER > available) {
    const mb = (n: number): string => `${Math.round(n / 1e6)} MB`;
    return `the document is ${length} characters long; formatting it takes about ${mb(length * FORMAT_BYTES_PER_CHARACTER)} of memory and ` +
      `this process has ${mb(available)} left (raise it with NODE_OPTIONS=--max-old-space-size=MB)`;
  }
  return undefined;
}

/** Formats one input; bytes that are not UTF-8 text, or a parse failure, become a printable report. */
export function formatInput(name: string, decoded: DecodedInput, style: 'libvirt' | 'preserve'): FormatOutcome {
  if (decoded.kind === 'undecodable') {
    const e = decoded.error;
    return { kind: 'unreadable', report: report(name, e.text, [{ line: e.line, column: e.column, severity: 'error', message: e.detail, code: e.code }]) };
  }
  if (decoded.encoding !== 'UTF-8' && decoded.encoding !== 'US-ASCII') {
    const message =
      `the document is in ${decoded.encoding}; virtxml format writes UTF-8 only, so the file is left as it is ` +
      `(convert it first, e.g. with iconv -f ${decoded.encoding} -t UTF-8${decoded.declared ? ', and change its encoding declaration' : ''})`;
    return { kind: 'unreadable', report: report(name, decoded.text, [{ line: 1, column: 1, severity: 'error', message, code: 'unsupported-encoding' }]) };
  }
  return formatText(name, decoded.text, style);
}

/** Formats one document's text; a parse failure becomes a printable report. */
export function formatText(name: string, text: string, style: 'libvirt' | 'preserve'): FormatOutcome {
  const tooLarge = tooLargeToFormat(text.length);
  if (tooLarge !== undefined) return { kind: 'too-large', report: `${name}: error: ${tooLarge}\n` };
  try {
    const formatted = format(parse(text), { style });
    return { kind: 'formatted', text: formatted, changed: formatted !== text };
  } catch (e) {
    if (!(e instanceof ModelParseError)) throw e;
    return { kind: 'unreadable', report: report(name, text, e.diagnostics) };
  }
}

type Reported = Pick<Diagnostic, 'line' | 'column' | 'severity' | 'message' | 'code'>;

function report(name: string, text: string, diagnostics: readonly Reported[]): string {
  const lines = new LineMap(text);
  return diagnostics.map((d) => `${name}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]\n${codeFrame(lines, d.line, d.column)}\n`).join('');
}

export const formatCommand: Command = async (args: readonly string[], io: CliIO): Promise<number> => {
  const parsed = parseArgs(args, { values: ['style'], flags: ['write', 'check', 'force', 'help', 'follow-symlinks'], aliases: { '-w': 'write', '-h': 'help' } });
  if (parsed.flags.has('help')) {
    io.stdout(FORMAT_USAGE + '\n');
    return EXIT_OK;
  }
  const style = choiceOption(parsed, 'style', ['libvirt', 'preserve'] as const, 'libvirt');
  const write = parsed.flags.has('write');
  const check = parsed.flags.has('check');
  const force = parsed.flags.has('force');
  if (write && check) throw new UsageError('--write and --check cannot be combined');
  if (force && !write) throw new UsageError('--force only goes with --write');
  if (parsed.operands.length === 0) throw new UsageError('no input: give files, directories or - for standard input');
  if (write && parsed.operands.includes('-')) throw new UsageError('--write cannot rewrite standard input');

  const walk = { followSymlinks: parsed.flags.has('follow-symlinks') };
  // Files reached through a link in a walked folder are written only inside what was named.
  const roots = write ? realRoots(parsed.operands, io.cwd) : [];
  let unreadable = 0;
  let refused = 0;
  let writeFailed = 0;
  let written = 0;
  let notFormatted = 0;
  const handle = (input: InputRef, decoded: DecodedInput): void => {
    const name = escapeControls(input.name);
    const outcome = formatInput(name, decoded, style);
    if (outcome.kind === 'unreadable') {
      io.stderr(outcome.report);
      unreadable++;
      return;
    }
    if (outcome.kind === 'too-large') {
      io.stderr(outcome.report);
      refused++;
      return;
    }
    if (outcome.changed) notFormatted++;
    if (check) {
      if (outcome.changed) io.stdout(`${name}: not formatted (${style} style)\n`);
      return;
    }
    if (!write) {
      io.stdout(outcome.text);
    } else if (outcome.changed && input.path !== undefined) {
      try {
        const { notKept } = writeFileAtomic(input.path, outcome.text, { expected: decoded.kind === 'text' ? decoded.text : undefined, force, roots });
        written++;
        for (const what of notKept) io.stderr(`${name}: warning: could not keep ${what}\n`);
      } catch (e) {
        io.stderr(`${name}: error: not written: ${e instanceof WriteAtomicError ? e.message : ioMessage(e)}\n`);
        writeFailed++;
      }
    }
  };
  // Writing, a turn of the event loop between files lets Ctrl-C remove the temporary file being
  // written and stop (see write-atomic.ts) rather than go on to the end of a large tree.
  const { ioFailed, count } = write ? await readEachInputYielding(parsed.operands, io, handle, walk) : readEachInput(parsed.operands, io, handle, walk);

  const files = (n: number): string => `${n} ${n === 1 ? 'file' : 'files'}`;
  if (check) {
    io.stdout(`${files(count)} checked: ${notFormatted} would be reformatted\n`);
  } else if (write) {
    const failed = writeFailed > 0 ? `; ${writeFailed} could not be written` : '';
    io.stdout(`${written} of ${files(count)} reformatted${failed}\n`);
  }
  if (ioFailed || writeFailed > 0 || refused > 0) return EXIT_USAGE;
  if (unreadable > 0 || (check && notFormatted > 0)) return EXIT_FINDINGS;
  return EXIT_OK;
};
