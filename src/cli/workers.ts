/**
 * Linting and migrating on worker threads (`virtxml lint --jobs N`, `virtxml migrate --jobs N`).
 * Each worker loads this same module — in the package that is the built CLI's code in dist/, from
 * the sources it goes through tsx — with the configuration as plain JSON and the task, loads the
 * plugins itself, and works through the batches of documents the main thread hands out as workers
 * fall idle. Outcomes come back as JSON text; the main thread puts them back in input order (lint
 * then runs fleet rules and suppressions over all of them), so the output is the same whatever the
 * number of workers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { settingsFor, type LintConfig } from '../lint/config.js';
import { lintDocument, type DocumentOutcome } from '../lint/engine.js';
import { rulesFor } from '../lint/lint.js';
import type { Rule } from '../lint/types.js';
import { migrate, type MigrateOptions, type MigrateResult } from '../migrate/migrate.js';
import { loadPlugins } from './lint-config.js';

/** One document to lint or migrate: its text and its path from the configuration's folder. */
export interface LintJob {
  readonly file: string;
  readonly text: string;
}

/** Below this many bytes of input, starting threads costs more than it saves. */
export const PARALLEL_THRESHOLD_BYTES = 512 * 1024;

/** What the workers do with each document. */
export type WorkerTask =
  | { readonly kind: 'lint' }
  | { readonly kind: 'migrate'; readonly options: Pick<MigrateOptions, 'only' | 'skip' | 'to'> };

type OutcomeOf<T extends WorkerTask> = T extends { kind: 'lint' } ? DocumentOutcome : MigrateResult;

/** Marks a worker started by {@link runInWorkers} (a process may start other workers). */
const WORKER_MARK = 'virtxmlWorker';

/** The configuration with plugins as absolute module paths. */
type PlainConfig = LintConfig & { readonly plugins?: readonly string[] };

interface WorkerSetup {
  readonly [WORKER_MARK]: true;
  readonly config: PlainConfig;
  readonly task: WorkerTask;
}

type BatchMessage = { readonly batch: number; readonly jobs: readonly LintJob[] };
/** What a worker answers, as JSON text. */
type ReplyMessage = { readonly batch: number; readonly outcomes: unknown[] } | { readonly error: string };

/** Lints one document with the rules in force; `file` must not be ignored by the configuration. */
export function lintJob(job: LintJob, config: LintConfig, rules: readonly Rule[]): DocumentOutcome {
  const settings = settingsFor(config, job.file);
  if (settings === undefined) throw new Error(`${job.file} is ignored by the configuration and cannot be linted`);
  return lintDocument(job.text, job.file, settings, rules);
}

/** Migrates one document with the configuration's rules (plugins loaded). */
export function migrateJob(job: LintJob, config: LintConfig, options: Pick<MigrateOptions, 'only' | 'skip' | 'to'>): MigrateResult {
  return migrate(job.text, { ...options, config, file: job.file });
}

/**
 * Lints `jobs` on `workers` threads; outcomes in the order of `jobs`. `onProgress` hears how many
 * are done after each batch.
 */
export function lintInWorkers(jobs: readonly LintJob[], config: PlainConfig, workers: number, onProgress?: (done: number) => void): Promise<DocumentOutcome[]> {
  return runInWorkers({ kind: 'lint' }, jobs, config, workers, { onProgress });
}

export interface WorkerListeners<O> {
  /** How many jobs are done, after each batch. */
  readonly onProgress?: (done: number) => void;
  /**
   * Each outcome as soon as it and all before it are known, in the order of the jobs: a caller
   * can print results while later ones are still being worked on.
   */
  readonly onOutcome?: (index: number, outcome: O) => void;
}

/** Runs `task` over `jobs` on `workers` threads; outcomes in the order of `jobs`. */
export async function runInWorkers<T extends WorkerTask>(
  task: T,
  jobs: readonly LintJob[],
  config: PlainConfig,
  workers: number,
  listeners: WorkerListeners<OutcomeOf<T>> = {},
): Promise<OutcomeOf<T>[]> {
  const { onProgress, onOutcome } = listeners;
  const outcomes: OutcomeOf<T>[] = new Array(jobs.length);
  const known: boolean[] = new Array(jobs.length).fill(false);
  let flushed = 0;
  if (jobs.length === 0) return outcomes;
  const count = Math.max(1, Math.min(workers, jobs.length));
  // Batches small enough that the threads finish together, large enough that messages stay few.
  const size = Math.max(1, Math.min(64, Math.ceil(jobs.length / (count * 8))));
  const batches: { start: number; end: number }[] = [];
  for (let start = 0; start < jobs.length; start += size) batches.push({ start, end: Math.min(jobs.length, start + size) });
  let next = 0;
  let done = 0;
  const threads: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      let finishedBatches = 0;
      const fail = (e: Error): void => {
        if (settled) return;
        settled = true;
        reject(e);
      };
      const feed = (worker: Worker): void => {
        if (next >= batches.length) return;
        const index = next++;
        const { start, end } = batches[index]!;
        worker.postMessage({ batch: index, jobs: jobs.slice(start, end) } satisfies BatchMessage);
      };
      for (let i = 0; i < count; i++) {
        const worker = startWorker({ [WORKER_MARK]: true, config, task });
        threads.push(worker);
        worker.on('message', (text: string) => {
          const reply = JSON.parse(text) as ReplyMessage;
          if ('error' in reply) return fail(new Error(reply.error));
          const { start } = batches[reply.batch]!;
          reply.outcomes.forEach((o, k) => {
            outcomes[start + k] = o as OutcomeOf<T>;
            known[start + k] = true;
          });
          while (flushed < jobs.length && known[flushed]) {
            onOutcome?.(flushed, outcomes[flushed]!);
            flushed++;
          }
          done += reply.outcomes.length;
          onProgress?.(done);
          finishedBatches++;
          if (finishedBatches === batches.length) {
            settled = true;
            resolve();
          } else feed(worker);
        });
        worker.on('error', (e) => fail(e));
        worker.on('exit', (code) => {
          if (!settled) fail(new Error(`a worker thread stopped (exit code ${code}) before its work was done`));
        });
        // Two batches in flight per worker: it never waits for the main thread between them.
        feed(worker);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return outcomes;
}

/** A worker running this module: the built file itself, or the TypeScript source through tsx. */
function startWorker(setup: WorkerSetup): Worker {
  const self = new URL(import.meta.url);
  if (!/\.[cm]?ts$/.test(self.pathname)) return new Worker(self, { workerData: setup });
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then((m) => { m.register(); return import(${JSON.stringify(self.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

/** tsx's ES-module API (a dev dependency: only the sources need it), as a file URL. */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
}

/** The worker's side: load the plugins, then work through each batch as it comes. */
function serve(setup: WorkerSetup): void {
  const port = parentPort!;
  const ready = (async () => {
    const plugins = await loadPlugins(setup.config.plugins ?? []);
    const config: LintConfig = { ...setup.config, plugins };
    return { config, rules: rulesFor(config) };
  })();
  port.on('message', (message: BatchMessage) => {
    ready.then(
      ({ config, rules }) => {
        const task = setup.task;
        const outcomes = message.jobs.map((job) => (task.kind === 'lint' ? lintJob(job, config, rules) : migrateJob(job, config, task.options)));
        port.postMessage(JSON.stringify({ batch: message.batch, outcomes } satisfies ReplyMessage));
      },
      (e: unknown) => port.postMessage(JSON.stringify({ error: (e as Error).message ?? String(e) } satisfies ReplyMessage)),
    ).catch((e: unknown) => port.postMessage(JSON.stringify({ error: (e as Error).message ?? String(e) } satisfies ReplyMessage)));
  });
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.[WORKER_MARK] === true) serve(workerData as WorkerSetup);
