export * from './fields.js';
export * from './problem.js';
export * from './registrations.js';
export * from './access.js';
