#!/usr/bin/env node
/** Entry point of the `virtxml` executable. */
import { processIO, runCli } from './main.js';

runCli(process.argv.slice(2), processIO).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`virtxml: ${(e as Error).message}\n`);
    process.exitCode = 70;
  },
);
