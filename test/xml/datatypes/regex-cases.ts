/**
 * Hand-written XSD regex cases, shared by the unit tests and the xmllint cross-check.
 * `libxml2Differs` marks a case where libxml2 departs from XSD 1.0; it says how, and the cross-check skips it.
 */

export interface RegexCase {
  readonly pattern: string;
  readonly accept: readonly string[];
  readonly reject: readonly string[];
  readonly libxml2Differs?: string;
  /** Same for Jing, whose regex parser follows XSD 1.1 in places. */
  readonly jingDiffers?: string;
}

export interface InvalidRegexCase {
  readonly pattern: string;
  /** Code point offset the error is reported at. */
  readonly position: number;
  /** A fragment the message must contain. */
  readonly reason: string;
  readonly libxml2Differs?: string;
}

/** One case (or more) per XSD regex feature. */
export const FEATURE_CASES: readonly RegexCase[] = [
  { pattern: 'abc', accept: ['abc'], reject: ['xabc', 'abcx', 'ab', ''] },
  { pattern: 'a|bc', accept: ['a', 'bc'], reject: ['abc', 'ac', 'b'] },
  { pattern: '^a$', accept: ['^a$'], reject: ['a', '^a', 'a$'] },
  { pattern: 'a.c', accept: ['abc', 'a c', 'a\tc', 'a€c', 'a😀c'], reject: ['a\nc', 'a\rc', 'ac', 'abbc'] },
  { pattern: '\\s+', accept: [' ', ' \t\n\r'], reject: ['\u00a0', '\u2003', '\f', '\v', 'a'] },
  { pattern: '\\S', accept: ['a', '\u00a0', '😀'], reject: [' ', '\n', '\t'] },
  { pattern: '\\d+', accept: ['0123', '\u0663', '\u0966'], reject: ['a', '\u00bd', '\u216b', '-1'] },
  { pattern: '\\D', accept: ['a', '\u00bd'], reject: ['7', '\u0663'] },
  { pattern: '\\w+', accept: ['a', 'Zz9', 'é', '€', '+', '^'], reject: ['_', '-', ' ', '.', '\u0000', '('] },
  { pattern: '\\W', accept: ['_', '-', ' ', '.', '('], reject: ['a', '5', '€'] },
  { pattern: '\\i\\c*', accept: ['a', '_x', ':a', 'a-b.c', 'é1', 'a·b'], reject: ['1a', '-a', '.a', 'a b', ''] },
  { pattern: '\\I', accept: ['1', '-', ' '], reject: ['a', '_', ':'] },
  { pattern: '\\C', accept: [' ', '!', '/'], reject: ['a', '1', '-', '.'] },
  { pattern: '[\\i-[:]][\\c-[:]]*', accept: ['abc', 'a-b', '_1'], reject: ['a:b', ':a', '1a'] },
  { pattern: '[a-z-[aeiou]]+', accept: ['bcd', 'xyz'], reject: ['bad', 'e', 'B'] },
  {
    pattern: '[a-z-[b-y-[m]]]', accept: ['a', 'z', 'm'], reject: ['b', 'x', 'A'],
    libxml2Differs: 'libxml2 drops the innermost subtraction and rejects "m"; Jing agrees with us',
  },
  { pattern: '[^a-z-[0-9]]', accept: ['A', '!', ' '], reject: ['a', '5'] },
  { pattern: '[^,]{3}', accept: ['abc', '   ', 'a\nb'], reject: ['a,b', 'ab', 'abcd'] },
  { pattern: '[a-]+', accept: ['a', '-', 'a-a'], reject: ['b'], jingDiffers: 'Jing wants - escaped even first or last in a class, which XSD 1.0 Second Edition allows; libxml2 agrees with us' },
  { pattern: '[-a]+', accept: ['a', '-'], reject: ['b'], jingDiffers: 'Jing wants - escaped even first or last in a class, which XSD 1.0 Second Edition allows; libxml2 agrees with us' },
  { pattern: '[^-]', accept: ['a'], reject: ['-'], jingDiffers: 'Jing wants - escaped even first or last in a class, which XSD 1.0 Second Edition allows; libxml2 agrees with us' },
  { pattern: '[a\\-z]+', accept: ['-', 'a', 'z'], reject: ['b'] },
  { pattern: '[\\d-]+', accept: ['5', '-', '1-2'], reject: ['a'], jingDiffers: 'Jing wants - escaped even first or last in a class, which XSD 1.0 Second Edition allows; libxml2 agrees with us' },
  { pattern: '[.*+?(){}|^$/]+', accept: ['.*+?(){}|^$/'], reject: ['a', '\\'] },
  { pattern: '[$^]', accept: ['$', '^'], reject: ['a'] },
  { pattern: '\\n\\r\\t', accept: ['\n\r\t'], reject: ['nrt'] },
  { pattern: '\\\\\\|\\.\\?\\*\\+\\(\\)\\{\\}\\-\\[\\]\\^', accept: ['\\|.?*+(){}-[]^'], reject: ['a'] },
  { pattern: '{a}', accept: ['{a}'], reject: ['a', 'aa'], jingDiffers: 'Jing treats { and } as metacharacters everywhere (as XSD 1.1 does); XSD 1.0 and libxml2 let them stand for themselves' },
  { pattern: 'a}', accept: ['a}'], reject: ['a'], jingDiffers: 'Jing treats { and } as metacharacters everywhere (as XSD 1.1 does); XSD 1.0 and libxml2 let them stand for themselves' },
  { pattern: 'a{2}', accept: ['aa'], reject: ['a', 'aaa'] },
  { pattern: 'a{2,}', accept: ['aa', 'aaaa'], reject: ['a'] },
  { pattern: 'a{2,3}', accept: ['aa', 'aaa'], reject: ['a', 'aaaa'] },
  { pattern: 'a{0}b', accept: ['b'], reject: ['ab'] },
  { pattern: '(ab){1,2}', accept: ['ab', 'abab'], reject: ['', 'aba', 'ababab'] },
  { pattern: 'a?b*c+', accept: ['c', 'abbcc'], reject: ['ab', 'aac'] },
  { pattern: '\\p{Lu}+', accept: ['A', 'ÉÀ'], reject: ['a', '1'] },
  { pattern: '\\P{Lu}', accept: ['a', '1'], reject: ['A'] },
  { pattern: '\\p{L}\\p{Nd}', accept: ['a1', 'ж5'], reject: ['11', 'aa'] },
  { pattern: '\\p{Sc}', accept: ['$', '€'], reject: ['a'] },
  { pattern: '[\\p{Ll}\\p{Nd}]+', accept: ['a1'], reject: ['A'] },
  { pattern: '\\p{IsBasicLatin}+', accept: ['abc~', '\u007f'], reject: ['é', '\u0080'] },
  { pattern: '\\P{IsBasicLatin}', accept: ['é', '😀'], reject: ['a'] },
  { pattern: '[\\p{IsGreek}a]+', accept: ['αβa'], reject: ['b'] },
  { pattern: '\\p{IsCJKUnifiedIdeographs}', accept: ['中'], reject: ['a'] },
  { pattern: '.', accept: ['😀'], reject: ['😀😀', ''] },
  { pattern: '[😀-😂]', accept: ['😁'], reject: ['😃', 'a'] },
  { pattern: 'a|', accept: ['a', ''], reject: ['b'] },
  { pattern: '()', accept: [''], reject: ['a'] },
  { pattern: '(a|b)c', accept: ['ac', 'bc'], reject: ['a', 'abc'] },
  { pattern: 'a/b', accept: ['a/b'], reject: ['ab'] },
];

/** The shapes libvirt's schemas lean on. */
export const LIBVIRT_CASES: readonly RegexCase[] = [
  {
    pattern: '[a-fA-F0-9]{8}\\-([a-fA-F0-9]{4}\\-){3}[a-fA-F0-9]{12}',
    accept: ['c7a5fdbd-edaf-9455-926a-d65c16db1809', 'C7A5FDBD-EDAF-9455-926A-D65C16DB1809'],
    reject: ['c7a5fdbdedaf9455926ad65c16db1809', 'c7a5fdbd-edaf-9455-926a-d65c16db180', 'g7a5fdbd-edaf-9455-926a-d65c16db1809', ' c7a5fdbd-edaf-9455-926a-d65c16db1809'],
  },
  { pattern: '[a-fA-F0-9]{32}', accept: ['c7a5fdbdedaf9455926ad65c16db1809'], reject: ['c7a5fdbd-edaf-9455-926a-d65c16db1809'] },
  {
    pattern: '[a-fA-F0-9]{2}(:[a-fA-F0-9]{2}){5}',
    accept: ['52:54:00:12:34:56', 'AA:bb:CC:dd:EE:ff'],
    reject: ['52:54:00:12:34', '52-54-00-12-34-56', '5:54:00:12:34:56', '52:54:00:12:34:56:'],
  },
  { pattern: '[a-fA-F0-9][02468aAcCeE](:[a-fA-F0-9]{2}){5}', accept: ['52:54:00:12:34:56'], reject: ['53:54:00:12:34:56'] },
  {
    pattern: '(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))',
    accept: ['192.168.122.1', '0.0.0.0', '255.255.255.255'],
    reject: ['256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', '1a2.3.4.5'],
  },
  {
    pattern: '(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}:[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){5}:([0-9A-Fa-f]{1,4}:)?[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){4}:([0-9A-Fa-f]{1,4}:){0,2}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){3}:([0-9A-Fa-f]{1,4}:){0,3}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){2}:([0-9A-Fa-f]{1,4}:){0,4}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){6}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(([0-9A-Fa-f]{1,4}:){0,5}:(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|(::([0-9A-Fa-f]{1,4}:){0,5}(((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9]))\\.){3}((25[0-5])|(2[0-4][0-9])|(1[0-9]{2})|([1-9][0-9])|([0-9])))|([0-9A-Fa-f]{1,4}::([0-9A-Fa-f]{1,4}:){0,5}[0-9A-Fa-f]{1,4})|(::([0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})|(([0-9A-Fa-f]{1,4}:){1,7}:)|(::)',
    accept: ['::', '::1', 'fe80::1', '2001:db8:0:0:0:0:2:1', '2001:db8::2:1', '::ffff:192.168.1.1', '1:2:3:4:5:6:7::'],
    reject: ['1:2:3:4:5:6:7:8:9', '2001:db8:::1', '192.168.1.1', 'fe80::1%eth0', 'g::1'],
  },
  { pattern: '([0-2]?[0-9]?[0-9]\\.){3}[0-2]?[0-9]?[0-9]', accept: ['10.0.0.1', '299.1.1.1'], reject: ['10.0.0', '10.0.0.1000'] },
  { pattern: '(/|[a-zA-Z]:\\\\).+', accept: ['/var/lib/libvirt', 'C:\\Windows'], reject: ['relative/path', '/', 'C:/x'] },
  { pattern: '/[a-zA-Z0-9_\\+\\-/%]+', accept: ['/dev/hugepages', '/a%20b'], reject: ['/a b', 'dev'] },
  { pattern: '[a-zA-Z0-9_\\.\\-]+', accept: ['vnet0', 'my.host-name_1'], reject: ['', 'a b', 'a/b', 'é'] },
  { pattern: '[a-zA-Z0-9_\\.\\-\\\\:/ ]*', accept: ['', 'C:\\Program Files/x'], reject: ['a;b'] },
  { pattern: '(0x)?[0-9a-fA-F]{1,4}', accept: ['0x1f', 'ffff', '0'], reject: ['0x', '0x12345', 'x1'] },
  { pattern: '0x[0-9a-eA-E][0-9a-fA-F]?', accept: ['0x0', '0xef'], reject: ['0xf', '0x'] },
  { pattern: '0[0-7]{3}|[0-7]{1,3}', accept: ['0755', '755', '7'], reject: ['0855', '07555'] },
  { pattern: '[0-9]+(\\.[0-9]{0,9})?', accept: ['1', '1.', '1.5', '1.123456789'], reject: ['.5', '1.1234567890'] },
  { pattern: '[0-9]+(.[0-9]+)?', accept: ['1x5', '1.5', '1'], reject: ['1.', 'a'] },
  { pattern: 'iqn\\.[0-9]{4}-(0[1-9]|1[0-2])\\.[a-zA-Z0-9\\.\\-]+(:.+)?', accept: ['iqn.2013-07.com.example:target0', 'iqn.2013-12.com'], reject: ['iqn.2013-13.com', 'iqn.13-07.com'] },
  { pattern: '(naa\\.)[0-9a-fA-F]{16}', accept: ['naa.5123456789abcdef'], reject: ['naa.5123456789abcde'] },
  { pattern: '([0-9]+(-[0-9]+)?|\\^[0-9]+)(,([0-9]+(-[0-9]+)?|\\^[0-9]+))*', accept: ['0-3,^2,8', '5', '^1'], reject: ['0-', ',1', '1,,2'] },
  {
    pattern: '((NEW|ESTABLISHED|RELATED|INVALID)(,(NEW|ESTABLISHED|RELATED|INVALID))*|NONE)', accept: ['NEW,ESTABLISHED', 'NONE'], reject: ['NONE,NEW', 'new'],
    libxml2Differs: 'libxml2 accepts "NONE,NEW", which neither alternative matches; Jing agrees with us',
  },
  { pattern: '$[ ]*[a-zA-Z0-9_]+(\\[[ ]*[@]?[0-9]+[ ]*\\])?[ ]*', accept: ['$IP', '$MAC[ 2 ]', '$IP[@1]'], reject: ['IP', '$IP[a]'] },
  { pattern: '\\[[^\\]]+\\] .+', accept: ['[fd00::1] host'], reject: ['[] host', '[a]host'] },
  { pattern: '"?[!#$%&\'()*+\\-./0-9:>=<?@A-Z\\^_`\\[\\]a-z|~]+"?', accept: ['"x-y"', 'a[b]^c'], reject: ['a b', '{'] },
  { pattern: '[&#x20;-&#x7E;]{0,8}'.replace(/&#x([0-9A-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))), accept: ['', 'Hi there', '~'], reject: ['123456789', 'é', '\t'] },
  { pattern: '[a-zA-Z0-9.\\s]{1,8}', accept: ['a b\tc', '1.2'], reject: ['', 'a_b', '123456789'] },
  { pattern: '.{0,255}', accept: ['', 'x'.repeat(255)], reject: ['x'.repeat(256), 'a\nb'] },
  { pattern: '[^/\\n]+', accept: ['a b'], reject: ['a/b', 'a\nb'] },
  { pattern: '([bB]([yY][tT][eE][sS]?)?)|([kKmMgGtTpPeE]([iI]?[bB])?)', accept: ['b', 'bytes', 'KiB', 'k', 'GB'], reject: ['kib ', 'XB'] },
];

export const INVALID_CASES: readonly InvalidRegexCase[] = [
  { pattern: 'a{', position: 1, reason: 'must start a quantifier' },
  { pattern: 'a{x}', position: 1, reason: 'must start a quantifier' },
  { pattern: 'a{2', position: 1, reason: 'not closed' },
  { pattern: 'a{3,2}', position: 1, reason: 'minimum above its maximum', libxml2Differs: 'libxml2 accepts a reversed quantifier; Jing rejects it' },
  { pattern: 'a{,2}', position: 1, reason: 'must start a quantifier' },
  { pattern: '(?:a)', position: 1, reason: '"(?" groups' },
  { pattern: '(?=a)', position: 1, reason: '"(?" groups' },
  { pattern: 'a**', position: 2, reason: 'nothing to repeat' },
  { pattern: 'a*?', position: 2, reason: 'nothing to repeat' },
  { pattern: '*a', position: 0, reason: 'nothing to repeat' },
  { pattern: '\\$', position: 0, reason: '"\\$" is not an escape' },
  { pattern: '\\b', position: 0, reason: '"\\b" is not an escape' },
  { pattern: '(a)\\1', position: 3, reason: '"\\1" is not an escape' },
  { pattern: '\\', position: 0, reason: 'escapes nothing' },
  { pattern: '(a', position: 0, reason: 'never closed' },
  { pattern: 'a)', position: 1, reason: 'no matching "("' },
  { pattern: '[a', position: 0, reason: 'never closed' },
  { pattern: 'a]', position: 1, reason: '"]" must be escaped' },
  { pattern: '[]a]', position: 1, reason: 'cannot be empty' },
  { pattern: '[^]', position: 2, reason: 'cannot be empty' },
  { pattern: '[z-a]', position: 1, reason: 'out of order' },
  { pattern: '[a-c-e]', position: 4, reason: '"-" must be escaped', libxml2Differs: 'libxml2 accepts an unescaped - between ranges' },
  { pattern: '[a--]', position: 3, reason: '"-" must be escaped as the end of a range', libxml2Differs: 'libxml2 accepts - as a range end' },
  { pattern: '[[a]]', position: 1, reason: '"[" must be escaped' },
  { pattern: '[a-z-[aeiou]x]', position: 12, reason: 'subtraction must be the last' },
  { pattern: '[a-\\d]', position: 3, reason: 'cannot end with a multi-character escape' },
  { pattern: '\\p{Foo}', position: 0, reason: '"Foo" is not a Unicode general category' },
  { pattern: '\\p{IsNoSuchBlock}', position: 0, reason: 'not a Unicode block name', libxml2Differs: 'libxml2 ignores unknown block names; Jing rejects them' },
  { pattern: '\\p{Lu', position: 0, reason: 'not closed' },
  { pattern: '\\pL', position: 0, reason: 'followed by a property in braces' },
];
