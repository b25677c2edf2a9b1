import type { ClientToServerEvents, ServerToClientEvents } from '@tally/events';
import { io, type Socket } from 'socket.io-client';
import { showToast } from '../toasts/toast-store';
import { getName, handshakeAuth, NAME_STORAGE_KEY, reloadNameFromStorage, setName } from './identity';

export type TallySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one socket of this tab, created when the module loads rather than in a component, so that
 * StrictMode's double effects never open a second connection. Same origin, default path: in dev
 * Vite proxies `/socket.io` to the server. The auth callback runs at each (re)connection.
 */
export const socket: TallySocket = io({
  autoConnect: typeof navigator === 'undefined' || navigator.onLine,
  auth: (send) => send(handshakeAuth()),
});

// A user who never picked a name keeps the one the server chose, in every tab and after reloads.
socket.on('hello', (hello) => {
  if (getName() === '') setName(hello.name);
});

// A refused handshake (bad auth) is final for socket.io: say so instead of a silent "Offline".
socket.on('connect_error', (error) => {
  if (!socket.active)
    showToast(`The server refused the connection (${error.message}). Reload the page to try again.`);
});

/** Longest wait for Engine.IO's websocket probe before reconnecting anyway (polling-only links never upgrade). */
const UPGRADE_WAIT_MS = 3_000;

/** Reconnects so that the server sees the new handshake (a new name). */
let reconnectScheduled = false;

export function reconnectWithNewIdentity(): void {
  if (reconnectScheduled || (!socket.connected && !socket.active)) return;
  const engine = socket.io.engine;
  if (socket.connected && engine?.transport.name === 'polling') {
    // Right after connecting, Engine.IO is probing a websocket to upgrade to; closing now would
    // abort that handshake and the browser logs an error. Wait for the probe to end first.
    reconnectScheduled = true;
    const proceed = () => {
      reconnectScheduled = false;
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

// All tabs of a profile are one member: a name changed in another tab applies here too.
window.addEventListener('storage', (event) => {
  if (event.key === NAME_STORAGE_KEY && reloadNameFromStorage()) reconnectWithNewIdentity();
});
