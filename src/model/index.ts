export * from './location.js';
export * from './dataset.js';
export * from './finding.js';
export * from './report.js';
export * from './table.js';
export * from './limits.js';
export * from './errors.js';
export * from './rdf.js';
