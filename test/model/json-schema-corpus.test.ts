/**
 * The model's JSON Schema against libvirt's corpus (both releases, read with the pinned model):
 * every document our validator finds valid gives a model whose JSON round trip `validateModel`
 * accepts, and that JSON model, formatted, is again a valid document. Prints the validation
 * throughput of the domain models.
 */
import { describe, expect, it } from 'vitest';
import { formatAs, parse, validateModel, type ModelRoot } from '../../src/model/index.js';
import { validate } from '../../src/xml/validate/index.js';
import { corpusMissing, readCorpusFile, readManifest, RELEASES, type Release } from '../support/corpus.js';

/**
 * Documents whose JSON model cannot be written back valid, and why. A JSON model has no layout,
 * so it is written in schema order; where the schema repeats a group of several elements the
 * model holds each element in its own array and the pairing is gone.
 */
const UNFORMATTABLE: readonly { readonly reason: string; readonly applies: (schema: ModelRoot, paths: readonly string[]) => boolean }[] = [];

interface Outcome {
  documents: number;
  checked: number;
  rejected: string[];
  invalidFormatted: string[];
  explained: Map<string, number>;
  domainModels: number;
  domainJsonBytes: number;
  domainMs: number;
}

function judge(release: Release): Outcome {
  const o: Outcome = { documents: 0, checked: 0, rejected: [], invalidFormatted: [], explained: new Map(), domainModels: 0, domainJsonBytes: 0, domainMs: 0 };
  for (const entry of readManifest(release)) {
    o.documents++;
    const schema = entry.schema.replace(/\.rng$/, '') as ModelRoot;
    const xml = readCorpusFile(release, entry);
    if (!validate(xml, { schema }).valid) continue;
    o.checked++;
    const text = JSON.stringify(parse(xml, { schema }).value);
    const json: unknown = JSON.parse(text);
    const started = performance.now();
    const result = validateModel(json, schema);
    if (schema === 'domain') {
      o.domainMs += performance.now() - started;
      o.domainModels++;
      o.domainJsonBytes += text.length;
    }
    if (!result.valid) {
      o.rejected.push(`${entry.path}: ${result.diagnostics.slice(0, 3).map((d) => `${d.path} ${d.message}`).join('; ')}`);
      continue;
    }
    const formatted = formatAs(schema, json as never);
    const again = validate(formatted, { schema });
    if (again.valid) continue;
    const known = UNFORMATTABLE.find((u) => u.applies(schema, again.diagnostics.map((d) => d.path)));
    if (known) o.explained.set(known.reason, (o.explained.get(known.reason) ?? 0) + 1);
    else o.invalidFormatted.push(`${entry.path}: ${again.diagnostics.slice(0, 2).map((d) => `${d.path} ${d.message}`).join('; ')}`);
  }
  return o;
}

describe.each(RELEASES)('JSON models of the libvirt %s corpus', (release) => {
  const missing = corpusMissing(release);
  if (missing) {
    it.skip(`validateModel(JSON of parse(x)) — skipped: ${missing}`, () => {});
    return;
  }
  // Compile the domain validator before timing any document.
  validateModel({}, 'domain');
  const o = judge(release);
  const seconds = o.domainMs / 1000;
  console.log(
    [
      `libvirt ${release}: ${o.documents} documents, ${o.checked} valid under the pinned schemas`,
      `  JSON models accepted by validateModel: ${o.checked - o.rejected.length}/${o.checked}`,
      `  formatted JSON models that validate: ${o.checked - o.rejected.length - o.invalidFormatted.length - sum(o.explained)}/${o.checked - o.rejected.length}`,
      ...[...o.explained].map(([reason, n]) => `    ${n} not, explained: ${reason}`),
      `  domain models: ${o.domainModels} validated in ${o.domainMs.toFixed(0)} ms — ${(o.domainModels / seconds).toFixed(0)} documents/s, ${(o.domainJsonBytes / 1e6 / seconds).toFixed(1)} MB/s of JSON`,
    ].join('\n'),
  );

  it('accepts the JSON round trip of every valid document’s model', () => {
    expect(o.checked).toBeGreaterThan(0);
    expect(o.rejected).toEqual([]);
  });

  it('formats every accepted JSON model to a document that validates, but for the explained exceptions', () => {
    expect(o.invalidFormatted).toEqual([]);
  });
});

function sum(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}
