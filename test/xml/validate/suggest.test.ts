import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../../src/xml/validate/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    expect(editDistance('source', 'source')).toBe(0);
    expect(editDistance('sourse', 'source')).toBe(1);
    expect(editDistance('cdromm', 'cdrom')).toBe(1);
    expect(editDistance('souce', 'source')).toBe(1);
    expect(editDistance('suorce', 'source')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
  });

  it('stops early past the limit', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
  });
});

describe('suggest', () => {
  it('prefers a case-insensitive match', () => {
    expect(suggest('Disk', ['disks', 'disk'])).toBe('disk');
  });

  it('offers the closest candidate within two edits', () => {
    expect(suggest('cdromm', ['cdrom', 'disk', 'floppy', 'lun'])).toBe('cdrom');
    expect(suggest('sourse', ['address', 'alias', 'source', 'target'])).toBe('source');
    expect(suggest('typ', ['type', 'name'])).toBe('type');
  });

  it('offers nothing for short or distant words', () => {
    expect(suggest('ab', ['id', 'ip'])).toBeUndefined();
    expect(suggest('banana', ['cdrom', 'disk'])).toBeUndefined();
    expect(suggest('x', [])).toBeUndefined();
  });

  it('breaks ties alphabetically', () => {
    expect(suggest('bat', ['cat', 'bar', 'hat'])).toBe('bar');
  });
});
