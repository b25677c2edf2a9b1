/**
 * The owner's tools on a card: one chunk, loaded once an owner's board shows (members never
 * need it). Rename opens from the options menu, so its field comes in the same chunk.
 */
export { default as CounterOptions } from './CounterOptions';
export { default as RenameForm } from './RenameForm';
