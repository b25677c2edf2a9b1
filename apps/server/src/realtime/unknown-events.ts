import { ackError, isClientEventName } from '@tally/events';
import { findAck } from './ack.js';
import type { TallySocket } from './socket-types.js';

const MAX_NAME_IN_MESSAGE = 64;

/**
 * Drops every event the protocol does not define before any listener sees it, answering
 * `unknown_event` when the client gave a callback. This also covers numeric names and names
 * like `__proto__`, `constructor` or `error` that would otherwise reach EventEmitter internals.
 */
export function refuseUnknownEvents(socket: TallySocket): void {
  socket.use((packet, next) => {
    const [event] = packet;
    if (isClientEventName(event)) {
      next();
      return;
    }
    const shownName = String(event).slice(0, MAX_NAME_IN_MESSAGE);
    findAck(packet)?.(ackError('unknown_event', `unknown event "${shownName}"`));
  });
}
