import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, uniqueName } from './helpers/fixtures.js';
import { authOf, connectPerson } from './helpers/people.js';
import type { ConnectOptions } from './helpers/test-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const ADMIN_KEY = 'admin-key-for-the-board-tests';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ADMIN_KEY });
});
afterAll(() => server.close());

const connect = (options?: ConnectOptions) => server.connect(options);

describe('board:join', () => {
  it('answers the lobby snapshot with its Count counter, as a member', async () => {
    const ana = await server.connect();
    const result = await ana.request('board:join', { boardId: 'lobby' });
    expect(result).toMatchObject({
      ok: true,
      role: 'member',
      board: { id: 'lobby', visibility: 'public', counters: [expect.objectContaining({ name: 'Count' })] },
    });
  });

  it('refuses an unknown board with not_found', async () => {
    const ana = await server.connect();
    expect(await ana.request('board:join', { boardId: uniqueName('nowhere') })).toEqual({
      ok: false,
      error: { code: 'not_found', message: expect.any(String) },
    });
  });

  it('gives roles by key: owner key → owner, access key → member, none or a wrong one → forbidden', async () => {
    const { board, ownerKey, accessKey, viewerKey } = await createBoard(server, 'private');
    const client = await server.connect();
    const forbidden = { ok: false, error: { code: 'forbidden', message: expect.any(String) } };
    expect(await client.request('board:join', { boardId: board.id })).toEqual(forbidden);
    expect(await client.request('board:join', { boardId: board.id, key: 'not-a-key-of-this-board' })).toEqual(
      forbidden,
    );
    const asMember = await client.ok('board:join', { boardId: board.id, key: accessKey ?? '' });
    expect(asMember.role).toBe('member');
    // v1.1: the keys to share are for owners only.
    expect(asMember).not.toHaveProperty('keys');
    // v1.1: an owner's ack carries the keys to share, whichever owner key opened the board.
    const keys = { viewerKey, accessKey };
    expect(await client.request('board:join', { boardId: board.id, key: ownerKey })).toMatchObject({
      ok: true,
      role: 'owner',
      keys,
    });
    expect(await client.request('board:join', { boardId: board.id, key: ADMIN_KEY })).toMatchObject({
      ok: true,
      role: 'owner',
      keys,
    });
  });

  it('refuses a wrong key on a public board too, and gives ADMIN_KEY owner rights on the lobby', async () => {
    const { board } = await createBoard(server, 'public');
    const client = await server.connect();
    expect(await client.request('board:join', { boardId: board.id, key: 'wrong-key' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await client.request('board:join', { boardId: 'lobby', key: ADMIN_KEY })).toMatchObject({
      ok: true,
      role: 'owner',
    });
  });

  it('is harmless twice: one membership, one presence:joined', async () => {
    const { board } = await createBoard(server);
    const watcher = await server.connect();
    await watcher.ok('board:join', { boardId: board.id });
    const ana = await server.connect({ auth: { name: 'Ana' } });
    await ana.ok('board:join', { boardId: board.id });
    const again = await ana.ok('board:join', { boardId: board.id });
    expect(again.board.members.filter((member) => member.name === 'Ana')).toHaveLength(1);
    await watcher.ok('latency:probe', { t: 0 });
    expect(watcher.all('presence:joined').filter((event) => event.member.name === 'Ana')).toHaveLength(1);
  });

  it('includes the members online and the last 50 chat messages, oldest first', async () => {
    const { board } = await createBoard(server);
    const ana = await server.connect({ auth: { name: 'Ana' } });
    await ana.ok('board:join', { boardId: board.id });
    for (let i = 1; i <= 52; i++) await ana.ok('chat:send', { boardId: board.id, text: `message ${i}` });
    const ben = await server.connect({ auth: { name: 'Ben' } });
    const { board: snapshot } = await ben.ok('board:join', { boardId: board.id });
    expect(snapshot.members.map((member) => member.name)).toEqual(['Ana', 'Ben']);
    expect(snapshot.messages).toHaveLength(50);
    expect(snapshot.messages[0]?.text).toBe('message 3');
    expect(snapshot.messages.at(-1)?.text).toBe('message 52');
  });
});

describe('presence (socket.to(room): never the joiner)', () => {
  it('announces a join to the others on the board, not to the joiner, not to another board', async () => {
    const { board } = await createBoard(server);
    const { board: elsewhere } = await createBoard(server);
    const ben = await server.connect({ auth: { name: 'Ben' } });
    const cleo = await server.connect({ auth: { name: 'Cleo' } });
    await ben.ok('board:join', { boardId: board.id });
    await cleo.ok('board:join', { boardId: elsewhere.id });

    const { client: ana, clientId: anaId } = await connectPerson(connect, 'Ana');
    await ana.ok('board:join', { boardId: board.id });
    expect(await ben.waitFor('presence:joined', (event) => event.member.clientId === anaId)).toEqual({
      boardId: board.id,
      member: { clientId: anaId, name: 'Ana' },
    });

    // Markers: had Ana or Cleo been told, it would have arrived before these acks.
    await ana.ok('latency:probe', { t: 0 });
    await cleo.ok('latency:probe', { t: 0 });
    expect(ana.all('presence:joined')).toEqual([]);
    expect(cleo.all('presence:joined')).toEqual([]);
  });

  it('announces a member once across their sockets, and their departure with the last one', async () => {
    const { board } = await createBoard(server);
    const ben = await server.connect();
    await ben.ok('board:join', { boardId: board.id });
    // Two tabs of one member: the second proves the first one's clientId with its memberToken.
    const ana = await connectPerson(connect, 'Ana');
    const anaId = ana.clientId;
    const tab1 = ana.client;
    const tab2 = await server.connect({ auth: authOf(ana) });
    await tab1.ok('board:join', { boardId: board.id });
    await tab2.ok('board:join', { boardId: board.id });
    const snapshot = await ben.ok('board:join', { boardId: board.id });
    expect(snapshot.board.members.filter((member) => member.clientId === anaId)).toHaveLength(1);
    expect(ben.all('presence:joined').filter((event) => event.member.clientId === anaId)).toHaveLength(1);

    await tab1.ok('board:leave', { boardId: board.id });
    await ben.ok('latency:probe', { t: 0 });
    expect(ben.all('presence:left')).toEqual([]);

    tab2.close();
    expect(await ben.waitFor('presence:left')).toEqual({ boardId: board.id, clientId: anaId });
  });

  it('board:leave answers ok also when not joined, and then sends presence:left', async () => {
    const { board } = await createBoard(server);
    const ben = await server.connect();
    await ben.ok('board:join', { boardId: board.id });
    const { client: ana, clientId: anaId } = await connectPerson(connect, 'Ana');
    expect(await ana.request('board:leave', { boardId: board.id })).toEqual({ ok: true });
    await ana.ok('board:join', { boardId: board.id });
    expect(await ana.request('board:leave', { boardId: board.id })).toEqual({ ok: true });
    expect(await ben.waitFor('presence:left')).toEqual({ boardId: board.id, clientId: anaId });
    expect(ana.all('presence:left')).toEqual([]);
  });

  it('runs a join and a leave sent back to back in that order: the socket is off the board after both', async () => {
    const { board } = await createBoard(server);
    const { client: ana, clientId: anaId } = await connectPerson(connect, 'Ana');
    // Both emitted before either is answered, as when a user opens a board and navigates away at once.
    const [joined, left] = await Promise.all([
      ana.request('board:join', { boardId: board.id }),
      ana.request('board:leave', { boardId: board.id }),
    ]);
    expect(joined).toMatchObject({ ok: true, role: 'member' });
    expect(left).toEqual({ ok: true });

    const ben = await server.connect({ auth: { name: 'Ben' } });
    const { board: snapshot } = await ben.ok('board:join', { boardId: board.id });
    expect(snapshot.memberCount).toBe(1);
    expect(snapshot.members.map((member) => member.clientId)).not.toContain(anaId);
    const { counter } = await ben.ok('counter:create', { boardId: board.id, name: 'Laps' });
    await ben.waitFor('counter:created', (event) => event.counter.id === counter.id);
    // A marker: had Ana still been in the board's room, counter:created would have reached her first.
    await ana.ok('latency:probe', { t: 0 });
    expect(ana.all('counter:created')).toEqual([]);
  });

  it('relays presence:focus to the others on the board, only from a joined socket', async () => {
    const { board } = await createBoard(server);
    const { client: ana, clientId: anaId } = await connectPerson(connect, 'Ana');
    const ben = await server.connect();
    const outsider = await server.connect();
    await ana.ok('board:join', { boardId: board.id });
    await ben.ok('board:join', { boardId: board.id });

    outsider.socket.emit('presence:focus', { boardId: board.id, counterId: 'pretend' });
    ana.socket.emit('presence:focus', { boardId: board.id, counterId: 'some-counter' });
    expect(await ben.waitFor('presence:focus')).toEqual({
      boardId: board.id,
      clientId: anaId,
      counterId: 'some-counter',
    });
    ana.socket.emit('presence:focus', { boardId: board.id, counterId: null });
    expect(await ben.waitFor('presence:focus', (event) => event.counterId === null)).toMatchObject({
      clientId: anaId,
    });

    await ana.ok('latency:probe', { t: 0 });
    expect(ana.all('presence:focus')).toEqual([]);
    expect(ben.all('presence:focus')).toHaveLength(2);
  });
});
