import type { ClientToServerEvents, ServerToClientEvents } from '@tally/events';
import { io, type Socket } from 'socket.io-client';
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

/** Reconnects so that the server sees the new handshake (a new name). */
export function reconnectWithNewIdentity(): void {
  if (!socket.connected && !socket.active) return;
  socket.disconnect().connect();
}

// All tabs of a profile are one member: a name changed in another tab applies here too.
window.addEventListener('storage', (event) => {
  if (event.key === NAME_STORAGE_KEY && reloadNameFromStorage()) reconnectWithNewIdentity();
});
