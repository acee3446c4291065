/** The rules of this category: rules that judge all linted files together. */
import type { Rule } from '../../types.js';
import { NAME_RULES } from './names.js';
import { NETWORK_FLEET_RULES } from './networks.js';
import { REFERENCE_RULES } from './references.js';
import { RESOURCE_RULES } from './resources.js';

export const FLEET_RULES: readonly Rule[] = [...NAME_RULES, ...RESOURCE_RULES, ...NETWORK_FLEET_RULES, ...REFERENCE_RULES];
