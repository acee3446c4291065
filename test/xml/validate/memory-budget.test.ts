/**
 * A validator keeps what it derived from past documents only within a fixed budget: documents
 * that each walk new states of the domain's large interleave (a random half of 32 optional
 * children, shuffled) used to add about 100 patterns each for good, 25,000 of them 800 MB.
 * Past the budget the next document starts from the grammar alone, with the same verdicts and
 * diagnostics. scripts/stress-memory.ts runs the same documents a million times over.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGrammarTable } from '../../../src/model/generated/grammar/index.js';
import { parseXml } from '../../../src/xml/dom/index.js';
import { XmlEventLog } from '../../../src/xml/dom/events.js';
import { readXmlEvents } from '../../../src/xml/dom/reader.js';
import { CompiledValidator } from '../../../src/xml/validate/index.js';
import { MAX_DERIVED_PATTERNS } from '../../../src/xml/validate/context.js';
import { validateEvents } from '../../../src/xml/validate/validate-stream.js';
import { PROJECT_ROOT } from '../../support/corpus.js';
import { OPTIONAL_DOMAIN_CHILDREN, randomDomain, seededRandom } from '../../support/random-domains.js';

interface Run {
  readonly count: number;
  readonly valid: number;
  readonly patterns: number;
  readonly derived: number;
  readonly heapUsed: number;
}

describe('the memory a validator keeps across documents', () => {
  it('stays within its budget over 10,000 distinct domains', () => {
    const script = join(PROJECT_ROOT, 'test/xml/validate/memory-budget.script.ts');
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, '10000'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const run = JSON.parse(r.stdout) as Run;
    expect(run.valid).toBe(run.count);
    // Before: 1,020,000 patterns and 330 MB of heap after these 10,000 documents.
    expect(run.derived).toBeLessThanOrEqual(MAX_DERIVED_PATTERNS + 5_000);
    expect(run.patterns - run.derived).toBeLessThan(40_000); // the part of the grammar these documents enter
    expect(run.heapUsed).toBeLessThan(100_000_000);
  }, 120_000);

  it('gives the same verdicts and diagnostics when it keeps almost nothing', () => {
    const table = loadGrammarTable('11.3.0', 'domain')!;
    const roomy = CompiledValidator.fromTable(table);
    const tight = CompiledValidator.fromTable(table, { memoBudget: { patterns: 50, memoCost: 50 } });
    const random = seededRandom(7);
    const log = new XmlEventLog();
    let drops = 0;
    for (let i = 0; i < 300; i++) {
      let xml = randomDomain(i, random);
      // Every third document is broken: a child twice, a bad value, an unknown element.
      if (i % 3 === 1) xml = xml.replace('</domain>', `${OPTIONAL_DOMAIN_CHILDREN[i % 32]}${OPTIONAL_DOMAIN_CHILDREN[i % 32]}</domain>`);
      if (i % 3 === 2) xml = xml.replace(`<name>vm-${i}</name>`, `<name>vm-${i}</name><clock offset='nowhere'/><bogus/>`);
      const doc = parseXml(xml);
      const epoch = tight.streamGrammar.cx.builder.epoch;
      expect(tight.validate(doc)).toEqual(roomy.validate(doc));
      log.clear();
      readXmlEvents(xml, log);
      expect(validateEvents(log, () => tight.streamGrammar)).toBe(validateEvents(log, () => roomy.streamGrammar));
      if (tight.streamGrammar.cx.builder.epoch !== epoch) drops++;
    }
    expect(drops).toBeGreaterThan(100);
    expect(tight.patternCount).toBeLessThan(roomy.patternCount);
  });
});
