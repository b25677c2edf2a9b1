import type { TallySocket } from '../sockets/socket-types.js';
import type { AddressLimits } from './address-limits.js';
import type { Refusals } from './refusals.js';
import type { SocketCounts } from './socket-counts.js';

/** What a refused handshake's client sees: `connect_error` with this message. */
export const SOCKET_CAP_ERROR = 'rate_limited';

type Middleware = (socket: TallySocket, next: (error?: Error) => void) => void;

/**
 * The Socket.IO middleware of MAX_SOCKETS_PER_ADDRESS. It must be the first one: a refused
 * handshake then costs nothing else. Each socket it admits is released exactly once, whichever
 * comes first: its `disconnect`, or the close of its connection, which is the only end a socket
 * has when a later middleware refuses it (Socket.IO emits no `disconnect` then; the client closes
 * the connection, or Socket.IO does after its connectTimeout). A recovered session is a new socket
 * that runs the middlewares again: it is counted again, the old one having been released.
 */
export function createSocketCap(
  counts: SocketCounts,
  limits: Pick<AddressLimits, 'addressOf'>,
  refusals: Refusals,
): Middleware {
  /** The address each admitted socket holds a place of, until released. */
  const held = new WeakMap<TallySocket, string>();

  function release(socket: TallySocket): void {
    const address = held.get(socket);
    if (address === undefined) return;
    held.delete(socket);
    counts.release(address);
  }

  // One function for every socket (issue 5: no closures per socket on the socket itself).
  function releaseOnDisconnect(this: TallySocket): void {
    release(this);
  }

  return function capSockets(socket, next) {
    const address = limits.addressOf(socket);
    void counts.acquire(address).then((granted) => {
      if (!granted) {
        refusals.refused('address_sockets');
        next(new Error(SOCKET_CAP_ERROR));
        return;
      }
      held.set(socket, address);
      // Closed while Redis answered: Socket.IO drops the socket without a word after next().
      if (socket.conn.readyState !== 'open') release(socket);
      else {
        socket.on('disconnect', releaseOnDisconnect);
        // Per socket, as one connection may carry several: the connection holds it, not the socket.
        socket.conn.once('close', () => release(socket));
      }
      next();
    });
  };
}
