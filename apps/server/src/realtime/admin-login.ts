import { createHash, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'socket.io';

/** The Admin UI's user name (its login form asks for one); the password is ADMIN_KEY. */
export const ADMIN_USERNAME = 'admin';

type NamespaceMiddleware = (socket: Socket, next: (error?: Error) => void) => void;

/**
 * A middleware for the Admin UI's namespace that runs before @socket.io/admin-ui's own: it lets
 * through the right user name and key, compared in constant time, and refuses everything else with
 * admin-ui's own error ("invalid credentials", which its UI shows). admin-ui checks a password with
 * bcrypt, CPU time of this process for each attempt: without this gate, anyone could make the node
 * burn CPU with wrong passwords; with it, only the admin's own logins reach bcrypt.
 *
 * admin-ui's login sessions (a `sessionId` in place of the password) never come into play here:
 * it sends the id with `socket.emit` from its middleware, and with connection state recovery on,
 * an emit before the socket joined its own room reaches nobody. The UI logs in with the key.
 */
export function createAdminLoginGate(adminKey: string): NamespaceMiddleware {
  const expected = digest(adminKey);
  return (socket, next) => {
    const { username, password } = socket.handshake.auth as Record<string, unknown>;
    const isAdmin =
      username === ADMIN_USERNAME &&
      typeof password === 'string' &&
      timingSafeEqual(digest(password), expected);
    next(isAdmin ? undefined : new Error('invalid credentials'));
  };
}

/** Equal-length digests, so that the comparison says nothing about the key's length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
