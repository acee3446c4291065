/**
 * Migration of legacy configs: the upgrades libvirt itself would make, applied as format-keeping
 * text edits (see migrate.ts).
 */
export { migrate, migrationRules, type MigrateOptions, type MigrateResult, type MigrationChange } from './migrate.js';
export { unifiedDiff, type UnifiedDiffOptions } from '../text/unified-diff.js';
