/** The rules of this category: define-time checks of nwfilters, secrets, snapshots, checkpoints and backups. */
import type { Rule } from '../../types.js';

export const OTHER_ROOT_RULES: readonly Rule[] = [];
