import { TallyError } from '@tally/events';

/**
 * Error replies meaning "Redis cannot serve right now" (still loading its data set, busy in a
 * script, refusing writes after a failed save or as a replica, out of memory, not enough
 * replicas): nothing was applied and the same operation may be retried later.
 */
const UNAVAILABLE_REPLY_PREFIXES = [
  'LOADING',
  'BUSY',
  'MISCONF',
  'READONLY',
  'OOM',
  'NOREPLICAS',
  'MASTERDOWN',
  'TRYAGAIN',
  'CLUSTERDOWN',
] as const;

/**
 * Turns whatever an ioredis call rejected with into a TallyError. An error that is neither a reply
 * from Redis nor a bug of ours (refused while disconnected, link dropped, command timed out) means
 * the store is unreachable. The message stays generic: addresses and script text must not reach clients; the
 * original is kept as `cause` for the logs.
 */
export function toTallyError(error: unknown): TallyError {
  if (error instanceof TallyError) return error;
  const unavailable = isReplyError(error)
    ? UNAVAILABLE_REPLY_PREFIXES.some((prefix) => error.message.startsWith(prefix))
    : !isProgrammingError(error);
  const tallyError = unavailable
    ? new TallyError('unavailable', 'the store is unavailable, try again later')
    : new TallyError('internal', 'the store failed');
  Object.defineProperty(tallyError, 'cause', { value: error, enumerable: false });
  return tallyError;
}

function isReplyError(error: unknown): error is Error {
  // ioredis exports ReplyError untyped; its name is stable.
  return error instanceof Error && error.name === 'ReplyError';
}

function isProgrammingError(error: unknown): boolean {
  return error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError;
}
