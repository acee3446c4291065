/** The rules of this category: rules that judge all linted files together. */
import type { Rule } from '../../types.js';

export const FLEET_RULES: readonly Rule[] = [];
