/**
 * `--format junit`: one `<testsuite>` per file, one `<testcase>` per finding (a `<failure>`), one
 * passing test case for a file without findings and a skipped one for a file left out. Names are
 * unique within a suite and `classname` is set, as GitLab's test reports and Jenkins read them.
 */
import { ciPath } from './locations.js';
import type { Formatter } from './types.js';

export const junit: Formatter = (report) => {
  let tests = 0;
  let failures = 0;
  let skippedTotal = 0;
  const suites: string[] = [];
  for (const file of report.files) {
    const path = ciPath(report, file);
    const classname = `virtxml.${path.replace(/\.xml$/i, '').replace(/[/\\]+/g, '.').replace(/^\.+/, '')}`;
    const cases: string[] = [];
    const names = new Set<string>();
    const unique = (name: string): string => {
      let candidate = name;
      for (let n = 2; names.has(candidate); n++) candidate = `${name} (${n})`;
      names.add(candidate);
      return candidate;
    };
    let suiteFailures = 0;
    let suiteSkipped = 0;
    if (file.skipped !== undefined) {
      const why = file.skipped === 'not-libvirt' ? 'not a libvirt document' : 'ignored by the configuration';
      cases.push(`    <testcase classname="${attr(classname)}" name="${attr(unique(path))}" time="0">\n      <skipped message="${attr(why)}"/>\n    </testcase>`);
      suiteSkipped++;
    } else if (file.findings.length === 0) {
      cases.push(`    <testcase classname="${attr(classname)}" name="${attr(unique(path))}" time="0"/>`);
    } else {
      for (const f of file.findings) {
        const name = unique(`${path}:${f.line}:${f.column} ${f.rule}`);
        const body = `${f.severity}: ${f.message}\nrule: ${f.rule}\nat: ${path}:${f.line}:${f.column}${f.path !== '' ? ` (${f.path})` : ''}`;
        cases.push(
          `    <testcase classname="${attr(classname)}" name="${attr(name)}" file="${attr(path)}" line="${f.line}" time="0">\n` +
            `      <failure type="${attr(f.severity)}" message="${attr(`${f.message} [${f.rule}]`)}">${text(body)}</failure>\n` +
            `    </testcase>`,
        );
        suiteFailures++;
      }
    }
    tests += cases.length;
    failures += suiteFailures;
    skippedTotal += suiteSkipped;
    suites.push(
      `  <testsuite name="${attr(path)}" tests="${cases.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}" time="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="virtxml lint" tests="${tests}" failures="${failures}" errors="0" skipped="${skippedTotal}" time="0">\n` +
    (suites.length > 0 ? suites.join('\n') + '\n' : '') +
    '</testsuites>\n'
  );
};

/** Characters XML 1.0 cannot hold at all are dropped (a message may quote a document's bytes). */
function clean(s: string): string {
  return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

function attr(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
