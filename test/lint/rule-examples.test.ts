/**
 * Every rule's own documentation is a test: its bad example must draw a finding of the rule,
 * and its good example must lint with no finding at all (not even from other rules).
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, lint, SUPPORT_RULES, type Rule } from '../../src/lint/index.js';

const RULES: readonly Rule[] = [...BUILTIN_RULES, ...SUPPORT_RULES];

/** The rule switched on at error level, whatever its default. */
function lintWith(rule: Rule, text: string) {
  return lint({ file: 'example.xml', text }, { rules: { [rule.meta.id]: 'error' }, ...(rule.meta.docs.example.config ?? {}) });
}

describe('rule catalogue', () => {
  it('has unique, kebab-case ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s documents what, why and where', (_id, rule) => {
    const d = rule.meta.docs;
    expect(d.summary.length).toBeGreaterThan(10);
    expect(d.why.length).toBeGreaterThan(20);
    if (rule.meta.category !== 'fleet' && rule.meta.category !== 'hygiene' && rule.meta.category !== 'plugin' && rule.meta.category !== 'legacy') {
      expect(d.libvirtSource, 'where libvirt makes the check').toBeTruthy();
    }
  });
});

describe.each(RULES.filter((r) => r.meta.category !== 'fleet').map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('finds its bad example', () => {
    const findings = lintWith(rule, rule.meta.docs.example.bad).results[0]!.findings;
    expect(findings.map((f) => f.rule)).toContain(id);
    const mine = findings.filter((f) => f.rule === id);
    for (const f of mine) {
      expect(f.line).toBeGreaterThan(0);
      expect(f.path).toMatch(/^\//);
    }
  });

  it('passes its good example with no finding at all', () => {
    const findings = lintWith(rule, rule.meta.docs.example.good).results[0]!.findings;
    expect(findings.map((f) => `${f.line}:${f.column} ${f.rule}: ${f.message}`)).toEqual([]);
  });
});
