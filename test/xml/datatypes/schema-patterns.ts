/**
 * Every `<param name="pattern">` in the schemas of each release in schemas/lock.json, read with a
 * plain regex over the file text (good enough for these files: the pattern text never contains
 * markup).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_RELEASES, schemaDir, type SchemaRelease } from '../../support/corpus.js';

export interface SchemaPattern {
  readonly release: SchemaRelease;
  readonly file: string;
  readonly line: number;
  readonly pattern: string;
}

const PATTERN_PARAM = /<param\s+name="pattern"\s*>([\s\S]*?)<\/param>/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([a-z]+));/g, (whole, hex?: string, decimal?: string, name?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (decimal !== undefined) return String.fromCodePoint(parseInt(decimal, 10));
    return ENTITIES[name ?? ''] ?? whole;
  });
}

/** Why the schema patterns cannot be read, or undefined when they can. */
export function schemasMissing(): string | undefined {
  const missing = SCHEMA_RELEASES.map(schemaDir).filter((dir) => !existsSync(dir));
  return missing.length === 0 ? undefined : `libvirt schemas not found at ${missing.join(', ')} (../shared is not beside the project)`;
}

export function readSchemaPatterns(): SchemaPattern[] {
  const patterns: SchemaPattern[] = [];
  for (const release of SCHEMA_RELEASES) {
    const dir = schemaDir(release);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.rng')).sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const match of text.matchAll(PATTERN_PARAM)) {
        const line = text.slice(0, match.index).split('\n').length;
        patterns.push({ release, file, line, pattern: decodeXmlText(match[1] ?? '') });
      }
    }
  }
  return patterns;
}
