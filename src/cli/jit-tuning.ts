/**
 * V8 tuning for the `virtxml` executable, applied before any command runs.
 *
 * A CLI run is short: validating libvirt's whole corpus (3473 files) takes about half a second,
 * most of it before V8 has optimised the reader and the derivative code. On two CPUs, V8's
 * optimising compiler then has a queue of about 0.8 s of work, most of it from inlining
 * medium-sized functions into large ones, so the hot code is optimised late. Inlining only
 * small callees halves that queue: the first pass over the corpus takes about 23 % less time,
 * and a later pass about 9 % more (docs/decisions.md, docs/performance.md). The library
 * changes nothing: a process that imports it keeps Node's settings.
 */
import { setFlagsFromString } from 'node:v8';

/** Callees up to this many bytes of bytecode are still inlined (V8's default is 460). */
export const CLI_MAX_INLINED_BYTECODE_SIZE = 60;

/** Whether the process was started with an inlining flag of its own, which then wins. */
export function hasOwnInliningFlag(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => /^--(no-)?(max-inlined-bytecode-size|turbo-inlining)/.test(arg.replace(/_/g, '-')));
}

/** Applies the CLI's tuning unless the process has its own; a runtime without the flag ignores it. */
export function tuneJitForShortRuns(execArgv: readonly string[]): boolean {
  if (hasOwnInliningFlag(execArgv)) return false;
  try {
    setFlagsFromString(`--max-inlined-bytecode-size=${CLI_MAX_INLINED_BYTECODE_SIZE}`);
    return true;
  } catch {
    return false;
  }
}
