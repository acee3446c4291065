import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/xml/validate/index.js';

const DOMAIN = (devices: string) => `<domain type='kvm'>
  <name>x</name>
  <memory>1048576</memory>
  <os>
    <type>hvm</type>
  </os>
  <devices>
${devices}
  </devices>
</domain>
`;

describe('validation against an older release names later additions', () => {
  it('an element added after 7.0.0', () => {
    const xml = DOMAIN(`    <disk type='file' device='disk'>
      <source file='/a.img'/>
      <target dev='vda' bus='virtio'/>
      <throttlefilters>
        <throttlefilter group='limit0'/>
      </throttlefilters>
    </disk>`);
    expect(validate(xml).valid).toBe(true);
    const older = validate(xml, { libvirt: '7.0.0' });
    expect(older.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([
      [11, 7, 'unexpected-element', 'element <throttlefilters> is not known to libvirt 7.0.0; it was added later'],
    ]);
  });

  it('a value added after 7.0.0', () => {
    const xml = DOMAIN(`    <sound model='virtio'/>`);
    expect(validate(xml).valid).toBe(true);
    const [d] = validate(xml, { libvirt: '7.0.0' }).diagnostics;
    expect(d).toMatchObject({ line: 8, column: 12, code: 'invalid-attribute-value', path: '/domain/devices/sound/@model' });
    expect(d!.message).toBe('value "virtio" of attribute "model" is not known to libvirt 7.0.0; it was added later');
  });

  it('against 9.0.0: additions after it are named, additions before it are accepted', () => {
    const throttled = DOMAIN(`    <disk type='file' device='disk'>
      <source file='/a.img'/>
      <target dev='vda' bus='virtio'/>
      <throttlefilters>
        <throttlefilter group='limit0'/>
      </throttlefilters>
    </disk>`);
    expect(validate(throttled, { libvirt: '9.0.0' }).diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([
      [11, 7, 'unexpected-element', 'element <throttlefilters> is not known to libvirt 9.0.0; it was added later'],
    ]);
    const [d] = validate(DOMAIN(`    <sound model='virtio'/>`), { libvirt: '9.0.0' }).diagnostics;
    expect(d!.message).toBe('value "virtio" of attribute "model" is not known to libvirt 9.0.0; it was added later');
    // <audio type='dbus'> is newer than 7.0.0 and in 9.0.0.
    const audio = DOMAIN(`    <audio id='1' type='dbus'/>`);
    expect(validate(audio, { libvirt: '9.0.0' }).diagnostics).toEqual([]);
    expect(validate(audio, { libvirt: '7.0.0' }).diagnostics.map((x) => x.message)).toEqual([
      'value "dbus" of attribute "type" is not known to libvirt 7.0.0; it was added later',
    ]);
  });

  it('leaves mistakes that no release accepts as they are', () => {
    const xml = DOMAIN(`    <sound model='virtoi'/>`);
    const [d] = validate(xml, { libvirt: '7.0.0' }).diagnostics;
    expect(d!.message).toMatch(/^value "virtoi" of attribute "model" on <sound> is not allowed; expected one of "ac97"/);
  });
});
