// The packets a websocket flushes together leave in one system call (realtime/websocket-write-batching.ts):
// a connect storm's presence announcements cost a writev per frame before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

type RawWrite = (this: unknown, ...args: unknown[]) => unknown;

/** A Node stream's own write methods: each call is one system call on a TCP socket. */
interface StreamWrites {
  _write: RawWrite;
  _writev: RawWrite;
}

/** The TCP socket under a server-side socket's websocket transport (what ws writes frames to). */
function tcpOf(socketId: string): StreamWrites {
  const socket = server.app.io.of('/').sockets.get(socketId);
  const transport = socket?.conn.transport as unknown as { name: string; socket: { _socket: StreamWrites } };
  if (transport?.name !== 'websocket') throw new Error('not on a websocket');
  return transport.socket._socket;
}

/** Counts the writes that reach the TCP socket until `done` resolves. */
async function countWrites(tcp: StreamWrites, act: () => void, done: () => Promise<unknown>) {
  let writes = 0;
  const original = { _write: tcp._write, _writev: tcp._writev };
  for (const method of ['_write', '_writev'] as const) {
    tcp[method] = function (...args) {
      writes++;
      return original[method].apply(this, args);
    };
  }
  try {
    act();
    await done();
  } finally {
    Object.assign(tcp, original);
  }
  return writes;
}

const BURST = 20;

describe('websocket writes', () => {
  for (const transports of [['websocket'], ['polling', 'websocket']] as const) {
    it(`sends a burst of packets in a few writes, not one per packet, all of them in order (${transports.join(' then ')})`, async () => {
      const client = await server.connect({ transports: [...transports] });
      const { engine } = client.socket.io;
      if (engine.transport.name !== 'websocket')
        await new Promise((resolve) => engine.once('upgrade', resolve));
      // The server switches transports once it has read the client's upgrade packet: a round trip later.
      await client.ok('latency:probe', { t: 0 });
      const socketId = client.socket.id ?? '';
      const writes = await countWrites(
        tcpOf(socketId),
        () => {
          for (let i = 0; i < BURST; i++) {
            server.app.io.to(socketId).emit('stats', { online: i, totalIncrements: i });
          }
        },
        () => client.waitFor('stats', (stats) => stats.online === BURST - 1),
      );
      // The first packet finds the transport idle and goes alone, the rest wait for it and leave
      // together; a packet of the server's own (a ping, `stats`) may add a write or two.
      expect(writes).toBeLessThanOrEqual(4);
      const received = client.all('stats').filter((stats) => stats.online === stats.totalIncrements);
      expect(received.slice(-BURST).map((stats) => stats.online)).toEqual([...Array(BURST).keys()]);
    });
  }
});
