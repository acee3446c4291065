import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, parseXml, scanXml, serializeXml } from '../../../src/xml/dom/index.js';

const shared = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/libvirt');

/**
 * libvirt keeps one deliberately malformed document, tests/qemuxmlconfdata/broken-xml-invalid.xml;
 * the shared corpus leaves it out, but if a release brings it (or another `broken-xml` file) back,
 * it must be rejected, not accepted.
 */
const isMalformedOnPurpose = (path: string): boolean => /broken-xml/.test(path);

for (const version of ['11.3.0', '7.0.0']) {
  const manifestPath = join(shared, version, 'manifest.json');
  if (!existsSync(manifestPath)) {
    describe(`libvirt ${version} corpus`, () => {
      it.skip(`skipped: ${manifestPath} is absent (the corpus lives in ../shared, outside the repository)`, () => {});
    });
    continue;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { documents: { path: string }[] };
  const documents = manifest.documents.map((doc) => ({
    path: doc.path,
    text: readFileSync(join(shared, version, 'corpus', doc.path), 'utf8'),
  }));

  describe(`libvirt ${version} corpus (${documents.length} documents)`, () => {
    it('parses every well-formed document and rejects those malformed on purpose', () => {
      const failures: string[] = [];
      for (const { path, text } of documents) {
        let error: unknown;
        try {
          parseXml(text);
        } catch (caught) {
          error = caught;
        }
        if (isMalformedOnPurpose(path)) {
          if (!(error instanceof XmlSyntaxError)) failures.push(`${path}: malformed on purpose but accepted`);
        } else if (error !== undefined) {
          failures.push(`${path}: ${String(error)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('scanXml agrees with parseXml on every document', () => {
      const disagreements = documents.filter(({ text }) => {
        const accepted = (read: (text: string) => unknown): boolean => {
          try {
            read(text);
            return true;
          } catch {
            return false;
          }
        };
        return accepted(parseXml) !== accepted(scanXml);
      });
      expect(disagreements.map((doc) => doc.path)).toEqual([]);
    });

    it('serializeXml(parseXml(x)) === x for every document', () => {
      const changed = documents
        .filter(({ path }) => !isMalformedOnPurpose(path))
        .filter(({ text }) => serializeXml(parseXml(text)) !== text)
        .map((doc) => doc.path);
      expect(changed).toEqual([]);
    });
  });
}
