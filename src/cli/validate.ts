/**
 * `virtxml validate [--schema NAME] [--libvirt VERSION] [--format text|json] FILE|DIR|- …`
 *
 * Validates every input against libvirt's grammar (the root found from the document element
 * unless --schema says otherwise). One bad file never stops the others. In text, each file's
 * diagnostics are printed as soon as it is checked; JSON is one document, printed at the end. Exit 0 when all are
 * valid, 1 when any is invalid, 2 on a usage or I/O error.
 */
import { LIBVIRT_RELEASES, ROOT_NAMES, type LibvirtRelease, type RootName } from '../model/generated/grammar/index.js';
import type { Diagnostic } from '../xml/validate/diagnostic.js';
import { validate } from '../xml/validate/index.js';
import { choiceOption, didYouMeanValue, parseArgs } from './args.js';
import type { XmlEncodingError } from '../xml/dom/decode.js';
import { LineMap } from '../xml/dom/line-map.js';
import { codeFrame } from './code-frame.js';
import { palette, useColour, type Palette } from './color.js';
import { escapeControls } from '../xml/shown.js';
import { readEachInput } from './inputs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './io.js';

export const VALIDATE_USAGE = `usage: virtxml validate [--schema NAME] [--libvirt VERSION] [--format text|json] FILE|DIR|- ...
  -s, --schema NAME  validate against this root (${ROOT_NAMES.join(', ')}); default: from the document element
  --libvirt VERSION  the libvirt release whose grammar to use (${LIBVIRT_RELEASES.join(', ')}); default ${LIBVIRT_RELEASES[0]}
  -f, --format FORMAT  text (default: each file's diagnostics as soon as it is checked) or json (one document at the end)
  --follow-symlinks  enter links to folders found in a walk (each folder once); by default they are skipped
exit status: 0 every file valid, 1 any invalid, 2 usage or I/O error (a path that names no document included)`;

export interface FileResult {
  readonly file: string;
  readonly schema: RootName | null;
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

export const validateCommand: Command = (args: readonly string[], io: CliIO): number => {
  const parsed = parseArgs(args, { values: ['schema', 'libvirt', 'format'], flags: ['help', 'follow-symlinks'], aliases: { '-s': 'schema', '-f': 'format', '-h': 'help' } });
  if (parsed.flags.has('help')) {
    io.stdout(VALIDATE_USAGE + '\n');
    return EXIT_OK;
  }
  const format = choiceOption(parsed, 'format', ['text', 'json'] as const, 'text');
  const libvirt = choiceOption<LibvirtRelease>(parsed, 'libvirt', LIBVIRT_RELEASES, LIBVIRT_RELEASES[0]);
  const schemaOption = parsed.values.get('schema');
  if (schemaOption !== undefined && !(ROOT_NAMES as readonly string[]).includes(schemaOption)) {
    throw new UsageError(`--schema must be one of ${ROOT_NAMES.join(', ')} (got "${schemaOption}")${didYouMeanValue(schemaOption, ROOT_NAMES)}`);
  }
  if (parsed.operands.length === 0) throw new UsageError('no input: give files, directories or - for standard input');

  const c = palette(format === 'text' && useColour(undefined, io.stdoutIsTTY, io.env ?? process.env));
  const results: FileResult[] = [];
  const { ioFailed } = readEachInput(parsed.operands, io, (input, decoded) => {
    if (decoded.kind === 'undecodable') {
      const fileResult: FileResult = { file: input.name, schema: null, valid: false, diagnostics: [encodingDiagnostic(decoded.error)] };
      results.push(fileResult);
      if (format === 'text') io.stdout(textReport(fileResult, decoded.error.text, c));
      return;
    }
    const result = validate(decoded.text, {
      ...(schemaOption !== undefined ? { schema: schemaOption as RootName } : {}),
      libvirt,
    });
    const fileResult: FileResult = { file: input.name, schema: result.schema ?? null, valid: result.valid, diagnostics: result.diagnostics };
    results.push(fileResult);
    if (format === 'text') io.stdout(textReport(fileResult, decoded.text, c));
  }, { followSymlinks: parsed.flags.has('follow-symlinks') });

  const invalid = results.filter((r) => !r.valid).length;
  if (format === 'json') {
    io.stdout(JSON.stringify({ results }, null, 2) + '\n');
  } else {
    const summary = `${results.length} ${results.length === 1 ? 'file' : 'files'} checked: ${results.length - invalid} valid, ${invalid} invalid`;
    io.stdout(`${invalid > 0 ? c.red(summary) : c.green(summary)}\n`);
  }
  if (ioFailed) return EXIT_USAGE;
  return invalid > 0 ? EXIT_FINDINGS : EXIT_OK;
};

function textReport(r: FileResult, source: string, c: Palette): string {
  if (r.valid && r.diagnostics.length === 0) return '';
  let out = '';
  const lines = new LineMap(source);
  const file = escapeControls(r.file);
  for (const d of r.diagnostics) {
    out += `${c.bold(`${file}:${d.line}:${d.column}`)}: ${d.severity === 'error' ? c.red(d.severity) : c.yellow(d.severity)}: ${d.message} ${c.dim(`[${d.code}]`)}\n`;
    const frame = codeFrame(lines, d.line, d.column);
    if (frame) out += frame + '\n';
  }
  return out;
}

/** Bytes that are not text in the document's encoding, reported as a document that is not well-formed is. */
function encodingDiagnostic(e: XmlEncodingError): Diagnostic {
  return { severity: 'error', code: e.code, message: e.detail, line: e.line, column: e.column, path: '' };
}
