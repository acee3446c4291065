/**
 * The built-in rules, by category. Each category's folder exports its list; a rule's id, docs and
 * examples live beside its check (see types.ts, RuleMeta).
 */
import type { Rule } from '../types.js';
import { DOMAIN_RULES } from './domain/index.js';
import { FLEET_RULES } from './fleet/index.js';
import { HYGIENE_RULES } from './hygiene/index.js';
import { NETWORK_RULES } from './network/index.js';
import { OTHER_ROOT_RULES } from './other/index.js';
import { schemaRule } from './schema.js';
import { STORAGE_RULES } from './storage/index.js';

export const BUILTIN_RULES: readonly Rule[] = [
  schemaRule,
  ...DOMAIN_RULES,
  ...NETWORK_RULES,
  ...STORAGE_RULES,
  ...OTHER_ROOT_RULES,
  ...FLEET_RULES,
  ...HYGIENE_RULES,
];
