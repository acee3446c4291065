/**
 * `--format github`: GitHub Actions workflow commands, one per finding, which the run's log and
 * the pull request's diff show as annotations:
 * `::error file=vms/web01.xml,line=12,col=7,endLine=12,endColumn=20,title=duplicate-disk-target::…`.
 */
import { ciPath } from './locations.js';
import type { Formatter } from './types.js';

export const github: Formatter = (report) => {
  let out = '';
  for (const file of report.files) {
    const path = ciPath(report, file);
    for (const f of file.findings) {
      const props = [
        `file=${property(path)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${Math.max(f.line, f.endLine)}`,
        `endColumn=${f.endColumn}`,
        `title=${property(f.rule)}`,
      ];
      out += `::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${data(f.message)}\n`;
    }
  }
  return out;
};

/** A command's message: `%`, CR and LF escaped. */
export function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: also `:` and `,`, which end a value. */
export function property(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
