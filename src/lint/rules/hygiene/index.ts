/** The rules of this category: runtime state saved in persistent configs, and legacy forms. */
import type { Rule } from '../../types.js';
import { LEGACY_DOMAIN_RULES } from './legacy.js';
import { LEGACY_NARROWED_RULES } from './legacy-narrowed.js';
import { LEGACY_OTHER_RULES } from './legacy-other.js';
import { LEGACY_REPORT_RULES } from './legacy-report.js';
import { duplicateInterfaceMac } from './mac.js';
import { RUNTIME_RULES } from './runtime.js';

export const HYGIENE_RULES: readonly Rule[] = [...RUNTIME_RULES, ...LEGACY_DOMAIN_RULES, ...LEGACY_OTHER_RULES, ...LEGACY_NARROWED_RULES, ...LEGACY_REPORT_RULES, duplicateInterfaceMac];
