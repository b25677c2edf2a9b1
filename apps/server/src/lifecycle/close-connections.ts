import { type EngineConnection, engineConnections } from '../sockets/engine-connections.js';
import type { TallyServer } from '../sockets/socket-types.js';

/**
 * Closes every connection at the Engine.IO level and resolves once all are closed. Socket.IO's
 * own way (`socket.disconnect()`, and `io.close()` in app.close()) sends a DISCONNECT packet
 * first, which a client reads as "io server disconnect" and does NOT reconnect after; a closed
 * transport is "transport close", after which every standard client reconnects by itself. What
 * each connection has queued (the acks of the last batch) is sent before its transport closes.
 */
export async function closeConnections(io: TallyServer): Promise<void> {
  await Promise.all(engineConnections(io).map(closeOne));
}

function closeOne(connection: EngineConnection): Promise<void> {
  if (connection.readyState === 'closed') return Promise.resolve();
  return new Promise((resolve) => {
    connection.once('close', resolve);
    connection.close();
  });
}
