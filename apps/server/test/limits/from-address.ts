import { request } from 'node:http';
import { io } from 'socket.io-client';
import { connected, type TestClient, type TypedClientSocket } from '../helpers/test-client.js';

/**
 * Clients that come from a loopback address of their choice (127.0.0.2, …): the server sees them
 * as other machines, as it would see the people of two networks. Linux routes all of 127.0.0.0/8
 * to the loopback interface, so nothing needs setting up.
 */

export interface FromAddressOptions {
  auth?: Record<string, unknown>;
  /** Reconnect (and recover the session) after a dropped link. Default: off. */
  reconnection?: boolean;
}

/**
 * A websocket socket.io-client from `localAddress`; resolves once connected, rejects with the
 * `connect_error` (its message is the middleware's, e.g. `rate_limited`).
 */
export function connectFrom(
  url: string,
  localAddress: string,
  options: FromAddressOptions = {},
): Promise<TestClient> {
  // engine.io-client hands `localAddress` on to `ws` (its websocket transport picks it from the
  // options), though its option types do not list it: hence a variable, not a literal.
  const socketOptions = {
    transports: ['websocket'],
    localAddress,
    auth: options.auth ?? {},
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 50,
    forceNew: true,
  };
  const socket: TypedClientSocket = io(url, socketOptions);
  return connected(socket);
}

/** The message of the `connect_error` a connection attempt got, or "connected" (then it is closed). */
export async function handshakeOutcome(url: string, localAddress: string): Promise<string> {
  try {
    (await connectFrom(url, localAddress)).close();
    return 'connected';
  } catch (error) {
    return (error as Error).message;
  }
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

/** An HTTP request from `localAddress` (node:http: fetch cannot choose its source address). */
export function httpFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: text === '' ? null : JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

/** POST /api/boards from `localAddress`. */
export function createBoardFrom(localAddress: string, baseUrl: string, name: string): Promise<HttpAnswer> {
  return httpFrom(localAddress, `${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
}
