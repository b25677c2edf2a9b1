// Protocol v1.1 on two real server processes sharing one test-owned redis-server: identity, the
// activity record, undo, limits, viewers and snapshots hold whichever node a client is on.

import { createBoardAt } from '@tally/testbed';
import { useCluster } from '@tally/testbed/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { newOpId, uniqueName } from '../helpers/fixtures.js';
import { readActivity } from '../helpers/http.js';
import { authOf, connectPerson, type Person } from '../helpers/people.js';
import { connectClient, failedAck, type TestClient } from '../helpers/test-client.js';
import { nodeOf } from './cluster-clients.js';
import { LOAD_FRIENDLY_ENV } from './load-friendly-env.js';

const cluster = useCluster({ entry: 'source', nodes: 2, env: LOAD_FRIENDLY_ENV });
const clients: TestClient[] = [];

afterAll(async () => {
  for (const client of clients) client.close();
});

function urlOf(n: 1 | 2): string {
  const node = cluster().nodes[n - 1];
  if (!node) throw new Error(`no node ${n}`);
  return node.url;
}

/** Someone connected straight to node `n` (1 or 2), with `auth` sent as given. */
async function personOn(n: 1 | 2, name: string, auth: Record<string, unknown> = {}): Promise<Person> {
  const person = await connectPerson(
    async (options) => {
      const client = await connectClient(urlOf(n), { ...options, transports: ['websocket'] });
      clients.push(client);
      return client;
    },
    name,
    auth,
  );
  expect(nodeOf(person.client)).toBe(`node${n}`);
  return person;
}

/** A public board made on node 1, its owner Olga joined on node `ownerNode`. */
async function boardOnCluster(ownerNode: 1 | 2 = 1) {
  const keys = await createBoardAt(urlOf(1), uniqueName('board'));
  const boardId = keys.board.id;
  const olga = await personOn(ownerNode, 'Olga');
  await olga.client.ok('board:join', { boardId, key: keys.ownerKey });
  const { counter } = await olga.client.ok('counter:create', { boardId, name: uniqueName('laps') });
  return { keys, boardId, olga, counter };
}

describe('v1.1 on two nodes sharing one Redis', () => {
  it('honours on node 2 a memberToken that node 1 gave, and the other way round', async () => {
    const ana = await personOn(1, 'Ana');
    const onTwo = await personOn(2, 'Ana', authOf(ana));
    expect(onTwo.clientId).toBe(ana.clientId);
    const backOnOne = await personOn(1, 'Ana', { clientId: ana.clientId, memberToken: onTwo.memberToken });
    expect(backOnOne.clientId).toBe(ana.clientId);
  });

  it("makes Mallory on node 2, claiming Ana's clientId from node 1 without her token, a new member", async () => {
    const { boardId, counter } = await boardOnCluster();
    const ana = await personOn(1, 'Ana');
    const ben = await personOn(1, 'Ben');
    await ana.client.ok('board:join', { boardId });
    await ben.client.ok('board:join', { boardId });
    const anasOp = newOpId();
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 2, opId: anasOp });

    const mallory = await personOn(2, 'Ana', { clientId: ana.clientId });
    expect(mallory.clientId).not.toBe(ana.clientId);
    const forged = await personOn(2, 'Ana', { clientId: ana.clientId, memberToken: ben.memberToken });
    expect([ana.clientId, ben.clientId]).not.toContain(forged.clientId);

    await mallory.client.ok('board:join', { boardId });
    const sent = await mallory.client.ok('chat:send', { boardId, text: 'it is me, Ana' });
    const heard = await ben.client.waitFor('chat:message', (event) => event.message.id === sent.message.id);
    expect(heard.message.clientId).toBe(mallory.clientId);
    expect(await mallory.client.request('counter:undo', { opId: anasOp, undoOpId: newOpId() })).toEqual(
      failedAck('forbidden'),
    );
    // Pointing and counting from node 2 are Mallory's too, seen on node 1 and in the record.
    mallory.client.socket.emit('presence:focus', { boardId, counterId: counter.id });
    const pointed = await ben.client.waitFor('presence:focus', (event) => event.counterId === counter.id);
    expect(pointed.clientId).toBe(mallory.clientId);
    await mallory.client.ok('counter:increment', { counterId: counter.id, by: 5, opId: newOpId() });
    const { entries } = await readActivity(urlOf(1), boardId);
    const actors = entries.filter((entry) => entry.kind === 'increment').map((entry) => entry.actor);
    expect(actors).toEqual([
      { clientId: mallory.clientId, name: 'Ana' },
      { clientId: ana.clientId, name: 'Ana' },
    ]);
  });

  it('reads on node 2 the activity recorded on node 1', async () => {
    const { boardId, olga, counter } = await boardOnCluster();
    const ana = await personOn(1, 'Ana');
    await ana.client.ok('board:join', { boardId });
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 3, opId: newOpId() });
    const response = await fetch(`${urlOf(1)}/api/counters/${counter.id}/increment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-actor-name': 'Bot' },
      body: JSON.stringify({ by: 4 }),
    });
    expect(response.status).toBe(200);

    const { entries, nextCursor } = await readActivity(urlOf(2), boardId);
    expect(nextCursor).toBeNull();
    expect(entries.map(({ kind, by, value, actor }) => ({ kind, by, value, actor }))).toEqual([
      { kind: 'increment', by: 4, value: 7, actor: { clientId: null, name: 'Bot' } },
      { kind: 'increment', by: 3, value: 3, actor: { clientId: ana.clientId, name: 'Ana' } },
      { kind: 'counter_created', by: undefined, value: 0, actor: { clientId: olga.clientId, name: 'Olga' } },
    ]);
    // Paged on the Redis store too: one entry a page, to the end.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=1' : `?limit=1&before=${cursor}`;
      const page = await readActivity(urlOf(2), boardId, query);
      paged.push(...page.entries.map((entry) => entry.id));
      cursor = page.nextCursor;
    } while (cursor !== null && paged.length < 10);
    expect(paged).toEqual(entries.map((entry) => entry.id));
    const csv = await fetch(`${urlOf(2)}/api/boards/${boardId}/activity.csv`);
    expect(csv.status).toBe(200);
    expect((await csv.text()).split(/\r?\n/).filter((line) => line !== '')).toHaveLength(4);
  });

  it('undoes on node 2 an increment made on node 1, once, and only for its author or the owner', async () => {
    const { boardId, olga, counter } = await boardOnCluster(2);
    const ana = await personOn(1, 'Ana');
    const ben = await personOn(2, 'Ben');
    await ana.client.ok('board:join', { boardId });
    await ben.client.ok('board:join', { boardId });
    const [first, second] = [newOpId(), newOpId()];
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 5, opId: first });
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 1, opId: second });

    const anaOnTwo = await personOn(2, 'Ana', authOf(ana));
    await anaOnTwo.client.ok('board:join', { boardId });
    expect(await ben.client.request('counter:undo', { opId: first, undoOpId: newOpId() })).toEqual(
      failedAck('forbidden'),
    );
    const undone = await anaOnTwo.client.request('counter:undo', { opId: first, undoOpId: newOpId() });
    expect(undone).toEqual({ ok: true, value: 1, version: 3 });
    expect(
      await ana.client.waitFor('counter:updated', (event) => event.updates.some((u) => u.version === 3)),
    ).toMatchObject({ boardId, updates: [{ counterId: counter.id, value: 1, version: 3 }] });
    // Once, whichever node is asked again.
    expect(await ana.client.request('counter:undo', { opId: first, undoOpId: newOpId() })).toEqual(undone);
    // The owner (on node 2) may undo Ana's other increment (made on node 1).
    expect(await olga.client.request('counter:undo', { opId: second, undoOpId: newOpId() })).toEqual({
      ok: true,
      value: 0,
      version: 4,
    });
  });

  it('sends counter:configured to the board on both nodes, and both nodes hold the bounds', async () => {
    const { boardId, olga, counter } = await boardOnCluster(1);
    const ana = await personOn(2, 'Ana');
    const ben = await personOn(1, 'Ben');
    await ana.client.ok('board:join', { boardId });
    await ben.client.ok('board:join', { boardId });
    const { counter: configured } = await olga.client.ok('counter:configure', {
      counterId: counter.id,
      max: 2,
    });
    expect(configured).toMatchObject({ id: counter.id, max: 2, version: 0 });
    for (const client of [olga.client, ana.client, ben.client]) {
      expect(await client.waitFor('counter:configured')).toMatchObject({ boardId, counter: configured });
    }
    await ana.client.ok('counter:increment', { counterId: counter.id, by: 2, opId: newOpId() });
    expect(
      await ben.client.request('counter:increment', { counterId: counter.id, by: 1, opId: newOpId() }),
    ).toEqual(failedAck('out_of_range'));
    expect(
      await ana.client.request('counter:increment', { counterId: counter.id, by: 1, opId: newOpId() }),
    ).toEqual(failedAck('out_of_range'));
  });

  it('lets a viewer on node 2 follow what happens on node 1, unseen and unable to change anything', async () => {
    const { keys, boardId, olga, counter } = await boardOnCluster(1);
    const ana = await personOn(1, 'Ana');
    await ana.client.ok('board:join', { boardId });
    const wall = await personOn(2, 'Wall');
    const joined = await wall.client.ok('board:join', { boardId, key: keys.viewerKey });
    expect(joined.role).toBe('viewer');

    await ana.client.ok('counter:increment', { counterId: counter.id, by: 4, opId: newOpId() });
    await ana.client.ok('chat:send', { boardId, text: 'hello from node 1' });
    const { counter: second } = await olga.client.ok('counter:create', {
      boardId,
      name: uniqueName('second'),
    });
    expect(
      await wall.client.waitFor('counter:updated', (event) =>
        event.updates.some((u) => u.counterId === counter.id),
      ),
    ).toMatchObject({ boardId, updates: [{ counterId: counter.id, value: 4 }] });
    expect(await wall.client.waitFor('chat:message')).toMatchObject({
      message: { text: 'hello from node 1' },
    });
    expect(await wall.client.waitFor('counter:created')).toMatchObject({ counter: { id: second.id } });

    expect(
      await wall.client.request('counter:increment', { counterId: counter.id, opId: newOpId() }),
    ).toEqual(failedAck('forbidden'));
    expect(await wall.client.request('chat:send', { boardId, text: 'from the wall' })).toEqual(
      failedAck('forbidden'),
    );

    // A marker from node 2: Ben's arrival reaches Ana after the wall's would have.
    const ben = await personOn(2, 'Ben');
    await ben.client.ok('board:join', { boardId });
    await ana.client.waitFor('presence:joined', (event) => event.member.clientId === ben.clientId);
    expect(ana.client.all('presence:joined').map((event) => event.member.clientId)).toEqual([ben.clientId]);
    const { board } = await ana.client.ok('board:join', { boardId });
    expect(board.members.map((member) => member.clientId)).not.toContain(wall.clientId);
  });

  it('agrees on derived keys and moves a board between nodes as a snapshot', async () => {
    const { keys, boardId, olga } = await boardOnCluster(1);
    const ownerOnTwo = await personOn(2, 'Olga', authOf(olga));
    const joined = await ownerOnTwo.client.ok('board:join', { boardId, key: keys.ownerKey });
    expect(joined.keys).toEqual({ viewerKey: keys.viewerKey });

    const { snapshot } = await olga.client.ok('board:export', { boardId });
    const created = await ownerOnTwo.client.ok('board:import', { name: 'Moved', snapshot });
    expect(created.board.counters.map((c) => c.name)).toEqual(joined.board.counters.map((c) => c.name));
    const newOwner = await personOn(1, 'New owner');
    const onOne = await newOwner.client.ok('board:join', {
      boardId: created.board.id,
      key: created.ownerKey,
    });
    expect(onOne).toMatchObject({ role: 'owner', keys: { viewerKey: created.viewerKey } });
  });
});
