/**
 * `format` writes well-formed XML or throws ModelFormatError, whatever the model holds: models
 * built in code or received as JSON can carry names, characters, comments and attributes that
 * XML cannot, and none of them may reach the output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAs, ModelFormatError, parse, type Domain } from '../../src/model/index.js';
import { scanXml, XMLNS_NAMESPACE } from '../../src/xml/dom/index.js';
import { propRuns, propSeed } from '../props/oracles.js';

const base = { type: 'kvm', name: 'x' } as const;

/** Formats, and says whether it threw ModelFormatError (anything else fails the test). */
function write(model: unknown): { written: string } | { refused: ModelFormatError } {
  try {
    return { written: formatAs('domain', model as Domain) };
  } catch (e) {
    if (e instanceof ModelFormatError) return { refused: e };
    throw e;
  }
}

function refusal(model: unknown): ModelFormatError {
  const r = write(model);
  if (!('refused' in r)) throw new Error(`written: ${r.written}`);
  return r.refused;
}

const foreign = (overrides: Record<string, unknown>) => ({ ...base, metadata: { $any: [{ kind: 'element', name: 'a:x', ns: 'urn:a', attributes: [], children: [], ...overrides }] } });

describe('format refuses what XML cannot hold', () => {
  it.each([
    ['a control character in a typed value', { ...base, name: 'a\u0001b' }, '/domain/name: character U+0001 cannot be written in XML [bad-value]'],
    ['a lone surrogate', { ...base, description: 'x\ud800' }, '/domain/description: character U+D800 cannot be written in XML [bad-value]'],
    ['U+FFFE in an attribute', { ...base, os: { type: { $value: 'hvm', machine: 'pc\ufffe' } } }, '/domain/os/type/@machine: character U+FFFE cannot be written in XML [bad-value]'],
    ['a generic element whose name is no XML name', { ...base, metadata: { $any: [{ kind: 'element', name: 'a b', ns: 'urn:a', attributes: [], children: [] }] } }, '"a b" is not an XML name'],
    ['a prefix without a namespace', foreign({ name: 'q:x', ns: '' }), '"q:x" has a prefix but no namespace'],
    ['an attribute twice', foreign({ attributes: [{ name: 'v', ns: '', value: '1' }, { name: 'v', ns: '', value: '2' }] }), 'attribute "v" appears twice'],
    ['a declaration that contradicts the name', foreign({ attributes: [{ name: 'xmlns:a', ns: XMLNS_NAMESPACE, value: 'urn:b' }] }), 'xmlns:a declares "urn:b", but "a:x" is in "urn:a"'],
    ['a prefix undeclared', foreign({ attributes: [{ name: 'xmlns:a', ns: XMLNS_NAMESPACE, value: '' }] }), 'xmlns:a="": a prefix cannot be undeclared in XML 1.0'],
    ['a declaration in $unknown', { ...base, $unknown: [{ kind: 'attribute', name: 'xmlns:q', ns: XMLNS_NAMESPACE, value: 'urn:q' }] }, 'namespace declarations are written for the names that need them'],
    ['a comment holding --', foreign({ children: [{ kind: 'comment', value: 'a--b' }] }), "a comment cannot hold '--'"],
    ['a processing instruction holding ?>', foreign({ children: [{ kind: 'pi', target: 'p', data: 'a?>b' }] }), "data cannot hold '?>'"],
    ['a processing instruction named xml', foreign({ children: [{ kind: 'pi', target: 'XML', data: '' }] }), 'cannot be a processing instruction\'s target'],
    ['an unknown attribute named like a typed one', { ...base, $unknown: [{ kind: 'attribute', name: 'type', ns: '', value: 'qemu' }] }, 'attribute "type" appears twice'],
    ['an $unknown entry that is no node', { ...base, $unknown: [5] }, '/domain/$unknown: expected an attribute, element or text [not-a-model-object]'],
    ['a generic node of no known kind', foreign({ children: [{ kind: 'entity' }] }), 'expected an element, text, comment or processing instruction'],
  ])('%s', (_what, model, message) => {
    expect(refusal(model).message).toContain(message);
  });

  it('writes what it accepts so that it reads back', () => {
    const model = foreign({
      attributes: [{ name: 'xmlns:a', ns: XMLNS_NAMESPACE, value: 'urn:a' }, { name: 'a:v', ns: 'urn:a', value: 'tab\there <&> "\'' }],
      children: [{ kind: 'comment', value: ' a - b ' }, { kind: 'pi', target: 'p', data: 'x ? > y' }, { kind: 'text', value: 'é \u{1F600}' }],
    });
    const r = write(model);
    if (!('written' in r)) throw r.refused;
    expect(JSON.parse(JSON.stringify(parse(r.written).value))).toMatchObject({ metadata: { $any: [{ name: 'a:x', children: model.metadata.$any[0]!.children }] } });
  });
});

describe('format writes well-formed XML or refuses, whatever the model holds', () => {
  // Strings that are often XML names or text, sometimes not: any code unit, lone surrogates included.
  const piece = fc.oneof(
    fc.constantFrom('a', 'x', 'p:q', 'xml', 'xmlns', ':', '-', '--', '?>', ' ', '1', 'é', '\u0000', '\u0001', '\ud800', '\udc00', '\ufffe', '<', '&', ']]>'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  );
  const odd = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''));
  // Mostly what XML can hold, so that many models are written; sometimes anything.
  const text = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: odd });
  const ns = fc.constantFrom('', 'urn:a', 'urn:b', XMLNS_NAMESPACE, 'http://www.w3.org/XML/1998/namespace');
  const named = (names: [string, string][]) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...names).map(([name, ns]) => ({ name, ns })) },
      { weight: 1, arbitrary: fc.record({ name: odd, ns }) },
    );
  const attribute = named([['v', ''], ['w', ''], ['a:v', 'urn:a'], ['xmlns:a', XMLNS_NAMESPACE], ['xml:lang', 'http://www.w3.org/XML/1998/namespace']]).chain((n) =>
    text.map((value) => ({ ...n, value })),
  );
  const leaf = fc.oneof(
    fc.record({ kind: fc.constant('text'), value: text }),
    fc.record({ kind: fc.constant('comment'), value: text }),
    fc.record({ kind: fc.constant('pi'), target: fc.oneof(fc.constant('p'), odd), data: text }),
  );
  const { element } = fc.letrec((tie) => ({
    element: fc.tuple(
      named([['a:x', 'urn:a'], ['b:y', 'urn:b'], ['z', 'urn:a'], ['e', '']]),
      fc.array(attribute, { maxLength: 3 }),
      fc.array(fc.oneof({ depthSize: 'small' }, leaf, tie('element')), { maxLength: 3 }),
    ).map(([n, attributes, children]) => ({ kind: 'element', ...n, attributes, children })),
  }));
  const model = fc.record({
    type: fc.constant('kvm'),
    name: text,
    metadata: fc.record({ $any: fc.array(element, { minLength: 1, maxLength: 2 }) }),
    $unknown: fc.array(fc.oneof(attribute.map((a) => ({ kind: 'attribute', ...a })), leaf), { maxLength: 2 }),
  });

  it('never writes what it cannot read back', () => {
    const seen = { written: 0, refused: 0 };
    fc.assert(
      fc.property(model, (m) => {
        const r = write(m);
        if ('refused' in r) {
          seen.refused++;
          return;
        }
        seen.written++;
        expect(() => scanXml(r.written)).not.toThrow();
        expect(parse(r.written).schema).toBe('domain');
      }),
      { numRuns: propRuns(), seed: propSeed() },
    );
    expect(seen.written).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});
