import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from './helpers/fixtures.js';
import { authOf, connectPerson, helloOf } from './helpers/people.js';
import { RawClient } from './helpers/raw-client.js';
import { type ConnectOptions, connectClient } from './helpers/test-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const connect = (options?: ConnectOptions) => server.connect(options);

async function lobbyCounterId(): Promise<string> {
  const counter = (await server.app.store.listCounters('lobby'))[0];
  if (!counter) throw new Error('the lobby has no counter');
  return counter.id;
}

describe('hello (socket.emit: the new socket only)', () => {
  it('greets the new socket with its clientId, memberToken and name, and nobody else', async () => {
    const ana = await server.connect({ auth: { name: '  Ana  ' } });
    const anaHello = await helloOf(ana);
    expect(anaHello).toMatchObject({
      clientId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      memberToken: expect.any(String),
      name: 'Ana',
    });
    expect(anaHello.serverTime).toBeTypeOf('number');

    // A v1 client that picks its own clientId still connects; hello tells it the one it was given.
    const benId = uniqueName('ben-client');
    const ben = await server.connect({ auth: { clientId: benId } });
    const benHello = await helloOf(ben);
    expect(benHello).toMatchObject({ name: expect.stringMatching(/^Guest \d{4}$/) });
    expect([benId, anaHello.clientId]).not.toContain(benHello.clientId);

    // A marker after Ben's connect: had Ana got a second hello, it would have come before this ack.
    await ana.ok('latency:probe', { t: 1 });
    expect(ana.all('hello')).toHaveLength(1);
    expect(ben.all('hello')).toHaveLength(1);
  });

  it('makes up a clientId when the client has none', async () => {
    const guest = await server.connect();
    const { clientId } = await helloOf(guest);
    expect(clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('honours a clientId sent with its memberToken, and makes a new one for a clientId without it', async () => {
    const ana = await connectPerson(connect, 'Ana');
    const secondTab = await connectPerson(connect, 'Ana', authOf(ana));
    expect(secondTab.clientId).toBe(ana.clientId);
    const claimed = await connectPerson(connect, 'Ana', { clientId: ana.clientId });
    expect(claimed.clientId).not.toBe(ana.clientId);
  });
});

describe('handshake auth', () => {
  const badAuths: Array<[string, Record<string, unknown>]> = [
    ['a clientId too short', { clientId: 'abc' }],
    ['a clientId with spaces', { clientId: 'has spaces in it' }],
    ['a clientId of 65 chars', { clientId: 'x'.repeat(65) }],
    ['a numeric clientId', { clientId: 12345678 }],
    ['an empty name', { name: '' }],
    ['a name of spaces only', { name: '    ' }],
    ['a name of 33 chars', { name: 'n'.repeat(33) }],
    ['a null name', { name: null }],
    ['an unknown key', { clientId: 'good-client-id', role: 'admin' }],
  ];
  it.each(badAuths)('refuses %s with connect_error invalid_auth', async (_label, auth) => {
    await expect(connectClient(server.url, { auth })).rejects.toThrow('invalid_auth');
  });

  it('refuses a bad auth sent as a raw CONNECT frame', async () => {
    const raw = await RawClient.open(server.port);
    raw.send('40{"clientId":1}');
    expect(await raw.next((message) => message.startsWith('44'))).toBe('44{"message":"invalid_auth"}');
    raw.close();
  });
});

describe('Origin check on the handshake', () => {
  const socketIoPolling = (url: string) => `${url}/socket.io/?EIO=4&transport=polling`;

  it('refuses a foreign Origin with 403, over websocket and over polling', async () => {
    await expect(RawClient.open(server.port, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const polling = await fetch(socketIoPolling(server.url), { headers: { Origin: 'http://evil.example' } });
    expect(polling.status).toBe(403);
    await expect(
      connectClient(server.url, { extraHeaders: { Origin: 'http://evil.example' } }),
    ).rejects.toThrow();
  });

  it('allows no Origin at all (bots, CLIs), its own origin and the dev server', async () => {
    const originHeaders: Array<Record<string, string>> = [
      {},
      { Origin: server.url },
      { Origin: 'http://localhost:5173' },
    ];
    for (const headers of originHeaders) {
      const raw = await RawClient.open(server.port, headers);
      raw.close();
      const polling = await fetch(socketIoPolling(server.url), { headers });
      expect(polling.status).toBe(200);
      expect(await polling.text()).toMatch(/^0\{/);
    }
  });

  it('with ALLOWED_ORIGINS set, allows exactly those origins', async () => {
    const strict = await startTestServer({
      ALLOWED_ORIGINS: 'https://tally.example.com, https://ops.example.com',
    });
    try {
      await expect(RawClient.open(strict.port, { Origin: strict.url })).rejects.toThrow('HTTP 403');
      (await RawClient.open(strict.port, { Origin: 'https://ops.example.com' })).close();
      const polling = await fetch(socketIoPolling(strict.url), {
        headers: { Origin: 'https://tally.example.com' },
      });
      expect(polling.status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('stats (io.emit: everyone, throttled)', () => {
  it('reaches sockets on different boards and on none, at most once a second', async () => {
    const other = await createBoard(server);
    const onLobby = await server.connect();
    const onOther = await server.connect();
    const onNone = await server.connect();
    await onLobby.ok('board:join', { boardId: 'lobby' });
    await onOther.ok('board:join', { boardId: other.board.id });

    const counterId = await lobbyCounterId();
    await onLobby.ok('counter:increment', { counterId, opId: newOpId() });
    const first = await server.app.store.totalIncrements();
    for (const client of [onLobby, onOther, onNone]) {
      await client.waitFor('stats', (stats) => stats.totalIncrements === first);
    }
    const firstAt = performance.now();

    await onLobby.ok('counter:increment', { counterId, opId: newOpId() });
    await onOther.waitFor('stats', (stats) => stats.totalIncrements === first + 1);
    expect(performance.now() - firstAt).toBeGreaterThanOrEqual(900);
  });

  it('counts distinct clientIds: a second tab of a member is not a second member', async () => {
    const firstTab = await connectPerson(connect, 'Two tabs');
    const online = await server.app.presence.online();
    await firstTab.client.waitFor('stats', (stats) => stats.online === online);
    // v1.1: the second tab is the same member only with the first one's clientId and memberToken.
    const secondTab = await connectPerson(connect, 'Two tabs', authOf(firstTab));
    expect(secondTab.clientId).toBe(firstTab.clientId);
    // The new tab gets the current figures at once; the member count did not grow.
    expect((await secondTab.client.waitFor('stats')).online).toBe(online);
    expect(await server.app.presence.online()).toBe(online);
  });
});
