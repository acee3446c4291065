export * from './name-class.js';
export * from './pattern.js';
export * from './builder.js';
export * from './table.js';
