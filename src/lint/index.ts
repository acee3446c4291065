/**
 * Linting: libvirt's define-time checks, fleet rules across files and hygiene warnings, on top
 * of the validator and the typed model.
 */
export { lint, finishLint, rulesFor, type LintInput, type LintResult, type FileLintResult } from './lint.js';
export { BUILTIN_RULES } from './rules/index.js';
export { SUPPORT_RULES } from './lint.js';
export { checkConfig, settingsFor, ConfigError, DEFAULT_ARCH, type LintConfig, type LintOverride, type FileSettings } from './config.js';
export { machineFamily, isX86, type MachineFamily } from './platform.js';
export type * from './types.js';
export { isFleetRule } from './types.js';
export { migrate, migrationRules, type MigrateOptions, type MigrateResult, type MigrationChange } from '../migrate/migrate.js';
