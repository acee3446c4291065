/**
 * `--format stylish` (the default): findings grouped by file as eslint prints them, each with a
 * frame of the source under it, and a summary that also counts the files left out. File names and
 * messages have their control characters escaped (a file named `a\nb.xml` cannot print a line).
 */
import { LineMap } from '../../xml/dom/line-map.js';
import { escapeControls } from '../../xml/shown.js';
import { codeFrame } from '../code-frame.js';
import { plural, type Formatter, type LintReport } from './types.js';

export const stylish: Formatter = (report) => {
  const c = report.colour;
  let out = '';
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out += `${c.underline(escapeControls(file.file))}\n`;
    const source = file.source();
    const lines = source === undefined ? undefined : new LineMap(source);
    const width = Math.max(...file.findings.map((f) => `${f.line}:${f.column}`.length));
    for (const f of file.findings) {
      const at = `${f.line}:${f.column}`.padEnd(width);
      const severity = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      out += `  ${c.dim(at)}  ${severity}  ${escapeControls(f.message)}  ${c.dim(f.rule)}\n`;
      if (lines !== undefined && f.line > 0) {
        const frame = codeFrame(lines, f.line, f.column);
        if (frame !== '') out += frame.split('\n').map((l) => `  ${c.dim(l)}`).join('\n') + '\n';
      }
      for (const r of f.related ?? []) {
        const where = r.file !== undefined && r.file !== file.file ? `${r.file}:${r.line}:${r.column}` : `${r.line}:${r.column}`;
        out += `    ${c.dim(`↳ ${escapeControls(where)}`)} ${escapeControls(r.message)}\n`;
      }
    }
    out += '\n';
  }
  out += summary(report);
  return out;
};

function summary(report: LintReport): string {
  const c = report.colour;
  const problems = report.errorCount + report.warningCount;
  let out = '';
  if (problems > 0) {
    const text = `✖ ${plural(problems, 'problem')} (${plural(report.errorCount, 'error')}, ${plural(report.warningCount, 'warning')})`;
    out += `${c.bold(report.errorCount > 0 ? c.red(text) : c.yellow(text))}\n`;
    const fixable = report.files.reduce((n, f) => n + f.findings.filter((x) => x.fix !== undefined).length, 0);
    if (fixable > 0) out += `  ${plural(fixable, 'finding has', 'findings have')} a safe fix (listed by --format json)\n`;
  }
  const s = report.stats;
  const linted = s.files - s.notLibvirt - s.ignored;
  const skipped: string[] = [];
  if (s.notLibvirt > 0) skipped.push(`${s.notLibvirt} not libvirt XML`);
  if (s.ignored > 0) skipped.push(`${s.ignored} ignored by the configuration`);
  const counts = `${plural(linted, 'file')} linted${skipped.length > 0 ? `, ${s.notLibvirt + s.ignored} skipped (${skipped.join(', ')})` : ''}`;
  out += problems === 0 ? `${c.green('✔')} ${counts}: no problems\n` : `${counts}\n`;
  return out;
}
