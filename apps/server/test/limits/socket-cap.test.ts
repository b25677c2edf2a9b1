import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestClient } from '../helpers/test-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectFrom, handshakeOutcome } from './from-address.js';

/**
 * MAX_SOCKETS_PER_ADDRESS on one node: past the cap a handshake gets `connect_error`
 * `rate_limited`, other addresses are not affected, and each socket gives its place back exactly
 * once, however it ends.
 */

let server: TestServer;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server.close();
});

async function from(localAddress: string, options?: Parameters<typeof connectFrom>[2]) {
  const client = await connectFrom(server.url, localAddress, options);
  clients.push(client);
  return client;
}

const stats = () => server.app.addressLimits.stats();

describe('sockets per address', () => {
  it('refuses the 4th socket of an address with rate_limited, lets another address in, and a newcomer once one left', async () => {
    server = await startTestServer({ MAX_SOCKETS_PER_ADDRESS: '3' });
    const [first] = [await from('127.0.0.2'), await from('127.0.0.2'), await from('127.0.0.2')];
    expect(await handshakeOutcome(server.url, '127.0.0.2')).toBe('rate_limited');
    expect(await handshakeOutcome(server.url, '127.0.0.1')).toBe('connected');
    expect(stats().refusals.address_sockets).toBe(1);

    first?.close();
    await vi.waitFor(() => expect(stats().maxSocketsOfOneAddress).toBe(2));
    expect(await handshakeOutcome(server.url, '127.0.0.2')).toBe('connected');
  });

  it('gives the place of a handshake that a later middleware refused (invalid_auth) back', async () => {
    server = await startTestServer({ MAX_SOCKETS_PER_ADDRESS: '2' });
    for (let i = 0; i < 3; i++) {
      await expect(connectFrom(server.url, '127.0.0.2', { auth: { name: 42 } })).rejects.toThrow(
        'invalid_auth',
      );
    }
    // Counted while the handshake ran, released when its client closed the connection.
    await vi.waitFor(() => expect(stats().addressesWithSockets).toBe(0));
    await from('127.0.0.2');
    await from('127.0.0.2');
    expect(await handshakeOutcome(server.url, '127.0.0.2')).toBe('rate_limited');
  });

  it('counts a recovered session once: its old socket gave its place back, its new one holds it', async () => {
    server = await startTestServer({ MAX_SOCKETS_PER_ADDRESS: '3' });
    const recovering = await from('127.0.0.2');
    await from('127.0.0.2');
    // A session is recovered from the last broadcast its socket heard (its offset): the `stats` that
    // counts the second socket is the first broadcast this one hears (greetings are not kept).
    await recovering.waitFor('stats', ({ online }) => online === 2);
    const socket = recovering.socket;
    // The link drops (not a client disconnect). The client comes back once the server has seen it go
    // (and kept its session): an automatic retry 50 ms later could beat a busy server to it.
    socket.io.engine.close();
    await vi.waitFor(() => expect(stats().maxSocketsOfOneAddress).toBe(1));
    const back = new Promise<boolean>((resolve) => socket.once('connect', () => resolve(socket.recovered)));
    socket.connect();
    expect(await back).toBe(true);
    await vi.waitFor(() => expect(stats().maxSocketsOfOneAddress).toBe(2));

    await from('127.0.0.2');
    expect(await handshakeOutcome(server.url, '127.0.0.2')).toBe('rate_limited');
  });
});
