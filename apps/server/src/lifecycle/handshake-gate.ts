import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

const REFUSAL = JSON.stringify({
  error: { code: 'unavailable', message: 'this node is shutting down, connect again' },
});
const RETRY_AFTER_S = 1;

/**
 * From now on, every new Socket.IO session (a polling handshake, or a websocket opened without a
 * session id) on `server` is answered 503: a proxy such as nginx then tries another node
 * (`proxy_next_upstream http_503`), and a client alone retries later. Engine.IO's own refusal
 * (allowRequest) can only say 403 or 400, which tell neither to retry. Requests of open sessions
 * and everything else go on as before, so that the drain can still deliver what they wait for.
 */
export function refuseNewSessions(server: Server, socketIoPath: string): void {
  const isHandshake = (req: IncomingMessage): boolean => {
    const url = new URL(req.url ?? '/', 'http://tally.invalid');
    return url.pathname.startsWith(`${socketIoPath}/`) && !url.searchParams.has('sid');
  };

  putInFront<[IncomingMessage, ServerResponse]>(server, 'request', (req, res) => {
    if (!isHandshake(req)) return false;
    res.writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(RETRY_AFTER_S),
      connection: 'close',
    });
    res.end(REFUSAL);
    return true;
  });

  putInFront<[IncomingMessage, Duplex, Buffer]>(server, 'upgrade', (req, socket) => {
    if (!isHandshake(req)) return false;
    socket.end(
      'HTTP/1.1 503 Service Unavailable\r\n' +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Retry-After: ${RETRY_AFTER_S}\r\n` +
        'Connection: close\r\n' +
        `Content-Length: ${Buffer.byteLength(REFUSAL)}\r\n\r\n${REFUSAL}`,
    );
    return true;
  });
}

/**
 * Puts `answered` before the listeners `event` has now (Fastify's, and Engine.IO's in front of
 * it): what it answers stops there, anything else reaches them as before.
 */
function putInFront<Args extends unknown[]>(
  server: Server,
  event: 'request' | 'upgrade',
  answered: (...args: Args) => boolean,
): void {
  const listeners = server.listeners(event) as Array<(...args: Args) => void>;
  server.removeAllListeners(event);
  server.on(event, (...args: Args) => {
    if (answered(...args)) return;
    for (const listener of listeners) listener.apply(server, args);
  });
}
