/**
 * The libvirt corpus the bench runs over: the release manifest, the documents it lists, and the
 * scaled document lists (the list repeated N times) that show how cost grows with input size.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Expectation = 'valid' | 'invalid';

export interface CorpusDocument {
  /** Path relative to the release directory, e.g. `corpus/tests/…/x.xml` (short for argv). */
  readonly relativePath: string;
  readonly absolutePath: string;
  /** Schema root name without extension, e.g. `domain`. */
  readonly root: string;
  readonly expect: Expectation;
  readonly bytes: number;
}

export interface Corpus {
  readonly release: string;
  readonly releaseDir: string;
  readonly schemaDir: string;
  readonly documents: readonly CorpusDocument[];
  readonly bytes: number;
}

interface ManifestFile {
  readonly libvirt: string;
  readonly schemaDir: string;
  readonly corpusDir: string;
  readonly documents: readonly { path: string; schema: string; expect: string }[];
}

const here = fileURLToPath(new URL('.', import.meta.url));
/** Where the shared corpus lives relative to the checkout (../shared/libvirt/<release>). */
export const DEFAULT_RELEASE_DIR = resolve(here, '../../shared/libvirt/11.3.0');

export function loadCorpus(releaseDir: string = DEFAULT_RELEASE_DIR): Corpus {
  const manifestPath = join(releaseDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ManifestFile;
  const documents = manifest.documents.map((entry): CorpusDocument => {
    if (entry.expect !== 'valid' && entry.expect !== 'invalid') {
      throw new Error(`${manifestPath}: ${entry.path}: unknown expectation "${entry.expect}"`);
    }
    const relativePath = join(manifest.corpusDir, entry.path);
    const absolutePath = join(releaseDir, relativePath);
    return {
      relativePath,
      absolutePath,
      root: entry.schema.replace(/\.rng$/, ''),
      expect: entry.expect,
      bytes: statSync(absolutePath).size,
    };
  });
  return {
    release: manifest.libvirt,
    releaseDir,
    schemaDir: join(releaseDir, manifest.schemaDir),
    documents,
    bytes: documents.reduce((sum, d) => sum + d.bytes, 0),
  };
}

/** The document list repeated `scale` times, as a user validating that many files would pass it. */
export function scaledDocuments(corpus: Corpus, scale: number): CorpusDocument[] {
  const out: CorpusDocument[] = [];
  for (let i = 0; i < scale; i++) out.push(...corpus.documents);
  return out;
}

/** Documents grouped by schema root, in first-seen order (one external process per group). */
export function groupByRoot(documents: readonly CorpusDocument[]): Map<string, CorpusDocument[]> {
  const groups = new Map<string, CorpusDocument[]>();
  for (const d of documents) {
    let group = groups.get(d.root);
    if (group === undefined) {
      group = [];
      groups.set(d.root, group);
    }
    group.push(d);
  }
  return groups;
}

export function countExpected(documents: readonly CorpusDocument[]): { valid: number; invalid: number } {
  let valid = 0;
  for (const d of documents) if (d.expect === 'valid') valid++;
  return { valid, invalid: documents.length - valid };
}

/** Reads every file once so that no timed run pays for a cold page cache. */
export function warmPageCache(corpus: Corpus): void {
  for (const d of corpus.documents) readFileSync(d.absolutePath);
  for (const root of new Set(corpus.documents.map((d) => d.root))) readFileSync(join(corpus.schemaDir, `${root}.rng`));
}

/** The smallest valid document of a root: the input of the end-to-end CLI row. */
export function smallestValid(corpus: Corpus, root: string): CorpusDocument {
  let best: CorpusDocument | undefined;
  for (const d of corpus.documents) {
    if (d.root === root && d.expect === 'valid' && (best === undefined || d.bytes < best.bytes)) best = d;
  }
  if (best === undefined) throw new Error(`no valid ${root} document in the corpus`);
  return best;
}
