import { type EngineConnection, engineConnections } from '../sockets/engine-connections.js';
import type { TallyServer } from '../sockets/socket-types.js';

/**
 * How often every connection's unsent data is measured. A timer across connections, not a check
 * at each emit: the hot path (acks, broadcasts) stays as it is, a round costs a few reads per
 * connection (the buffers are empty unless a reader is slow), and a connection cannot pass the
 * bound by more than what the server sends it within one interval.
 */
export const SLOW_READER_CHECK_MS = 250;

export interface DroppedReader {
  sid: string;
  transport: string;
  unsentBytes: number;
}

/**
 * Disconnects, at once, every connection whose unsent data passes `maxBytes`: a reader that is
 * paused, or slower than what its boards say, would otherwise hold that memory until its ping
 * timeout. Returns a function that stops watching.
 */
export function watchSlowReaders(
  io: TallyServer,
  options: { maxBytes: number; onDrop(reader: DroppedReader): void },
): () => void {
  const timer = setInterval(() => {
    for (const connection of engineConnections(io)) {
      const unsentBytes = unsentBytesPast(connection, options.maxBytes);
      if (unsentBytes <= options.maxBytes) continue;
      drop(connection);
      options.onDrop({ sid: connection.id, transport: connection.transport.name, unsentBytes });
    }
  }, SLOW_READER_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * What the connection has not sent yet: for websocket, the bytes in the `ws` socket (its queue
 * and the TCP socket's buffer), plus the packets Engine.IO holds while the transport is busy or,
 * for polling, until the client's next GET. Stops counting once past `limit`.
 */
function unsentBytesPast(connection: EngineConnection, limit: number): number {
  let bytes = websocketOf(connection)?.bufferedAmount ?? 0;
  for (const packet of connection.writeBuffer) {
    if (bytes > limit) break;
    bytes += byteLength(packet.data);
  }
  return bytes;
}

function byteLength(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

function websocketOf(connection: EngineConnection) {
  return connection.transport.name === 'websocket' ? connection.transport.socket : undefined;
}

function drop(connection: EngineConnection): void {
  const websocket = websocketOf(connection);
  // Discards Engine.IO's queue; Socket.IO's sockets on it see 'forced close'.
  connection.close(true);
  // Then the bytes already in the socket go too, now rather than after ws' 30 s closing handshake,
  // which a reader that does not read would never answer.
  websocket?.terminate();
}
