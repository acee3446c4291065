/**
 * Datatype patterns in messages: long regular expressions are quoted by their start and end, and
 * the diagnostic's `patterns` field keeps them whole.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../src/xml/dom/index.js';
import { CompiledValidator, validate, type Diagnostic } from '../../../src/xml/validate/index.js';
import { MAX_PATTERN, shortPattern, shortenPatterns } from '../../../src/xml/validate/messages.js';
import { Dsl } from '../../rng-spec/dsl.js';

/** The start of libvirt's ipv6Addr pattern (basictypes.rng): its first alternative. */
const IPV6_START = '(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4})';

function only(diagnostics: readonly Diagnostic[]): Diagnostic {
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0]!;
}

describe('shortPattern', () => {
  it('keeps a pattern of up to MAX_PATTERN characters whole', () => {
    expect(shortPattern('0x[0-9a-fA-F]{1,4}')).toBe('0x[0-9a-fA-F]{1,4}');
    const limit = 'a'.repeat(MAX_PATTERN);
    expect(shortPattern(limit)).toBe(limit);
  });

  it('quotes a longer one by its first 40 and last 19 characters', () => {
    const long = `${'a'.repeat(40)}${'b'.repeat(30)}${'c'.repeat(19)}`;
    expect(shortPattern(long)).toBe(`${'a'.repeat(40)}…${'c'.repeat(19)}`);
    expect(Array.from(shortPattern(long))).toHaveLength(MAX_PATTERN);
  });

  it('counts characters, not UTF-16 code units, so no surrogate pair is split', () => {
    const long = '\u{1F600}'.repeat(MAX_PATTERN + 1);
    expect(shortPattern(long)).toBe(`${'\u{1F600}'.repeat(40)}…${'\u{1F600}'.repeat(19)}`);
  });

  it('shortenPatterns replaces only the long patterns of a text', () => {
    const long = `(${'x|'.repeat(40)}y)`;
    expect(shortenPatterns(`a string matching ${long} or a string matching [a-z]+`, [long, '[a-z]+']))
      .toBe(`a string matching ${shortPattern(long)} or a string matching [a-z]+`);
  });
});

describe('patterns in diagnostics', () => {
  it('an IPv6 address: the message describes the patterns, `patterns` has them whole', () => {
    const xml = "<network><name>x</name><ip family='ipv6' address='zz::1' prefix='64'/></network>";
    const d = only(validate(xml, { schema: 'network' }).diagnostics);
    expect(d.code).toBe('invalid-attribute-value');
    expect(d.message.length).toBeLessThan(300);
    // libvirt's address patterns are described in words; `patterns` keeps the expressions.
    expect(d.message).toBe(
      'value "zz::1" of attribute "address" on <ip> is not allowed; expected one of an IPv4 address such as 192.168.122.1 or an IPv6 address such as fe80::1 or 2001:db8::2',
    );
    const patterns = d.patterns ?? [];
    expect(patterns).toHaveLength(2);
    const ipv6 = patterns.find((p) => p.startsWith(IPV6_START));
    expect(ipv6).toBeDefined();
    expect(ipv6!.length).toBeGreaterThan(500);
    for (const p of patterns) expect(d.message).not.toContain(shortPattern(p));
    // The whole pattern is the one the schema checks with: it accepts a real IPv6 address.
    expect(new RegExp(`^(?:${ipv6!})$`).test('fe80::1')).toBe(true);
  });

  it('a single datatype whose pattern fails: the reason quotes it shortened', () => {
    const long = `(${['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda'].join('|')})`;
    const d = new Dsl();
    const grammar = d.el('a', d.attr('mode', d.xsd('string', { pattern: long })));
    const diagnostic = only(new CompiledValidator(d.b, grammar, { schema: 'test' }).validate(parseXml("<a mode='omega'/>")));
    expect(diagnostic).toMatchObject({
      code: 'invalid-attribute-value',
      message: `value "omega" of attribute "mode" on <a> is not allowed: "omega" must match the pattern ${shortPattern(long)}`,
      patterns: [long],
    });
    expect(shortPattern(long)).toContain('…');
  });

  it('a short pattern is quoted whole, and listed in `patterns` too', () => {
    const d = new Dsl();
    const grammar = d.el('a', d.choice(d.xsd('string', { pattern: '0x[0-9a-f]+' }), d.xsd('int')));
    const diagnostic = only(new CompiledValidator(d.b, grammar, { schema: 'test' }).validate(parseXml('<a>zz</a>')));
    expect(diagnostic).toMatchObject({
      code: 'invalid-text',
      message: 'text "zz" in <a> is not allowed; expected one of a string matching 0x[0-9a-f]+ or a whole number',
      patterns: ['0x[0-9a-f]+'],
    });
  });

  it('a message without patterns has no `patterns` field', () => {
    const d = new Dsl();
    const grammar = d.el('a', d.attr('port', d.xsd('unsignedShort')));
    const diagnostic = only(new CompiledValidator(d.b, grammar, { schema: 'test' }).validate(parseXml("<a port='70000'/>")));
    expect(diagnostic.code).toBe('invalid-attribute-value');
    expect(diagnostic).not.toHaveProperty('patterns');
  });
});
