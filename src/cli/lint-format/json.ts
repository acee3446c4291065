/** `--format json`: the whole result, one object, every finding with `fixable`. */
import { publicFinding, type Formatter } from './types.js';

export const json: Formatter = (report) => {
  const results = report.files.map((f) => ({
    file: f.file,
    root: f.root ?? null,
    ...(f.skipped !== undefined ? { skipped: f.skipped } : {}),
    errorCount: f.errorCount,
    warningCount: f.warningCount,
    findings: f.findings.map(publicFinding),
    ...(f.output !== undefined ? { output: f.output } : {}),
  }));
  const fixable = report.files.reduce((n, f) => n + f.findings.filter((x) => x.fix !== undefined).length, 0);
  return JSON.stringify({ results, errorCount: report.errorCount, warningCount: report.warningCount, fixableCount: fixable, stats: report.stats }, null, 2) + '\n';
};
