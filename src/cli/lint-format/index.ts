/** The output formats of `virtxml lint`, one module each. */
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const;
export type FormatName = (typeof FORMATS)[number];

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = { stylish, json, sarif, junit, github, gitlab };

export type { Formatter, LintReport, ReportFile, RunStats } from './types.js';
