import type { ClientToServerEvents, ServerToClientEvents } from '@tally/events';
import { io, type Socket } from 'socket.io-client';
import { showToast } from '../toasts/toast-store';
import { endSessionOnPagehide } from './endSessionOnPagehide';
import {
  adoptServerIdentity,
  adoptServerName,
  handshakeAuth,
  IDENTITY_STORAGE_KEYS,
  NAME_STORAGE_KEYS,
  reloadIdentityFromStorage,
  reloadNamesFromStorage,
  rememberGreetedName,
} from './identity';
import { reconnectWithNewIdentity } from './reconnectWithNewIdentity';

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

// A user who never picked a name keeps the one the server chose, in every tab and after reloads;
// the greeted name is how this user is listed, shown even on a board too full to list them.
// v1.1: the clientId of `hello` is who this socket is: the stored one when its token was
// honoured, else a new member the server made (kept, with its token, for every tab and visit).
socket.on('hello', (hello) => {
  adoptServerIdentity(hello.clientId, hello.memberToken);
  rememberGreetedName(hello.name);
  adoptServerName(hello.name);
});

// A refused handshake (bad auth) is final for socket.io: say so instead of a silent "Offline".
socket.on('connect_error', (error) => {
  if (!socket.active)
    showToast(`The server refused the connection (${error.message}). Reload the page to try again.`);
});

// All tabs of a profile are one member: a name changed in another tab applies here too, and so
// does an identity another tab was given (two tabs opened at once on a first visit get two; the
// one stored last wins, and the other tab reconnects as it).
window.addEventListener('storage', (event) => {
  if (event.key === null) return;
  const changed =
    (NAME_STORAGE_KEYS.includes(event.key) && reloadNamesFromStorage()) ||
    (IDENTITY_STORAGE_KEYS.includes(event.key) && reloadIdentityFromStorage());
  if (changed) reconnectWithNewIdentity(socket);
});

endSessionOnPagehide(socket, window);
