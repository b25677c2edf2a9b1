import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BOARD_KEY_HEADER, type CreateBoardResponse, type ServerPayload } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from '../helpers/fixtures.js';
import { expectHttpError, keyHeader, postIncrement, readActivity } from '../helpers/http.js';
import { connectPerson, joinOlgaAndAna, type Person } from '../helpers/people.js';
import { failedAck, settle } from '../helpers/test-client.js';
import { startTestServer, startTestServerOn, type TestServer } from '../helpers/test-server.js';

/**
 * v1.1 viewers: the board's viewer key gives `role: "viewer"`, which receives every event of the
 * board, changes nothing, points at nothing and is nobody in the room.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '1000' });
});
afterAll(() => server.close());

const connect = (options?: Parameters<TestServer['connect']>[0]) => server.connect(options);
const KEY_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;

/** A board with its owner Olga and a member Ana joined, a counter, and a viewer ("Wall") joined. */
async function cast(visibility: 'public' | 'private' = 'public') {
  const keys = await createBoard(server, visibility);
  const boardId = keys.board.id;
  const { olga, ana } = await joinOlgaAndAna(connect, keys);
  const { counter } = await olga.client.ok('counter:create', { boardId, name: uniqueName('laps') });
  const wall = await connectPerson(connect, 'Wall');
  const joined = await wall.client.ok('board:join', { boardId, key: keys.viewerKey });
  return { keys, boardId, olga, ana, wall, joined, counter };
}

describe('viewer keys', () => {
  it('POST /api/boards gives every board a viewerKey of its own', async () => {
    for (const visibility of ['public', 'private'] as const) {
      const keys: CreateBoardResponse = await createBoard(server, visibility);
      expect(keys.viewerKey).toMatch(KEY_PATTERN);
      expect([keys.ownerKey, keys.accessKey]).not.toContain(keys.viewerKey);
    }
    const [one, two] = await Promise.all([createBoard(server), createBoard(server)]);
    expect(one.viewerKey).not.toBe(two.viewerKey);
  });

  it('comes back in the owner’s join ack (with the access key of a private board), never in anyone else’s', async () => {
    for (const visibility of ['public', 'private'] as const) {
      const { keys, boardId, ana, joined } = await cast(visibility);
      const owner = await connectPerson(connect, 'Olga again');
      const ownerJoin = await owner.client.ok('board:join', { boardId, key: keys.ownerKey });
      expect(ownerJoin.role).toBe('owner');
      expect(ownerJoin.keys).toEqual(
        visibility === 'private'
          ? { viewerKey: keys.viewerKey, accessKey: keys.accessKey }
          : { viewerKey: keys.viewerKey },
      );
      const memberJoin = await ana.client.ok('board:join', { boardId, key: keys.accessKey });
      expect(memberJoin.role).toBe('member');
      expect(memberJoin).not.toHaveProperty('keys');
      expect(joined.role).toBe('viewer');
      expect(joined).not.toHaveProperty('keys');
    }
  });
});

describe('a viewer key', () => {
  it('opens its own board only', async () => {
    const { keys } = await cast('private');
    const other = await createBoard(server, 'private');
    const stranger = await connectPerson(connect, 'Stranger');
    expect(
      await stranger.client.request('board:join', { boardId: other.board.id, key: keys.viewerKey }),
    ).toEqual(failedAck('forbidden'));
    await expectHttpError(
      await fetch(`${server.url}/api/boards/${other.board.id}`, { headers: keyHeader(keys.viewerKey) }),
      403,
      'forbidden',
    );
  });

  it('keeps working after a restart on the same DATA_DIR, and the owner is given the same one', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tally-viewer-restart-'));
    try {
      const first = await startTestServerOn(dataDir);
      const keys = await createBoard(first, 'private');
      await first.close();
      const second = await startTestServerOn(dataDir);
      try {
        const wall = await second.connect();
        expect(await wall.ok('board:join', { boardId: keys.board.id, key: keys.viewerKey })).toMatchObject({
          role: 'viewer',
        });
        const owner = await second.connect();
        expect((await owner.ok('board:join', { boardId: keys.board.id, key: keys.ownerKey })).keys).toEqual({
          viewerKey: keys.viewerKey,
          accessKey: keys.accessKey,
        });
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a viewer', () => {
  it('joins public and private boards with the viewer key as role viewer, and is not listed as a member', async () => {
    for (const visibility of ['public', 'private'] as const) {
      const { keys, boardId, olga, ana, wall, joined } = await cast(visibility);
      expect(joined.role).toBe('viewer');
      const members = [
        { clientId: olga.clientId, name: 'Olga' },
        { clientId: ana.clientId, name: 'Ana' },
      ];
      expect(joined.board.members).toEqual(members);
      const { board: seenByAna } = await ana.client.ok('board:join', { boardId, key: keys.accessKey });
      expect(seenByAna.members.map((member) => member.clientId)).not.toContain(wall.clientId);
      if (seenByAna.memberCount !== undefined) expect(seenByAna.memberCount).toBe(2);
    }
  });

  it('is not announced with presence:joined or presence:left, nor counted online on the board', async () => {
    const { keys, boardId, olga } = await cast();
    const wall2 = await connectPerson(connect, 'Second wall');
    await wall2.client.ok('board:join', { boardId, key: keys.viewerKey });
    await wall2.client.ok('board:leave', { boardId });
    // A marker: Ben's arrival is announced after anything about the walls would have been.
    const ben = await connectPerson(connect, 'Ben');
    await ben.client.ok('board:join', { boardId });
    await olga.client.waitFor('presence:joined', (event) => event.member.clientId === ben.clientId);
    expect(olga.client.all('presence:joined').map((event) => event.member.name)).toEqual(['Ana', 'Ben']);
    expect(olga.client.all('presence:left')).toEqual([]);

    const list = (await (await fetch(`${server.url}/api/boards`)).json()) as Array<{
      id: string;
      online: number;
    }>;
    expect(list.find((item) => item.id === boardId)?.online).toBe(3);
  });

  it('is not in the presence summaries of the board either', async () => {
    const { keys, boardId, olga, ana, wall } = await cast();
    const watcher = await connectPerson(connect, 'Watcher');
    await watcher.client.ok('board:join', { boardId, presence: 'summary' });
    const wall2 = await connectPerson(connect, 'Second wall');
    await wall2.client.ok('board:join', { boardId, key: keys.viewerKey, presence: 'summary' });
    // A marker: Ben joins after the second wall; the summary that names him would name it too.
    const ben = await connectPerson(connect, 'Ben');
    await ben.client.ok('board:join', { boardId });
    const summary = await watcher.client.waitFor('presence:summary', (event) =>
      (event.members ?? []).some((member) => member.clientId === ben.clientId),
    );
    expect(summary.members?.map((member) => member.clientId)).toEqual([
      olga.clientId,
      ana.clientId,
      watcher.clientId,
      ben.clientId,
    ]);
    expect(summary.count).toBe(4);
    const names = watcher.client.all('presence:summary').flatMap((event) => event.members ?? []);
    expect(names.map((member) => member.clientId)).not.toContain(wall.clientId);
  });

  it('receives every event of the board', async () => {
    const { boardId, olga, ana, wall, counter } = await cast();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 2, opId: newOpId() });
    await ana.client.ok('chat:send', { boardId, text: 'hello wall' });
    const { counter: second } = await ana.client.ok('counter:create', {
      boardId,
      name: uniqueName('second'),
    });
    await olga.client.ok('counter:rename', { counterId: counter.id, name: 'Renamed' });
    await olga.client.ok('counter:configure', { counterId: counter.id, max: 50 });
    await olga.client.ok('counter:delete', { counterId: second.id });
    const ben = await connectPerson(connect, 'Ben');
    await ben.client.ok('board:join', { boardId });

    const w = wall.client;
    expect(await w.waitFor('counter:updated')).toMatchObject({
      boardId,
      updates: [{ counterId: counter.id, value: 2 }],
    });
    expect(await w.waitFor('chat:message')).toMatchObject({ boardId, message: { text: 'hello wall' } });
    expect(await w.waitFor('counter:created')).toMatchObject({ boardId, counter: { id: second.id } });
    expect(await w.waitFor('counter:renamed')).toMatchObject({
      boardId,
      counterId: counter.id,
      name: 'Renamed',
    });
    expect(await w.waitFor('counter:configured')).toMatchObject({
      boardId,
      counter: { id: counter.id, max: 50 },
    });
    expect(await w.waitFor('counter:deleted')).toMatchObject({ boardId, counterId: second.id });
    expect(await w.waitFor('presence:joined')).toEqual({
      boardId,
      member: { clientId: ben.clientId, name: 'Ben' },
    });
  });

  it('is refused every change with forbidden, and nothing changes or is sent', async () => {
    const { boardId, olga, ana, wall, counter } = await cast();
    const anasOp = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 3, opId: anasOp });
    await olga.client.waitFor('counter:updated', (event) => event.updates.some((u) => u.version === 1));
    const since = olga.client.received.length;
    const before = {
      counters: await server.app.store.listCounters(boardId),
      messages: await server.app.store.recentChatMessages(boardId, 100),
      activity: await readActivity(server.url, boardId),
    };
    const w = wall.client;
    const refusals = [
      await w.request('counter:create', { boardId, name: 'from the wall' }),
      await w.request('counter:increment', { counterId: counter.id, by: 1, opId: newOpId() }),
      await w.request('counter:rename', { counterId: counter.id, name: 'from the wall' }),
      await w.request('counter:reset', { counterId: counter.id, opId: newOpId() }),
      await w.request('counter:configure', { counterId: counter.id, max: 1000 }),
      await w.request('counter:undo', { opId: anasOp, undoOpId: newOpId() }),
      await w.request('counter:delete', { counterId: counter.id }),
      await w.request('chat:send', { boardId, text: 'from the wall' }),
      await w.request('board:export', { boardId }),
    ];
    expect(refusals).toEqual(refusals.map(() => failedAck('forbidden')));
    expect({
      counters: await server.app.store.listCounters(boardId),
      messages: await server.app.store.recentChatMessages(boardId, 100),
      activity: await readActivity(server.url, boardId),
    }).toEqual(before);

    // Markers: Ana's chat and increment reach Olga after anything the wall's requests could have caused.
    await ana.client.ok('chat:send', { boardId, text: 'marker' });
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId: newOpId() });
    await olga.client.waitFor('chat:message', (event) => event.message.text === 'marker');
    await olga.client.waitFor('counter:updated', (event) => event.updates.some((u) => u.version === 2));
    const after = olga.client.received.slice(since).filter((item) => item.event !== 'stats');
    expect(after.map((item) => item.event)).toEqual(['chat:message', 'counter:updated']);
    expect(after[1]?.payload).toMatchObject({ updates: [{ counterId: counter.id, value: 4, version: 2 }] });
  });

  it('points at nothing: its presence:focus is not relayed', async () => {
    const { boardId, olga, ana, wall, counter } = await cast();
    wall.client.socket.emit('presence:focus', { boardId, counterId: counter.id });
    // Its own events are handled in order: once this is answered, its focus has been handled.
    await settle(wall.client);
    ana.client.socket.emit('presence:focus', { boardId, counterId: counter.id });
    await olga.client.waitFor('presence:focus', (event) => event.clientId === ana.clientId);
    expect(olga.client.all('presence:focus').map((event) => event.clientId)).toEqual([ana.clientId]);
  });

  it('is not counted in stats.online', async () => {
    // A server of its own, so that `online` counts only the people of this test.
    const alone = await startTestServer();
    try {
      const keys = await createBoard(alone);
      const person = (name: string) => connectPerson((options) => alone.connect(options), name);
      const ana: Person = await person('Ana');
      await ana.client.ok('board:join', { boardId: keys.board.id });
      const { counter } = await ana.client.ok('counter:create', { boardId: keys.board.id, name: 'C' });
      const wall = await person('Wall');
      await wall.client.ok('board:join', { boardId: keys.board.id, key: keys.viewerKey });
      await person('Ben');
      // stats goes out when a figure changes: this increment makes one, read after everyone above.
      await ana.client.ok('counter:increment', { counterId: counter.id, opId: newOpId() });
      const total = await alone.app.store.totalIncrements();
      const stats = await ana.client.waitFor('stats', (figures) => figures.totalIncrements === total);
      expect(stats.online).toBe(2);
    } finally {
      await alone.close();
    }
  });

  // Regression: a viewer-only socket that joined another board as a member was not announced in
  // stats until some other figure changed, and one that left its last member board while still
  // viewing another stayed counted online.
  it('is counted again as soon as it joins a board as a member, and no longer once it is a viewer only again', async () => {
    const alone = await startTestServer();
    try {
      const person = (name: string) => connectPerson((options) => alone.connect(options), name);
      const wallBoard = await createBoard(alone);
      const desk = await createBoard(alone);
      const wall = await person('Wall');
      await wall.client.ok('board:join', { boardId: wallBoard.board.id, key: wallBoard.viewerKey });
      // Connected once the wall stopped counting: Cleo alone is online.
      const cleo = await person('Cleo');
      const nextStats = (online: number) => {
        const before = new Set(cleo.client.all('stats'));
        return (figures: ServerPayload<'stats'>) => !before.has(figures) && figures.online === online;
      };

      const counted = nextStats(2);
      await wall.client.ok('board:join', { boardId: desk.board.id });
      await cleo.client.waitFor('stats', counted);

      const uncounted = nextStats(1);
      await wall.client.ok('board:leave', { boardId: desk.board.id });
      await cleo.client.waitFor('stats', uncounted);
      expect(await alone.app.presence.online()).toBe(1);
    } finally {
      await alone.close();
    }
  });
});

describe('the viewer key over HTTP', () => {
  it('opens every read of a private board: the board, a counter’s history, the activity and its CSV', async () => {
    const { keys, boardId, counter } = await cast('private');
    const headers = keyHeader(keys.viewerKey);
    const reads = [
      `/api/boards/${boardId}`,
      `/api/counters/${counter.id}/history?minutes=5`,
      `/api/boards/${boardId}/activity`,
      `/api/boards/${boardId}/activity.csv`,
    ];
    for (const route of reads) {
      expect({ route, status: (await fetch(`${server.url}${route}`, { headers })).status }).toEqual({
        route,
        status: 200,
      });
      await expectHttpError(await fetch(`${server.url}${route}`), 403, 'forbidden');
    }
  });

  it('opens no write: an HTTP increment with it is 403 forbidden, on a private or a public board', async () => {
    for (const visibility of ['private', 'public'] as const) {
      const { keys, counter } = await cast(visibility);
      await expectHttpError(
        await postIncrement(server.url, counter.id, { key: keys.viewerKey }),
        403,
        'forbidden',
      );
      expect(await server.app.store.getCounter(counter.id)).toMatchObject({ value: 0, version: 0 });
    }
  });

  it('is refused by the snapshot file route, which needs the owner key', async () => {
    const { keys, boardId } = await cast('private');
    await expectHttpError(
      await fetch(`${server.url}/api/boards/${boardId}/snapshot`, {
        headers: { [BOARD_KEY_HEADER]: keys.viewerKey },
      }),
      403,
      'forbidden',
    );
  });
});
