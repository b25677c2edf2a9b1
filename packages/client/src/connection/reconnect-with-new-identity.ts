import type { TallySocket } from '../socket.js';

/** Longest wait for Engine.IO's websocket probe before reconnecting anyway (polling-only links never upgrade). */
const UPGRADE_WAIT_MS = 3_000;

/** Sockets whose reconnect waits for the end of their upgrade, so that a burst of renames reconnects once. */
const scheduled = new WeakSet<TallySocket>();

/** Reconnects so that the server sees the new handshake (a new name). */
export function reconnectWithNewIdentity(socket: TallySocket): void {
  if (scheduled.has(socket) || (!socket.connected && !socket.active)) return;
  const engine = socket.io.engine;
  if (socket.connected && engine?.transport.name === 'polling') {
    // Right after connecting, Engine.IO is probing a websocket to upgrade to; closing now would
    // abort that handshake and the browser logs an error. Wait for the probe to end first.
    scheduled.add(socket);
    const proceed = () => {
      scheduled.delete(socket);
      clearTimeout(timer);
      engine.off('upgrade', proceed);
      engine.off('upgradeError', proceed);
      socket.disconnect().connect();
    };
    const timer = setTimeout(proceed, UPGRADE_WAIT_MS);
    engine.once('upgrade', proceed);
    engine.once('upgradeError', proceed);
    return;
  }
  socket.disconnect().connect();
}
