import type { ServerEventName, ServerPayload } from '@tally/events';
import type { TallySocket } from '../sockets/socket-types.js';

/** socket.io-parser's EVENT packet type. */
const EVENT_PACKET = 2;

/** The write below `socket.emit`: Socket.IO's own, typed private. */
interface PacketWriter {
  packet(packet: { type: number; data: unknown[] }): void;
}

/**
 * Sends one of the greetings of a new socket (`hello`, the current `stats`) to it alone, without
 * a place in connection state recovery's buffer. With recovery on, `socket.emit` keeps every packet
 * for the recovery window (two minutes, ~800 bytes each) so that a client coming back gets what it
 * missed; but a socket that comes back is greeted again, so its old greetings are never replayed,
 * and keeping them was a tenth of what an idle connection cost (issue 5: 10,000 idle clients).
 */
export function greet<E extends ServerEventName>(
  socket: TallySocket,
  event: E,
  payload: ServerPayload<E>,
): void {
  (socket as unknown as PacketWriter).packet({ type: EVENT_PACKET, data: [event, payload] });
}
