/** The rules of this category: runtime state saved in persistent configs, and legacy forms. */
import type { Rule } from '../../types.js';

export const HYGIENE_RULES: readonly Rule[] = [];
