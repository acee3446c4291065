/**
 * `--format gitlab`: a GitLab Code Quality report (`artifacts: reports: codequality`), which
 * merge requests show beside the changed lines. Errors are `major`, warnings `minor`.
 */
import { ciPath, fingerprints } from './locations.js';
import type { Formatter } from './types.js';

export const gitlab: Formatter = (report) => {
  const issues: unknown[] = [];
  for (const file of report.files) {
    const path = ciPath(report, file);
    const prints = fingerprints(path, file.findings);
    file.findings.forEach((f, i) => {
      issues.push({
        type: 'issue',
        description: `${f.message} [${f.rule}]`,
        check_name: f.rule,
        fingerprint: prints[i],
        severity: f.severity === 'error' ? 'major' : 'minor',
        categories: [f.rule === 'schema' || f.rule === 'syntax' ? 'Compatibility' : report.rules.get(f.rule)?.category === 'hygiene' ? 'Style' : 'Bug Risk'],
        location: { path, lines: { begin: Math.max(1, f.line), end: Math.max(1, f.line, f.endLine) } },
      });
    });
  }
  return JSON.stringify(issues, null, 2) + '\n';
};
