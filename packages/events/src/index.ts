/**
 * @tally/events: the Tally v1 protocol, shared by server, web app and any other client.
 * Runtime schemas (zod) are the source of truth; the TypeScript types are derived from them.
 */
export * from './constants.js';
export * from './errors.js';
export * from './events.js';
export * from './http.js';
export * from './models.js';
export * from './payloads.js';
export * from './primitives.js';
export * from './server-payloads.js';
export * from './snapshot-format.js';
