// board:join with `presence: 'summary'` (an additive extension of PROTOCOL v1): such a socket gets
// no presence:joined / presence:left but a throttled presence:summary, and a capped snapshot.
import { type Member, PRESENCE_SUMMARY_LIMIT } from '@tally/events';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, uniqueName } from './helpers/fixtures.js';
import { TestClient, type TypedClientSocket } from './helpers/test-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function newBoard(): Promise<string> {
  return (await createBoard(server)).board.id;
}

/** A client with a name of its own, once greeted: its `hello` says the clientId the server gave it. */
async function person(prefix: string): Promise<TestClient> {
  const client = await server.connect({ auth: { name: uniqueName(prefix) } });
  await client.waitFor('hello');
  return client;
}

/** The member a client is, as its first `hello` named it (v1.1: the server makes the clientId). */
function memberOf(client: TestClient): Member {
  const hello = client.all('hello')[0];
  if (!hello) throw new Error('the client was not greeted yet');
  return { clientId: hello.clientId, name: hello.name };
}

function clientIdOf(client: TestClient): string {
  return memberOf(client).clientId;
}

/** `count` people join the board in v1 mode, all at once. */
async function crowd(boardId: string, count: number, prefix = 'crowd'): Promise<TestClient[]> {
  const people = await Promise.all(Array.from({ length: count }, () => person(prefix)));
  await Promise.all(people.map((someone) => someone.ok('board:join', { boardId })));
  return people;
}

/** One more person joins the board in v1 mode. */
async function newcomer(boardId: string, prefix: string): Promise<TestClient> {
  return at(await crowd(boardId, 1, prefix), 0);
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`nothing at ${index}`);
  return item;
}

/** A marker: every event sent to `client` before this ack has arrived once it resolves. */
async function settled(client: TestClient): Promise<void> {
  await client.ok('latency:probe', { t: 0 });
}

describe("board:join with presence: 'summary'", () => {
  it('gets no presence:joined or presence:left, but a few summaries for many joins, the last one right', async () => {
    const boardId = await newBoard();
    const watcher = await person('watcher');
    const joined = await watcher.ok('board:join', { boardId, presence: 'summary' });
    expect(joined.board.members.map((m) => m.clientId)).toEqual([clientIdOf(watcher)]);
    expect(joined.board.memberCount).toBe(1);

    const people = await crowd(boardId, 30);
    const last = await watcher.waitFor('presence:summary', (summary) => summary.count === 31);
    expect(last.boardId).toBe(boardId);
    // Gathered: one per interval at most, not one per join.
    expect(watcher.all('presence:summary').length).toBeLessThan(10);

    for (const someone of people.slice(0, 10)) someone.close();
    await watcher.waitFor('presence:summary', (summary) => summary.count === 21);
    await settled(watcher);
    expect(watcher.all('presence:joined')).toEqual([]);
    expect(watcher.all('presence:left')).toEqual([]);
  });

  it(`names at most ${PRESENCE_SUMMARY_LIMIT} members with the count, and names them again only when that list changes`, async () => {
    const boardId = await newBoard();
    const people = await crowd(boardId, PRESENCE_SUMMARY_LIMIT + 1);
    const watcher = await person('watcher');
    const { board } = await watcher.ok('board:join', { boardId, presence: 'summary' });
    // A v1 snapshot lists everyone in arrival order; the summary one the first 100 of them.
    const { board: everyone } = await at(people, 1).ok('board:join', { boardId });
    expect(everyone.members).toHaveLength(PRESENCE_SUMMARY_LIMIT + 2);
    expect(everyone.memberCount).toBe(PRESENCE_SUMMARY_LIMIT + 2);
    expect(board.members).toEqual(everyone.members.slice(0, PRESENCE_SUMMARY_LIMIT));
    expect(board.memberCount).toBe(PRESENCE_SUMMARY_LIMIT + 2);

    // A newcomer is past the first 100: the count changes, the list does not.
    await newcomer(boardId, 'late');
    const grown = await watcher.waitFor('presence:summary', (s) => s.count === PRESENCE_SUMMARY_LIMIT + 3);
    expect(grown).toEqual({ boardId, count: PRESENCE_SUMMARY_LIMIT + 3 });

    // The first member leaves: the next in line moves up, so the members come again.
    const firstId = at(everyone.members, 0).clientId;
    await at(
      people,
      people.findIndex((someone) => clientIdOf(someone) === firstId),
    ).ok('board:leave', { boardId });
    const shrunk = await watcher.waitFor('presence:summary', (s) => s.count === PRESENCE_SUMMARY_LIMIT + 2);
    expect(shrunk.members).toEqual(everyone.members.slice(1, PRESENCE_SUMMARY_LIMIT + 1));
  });

  it('counts down on board:leave and on disconnect', async () => {
    const boardId = await newBoard();
    const watcher = await person('watcher');
    await watcher.ok('board:join', { boardId, presence: 'summary' });
    const ana = await newcomer(boardId, 'ana');
    const ben = await newcomer(boardId, 'ben');
    await watcher.waitFor('presence:summary', (s) => s.count === 3);
    await ana.ok('board:leave', { boardId });
    await watcher.waitFor('presence:summary', (s) => s.count === 2);
    ben.close();
    const alone = await watcher.waitFor('presence:summary', (s) => s.count === 1);
    expect(alone.members).toEqual([memberOf(watcher)]);
  });

  it('gives each socket its own kind of news on a mixed board', async () => {
    const boardId = await newBoard();
    const v1 = await person('v1');
    const summarised = await person('summarised');
    await v1.ok('board:join', { boardId });
    await summarised.ok('board:join', { boardId, presence: 'summary' });
    const ana = await newcomer(boardId, 'ana');
    const anaId = clientIdOf(ana);
    await v1.waitFor('presence:joined', (p) => p.member.clientId === anaId);
    await summarised.waitFor('presence:summary', (s) => s.count === 3);
    ana.close();
    await v1.waitFor('presence:left', (p) => p.clientId === anaId);
    await summarised.waitFor('presence:summary', (s) => s.count === 2);

    await settled(v1);
    await settled(summarised);
    expect(v1.all('presence:summary')).toEqual([]);
    expect(summarised.all('presence:joined')).toEqual([]);
    expect(summarised.all('presence:left')).toEqual([]);
  });

  it('switches cleanly when the same socket joins again in the other mode', async () => {
    const boardId = await newBoard();
    const switcher = await person('switcher');
    await switcher.ok('board:join', { boardId, presence: 'summary' });
    await newcomer(boardId, 'ana');
    await switcher.waitFor('presence:summary', (s) => s.count === 2);

    // To v1: every member in the snapshot, then presence:joined and no more summaries.
    const { board } = await switcher.ok('board:join', { boardId });
    expect(board.members).toHaveLength(2);
    const benId = clientIdOf(await newcomer(boardId, 'ben'));
    await switcher.waitFor('presence:joined', (p) => p.member.clientId === benId);
    await settled(switcher);
    expect(switcher.all('presence:summary').filter((s) => s.count > 2)).toEqual([]);

    // Back to summaries: no more presence:joined.
    await switcher.ok('board:join', { boardId, presence: 'summary' });
    const cleo = await newcomer(boardId, 'cleo');
    await switcher.waitFor('presence:summary', (s) => s.count === 4);
    await settled(switcher);
    expect(switcher.all('presence:joined').map((p) => p.member.clientId)).not.toContain(clientIdOf(cleo));
  });

  it('gives a recovered summary socket a summary that names the members, and no presence:joined to anyone in summary mode', async () => {
    const boardId = await newBoard();
    const watcher = await person('watcher');
    await watcher.ok('board:join', { boardId, presence: 'summary' });

    const socket: TypedClientSocket = io(server.url, {
      transports: ['websocket'],
      auth: { name: uniqueName('recovering') },
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
      forceNew: true,
    });
    const recovering = new TestClient(socket);
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      await recovering.waitFor('hello');
      await recovering.ok('board:join', { boardId, presence: 'summary' });
      await watcher.waitFor('presence:summary', (s) => s.count === 2);

      // The link drops (not a client disconnect): the client reconnects and recovers its session.
      const back = new Promise<boolean>((resolve) => socket.once('connect', () => resolve(socket.recovered)));
      socket.io.engine.close();
      expect(await back).toBe(true);
      // Whatever it missed meanwhile, its latest summary is the board as it is, members named.
      await expect
        .poll(() => recovering.all('presence:summary').at(-1))
        .toEqual({
          boardId,
          count: 2,
          members: [memberOf(watcher), memberOf(recovering)],
        });
      await settled(watcher);
      expect(watcher.all('presence:joined')).toEqual([]);
    } finally {
      socket.disconnect();
    }
  });
});
