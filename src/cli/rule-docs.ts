/**
 * A rule's documentation, written from its own meta in one place: the pages under docs/rules/
 * (`npm run docs:rules`), `virtxml explain RULE`, and the help SARIF carries for code scanning
 * all say the same thing because they are the same text.
 */
import { BUILTIN_RULES, lint, SUPPORT_RULES, type LintConfig, type Rule, type RuleMeta } from '../lint/index.js';
import { SYNTAX_RULE_ID } from '../lint/rules/schema.js';
import { PINNED_RELEASE, ROOT_ELEMENTS, type RootName } from '../model/generated/grammar/index.js';
import { packageInfo } from './package-info.js';

/** Findings of documents that are not XML: reported by the engine itself, documented like a rule. */
export const SYNTAX_RULE_META: RuleMeta = {
  id: SYNTAX_RULE_ID,
  category: 'schema',
  level: 'error',
  roots: [],
  docs: {
    summary: 'The file is not well-formed XML, or its bytes are not text in the encoding it declares.',
    why: 'libvirt parses a document with libxml2 before anything else, and refuses one that is not well-formed XML. No other rule can look at such a file, and it cannot be switched off or suppressed: its comments cannot be read either.',
    example: {
      bad: "<network>\n  <name>default</name>\n  <bridge name='virbr0'>\n</network>\n",
      good: "<network>\n  <name>default</name>\n  <bridge name='virbr0'/>\n</network>\n",
    },
    libvirtMessage: "XML error: Couldn't find end of Start Tag bridge line 3",
    libvirtSource: 'src/util/virxml.c, virXMLParseHelper',
  },
};

/** Every documented rule: the built-in ones, the support rules (`unused-suppression`), `syntax`, then plugins' in order. */
export function ruleCatalogue(pluginRules: readonly Rule[] = []): RuleMeta[] {
  return [...BUILTIN_RULES.map((r) => r.meta), ...SUPPORT_RULES.map((r) => r.meta), SYNTAX_RULE_META, ...pluginRules.map((r) => completeMeta(r.meta))];
}

/**
 * A plugin rule's meta with what it may leave out filled in: the loader only insists on an id, a
 * level, roots and a summary, and documentation must not fail on the rest.
 */
function completeMeta(meta: RuleMeta): RuleMeta {
  const docs: Partial<RuleMeta['docs']> = meta.docs ?? {};
  const example = docs.example as Partial<RuleMeta['docs']['example']> | undefined;
  return {
    ...meta,
    category: meta.category ?? 'plugin',
    docs: {
      ...docs,
      summary: docs.summary ?? meta.id,
      why: docs.why ?? docs.summary ?? meta.id,
      example: { bad: example?.bad ?? '', good: example?.good ?? '', ...(example?.config !== undefined ? { config: example.config } : {}) },
    },
  };
}

/** Where a built-in rule's page lives in the repository. */
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** The page's web address, when the package names its repository; undefined for plugin rules. */
export function ruleDocsUrl(meta: RuleMeta): string | undefined {
  if (meta.category === 'plugin' || !isBuiltin(meta.id)) return undefined;
  const repo = packageInfo().repositoryUrl;
  return repo === undefined ? undefined : `${repo}/blob/main/${ruleDocsPath(meta.id)}`;
}

export function isBuiltin(id: string): boolean {
  return id === SYNTAX_RULE_ID || BUILTIN_RULES.some((r) => r.meta.id === id) || SUPPORT_RULES.some((r) => r.meta.id === id);
}

const LEVEL_WORDS: Readonly<Record<string, string>> = { error: 'error', warn: 'warning', off: 'off (enable it in the configuration)' };

/** What `virtxml lint` says about a rule's bad example, as `line:column message` lines. */
export function exampleFindings(meta: RuleMeta): string[] {
  if (!isBuiltin(meta.id)) return [];
  const config = { ...(meta.id === SYNTAX_RULE_ID ? {} : { rules: { [meta.id]: meta.level === 'off' ? 'warn' : meta.level } }), ...(meta.docs.example.config ?? {}) } as LintConfig;
  const result = lint({ file: 'example.xml', text: meta.docs.example.bad }, config);
  return result.results[0]!.findings.filter((f) => f.rule === meta.id).map((f) => `${f.line}:${f.column}  ${f.severity}  ${f.message}`);
}

/**
 * The full page: what, why, examples (with what lint reports on the bad one, when `reported` is
 * given), libvirt's message and where, limits, and how to configure it.
 */
export function ruleMarkdown(meta: RuleMeta, reported?: readonly string[]): string {
  const d = meta.docs;
  const lines: string[] = [];
  lines.push(`# \`${meta.id}\``, '');
  lines.push(d.summary, '');
  lines.push('| category | default level | checks | fixable |', '| --- | --- | --- | --- |');
  lines.push(`| ${meta.category} | ${LEVEL_WORDS[meta.level] ?? meta.level} | ${meta.roots.length === 0 ? '—' : meta.roots.map((r) => `\`<${rootElement(r)}>\``).join(', ')} | ${meta.fixable ? 'yes' : 'no'} |`, '');
  lines.push('## Why', '', d.why, '');
  if (meta.legacy !== undefined) {
    lines.push('## Releases', '', '| current form since | old form refused since |', '| --- | --- |');
    lines.push(`| ${releaseWords(meta.legacy.since)} | ${meta.legacy.until === undefined ? 'still accepted' : releaseWords(meta.legacy.until)} |`, '', meta.legacy.evidence, '');
  }
  if (d.example.bad !== '' || d.example.good !== '') {
    lines.push('## Example', '');
    if (d.example.config !== undefined) lines.push(`With the configuration \`${JSON.stringify(d.example.config)}\`.`, '');
    if (d.example.bad !== '') lines.push('Reported:', '', fence(d.example.bad), '');
    if (reported !== undefined && reported.length > 0) lines.push('`virtxml lint` says:', '', fence(reported.join('\n'), 'text'), '');
    if (d.example.good !== '') lines.push('Accepted:', '', fence(d.example.good), '');
  }
  if (d.libvirtMessage !== undefined || d.libvirtSource !== undefined) {
    lines.push("## libvirt's check", '');
    if (d.libvirtMessage !== undefined) lines.push('libvirt says:', '', fence(d.libvirtMessage, 'text'), '');
    if (d.libvirtSource !== undefined) lines.push(`Where: ${d.libvirtSource} (libvirt 11.3.0's sources).`, '');
  }
  if (d.limits !== undefined) lines.push('## Limits', '', d.limits, '');
  lines.push('## Configuration', '');
  if (meta.id === SYNTAX_RULE_ID) {
    lines.push('This check cannot be switched off: a file that is not XML cannot be linted at all. Leave the file out with `ignore` in `virtxml.config.json` if it is not a libvirt document.', '');
  } else {
    lines.push('In `virtxml.config.json`:', '', fence(JSON.stringify({ rules: { [meta.id]: meta.level === 'off' ? 'warn' : meta.level === 'error' ? 'warn' : 'error' } }, null, 2), 'json'), '');
    lines.push(`On the command line: \`virtxml lint --rule ${meta.id}:off\`. For one place in a document: \`<!-- virtxml-disable-next-line ${meta.id} -- why -->\` on the line before it.`, '');
  }
  return lines.join('\n');
}

/** The same for a terminal (`virtxml explain`): no table, the examples as plain text. */
export function ruleText(meta: RuleMeta, reported?: readonly string[]): string {
  const d = meta.docs;
  const indent = (text: string): string => text.replace(/\n$/, '').split('\n').map((l) => `    ${l}`).join('\n');
  const out: string[] = [];
  out.push(`${meta.id} (${meta.category}; default: ${LEVEL_WORDS[meta.level] ?? meta.level}${meta.fixable ? '; fixable' : ''})`, '');
  out.push(d.summary, '');
  out.push('Why:', wrapText(d.why, 2), '');
  if (meta.legacy !== undefined) {
    out.push(`Releases: current form since ${releaseWords(meta.legacy.since)}; old form ${meta.legacy.until === undefined ? 'still accepted' : `refused since ${releaseWords(meta.legacy.until)}`}.`, wrapText(meta.legacy.evidence, 2), '');
  }
  if (d.example.bad !== '') out.push('Reported:', indent(d.example.bad), '');
  if (reported !== undefined && reported.length > 0) out.push('virtxml lint says:', indent(reported.join('\n')), '');
  if (d.example.good !== '') out.push('Accepted:', indent(d.example.good), '');
  if (d.example.config !== undefined) out.push(`(examples linted with the configuration ${JSON.stringify(d.example.config)})`, '');
  if (d.libvirtMessage !== undefined) out.push("libvirt's message:", indent(d.libvirtMessage), '');
  if (d.libvirtSource !== undefined) out.push(`Where libvirt checks it: ${d.libvirtSource}`, '');
  if (d.limits !== undefined) out.push('Limits:', wrapText(d.limits, 2), '');
  const url = ruleDocsUrl(meta);
  if (url !== undefined) out.push(`More: ${url}`);
  else if (isBuiltin(meta.id)) out.push(`More: ${ruleDocsPath(meta.id)} in virtxml's repository`);
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/** `0.9.4` → "libvirt 0.9.4"; a bound `≤7.0.0` → "libvirt 7.0.0 or earlier". */
export function releaseWords(release: string): string {
  return release.startsWith('≤') ? `libvirt ${release.slice(1)} or earlier` : `libvirt ${release}`;
}

function wrapText(text: string, indent: number, width = 100): string {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line !== '' && indent + line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

/** A fenced block whose fence no line of the text can close. */
function fence(text: string, lang = 'xml'): string {
  let ticks = '```';
  while (text.includes(ticks)) ticks += '`';
  return `${ticks}${lang}\n${text.replace(/\n$/, '')}\n${ticks}`;
}

function rootElement(root: string): string {
  return ROOT_ELEMENTS[PINNED_RELEASE][root as RootName]?.[0] ?? root;
}

/** The catalogue as the README of docs/rules/ shows it. */
export function catalogueMarkdown(metas: readonly RuleMeta[]): string {
  const lines = [
    '# Lint rules',
    '',
    '<!-- Generated by `npm run docs:rules` from each rule\'s meta; do not edit by hand. -->',
    '',
    `${metas.length} rules. Levels are the defaults; \`virtxml.config.json\` or \`--rule RULE:LEVEL\` change them ([docs/lint.md](../lint.md)). \`virtxml rules\` prints this table, \`virtxml explain RULE\` one page.`,
    '',
    '| rule | category | default | fixable | what it reports |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const m of metas) {
    lines.push(`| [\`${m.id}\`](${m.id}.md) | ${m.category} | ${m.level} | ${m.fixable ? 'yes' : ''} | ${m.docs.summary.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
  }
  return lines.join('\n') + '\n';
}
