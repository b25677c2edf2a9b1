import type { SocketContext } from './handler-context.js';
import type { TallyServer, TallySocket } from './socket-types.js';

/** `latency:probe`: echoes the client's time with the server's, so the client can measure its round trip. */
export function registerLatencyHandlers(_io: TallyServer, _socket: TallySocket, ctx: SocketContext): void {
  ctx.dispatcher.handle('latency:probe', async ({ t }) => ({ t, serverTime: Date.now() }));
}
