/** Probe values shared by the differential tests against libxml2 and Jing. */

/** Values that exercise the shapes libvirt's patterns describe, plus some that should fail most of them. */
export const PATTERN_PROBES = [
  '', ' ', '0', '1', '7', '00', '010', '255', '256', '4096', '-1', '+5', '1.5', '1.', '.5', '0x', '0x1f', '0X1F', '0xfff', '0x12345678',
  'abc', 'ABC', 'a_b-c.d', 'a b', ' a', 'a ', 'a\tb', 'a\nb', 'é', '"quoted"', 'x'.repeat(300), '$IP', '$MAC[ 2 ]',
  '/', '/dev/sda', '/a b', 'C:\\Windows', 'relative/path', 'vda', 'hda1', 'ioemu:hda', 'fd0', 'xvdb',
  '52:54:00:12:34:56', '53:54:00:12:34:56', '52:54:0:1:2:3', '52-54-00-12-34-56',
  '192.168.122.1', '256.1.1.1', '1.2.3', '::', '::1', 'fe80::1', '2001:db8::ff00:42:8329', '::ffff:192.168.1.1', '1:2:3:4:5:6:7:8:9',
  'c7a5fdbd-edaf-9455-926a-d65c16db1809', 'c7a5fdbdedaf9455926ad65c16db1809',
  'iqn.2013-07.com.example:target0', 'naa.5123456789abcdef', 'NEW,ESTABLISHED', 'SYN,ACK/ALL', 'NONE',
  'true', 'False', '0755', 'KiB', 'bytes', '1,2-4,^3', '[fd00::1] host', 'llc_x', 'mbm_local', 'ipv4', 'tcp', 'vepa',
  '0000:00:1f.2', '00:02:0:1:00:00:00:00:00:00:00:00', 'arp-ip', 'mac0', 'stp_1', 'vlan1',
];

export const XSD_TYPE_PROBES: Record<string, readonly string[]> = {
  int: ['0', '-0', '+1', '01', ' 7 ', '2147483647', '2147483648', '-2147483648', '-2147483649', '1.0', '1e3', '', 'abc', '0x10'],
  unsignedInt: ['0', '4294967295', '4294967296', '-1', '-0', '+0'],
  long: ['9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809'],
  unsignedLong: ['18446744073709551615', '18446744073709551616', '0', '-1', '00018446744073709551615'],
  short: ['32767', '32768', '-32768', '-32769'],
  unsignedShort: ['65535', '65536', '-1'],
  byte: ['127', '128', '-128', '-129'],
  unsignedByte: ['255', '256', '0', '-1'],
  integer: ['123456789012345678901234567890', '-5', '+', '-', '1.5', ''],
  positiveInteger: ['1', '0', '-1', '+01'],
  nonNegativeInteger: ['0', '-0', '-1', '5'],
  negativeInteger: ['-1', '0', '-0', '1'],
  nonPositiveInteger: ['0', '-5', '1'],
  decimal: ['1', '-1.5', '+.5', '5.', '.', '1e3', '1,5', '0001.1000', ' 3.14 ', ''],
  double: ['1', '1.5', '-1.5e10', '1E-3', '.5', '5.', 'INF', '-INF', 'NaN', '+INF', 'inf', 'nan', '1e', 'e1', '1.5.2', '', '1e400'],
  float: ['1', '3.4e38', '1e40', 'INF', 'NaN', '-0'],
  boolean: ['true', 'false', '1', '0', 'True', 'yes', '', ' true '],
  dateTime: [
    '2020-01-01T00:00:00', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00.123+05:30', '2020-02-29T12:00:00', '2019-02-29T12:00:00',
    '2020-01-01T24:00:00', '2020-01-01T24:00:01', '2020-13-01T00:00:00', '2020-01-01T25:00:00', '2020-01-01T00:60:00',
    '2020-01-01T00:00:60', '2020-01-01', '-0044-03-15T12:00:00', '0000-01-01T00:00:00', '12020-01-01T00:00:00',
    '02020-01-01T00:00:00', '2020-01-01T00:00:00+14:00', '2020-01-01T00:00:00+14:01', '2020-01-01T00:00:00+15:00', '2020-1-01T00:00:00',
  ],
  date: ['2020-01-01', '2020-02-30', '2020-01-01Z', '2020-01-01-05:00', '2020-01-01T00:00:00', '1900-02-29', '2000-02-29'],
  time: ['00:00:00', '23:59:59.999', '24:00:00', '12:00:00Z', '12:00', '12:00:00+01:00', '25:00:00'],
  NCName: ['abc', 'a-b.c', '_x', 'a:b', '1a', '-a', 'é', ''],
  Name: ['a:b', ':a', '1a', 'a b'],
  NMTOKEN: ['1a', '-a', 'a:b', 'a b', ''],
  language: ['en', 'en-US', 'x-klingon', 'toolonglang', 'en-', '1en', ''],
  hexBinary: ['', '0f', '0F1a', '0', 'zz', '0f 1a'],
  base64Binary: ['', 'QQ==', 'QUI=', 'QUJD', 'QR==', 'QUJ', 'Q Q = =', 'QUJD\nRA==', '====', 'QQ=', 'Q==='],
  anyURI: ['http://example.com/a?b#c', 'relative/path', '', 'a b', 'urn:x', '%zz', '%20', 'a#b#c', '1:x', 'é'],
};

/** Bounds and digits facets, checked the same way. */
export const FACET_PROBES: readonly { type: string; params: Record<string, string>; values: readonly string[] }[] = [
  { type: 'unsignedInt', params: { minInclusive: '1', maxInclusive: '4096' }, values: ['0', '1', '4096', '4097'] },
  { type: 'int', params: { minExclusive: '-1', maxExclusive: '10' }, values: ['-1', '0', '9', '10'] },
  { type: 'decimal', params: { totalDigits: '3', fractionDigits: '1' }, values: ['12.3', '1.23', '123', '1234', '0.1', '0.01', '100.0', '-1.5'] },
  { type: 'double', params: { minInclusive: '0', maxInclusive: '1.5' }, values: ['0', '1.5', '1.6', '-0.1', 'NaN', 'INF'] },
  { type: 'string', params: { minLength: '2', maxLength: '3' }, values: ['a', 'ab', 'abc', 'abcd', 'éé'] },
  { type: 'token', params: { length: '3' }, values: ['abc', ' abc ', 'a  b'] },
  { type: 'hexBinary', params: { length: '2' }, values: ['0f1a', '0f', '0f1a2b'] },
  { type: 'string', params: { pattern: '[a-z]+' }, values: ['abc', ' abc'] },
  { type: 'token', params: { pattern: '[a-z]+' }, values: ['abc', ' abc '] },
];
