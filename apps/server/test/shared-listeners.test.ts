import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TallySocket } from '../src/sockets/socket-types.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function serverSocket(id: string | undefined): TallySocket {
  const socket = server.app.io.of('/').sockets.get(id ?? '');
  if (!socket) throw new Error(`no server socket ${id}`);
  return socket;
}

// Issue 5 (10,000 idle clients per process): a closure per event per socket made most of the
// server's memory per connection. Every socket now holds the same few functions of its server.
describe('socket listeners', () => {
  it('are the same functions on every socket, whatever it joined', async () => {
    const ana = await server.connect();
    const ben = await server.connect();
    await ana.ok('board:join', { boardId: 'lobby', presence: 'summary' });
    await ben.ok('board:join', { boardId: 'lobby' });
    await ben.ok('latency:probe', { t: 1 });
    const anaSocket = serverSocket(ana.socket.id);
    const benSocket = serverSocket(ben.socket.id);

    expect(anaSocket.listenersAny()).toHaveLength(1);
    expect(anaSocket.listenersAny()[0]).toBe(benSocket.listenersAny()[0]);
    expect(anaSocket.eventNames()).toEqual(benSocket.eventNames());
    for (const event of anaSocket.eventNames()) {
      const anaListeners = anaSocket.listeners(event as 'disconnect');
      const benListeners = benSocket.listeners(event as 'disconnect');
      expect(anaListeners).toHaveLength(benListeners.length);
      anaListeners.forEach((listener, i) => {
        expect(listener).toBe(benListeners[i]);
      });
    }
  });
});
