/** The printed report: throughput, comparison, startup, targets and profiles, as Markdown tables. */
import { VIRTXML_VALIDATION_ROWS, find, marginalCosts, speedup } from './analysis.js';
import type { Corpus } from './corpus.js';
import { GNU_TIME_INSTALL_HINT, hasGnuTime } from './measure.js';
import type { WorkloadProfile } from './profile.js';
import { formatFactor, formatMiB, formatMs, formatRate, formatSpeedup, heading, renderTable } from './table.js';
import type { Machine, Measured, Options, Startup, TargetResult } from './types.js';

export function printReport(
  corpus: Corpus,
  machine: Machine,
  measured: Measured,
  startup: Startup | undefined,
  targets: readonly TargetResult[],
  profiles: readonly WorkloadProfile[],
  options: Options,
  toolVersions: Record<string, string>,
  codeSource: string,
): void {
  const out: string[] = [];
  out.push(heading('virtxml bench'));
  out.push(`corpus: libvirt ${corpus.release}, ${corpus.documents.length} documents, ${(corpus.bytes / 1e6).toFixed(2)} MB`);
  out.push(`machine: ${machine.cpu}, nproc ${machine.nproc}, node ${machine.node}, load average ${machine.loadAverageBefore ?? '?'} → ${machine.loadAverageAfter ?? '?'}`);
  out.push(`tools: ${Object.entries(toolVersions).map(([k, v]) => `${k} (${v})`).join(', ') || 'none'}`);
  out.push(`medians over ${options.runs} run${options.runs === 1 ? '' : 's'}; virtxml runs the package build (scripts/build.ts) of the ${codeSource}${hasGnuTime() ? '' : `; no GNU time, so no CPU time or external RSS (${GNU_TIME_INSTALL_HINT})`}`);

  out.push(heading('Throughput'));
  out.push(
    renderTable(
      [
        { header: 'Row' },
        { header: 'Scale', align: 'right' },
        { header: 'Docs', align: 'right' },
        { header: 'MB', align: 'right' },
        { header: 'Wall', align: 'right' },
        { header: 'CPU', align: 'right' },
        { header: 'Timed loop', align: 'right' },
        { header: 'Loop CPU', align: 'right' },
        { header: 'MB/s', align: 'right' },
        { header: 'MB/s by CPU', align: 'right' },
        { header: 'Peak RSS', align: 'right' },
        { header: 'Cost vs 1×', align: 'right' },
        { header: 'CPU vs 1×', align: 'right' },
      ],
      measured.results.map((r) => [
        r.label,
        `${r.scale}×`,
        String(r.documents),
        (r.bytes / 1e6).toFixed(1),
        formatMs(r.wallMs),
        formatMs(r.cpuMs),
        r.timing === 'in-process' ? formatMs(r.workMs) : '–',
        r.timing === 'in-process' ? formatMs(r.workCpuMs) : '–',
        formatRate(r.megabytesPerSecond),
        formatRate(r.megabytesPerCpuSecond),
        formatMiB(r.maxRssKiB),
        formatFactor(r.costVsOne),
        formatFactor(r.cpuCostVsOne),
      ]),
    ),
  );
  out.push('MB/s: validation rows over the process wall time; parse/format rows over the timed loop (inputs in memory).');
  out.push('CPU: user + system time of all threads (GNU time for processes, process.cpuUsage() for timed loops); on a busy host it is the steadier figure.');
  for (const u of measured.unavailable) out.push(`${u.label}: ${u.reason}`);
  for (const f of measured.failures) out.push(`FAILED ${f.label} at ${f.scale}×, not measured: ${f.message.split('\n')[0]}`);
  for (const r of measured.results) for (const n of r.notes) out.push(`note: ${r.id} ${r.scale}×: ${n}`);

  const marginal = marginalCosts(measured.results, options.scales);
  if (marginal.length > 0) {
    out.push(heading('Fixed and per-corpus cost (from the smallest and largest scale)'));
    out.push(
      renderTable(
        [
          { header: 'Row' },
          { header: 'Fixed', align: 'right' },
          { header: 'Per 1× corpus', align: 'right' },
          { header: 'Steady MB/s', align: 'right' },
          { header: 'Fixed CPU', align: 'right' },
          { header: 'Per 1× CPU', align: 'right' },
          { header: 'Steady MB/s by CPU', align: 'right' },
          { header: 'First pass', align: 'right' },
          { header: 'Later passes', align: 'right' },
        ],
        marginal.map((m) => {
          const largest = find(measured.results, m.id, Math.max(...options.scales));
          return [
            m.label,
            formatMs(m.fixedMs),
            formatMs(m.perCorpusMs),
            formatRate(m.steadyMegabytesPerSecond),
            formatMs(m.fixedCpuMs),
            formatMs(m.perCorpusCpuMs),
            formatRate(m.steadyMegabytesPerCpuSecond),
            formatMs(largest?.firstRoundMs),
            formatMs(largest?.laterRoundMs),
          ];
        }),
      ),
    );
    out.push('Fixed and per-corpus cost: a straight line through the two scales, so startup, JIT warm-up and memo filling land in the fixed part.');
    out.push('First pass / later passes: inside one process at the largest scale, the first pass over the corpus and the median of the others.');
  }

  const compared = measured.results.some((r) => (VIRTXML_VALIDATION_ROWS as readonly string[]).includes(r.id) || r.id === 'xmllint' || r.id === 'jing');
  if (compared) {
    out.push(heading('virtxml validate vs xmllint and jing'));
    const runs = VIRTXML_VALIDATION_ROWS.filter((row) => measured.results.some((r) => r.id === row));
    out.push(
      renderTable(
        [
          { header: 'Scale', align: 'right' },
          { header: 'virtxml run' },
          { header: 'virtxml', align: 'right' },
          { header: 'xmllint', align: 'right' },
          { header: 'jing', align: 'right' },
          { header: 'vs xmllint (wall)', align: 'right' },
          { header: 'vs jing (wall)', align: 'right' },
          { header: 'vs xmllint (CPU)', align: 'right' },
          { header: 'vs jing (CPU)', align: 'right' },
        ],
        options.scales.flatMap((scale) =>
          (runs.length > 0 ? runs : VIRTXML_VALIDATION_ROWS.slice(0, 1)).map((row) => [
            `${scale}×`,
            row === 'virtxml-cli' ? 'CLI' : 'library, one process',
            formatMs(find(measured.results, row, scale)?.wallMs),
            formatMs(find(measured.results, 'xmllint', scale)?.wallMs),
            formatMs(find(measured.results, 'jing', scale)?.wallMs),
            formatSpeedup(speedup(measured.results, 'xmllint', scale, 'wall', row)),
            formatSpeedup(speedup(measured.results, 'jing', scale, 'wall', row)),
            formatSpeedup(speedup(measured.results, 'xmllint', scale, 'cpu', row)),
            formatSpeedup(speedup(measured.results, 'jing', scale, 'cpu', row)),
          ]),
        ),
      ),
    );
  }

  if (startup !== undefined) {
    out.push(heading('Startup'));
    out.push(
      renderTable(
        [{ header: 'What' }, { header: 'Median', align: 'right' }],
        [
          ['node itself (`node -e 0`, spawn to exit)', formatMs(startup.nodeBootMs)],
          ['node boot inside the worker (time origin → first line of our code)', formatMs(startup.grammar.bootMs)],
          ['grammar loading for one root (domain): import `virtxml/validate`', formatMs(startup.grammar.importMs)],
          ['  + build the domain validator from its table', formatMs(startup.grammar.grammarMs)],
          ['  = grammar loading for one root', formatMs(startup.grammar.loadMs)],
          ['  CPU time of the same (import, total)', `${formatMs(startup.grammar.importCpuMs)}, ${formatMs(startup.grammar.loadCpuMs)}`],
          ['first small document through the fresh validator', formatMs(startup.grammar.firstDocumentMs)],
          [`loading the other ${startup.grammar.otherRoots} roots' validators after that`, formatMs(startup.grammar.otherRootsMs)],
          ['cold process to loaded domain validator, spawn to exit', formatMs(startup.grammar.processMs)],
          [`\`virtxml validate\` on one small file end to end (${startup.smallFile.bytes} B)`, formatMs(startup.smallFile.wallMs)],
          ['  peak RSS of that run', formatMiB(startup.smallFile.maxRssKiB)],
        ],
      ),
    );
  }

  out.push(heading('Targets'));
  out.push(
    renderTable(
      [{ header: 'Target' }, { header: 'Measured' }, { header: 'Result' }],
      targets.map((t) => [t.target, t.measured, t.pass === undefined ? 'not measured' : t.pass ? 'pass' : 'FAIL']),
    ),
  );

  for (const p of profiles) {
    out.push(heading(`Profile: ${p.workload} (1×, self time, ${formatMs(p.totalMs)} sampled)`));
    out.push(
      renderTable(
        [{ header: 'Function' }, { header: 'Where' }, { header: 'Self', align: 'right' }, { header: '%', align: 'right' }],
        p.top.map((e) => [e.function, e.location, formatMs(e.selfMs), e.percent.toFixed(1)]),
      ),
    );
    out.push('');
    out.push(
      renderTable(
        [{ header: 'Area' }, { header: 'Self', align: 'right' }, { header: '%', align: 'right' }],
        p.byArea.filter((a) => a.percent >= 0.5).map((a) => [a.area, formatMs(a.selfMs), a.percent.toFixed(1)]),
      ),
    );
  }
  console.log(out.join('\n'));
}
