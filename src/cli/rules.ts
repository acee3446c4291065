/**
 * `virtxml rules [--format text|json]`: the rule catalogue (id, category, default level,
 * fixable, summary, and for migration rules the releases of the legacy form), with the rules of
 * the plugins the configuration loads; and
 * `virtxml explain RULE`: one rule's page — what it reports, why, a bad and a good example,
 * libvirt's own message and where libvirt makes the check.
 */
import { ConfigError } from '../lint/config.js';
import type { RuleMeta } from '../lint/types.js';
import { choiceOption, parseArgs } from './args.js';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIO, type Command } from './io.js';
import { loadCliConfig, loadPlugins } from './lint-config.js';
import { exampleFindings, ruleCatalogue, ruleDocsUrl, ruleMarkdown, ruleText } from './rule-docs.js';

export const RULES_USAGE = `usage: virtxml rules [--format text|json|markdown] [--config FILE]
  lists every lint rule: id, category, default level, whether it has a fix, what it reports
  (with the rules of the plugins the configuration loads)
exit status: 0 listed, 2 usage or configuration error`;

export const EXPLAIN_USAGE = `usage: virtxml explain [--format text|markdown] [--config FILE] RULE
  what the rule reports, why, a bad and a good example, libvirt's message and where libvirt checks it
exit status: 0 explained, 2 unknown rule, usage or configuration error`;

async function catalogue(io: CliIO, configPath: string | undefined): Promise<RuleMeta[]> {
  try {
    const cli = loadCliConfig(io.cwd, configPath);
    const plugins = await loadPlugins(cli.config.plugins ?? []);
    return ruleCatalogue(plugins.flatMap((p) => p.rules));
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

export const rulesCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, { values: ['format', 'config'], flags: ['help'], aliases: { '-f': 'format', '-c': 'config', '-h': 'help' } });
  if (parsed.flags.has('help')) {
    io.stdout(RULES_USAGE + '\n');
    return EXIT_OK;
  }
  if (parsed.operands.length > 0) throw new UsageError(`unexpected argument "${parsed.operands[0]}"; \`virtxml explain RULE\` explains one rule`);
  const format = choiceOption(parsed, 'format', ['text', 'json', 'markdown'] as const, 'text');
  const metas = await catalogue(io, parsed.values.get('config'));
  if (format === 'json') {
    const rules = metas.map((m) => ({
      id: m.id,
      category: m.category,
      level: m.level,
      fixable: m.fixable === true,
      roots: m.roots,
      summary: m.docs.summary,
      ...(m.legacy !== undefined ? { legacy: m.legacy } : {}),
      ...(ruleDocsUrl(m) !== undefined ? { docs: ruleDocsUrl(m) } : {}),
    }));
    io.stdout(JSON.stringify({ rules }, null, 2) + '\n');
    return EXIT_OK;
  }
  if (format === 'markdown') {
    io.stdout(['| rule | category | default | fixable | what it reports |', '| --- | --- | --- | --- | --- |', ...metas.map((m) => `| \`${m.id}\` | ${m.category} | ${m.level} | ${m.fixable ? 'yes' : ''} | ${m.docs.summary.replace(/\|/g, '\\|')} |`)].join('\n') + '\n');
    return EXIT_OK;
  }
  const idWidth = Math.max(4, ...metas.map((m) => m.id.length));
  const catWidth = Math.max(8, ...metas.map((m) => m.category.length));
  const lines = [`${'rule'.padEnd(idWidth)}  ${'category'.padEnd(catWidth)}  level  fix  summary`];
  for (const m of metas) {
    lines.push(`${m.id.padEnd(idWidth)}  ${m.category.padEnd(catWidth)}  ${m.level.padEnd(5)}  ${m.fixable ? 'yes' : '   '}  ${m.docs.summary.replace(/`/g, '')}`);
  }
  lines.push('', `${metas.length} rules; \`virtxml explain RULE\` tells more about one.`);
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
};

export const explainCommand: Command = async (args, io) => {
  const parsed = parseArgs(args, { values: ['format', 'config'], flags: ['help'], aliases: { '-f': 'format', '-c': 'config', '-h': 'help' } });
  if (parsed.flags.has('help')) {
    io.stdout(EXPLAIN_USAGE + '\n');
    return EXIT_OK;
  }
  const format = choiceOption(parsed, 'format', ['text', 'markdown'] as const, 'text');
  if (parsed.operands.length !== 1) throw new UsageError('name one rule, e.g. `virtxml explain duplicate-disk-target`; `virtxml rules` lists them');
  const id = parsed.operands[0]!;
  const metas = await catalogue(io, parsed.values.get('config'));
  const meta = metas.find((m) => m.id === id);
  if (meta === undefined) {
    const near = metas.filter((m) => m.id.includes(id) || id.includes(m.id)).map((m) => m.id).slice(0, 5);
    io.stderr(`virtxml explain: no rule "${id}"${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''} (\`virtxml rules\` lists them)\n`);
    return EXIT_USAGE;
  }
  const reported = exampleFindings(meta);
  io.stdout(format === 'markdown' ? ruleMarkdown(meta, reported) : ruleText(meta, reported));
  return EXIT_OK;
};
