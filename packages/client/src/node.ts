/**
 * @tally/client/node: what only runs in Node (it uses node:fs). Browser code imports
 * `@tally/client`, which stays free of Node modules.
 */

export { fileStorage } from './storage/file-storage.js';
