/**
 * Models without layout (built in code, or received as JSON) write a follower item right after the
 * leader item it names, where libvirt pairs two repeated elements by value (codegen/conventions.ts):
 * domaincaps' `<blockers model='X'>` after `<model>X</model>`.
 */
import { describe, expect, it } from 'vitest';
import { format, formatAs, parse, update, type ParseOptions } from '../../src/model/index.js';
import { validate } from '../../src/xml/validate/index.js';

const caps = (mode: string): string => `<domainCapabilities>
  <domain>kvm</domain>
  <arch>x86_64</arch>
  <cpu>
    <mode name='host-passthrough' supported='no'/>
    <mode name='maximum' supported='no'/>
    <mode name='host-model' supported='no'/>
    <mode name='custom' supported='yes'>
${mode}
    </mode>
  </cpu>
</domainCapabilities>
`;

/** The document's model as JSON would carry it: no layout. */
function layoutFree(xml: string): unknown {
  return JSON.parse(JSON.stringify(parse(xml, { schema: 'domaincaps' }).value));
}

function names(xml: string): string[] {
  return [...xml.matchAll(/<model [^>]*>([^<]*)<\/model>|<blockers model='([^']*)'/g)].map((m) => (m[1] !== undefined ? `model ${m[1]}` : `blockers ${m[2]}`));
}

describe('followers in models without layout', () => {
  const xml = caps(`      <model usable='no' vendor='Intel'>Broadwell</model>
      <blockers model='Broadwell'>
        <feature name='hle'/>
      </blockers>
      <model usable='yes' vendor='AMD'>EPYC</model>
      <model usable='no' vendor='Intel'>Skylake</model>
      <blockers model='Skylake'>
        <feature name='avx512f'/>
      </blockers>`);

  it('are written after the leader they name, which keeps the document valid', () => {
    expect(validate(xml, { schema: 'domaincaps' }).valid).toBe(true);
    const out = formatAs('domaincaps', layoutFree(xml) as never);
    expect(names(out)).toEqual(['model Broadwell', 'blockers Broadwell', 'model EPYC', 'model Skylake', 'blockers Skylake']);
    expect(validate(out, { schema: 'domaincaps' }).diagnostics).toEqual([]);
  });

  it('keep their own order when several name one leader, and a follower naming no leader comes in property order', () => {
    const json = layoutFree(xml) as { cpu: { mode: { blockers: { model: string }[] }[] } };
    const blockers = json.cpu.mode[3]!.blockers;
    json.cpu.mode[3]!.blockers = [blockers[1]!, { ...blockers[0]!, model: 'Nehalem' }, blockers[0]!];
    const out = formatAs('domaincaps', json as never);
    expect(names(out)).toEqual(['model Broadwell', 'blockers Broadwell', 'model EPYC', 'model Skylake', 'blockers Skylake', 'blockers Nehalem']);
  });

  describe('in a parsed model', () => {
    type Mode = { readonly supported: string; readonly blockers?: readonly { readonly model: string; readonly feature: readonly { name: string }[] }[] };
    type Caps = { readonly cpu: { readonly mode: readonly Mode[] } };

    /** The document with its custom mode changed by `change`, formatted in libvirt's style. */
    function changed(change: (mode: Mode) => Mode): string {
      const doc = parse(xml, { schema: 'domaincaps' } satisfies ParseOptions);
      const caps = doc.value as unknown as Caps;
      const modes = [...caps.cpu.mode];
      modes[3] = change(modes[3]!);
      return format({ ...doc, value: update(caps, { cpu: update(caps.cpu, { mode: modes }) }) } as never);
    }

    it('put an added follower after its leader', () => {
      const out = changed((mode) => update(mode, { blockers: [...mode.blockers!, { model: 'EPYC', feature: [{ name: 'x2apic' }] }] }));
      expect(names(out)).toEqual(['model Broadwell', 'blockers Broadwell', 'model EPYC', 'blockers EPYC', 'model Skylake', 'blockers Skylake']);
      expect(validate(out, { schema: 'domaincaps' }).diagnostics).toEqual([]);
    });

    it('keep a follower after its own leader when one before it is removed', () => {
      const out = changed((mode) => update(mode, { blockers: mode.blockers!.slice(1) }));
      expect(names(out)).toEqual(['model Broadwell', 'model EPYC', 'model Skylake', 'blockers Skylake']);
      expect(validate(out, { schema: 'domaincaps' }).diagnostics).toEqual([]);
    });

    it('leave followers where they are when they already follow their leaders', () => {
      const out = changed((mode) => update(mode, { supported: 'no' }));
      expect(out).toBe(xml.replace("name='custom' supported='yes'", "name='custom' supported='no'"));
    });
  });
});
