import { TallyError } from '@tally/events';
import Database from 'better-sqlite3';

/**
 * Result codes meaning "the database cannot serve right now" (locked, disk full or failing, file
 * gone read-only): the caller may retry the same operation later, so they become `unavailable`.
 * Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT…) share the primary code's prefix.
 */
const UNAVAILABLE_PREFIXES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_PROTOCOL',
] as const;

/**
 * Turns whatever a better-sqlite3 call threw into a TallyError. The message stays generic on
 * purpose: SQL text and file paths must not reach clients; the original is kept as `cause`.
 */
export function toTallyError(error: unknown): TallyError {
  if (error instanceof TallyError) return error;
  if (error instanceof Database.SqliteError) {
    const unavailable = UNAVAILABLE_PREFIXES.some((prefix) => error.code.startsWith(prefix));
    return withCause(
      unavailable
        ? new TallyError('unavailable', 'the store is unavailable, try again later')
        : new TallyError('internal', 'the store failed'),
      error,
    );
  }
  // better-sqlite3 throws a TypeError once the connection is closed.
  if (error instanceof TypeError && /database connection is not open/i.test(error.message)) {
    return withCause(new TallyError('unavailable', 'the store is closed'), error);
  }
  return withCause(new TallyError('internal', 'the store failed'), error);
}

function withCause(tallyError: TallyError, cause: unknown): TallyError {
  Object.defineProperty(tallyError, 'cause', { value: cause, enumerable: false });
  return tallyError;
}
