/**
 * `virtxml format [--style libvirt|preserve] [--write | --check] FILE|DIR|- …`
 *
 * Reads each document into the model and writes it back. Without --write or --check the result
 * goes to standard output. --write replaces changed files atomically; --check changes nothing and
 * exits 1 when any file is not formatted (for CI). A document that cannot be read is reported
 * with file:line:column and left untouched, and so is one in another encoding than UTF-8: the
 * output is UTF-8, and writing it over a file in another encoding would change its bytes'
 * meaning.
 */
import { format, ModelParseError, parse } from '../model/index.js';
import type { Diagnostic } from '../xml/validate/diagnostic.js';
import { choiceOption, parseArgs } from './args.js';
import { LineMap } from '../xml/dom/line-map.js';
import { codeFrame } from './code-frame.js';
import { ioMessage, readEachInput, type DecodedInput } from './inputs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './io.js';
import { writeFileAtomic } from './write-atomic.js';

export const FORMAT_USAGE = `usage: virtxml format [--style libvirt|preserve] [--write | --check] FILE|DIR|- ...
  --style STYLE  libvirt (default): libvirt's own layout; preserve: keep the document's quoting and indentation
  --write        rewrite files in place (atomically; unchanged files are not touched)
  --check        change nothing; exit 1 and list the files that are not formatted`;

export type FormatOutcome =
  | { readonly kind: 'formatted'; readonly text: string; readonly changed: boolean }
  | { readonly kind: 'unreadable'; readonly report: string };

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

export const formatCommand: Command = (args: readonly string[], io: CliIO): number => {
  const parsed = parseArgs(args, { values: ['style'], flags: ['write', 'check', 'help'] });
  if (parsed.flags.has('help')) {
    io.stdout(FORMAT_USAGE + '\n');
    return EXIT_OK;
  }
  const style = choiceOption(parsed, 'style', ['libvirt', 'preserve'] as const, 'libvirt');
  const write = parsed.flags.has('write');
  const check = parsed.flags.has('check');
  if (write && check) throw new UsageError('--write and --check cannot be combined');
  if (parsed.operands.length === 0) throw new UsageError('no input: give files, directories or - for standard input');
  if (write && parsed.operands.includes('-')) throw new UsageError('--write cannot rewrite standard input');

  let unreadable = 0;
  let writeFailed = false;
  const changedFiles: string[] = [];
  const { ioFailed, count } = readEachInput(parsed.operands, io, (input, decoded) => {
    const outcome = formatInput(input.name, decoded, style);
    if (outcome.kind === 'unreadable') {
      io.stderr(outcome.report);
      unreadable++;
      return;
    }
    if (outcome.changed) changedFiles.push(input.name);
    if (check) return;
    if (!write) {
      io.stdout(outcome.text);
    } else if (outcome.changed && input.path !== undefined) {
      try {
        writeFileAtomic(input.path, outcome.text);
      } catch (e) {
        io.stderr(`${input.name}: error: cannot write: ${ioMessage(e)}\n`);
        writeFailed = true;
      }
    }
  });

  if (check) {
    for (const f of changedFiles) io.stdout(`${f}: not formatted (${style} style)\n`);
    io.stdout(`${count} ${count === 1 ? 'file' : 'files'} checked: ${changedFiles.length} would be reformatted\n`);
  } else if (write) {
    io.stdout(`${changedFiles.length} of ${count} ${count === 1 ? 'file' : 'files'} reformatted\n`);
  }
  if (ioFailed || writeFailed) return EXIT_USAGE;
  if (unreadable > 0 || (check && changedFiles.length > 0)) return EXIT_FINDINGS;
  return EXIT_OK;
};
