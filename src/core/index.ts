export * from './span.js';
export * from './source.js';
export * from './finding.js';
export * from './errors.js';
