/**
 * Measures agreement with libvirt's expectations over the whole corpus, and the time taken.
 * Usage: npx tsx test/xml/validate/corpus-agreement.script.ts [--verbose] [--release 11.3.0]
 */
import { performance } from 'node:perf_hooks';
import { validate } from '../../../src/xml/validate/index.js';
import type { RootName } from '../../../src/model/generated/grammar/index.js';
import { corpusMissing, readCorpusFile, readManifest, RELEASES, type Release } from '../../support/corpus.js';

const verbose = process.argv.includes('--verbose');
const only = process.argv.includes('--release') ? process.argv[process.argv.indexOf('--release') + 1] : undefined;

for (const release of RELEASES) {
  if (only !== undefined && release !== only) continue;
  const missing = corpusMissing(release);
  if (missing !== undefined) {
    console.log(missing);
    continue;
  }
  const entries = readManifest(release);
  const texts = entries.map((e) => readCorpusFile(release as Release, e));
  let agree = 0;
  const disagreements: string[] = [];
  const t0 = performance.now();
  entries.forEach((entry, i) => {
    const schema = entry.schema.replace(/\.rng$/, '') as RootName;
    const result = validate(texts[i]!, { schema, libvirt: release });
    const verdict = result.valid ? 'valid' : 'invalid';
    if (verdict === entry.expect) agree++;
    else {
      disagreements.push(`${entry.path} (${entry.schema}) expected ${entry.expect}, got ${verdict}` +
        result.diagnostics.slice(0, 3).map((d) => `\n    ${d.line}:${d.column} ${d.path}: ${d.message} [${d.code}]`).join(''));
    }
    if (verbose && entry.expect === 'invalid') {
      console.log(`${entry.path}:` + result.diagnostics.map((d) => `\n    ${d.line}:${d.column} ${d.path}: ${d.message} [${d.code}]`).join(''));
    }
  });
  const ms = performance.now() - t0;
  console.log(`libvirt ${release}: ${agree}/${entries.length} verdicts agree (${ms.toFixed(0)} ms)`);
  for (const d of disagreements) console.log(`  ${d}`);
}
