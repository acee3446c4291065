/**
 * `virtxml lint [OPTIONS] [PATH ...]`: libvirt's define-time checks, fleet rules across files and
 * hygiene warnings, in the formats CI systems read.
 *
 * Paths default to the working directory, walked for `*.xml` with `.gitignore` honoured and
 * `node_modules` and `.git` left out; `-` reads standard input. Documents whose element is no
 * libvirt root are skipped and counted. The configuration is `virtxml.config.json`, found
 * upward from the working directory, or `--config FILE`. Exit 0 when clean, 1 on errors (or
 * more warnings than `--max-warnings`), 2 on a usage, configuration or I/O error.
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, settingsFor, type LintConfig } from '../lint/config.js';
import type { DocumentOutcome } from '../lint/engine.js';
import { checkRuleIds, finishLint, rulesFor, type LintResult } from '../lint/lint.js';
import { SYNTAX_RULE_ID } from '../lint/rules/schema.js';
import { decodeXmlBytes } from '../xml/dom/decode.js';
import type { Finding, LintPlugin, Rule, RuleMeta } from '../lint/types.js';
import { choiceOption, integerOption, parseArgs } from './args.js';
import { palette, useColour } from './color.js';
import { displayName, readEachInput, repositoryRoot } from './inputs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './io.js';
import { cacheKey, contentHash, DEFAULT_CACHE_LOCATION, LintCache } from './lint-cache.js';
import { configRelativePath, loadCliConfig, loadPlugins, withCommandLine, type CliConfig } from './lint-config.js';
import { FORMATS, FORMATTERS, type LintReport, type ReportFile } from './lint-format/index.js';
import { writeOutputFile } from './output-file.js';
import { escapeControls } from '../xml/shown.js';
import { realRoots, writeFileAtomic } from './write-atomic.js';
import { migrate } from '../migrate/migrate.js';
import { lintInWorkers, lintJob, PARALLEL_THRESHOLD_BYTES, type LintJob } from './workers.js';
import { packageInfo } from './package-info.js';
import { ruleCatalogue } from './rule-docs.js';

export const LINT_USAGE = `usage: virtxml lint [OPTIONS] [PATH ...]
  PATH                     files or folders (walked for *.xml; .gitignore honoured; node_modules and .git left out);
                           - reads standard input; default: the working directory
  -f, --format FORMAT      ${FORMATS.join(', ')} (default stylish)
  -o, --output FILE        write the report to FILE (atomically) instead of standard output
  -c, --config FILE        the configuration (default: virtxml.config.json in the working directory or above)
      --rule RULE:LEVEL    set a rule to off, warn or error for every file (repeatable)
      --libvirt LIST       the releases documents must be valid for, e.g. 9.0.0,11.3.0 (overrides the configuration)
      --arch ARCH          the architecture of domains that name none (default x86_64)
  -q, --quiet              report errors only
      --max-warnings N     exit 1 when there are more than N warnings (counted with --quiet too)
  -j, --jobs N             worker threads (default: one per CPU for large runs; 1 lints on the main thread)
      --fix                apply the safe fixes of the findings (atomically, as \`virtxml migrate --write\` does: mode, owner
                           and group kept, extended attributes not, no file written through a link to outside the
                           paths given) and report what is left
      --fix-dry-run        work out the fixes without writing them (--format json gives each fixed text as \`output\`)
      --force              with --fix, rewrite read-only files too
      --cache              reuse the outcomes of unchanged files
      --cache-location DIR where the cache lives (default ${DEFAULT_CACHE_LOCATION})
      --print-config FILE  print the settings that apply to FILE and exit
      --stdin-filename NAME  the name standard input is shown and configured as
      --no-gitignore       do not honour .gitignore files
      --follow-symlinks    enter links to folders found in a walk (each folder once); by default they are skipped
      --color, --no-color  force colours on or off (default: on a terminal, unless NO_COLOR is set)
exit status: 0 clean, 1 errors (or too many warnings), 2 usage, configuration or I/O error`;

/** A run's progress line appears once the run has taken this long. */
const PROGRESS_AFTER_MS = 1000;

export const lintCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, {
    values: ['format', 'output', 'config', 'libvirt', 'arch', 'max-warnings', 'jobs', 'cache-location', 'print-config', 'stdin-filename'],
    lists: ['rule'],
    flags: ['help', 'quiet', 'cache', 'color', 'no-color', 'no-gitignore', 'fix', 'fix-dry-run', 'force', 'follow-symlinks'],
    aliases: { '-f': 'format', '-o': 'output', '-c': 'config', '-q': 'quiet', '-j': 'jobs', '-h': 'help' },
  });
  if (parsed.flags.has('help')) {
    io.stdout(LINT_USAGE + '\n');
    return EXIT_OK;
  }
  const format = choiceOption(parsed, 'format', FORMATS, 'stylish');
  const maxWarnings = integerOption(parsed.values.get('max-warnings'), 'max-warnings', -1);
  const jobsOption = parsed.values.get('jobs');
  const jobs = jobsOption === undefined ? undefined : integerOption(jobsOption, 'jobs', 1, 1);
  if (parsed.flags.has('color') && parsed.flags.has('no-color')) throw new UsageError('--color and --no-color cannot be combined');
  const env = io.env ?? process.env;
  const cwd = resolve(io.cwd);

  let cli: CliConfig;
  let plugins: LintPlugin[];
  let config: LintConfig;
  let rules: readonly Rule[];
  try {
    cli = loadCliConfig(cwd, parsed.values.get('config'));
    const merged = withCommandLine(cli.config, { rules: parsed.lists.get('rule'), libvirt: parsed.values.get('libvirt'), arch: parsed.values.get('arch') });
    cli = { ...cli, config: merged };
    plugins = await loadPlugins(merged.plugins ?? []);
    config = { ...merged, plugins };
    rules = rulesFor(config);
    checkRuleIds(config, rules);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }

  const printConfig = parsed.values.get('print-config');
  if (printConfig !== undefined) {
    io.stdout(JSON.stringify(describeSettings(cli, config, rules, resolve(cwd, printConfig)), null, 2) + '\n');
    return EXIT_OK;
  }

  // Inputs: read on this thread (reading is a small part of the cost), linted here or on workers.
  const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
  const stdinName = parsed.values.get('stdin-filename');
  const inputs: LintedInput[] = [];
  const seen = new Set<string>();
  const paths = operands.map((o) => (o === '-' || isAbsolute(o) ? o : resolve(cwd, o)));
  const { ioFailed } = readEachInput(
    paths,
    io,
    (input, decoded) => {
      const path = input.path === undefined ? undefined : resolve(input.path);
      if (path !== undefined) {
        if (seen.has(path)) return;
        seen.add(path);
      }
      const display = path === undefined ? (stdinName ?? '<stdin>') : displayName(cwd, path);
      const file = path === undefined ? (stdinName === undefined ? '<stdin>' : configRelativePath(cli.baseDir, resolve(cwd, stdinName))) : configRelativePath(cli.baseDir, path);
      if (decoded.kind === 'undecodable') {
        const e = decoded.error;
        const finding: Finding = { rule: SYNTAX_RULE_ID, severity: 'error', message: e.detail, path: '', line: e.line, column: e.column, endLine: e.line, endColumn: e.column + 1, offset: -1 };
        inputs.push({ display, path, file, text: e.text, outcome: { file, root: undefined, findings: [finding], suppressions: [], facts: {} }, ignored: false, undecodable: true });
        return;
      }
      inputs.push({ display, path, file, text: decoded.text, outcome: undefined, ignored: settingsFor(config, file) === undefined });
    },
    { gitignore: !parsed.flags.has('no-gitignore'), skipDirectories: ['node_modules', '.git'], followSymlinks: parsed.flags.has('follow-symlinks') },
  );

  // The cache answers for unchanged documents; the rest are linted.
  const cache = parsed.flags.has('cache')
    ? LintCache.open(resolve(cwd, parsed.values.get('cache-location') ?? DEFAULT_CACHE_LOCATION), cacheKey({ baseDir: cli.baseDir, config: cli.config }, rules, cli.config.plugins ?? []))
    : undefined;
  const pending: { index: number; hash: string | undefined }[] = [];
  inputs.forEach((input, index) => {
    if (input.outcome !== undefined || input.ignored) return;
    const hash = cache === undefined ? undefined : contentHash(input.text!);
    const cached = hash === undefined ? undefined : cache!.get(input.file, hash);
    if (cached !== undefined) input.outcome = cached;
    else pending.push({ index, hash });
  });

  const started = Date.now();
  const progress = progressLine(io, pending.length, started);
  const work: LintJob[] = pending.map(({ index }) => ({ file: inputs[index]!.file, text: inputs[index]!.text! }));
  const bytes = work.reduce((n, j) => n + j.text.length, 0);
  // Texts of files are not kept past this point (a big tree's would burden the garbage
  // collector): the few a report quotes are read again. Standard input's cannot be.
  for (const input of inputs) if (input.path !== undefined && !input.undecodable) input.text = undefined;
  const threads = jobs ?? (bytes >= PARALLEL_THRESHOLD_BYTES ? availableParallelism() : 1);
  let workers = 0;
  let outcomes: DocumentOutcome[];
  if (threads > 1 && work.length > 1) {
    workers = Math.min(threads, work.length);
    outcomes = await lintInWorkers(work, cli.config, workers, progress.update);
  } else {
    outcomes = work.map((job, i) => {
      progress.update(i);
      return lintJob(job, config, rules);
    });
  }
  progress.clear();
  pending.forEach(({ index, hash }, k) => {
    inputs[index]!.outcome = outcomes[k];
    if (cache !== undefined && hash !== undefined) cache.set(inputs[index]!.file, hash, outcomes[k]!);
  });
  if (cache !== undefined) {
    try {
      cache.save();
    } catch (e) {
      io.stderr(`virtxml lint: warning: cannot write the cache ${cache.file}: ${(e as Error).message}\n`);
    }
  }

  let result = finishLint(inputs.map((i) => (i.ignored ? { file: i.file, ignored: true as const } : i.outcome!)), rules, config);
  let fixWriteFailed = false;
  if (parsed.flags.has('fix') || parsed.flags.has('fix-dry-run')) {
    const write = parsed.flags.has('fix') && !parsed.flags.has('fix-dry-run');
    // Files reached through a link in a walked folder are fixed only inside what was named.
    const roots = write ? realRoots(paths) : [];
    const outcome = applyFixes(inputs, result, { config, rules, write, force: parsed.flags.has('force'), roots, io });
    fixWriteFailed = outcome.writeFailed;
    if (outcome.fixedFiles > 0) result = finishLint(inputs.map((i) => (i.ignored ? { file: i.file, ignored: true as const } : i.outcome!)), rules, config);
  }
  // --quiet hides warnings; --max-warnings still counts them (as eslint does).
  const warningCount = result.warningCount;
  if (parsed.flags.has('quiet')) result = errorsOnly(result);

  const displayByFile = new Map(inputs.map((i) => [i.file, i.display]));
  const files: ReportFile[] = result.results.map((r, i) => {
    const input = inputs[i]!;
    return {
      file: input.display,
      path: input.path,
      root: r.root,
      ...(r.skipped !== undefined ? { skipped: r.skipped } : {}),
      findings: r.findings.map((f) => (f.related === undefined ? f : { ...f, related: f.related.map((x) => (x.file === undefined ? x : { ...x, file: displayByFile.get(x.file) ?? x.file })) })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      source: () => input.text ?? (input.path === undefined ? undefined : readAgain(io, input.path)),
      ...(input.output !== undefined ? { output: input.output } : {}),
    };
  });
  const output = parsed.values.get('output');
  const colourChoice = parsed.flags.has('color') ? true : parsed.flags.has('no-color') ? false : undefined;
  const report: LintReport = {
    files,
    errorCount: result.errorCount,
    warningCount: result.warningCount,
    rules: new Map(ruleCatalogue(plugins.flatMap((p) => p.rules)).map((m): [string, RuleMeta] => [m.id, m])),
    stats: {
      files: inputs.length,
      linted: work.length,
      cached: cache?.hits ?? 0,
      notLibvirt: result.results.filter((r) => r.skipped === 'not-libvirt').length,
      ignored: result.results.filter((r) => r.skipped === 'ignored').length,
      workers,
    },
    version: packageInfo().version,
    sourceRoot: repositoryRoot(cwd) ?? cwd,
    cwd,
    colour: palette(format === 'stylish' && useColour(colourChoice, output === undefined ? io.stdoutIsTTY : false, env)),
  };
  const text = FORMATTERS[format](report);
  let writeFailed = false;
  if (output !== undefined) {
    try {
      writeOutputFile(resolve(cwd, output), text);
    } catch (e) {
      io.stderr(`virtxml lint: cannot write ${output}: ${(e as Error).message}\n`);
      writeFailed = true;
    }
  } else io.stdout(text);

  const tooManyWarnings = maxWarnings >= 0 && warningCount > maxWarnings;
  if (tooManyWarnings) io.stderr(`virtxml lint: ${warningCount} warnings, more than --max-warnings ${maxWarnings} allows\n`);
  if (ioFailed || writeFailed || fixWriteFailed) return EXIT_USAGE;
  return result.errorCount > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
};

/** A file's text for a code frame, read again; undefined when it cannot be (it changed or went away: no frame then). */
function readAgain(io: CliIO, path: string): string | undefined {
  try {
    const text = io.readUtf8?.(path);
    if (text !== undefined) return text;
    return decodeXmlBytes(io.readFile(path)).text;
  } catch {
    return undefined;
  }
}

/** A file as the command tracks it from reading to report. */
interface LintedInput {
  display: string;
  path: string | undefined;
  file: string;
  /** Dropped after linting (read again for code frames), except standard input's and fixed texts. */
  text: string | undefined;
  outcome: DocumentOutcome | undefined;
  ignored: boolean;
  undecodable?: true;
  /** The text after `--fix` / `--fix-dry-run`, when the fixes changed it. */
  output?: string;
}

/**
 * `--fix` and `--fix-dry-run`: each file's fixes applied under migrate's guard (a fix whose
 * result is invalid or worse is left out), only for the rules whose findings the report shows,
 * then the file linted again so the report lists what is left.
 */
function applyFixes(
  inputs: LintedInput[],
  result: LintResult,
  options: { config: LintConfig; rules: readonly Rule[]; write: boolean; force: boolean; roots: readonly string[]; io: CliIO },
): { fixedFiles: number; writeFailed: boolean } {
  let fixedFiles = 0;
  let writeFailed = false;
  result.results.forEach((r, i) => {
    const input = inputs[i]!;
    const ids = [...new Set(r.findings.filter((f) => f.fix !== undefined).map((f) => f.rule))];
    if (ids.length === 0 || input.undecodable) return;
    const text = input.text ?? (input.path === undefined ? undefined : readAgain(options.io, input.path));
    if (text === undefined) return;
    const migrated = migrate(text, { config: options.config, file: input.file, only: ids });
    if (!migrated.changed) return;
    if (options.write && input.path !== undefined) {
      try {
        writeFileAtomic(input.path, migrated.xml, { expected: text, force: options.force, roots: options.roots });
      } catch (e) {
        options.io.stderr(`${escapeControls(input.display)}: error: cannot write the fixes: ${(e as Error).message}\n`);
        writeFailed = true;
        return;
      }
    }
    fixedFiles++;
    input.text = migrated.xml;
    input.output = migrated.xml;
    input.outcome = lintJob({ file: input.file, text: migrated.xml }, options.config, options.rules);
  });
  return { fixedFiles, writeFailed };
}

/** The result without warnings (`--quiet`). */
function errorsOnly(result: LintResult): LintResult {
  const results = result.results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error'), warningCount: 0 }));
  return { results, errorCount: result.errorCount, warningCount: 0 };
}

/** `--print-config FILE`: what applies to one file, every rule with its level. */
function describeSettings(cli: CliConfig, config: LintConfig, rules: readonly Rule[], path: string): unknown {
  const file = configRelativePath(cli.baseDir, path);
  const settings = settingsFor(config, file);
  const base = { file, config: cli.file ?? null, plugins: cli.config.plugins ?? [] };
  if (settings === undefined) return { ...base, ignored: true };
  const ruleLevels: Record<string, unknown> = {};
  for (const rule of rules) {
    const { level, options } = settings.levelOf(rule);
    ruleLevels[rule.meta.id] = Object.keys(options).length > 0 ? [level, options] : level;
  }
  return { ...base, ignored: false, libvirt: settings.releases, arch: settings.arch, rules: ruleLevels };
}

/**
 * The progress line on standard error: only on a terminal, only once the run has taken a
 * second, redrawn at most ten times a second, and erased before the report.
 */
export function progressLine(io: Pick<CliIO, 'stderr' | 'stderrIsTTY'>, total: number, started: number, clock: () => number = Date.now): { update: (done: number) => void; clear: () => void } {
  if (io.stderrIsTTY !== true || total === 0) return { update: () => {}, clear: () => {} };
  let shown = false;
  let last = 0;
  return {
    update(done) {
      const now = clock();
      if (now - started < PROGRESS_AFTER_MS || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r\u001b[Kvirtxml lint: ${done}/${total} files (${Math.floor((done / total) * 100)}%)`);
    },
    clear() {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}
