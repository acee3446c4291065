/** Shapes shared by the bench modules: options, row definitions, samples and results. */
import type { LintVariant } from './lint.js';
import type { ExternalTool } from './tools.js';
import type { WorkloadName } from './worker.js';

/** A failure that makes the measurements meaningless: reported, then exit 1. */
export class BenchFailure extends Error {}

export interface Options {
  readonly runs: number;
  readonly scales: readonly number[];
  readonly only: ReadonlySet<string> | undefined;
  readonly profile: boolean;
  readonly releaseDir: string;
  /** Measure this commit's code instead of the working tree. */
  readonly commit: string | undefined;
}

export type RowKind = 'worker' | 'cli' | 'external' | 'lint';

export interface RowSpec {
  readonly id: string;
  readonly label: string;
  readonly kind: RowKind;
  readonly workload?: WorkloadName;
  readonly tool?: ExternalTool;
  /** Which `virtxml lint` run a lint row is (bench/lint.ts). */
  readonly lint?: LintVariant;
  /** The scales the row is measured at, when not all of them. */
  readonly scales?: readonly number[];
  /** Validation rows are timed as whole processes; parse/format rows by the loop inside. */
  readonly timing: 'process' | 'in-process';
  /** Why the row cannot run, shown instead of numbers (a missing tool, the model not built). */
  readonly unavailable?: string;
}

export interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number | undefined;
  readonly maxRssKiB: number | undefined;
  readonly workMs: number | undefined;
  readonly workCpuMs: number | undefined;
  /** First pass over the corpus, and the median of the later passes (in-process timing only). */
  readonly firstRoundMs: number | undefined;
  readonly laterRoundMs: number | undefined;
  readonly processes: number;
}

export interface RowResult {
  readonly id: string;
  readonly label: string;
  readonly scale: number;
  readonly documents: number;
  readonly bytes: number;
  readonly timing: RowSpec['timing'];
  readonly samples: Sample[];
  readonly wallMs: number;
  readonly cpuMs: number | undefined;
  readonly workMs: number | undefined;
  readonly workCpuMs: number | undefined;
  readonly firstRoundMs: number | undefined;
  readonly laterRoundMs: number | undefined;
  /** The highest peak RSS over the runs. */
  readonly maxRssKiB: number | undefined;
  readonly megabytesPerSecond: number;
  /** The same over CPU time (whole process for validation rows, the timed loop otherwise). */
  readonly megabytesPerCpuSecond: number | undefined;
  /** Median cost at this scale divided by the median cost at 1×. */
  costVsOne: number | undefined;
  cpuCostVsOne: number | undefined;
  readonly notes: string[];
}

export interface Measured {
  readonly results: RowResult[];
  readonly unavailable: { id: string; label: string; reason: string }[];
  /** Rows dropped because a run gave a wrong result: the bench exits non-zero. */
  readonly failures: { id: string; label: string; scale: number; message: string }[];
}

export interface MarginalCost {
  readonly id: string;
  readonly label: string;
  readonly fixedMs: number;
  readonly perCorpusMs: number;
  readonly steadyMegabytesPerSecond: number;
  readonly fixedCpuMs: number | undefined;
  readonly perCorpusCpuMs: number | undefined;
  readonly steadyMegabytesPerCpuSecond: number | undefined;
}

export interface Startup {
  readonly nodeBootMs: number;
  readonly grammar: {
    bootMs: number;
    importMs: number;
    grammarMs: number;
    loadMs: number;
    importCpuMs: number;
    loadCpuMs: number;
    firstDocumentMs: number;
    otherRootsMs: number;
    otherRoots: number;
    processMs: number;
    patterns: number;
  };
  readonly smallFile: { path: string; bytes: number; wallMs: number; maxRssKiB: number | undefined };
}

export interface TargetResult {
  readonly target: string;
  readonly measured: string;
  /** undefined: not measured in this invocation. */
  readonly pass: boolean | undefined;
}

export interface Machine {
  readonly nproc: number;
  readonly cpu: string;
  readonly node: string;
  readonly loadAverageBefore: number | undefined;
  readonly loadAverageAfter: number | undefined;
}
