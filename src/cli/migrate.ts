/**
 * `virtxml migrate [OPTIONS] [PATH ...]`: the upgrades libvirt itself would make to legacy forms
 * and runtime state, shown as a unified diff per file, or applied with `--write`.
 *
 * Files are found, configured and read as `virtxml lint` finds them. Only what a rule changes is
 * changed; a file with nothing to migrate is never rewritten. `--check` exits 1 when anything
 * would change (for CI). Rules that need knowledge of the host are listed, never applied.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, settingsFor, type LintConfig } from '../lint/config.js';
import { rulesFor } from '../lint/lint.js';
import { LIBVIRT_RELEASES, type LibvirtRelease } from '../model/generated/grammar/index.js';
import { migrationRules, type MigrateResult, type MigrationChange } from '../migrate/migrate.js';
import { unifiedDiff } from '../text/unified-diff.js';
import { choiceOption, integerOption, parseArgs } from './args.js';
import { palette, useColour, type Palette } from './color.js';
import { displayName, ioMessage, readEachInput } from './inputs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './io.js';
import { configRelativePath, loadCliConfig, loadPlugins, withCommandLine } from './lint-config.js';
import { migrateJob, PARALLEL_THRESHOLD_BYTES, runInWorkers } from './workers.js';
import { escapeControls } from '../xml/shown.js';
import { realRoots, writeFileAtomic } from './write-atomic.js';

export const MIGRATE_USAGE = `usage: virtxml migrate [OPTIONS] [PATH ...]
  PATH                 files or folders, found as virtxml lint finds them; - reads standard input;
                       default: the working directory
  -w, --write          rewrite changed files in place (atomically; unchanged files are not touched; mode, owner
                       and group kept, extended attributes not; a file reached through a link to outside the
                       paths given is refused)
      --backup         with --write, keep the original as FILE.orig
      --check          change nothing; exit 1 when any file would change
      --only RULES     only these rules (comma-separated ids)
      --skip RULES     not these rules
      --to RELEASE     the oldest libvirt release the result must stay valid for (${LIBVIRT_RELEASES.join(', ')})
  -f, --format FORMAT  text (default: a unified diff per file) or json
  -c, --config FILE    the configuration (default: virtxml.config.json in the working directory or above)
  -j, --jobs N         worker threads (default: the main thread, each file reported as soon as it is done,
                       then one thread per CPU for the rest once 512 KiB have been read; 1: the main thread only)
      --force          with --write, rewrite read-only files too
      --no-gitignore   do not honour .gitignore files
      --stdin-filename NAME  the name standard input is shown and configured as (its overrides and ignore globs apply)
      --follow-symlinks  enter links to folders found in a walk (each folder once); by default they are skipped
      --color, --no-color  force colours on or off (default: on a terminal, unless NO_COLOR is set)
exit status: 0 done (or nothing to change), 1 with --check when a file would change, or when a fix was refused as unsafe,
2 usage, configuration or I/O error`;

/** A document read for migration. */
interface MigrateInput {
  readonly display: string;
  readonly path: string | undefined;
  /** Its path from the configuration's folder. */
  readonly file: string;
  readonly text: string;
  readonly encoding: string;
}

interface FileOutcome {
  readonly file: string;
  readonly changed: boolean;
  readonly written: boolean;
  readonly changes: readonly MigrationChange[];
  readonly error?: string;
}

export const migrateCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, {
    values: ['only', 'skip', 'to', 'format', 'config', 'jobs', 'stdin-filename'],
    flags: ['help', 'write', 'check', 'backup', 'force', 'color', 'no-color', 'follow-symlinks', 'no-gitignore'],
    aliases: { '-w': 'write', '-f': 'format', '-c': 'config', '-j': 'jobs', '-h': 'help' },
  });
  if (parsed.flags.has('help')) {
    io.stdout(MIGRATE_USAGE + '\n');
    return EXIT_OK;
  }
  const format = choiceOption(parsed, 'format', ['text', 'json'] as const, 'text');
  const write = parsed.flags.has('write');
  const check = parsed.flags.has('check');
  if (write && check) throw new UsageError('--write and --check cannot be combined');
  if (parsed.flags.has('backup') && !write) throw new UsageError('--backup goes with --write');
  const to = parsed.values.get('to') === undefined ? undefined : choiceOption<LibvirtRelease>(parsed, 'to', LIBVIRT_RELEASES, LIBVIRT_RELEASES[0]);
  const cwd = resolve(io.cwd);

  let config: LintConfig;
  let baseDir: string;
  // The configuration as JSON (plugins as module paths) for worker threads, and with plugins loaded.
  let plainConfig: ReturnType<typeof withCommandLine>;
  try {
    const cli = loadCliConfig(cwd, parsed.values.get('config'));
    baseDir = cli.baseDir;
    plainConfig = withCommandLine(cli.config, {});
    config = { ...plainConfig, plugins: await loadPlugins(plainConfig.plugins ?? []) };
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  const known = new Set(migrationRules(rulesFor(config)).map((r) => r.meta.id));
  const idList = (name: 'only' | 'skip'): string[] | undefined => {
    const v = parsed.values.get(name);
    if (v === undefined) return undefined;
    const ids = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UsageError(`--${name}: ${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length > 1 ? 'are not migration rules' : 'is not a migration rule'}; \`virtxml rules\` lists those marked fixable or legacy`);
    return ids;
  };
  const only = idList('only');
  const skip = idList('skip');

  const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
  if (write && operands.includes('-')) throw new UsageError('--write cannot rewrite standard input');
  const colours = palette(format === 'text' && useColour(parsed.flags.has('color') ? true : parsed.flags.has('no-color') ? false : undefined, io.stdoutIsTTY, io.env ?? process.env));
  const outcomes: FileOutcome[] = [];
  let failed = false;
  const stdinName = parsed.values.get('stdin-filename');
  const jobsOption = parsed.values.get('jobs');
  const threadsAsked = jobsOption === undefined ? undefined : integerOption(jobsOption, 'jobs', 1, 1);
  const options = { ...(only ? { only } : {}), ...(skip ? { skip } : {}), ...(to ? { to } : {}) };
  const paths = operands.map((o) => (o === '-' || isAbsolute(o) ? o : resolve(cwd, o)));
  // Files reached through a link in a walked folder are written only inside what was named.
  const roots = write ? realRoots(paths) : [];

  /** Writes (with --write) and reports one file's migration. */
  const finish = (doc: MigrateInput, result: MigrateResult): void => {
    let written = false;
    let error: string | undefined;
    if (result.changed && doc.encoding !== 'UTF-8' && doc.encoding !== 'US-ASCII') {
      error = `the document is in ${doc.encoding}; migrate writes UTF-8 only, so the file is left as it is`;
    } else if (result.changed && write && doc.path !== undefined) {
      try {
        const backup = parsed.flags.has('backup') ? { backup: `${doc.path}.orig` } : {};
        writeFileAtomic(doc.path, result.xml, { expected: doc.text, force: parsed.flags.has('force'), roots, ...backup });
        written = true;
      } catch (e) {
        error = `cannot write: ${(e as Error).message ?? ioMessage(e)}`;
      }
    }
    if (error !== undefined) failed = true;
    const outcome: FileOutcome = { file: doc.display, changed: result.changed, written, changes: result.changes, ...(error !== undefined ? { error } : {}) };
    outcomes.push(outcome);
    const shown = escapeControls(doc.display);
    if (format === 'text') io.stdout(textReport({ ...outcome, file: shown }, doc.text, result.xml, write || check, colours));
    if (error !== undefined) io.stderr(`${shown}: error: ${error}\n`);
  };

  // Files are migrated on this thread as they are read, each reported at once, while the run is
  // small (or --jobs 1). Once the input read passes the size at which threads pay (or with
  // --jobs N > 1 from the start), the rest are read first, shared among worker threads, and
  // reported in order as their results come back.
  const queued: MigrateInput[] = [];
  let workers = 0;
  let bytesRead = 0;
  const { ioFailed } = readEachInput(
    paths,
    io,
    (input, decoded) => {
      const display = input.path === undefined ? (stdinName ?? '<stdin>') : displayName(cwd, input.path);
      const file = input.path === undefined ? (stdinName === undefined ? '<stdin>' : configRelativePath(baseDir, resolve(cwd, stdinName))) : configRelativePath(baseDir, resolve(input.path));
      if (settingsFor(config, file) === undefined) return;
      if (decoded.kind === 'undecodable') {
        io.stderr(`${escapeControls(display)}:${decoded.error.line}:${decoded.error.column}: error: ${decoded.error.detail}\n`);
        failed = true;
        return;
      }
      const doc: MigrateInput = { display, path: input.path, file, text: decoded.text, encoding: decoded.encoding };
      bytesRead += doc.text.length;
      const onThisThread = threadsAsked === 1 || (threadsAsked === undefined && queued.length === 0 && bytesRead < PARALLEL_THRESHOLD_BYTES);
      if (onThisThread) finish(doc, migrateJob(doc, config, options));
      else queued.push(doc);
    },
    { gitignore: !parsed.flags.has('no-gitignore'), skipDirectories: ['node_modules', '.git'], followSymlinks: parsed.flags.has('follow-symlinks') },
  );
  if (queued.length > 0) {
    const threads = Math.min(threadsAsked ?? availableParallelism(), queued.length);
    if (threads > 1) {
      workers = threads;
      await runInWorkers({ kind: 'migrate', options }, queued.map((d) => ({ file: d.file, text: d.text })), plainConfig, threads, {
        onOutcome: (index, result) => finish(queued[index]!, result),
      });
    } else {
      for (const doc of queued) finish(doc, migrateJob(doc, config, options));
    }
  }

  const changedFiles = outcomes.filter((o) => o.changed);
  const unsafe = outcomes.flatMap((o) => o.changes.filter((c) => c.reason === 'unsafe'));
  const reportOnly = outcomes.reduce((n, o) => n + o.changes.filter((c) => c.reason === 'report-only').length, 0);
  const tooNew = outcomes.reduce((n, o) => n + o.changes.filter((c) => c.reason === 'too-new').length, 0);
  if (format === 'json') {
    io.stdout(JSON.stringify({ results: outcomes, stats: { files: outcomes.length, changed: changedFiles.length, workers } }, null, 2) + '\n');
  } else {
    const verb = write ? 'migrated' : 'would change';
    io.stdout(`${outcomes.length} ${outcomes.length === 1 ? 'file' : 'files'} checked: ${changedFiles.length} ${verb}${reportOnly > 0 ? `; ${reportOnly} ${reportOnly === 1 ? 'form needs' : 'forms need'} a decision (listed above)` : ''}${tooNew > 0 ? `; ${tooNew} ${tooNew === 1 ? 'form' : 'forms'} kept for an older release` : ''}${unsafe.length > 0 ? `; ${unsafe.length} unsafe ${unsafe.length === 1 ? 'fix' : 'fixes'} refused` : ''}\n`);
  }
  if (ioFailed || failed) return EXIT_USAGE;
  if (unsafe.length > 0 || (check && changedFiles.length > 0)) return EXIT_FINDINGS;
  return EXIT_OK;
};

/** A file's notes and diff; `o.file` is the name as printed (control characters escaped). */
function textReport(o: FileOutcome, before: string, after: string, quiet: boolean, c: Palette): string {
  let out = '';
  for (const ch of o.changes) {
    if (ch.applied) continue;
    const what = ch.reason === 'unsafe' ? c.red('error') : c.yellow('note');
    const tail = ch.reason === 'unsafe'
      ? ' (the fix was refused: its result would be worse; please report this)'
      : ch.reason === 'too-new' ? ` (left as it is: libvirt ${ch.release}'s grammar lacks the current form, and the result must stay valid for it)` : '';
    out += `${o.file}:${ch.line}:${ch.column}: ${what}: ${escapeControls(ch.message)}${tail} [${ch.rule}]\n`;
  }
  if (!o.changed) return out;
  if (quiet) return out + `${o.file}: ${o.written ? 'migrated' : 'would change'} (${o.changes.filter((ch) => ch.applied).map((ch) => ch.rule).filter((r, i, a) => a.indexOf(r) === i).join(', ')})\n`;
  const diff = unifiedDiff(before, after, { fromName: `a/${o.file}`, toName: `b/${o.file}` });
  return out + diff.split('\n').map((line) => (line.startsWith('+') && !line.startsWith('+++') ? c.green(line) : line.startsWith('-') && !line.startsWith('---') ? c.red(line) : line.startsWith('@@') ? c.dim(line) : line)).join('\n');
}
