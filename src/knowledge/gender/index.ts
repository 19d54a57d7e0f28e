/** Gender-mainstreaming knowledge: sex code schemes, header terms, detection, flags, report. */
export * from './text.js';
export * from './schemes.js';
export * from './headers.js';
export * from './table-detector.js';
export * from './flags.js';
export * from './observe.js';
export * from './report.js';
export * from './evidence.js';
