import { type AckError, ackError } from '@tally/events';
import type { Event } from 'socket.io';

const MAX_NAME_IN_MESSAGE = 64;

/** The answer to an event the protocol does not define; a client may send any name, so it is cut short. */
export function unknownEventError(event: unknown): AckError {
  const shownName = String(event).slice(0, MAX_NAME_IN_MESSAGE);
  return ackError('unknown_event', `unknown event "${shownName}"`);
}

/**
 * Every socket's only middleware, one function for all of them: it ends every event. The event
 * router (an `onAny` listener, which Socket.IO calls first) has handled it already, and no client
 * event may reach the socket's EventEmitter, where names like `error`, `disconnect`, `__proto__`
 * or `constructor` would reach Socket.IO's and Node's own listeners and internals.
 */
export function stopAfterRouting(_event: Event, _next: (error?: Error) => void): void {
  // Not calling `next` is how a middleware ends an event without an error.
}
