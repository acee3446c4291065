/**
 * What a hostile document can make the validator write is bounded: at most 100 diagnostics and
 * one that counts the rest, names and values cut to 60 characters in messages, and characters
 * that would break or hide a line shown escaped. One 12 MB domain with a million unknown
 * attributes used to take 95 s, 4.85 GB and 385 MB of diagnostics.
 */
import { describe, expect, it } from 'vitest';
import { ModelParseError, parse } from '../../../src/model/index.js';
import { validate } from '../../../src/xml/validate/index.js';

const domain = (attributes: string, content = ''): string =>
  `<domain type='kvm'${attributes}><name>x</name><os><type>hvm</type></os>${content}</domain>`;

describe('bounded validation output', () => {
  it('writes 100 diagnostics of 200,000 unknown attributes and counts the rest, in linear time', () => {
    let attributes = '';
    for (let i = 0; i < 200_000; i++) attributes += ` a${i}='x'`;
    const xml = domain(attributes);
    const started = performance.now();
    const r = validate(xml);
    const seconds = (performance.now() - started) / 1000;
    expect(r.valid).toBe(false);
    expect(r.diagnostics).toHaveLength(101);
    expect(r.diagnostics.slice(0, 100).every((d) => d.code === 'unexpected-attribute')).toBe(true);
    expect(r.diagnostics[99]!.path).toBe('/domain/@a99');
    const last = r.diagnostics[100]!;
    // Placed at the first error left out.
    expect(last).toMatchObject({ code: 'too-many-errors', line: 1, column: xml.indexOf(' a100=') + 2, path: '', omitted: { 'unexpected-attribute': 199_900 } });
    expect(last.message).toBe('and 199900 more errors not shown (199900 unexpected-attribute)');
    // About 1 s on an idle machine; each omitted error used to cost a walk of the domain's content.
    expect(seconds).toBeLessThan(15);
  }, 60_000);

  it('counts errors of every kind past the cap', () => {
    const r = validate(domain(" id='x'", `${'<bogus/>'.repeat(150)}<on_crash>nowhere</on_crash><clock offset='x'/>`));
    expect(r.diagnostics).toHaveLength(101);
    expect(r.diagnostics[0]!.code).toBe('invalid-attribute-value');
    expect(r.diagnostics[100]!.omitted).toEqual({ 'repeated-element': 51, 'invalid-text': 1, 'invalid-attribute-value': 1 });
    expect(r.diagnostics[100]!.message).toBe('and 53 more errors not shown (51 repeated-element, 1 invalid-attribute-value, 1 invalid-text)');
  });

  it('gives no summary to a document with exactly 100 errors', () => {
    let attributes = '';
    for (let i = 0; i < 100; i++) attributes += ` a${i}='x'`;
    const r = validate(domain(attributes));
    expect(r.diagnostics).toHaveLength(100);
    expect(r.diagnostics.some((d) => d.code === 'too-many-errors')).toBe(false);
  });

  it('cuts long names and values in messages, keeping paths whole', () => {
    const name = `a${'b'.repeat(100_000)}`;
    const r = validate(domain(` ${name}='${'v'.repeat(100_000)}'`, `<on_crash>${'w'.repeat(100_000)}</on_crash><${name}/>`));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unexpected-attribute', 'invalid-text', 'unexpected-element']);
    for (const d of r.diagnostics) expect(d.message.length).toBeLessThan(400);
    expect(r.diagnostics[0]!.message).toBe(`attribute "a${'b'.repeat(58)}…" is not allowed on <domain>; expected "id"`);
    expect(r.diagnostics[1]!.message).toMatch(/^text "w{57}…" in <on_crash> is not allowed;/);
    expect(r.diagnostics[2]!.message).toMatch(new RegExp(`^element <a${'b'.repeat(58)}…> is not allowed in <domain>;`));
    expect(r.diagnostics[0]!.path).toBe(`/domain/@${name}`);
  });

  it('cuts a long root name in the model\'s message and the validator\'s alike', () => {
    const root = 'r'.repeat(100_000);
    const error = (() => {
      try {
        parse(`<${root}/>`);
      } catch (e) {
        return e as ModelParseError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ModelParseError);
    expect(error!.diagnostics[0]!.message).toMatch(new RegExp(`^<r{59}…> is not the document element of any libvirt schema;`));
    expect(validate(`<${root}/>`).diagnostics[0]!.message).toMatch(new RegExp(`^root element <r{59}…> is not a libvirt document;`));
  });

  it('shows line breaks and invisible characters of values escaped', () => {
    const r = validate(domain('', `<on_crash>\u2028</on_crash><on_reboot>\u0085x\u202e</on_reboot><on_poweroff>\u200b</on_poweroff>`));
    expect(r.diagnostics.map((d) => d.message.split(';')[0])).toEqual([
      'text "\\u2028" in <on_crash> is not allowed',
      'text "\\u0085x\\u202e" in <on_reboot> is not allowed',
      'text "\\u200b" in <on_poweroff> is not allowed',
    ]);
  });

  it('trims only XML whitespace from text it quotes', () => {
    const r = validate(domain('', `<on_crash> \u00a0destroy\u00a0\n</on_crash>`));
    expect(r.diagnostics[0]!.message).toMatch(/^text "\u00a0destroy\u00a0" in <on_crash> is not allowed; .*did you mean "destroy"\?/);
  });

  it('never cuts a surrogate pair in two', () => {
    const r = validate(domain('', `<on_crash>${'a'.repeat(56)}${'😀'.repeat(10)}</on_crash>`));
    expect(r.diagnostics[0]!.message).toContain(`"${'a'.repeat(56)}😀…"`);
  });
});
