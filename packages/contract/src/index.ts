export * from './fields.js';
export * from './problem.js';
export * from './registrations.js';
export * from './identity-matches.js';
export * from './access.js';
export * from './identity-review.js';
export * from './temporary-protection.js';
export * from './cash-assistance.js';
