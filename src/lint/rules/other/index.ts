/** The rules of this category: define-time checks of nwfilters, secrets, snapshots, checkpoints and backups. */
import type { Rule } from '../../types.js';
import { MOMENT_RULES } from './moments.js';
import { portWithoutProtocol } from './nwfilter.js';
import { secretUsageEmpty } from './secret.js';

export const OTHER_ROOT_RULES: readonly Rule[] = [secretUsageEmpty, portWithoutProtocol, ...MOMENT_RULES];
