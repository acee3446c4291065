export { parse, format, formatAs, type Parsed, type ParseOptions, type FormatOptions } from './api.js';
export { ModelParseError, ModelFormatError } from './errors.js';
export { update, updateAt, freezeModel, type Changes } from './update.js';
export type { FormatStyle } from './write.js';
export type * from './binding.js';
