#!/usr/bin/env node
/** Entry point of the `virtxml` executable. */
import { EXIT_USAGE } from './io.js';
import { tuneJitForShortRuns } from './jit-tuning.js';
import { outputWriteFailure, processIO, runCli } from './main.js';

// Before any command runs: V8 reads the flag when it optimises a function.
tuneJitForShortRuns(process.execArgv);

runCli(process.argv.slice(2), processIO).then(
  (code) => {
    process.exitCode = code;
    // Output that could not be written arrives as an error event after the command returns.
    process.once('beforeExit', () => {
      const failure = outputWriteFailure();
      if (failure === undefined) return;
      process.stderr.write(`virtxml: cannot write output: ${failure}\n`);
      process.exitCode = EXIT_USAGE;
    });
  },
  (e: unknown) => {
    process.stderr.write(`virtxml: ${(e as Error).message}\n`);
    process.exitCode = 70;
  },
);
