/** The rules of this category: runtime state saved in persistent configs, and legacy forms. */
import type { Rule } from '../../types.js';
import { RUNTIME_RULES } from './runtime.js';

export const HYGIENE_RULES: readonly Rule[] = [...RUNTIME_RULES];
