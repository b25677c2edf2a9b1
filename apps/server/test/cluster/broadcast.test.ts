// Three real server processes on one test-owned redis-server, clients spread over them by
// connecting to each node directly: what one node's sockets do reaches the others' sockets.
import { randomUUID } from 'node:crypto';
import { createBoardAt } from '@tally/testbed';
import { useCluster } from '@tally/testbed/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { newOpId, uniqueName } from '../helpers/fixtures.js';
import type { TestClient } from '../helpers/test-client.js';
import { clientIdOf, connectTo, connectToNode, memberOf } from './cluster-clients.js';
import { LOAD_FRIENDLY_ENV } from './load-friendly-env.js';

const cluster = useCluster({ entry: 'source', nodes: 3, env: LOAD_FRIENDLY_ENV });
const clients: TestClient[] = [];

afterAll(async () => {
  for (const client of clients) client.close();
});

/** A client on node `n` (0-based), a new member: the server gives it a clientId of its own. */
async function personOn(n: number, name: string): Promise<TestClient> {
  const client = await connectToNode(cluster(), n, { name });
  clients.push(client);
  return client;
}

async function boardOnCluster(): Promise<string> {
  const { board } = await createBoardAt(cluster().nodes[0]?.url ?? '', uniqueName('board'));
  return board.id;
}

describe('Tally on three nodes sharing one Redis', () => {
  it('sends an increment on any node to every socket of the board on every node, and to no other board', async () => {
    const boardId = await boardOnCluster();
    const otherBoardId = await boardOnCluster();
    const [ana, ben, cleo, dan] = await Promise.all([
      personOn(0, 'Ana'),
      personOn(1, 'Ben'),
      personOn(2, 'Cleo'),
      personOn(1, 'Dan'),
    ]);
    for (const person of [ana, ben, cleo]) await person.ok('board:join', { boardId });
    await dan.ok('board:join', { boardId: otherBoardId });
    const { counter } = await ben.ok('counter:create', { boardId, name: uniqueName('clicks') });
    const { counter: otherCounter } = await dan.ok('counter:create', {
      boardId: otherBoardId,
      name: uniqueName('elsewhere'),
    });

    const acked = await cleo.ok('counter:increment', { counterId: counter.id, by: 5, opId: newOpId() });
    expect(acked).toMatchObject({ value: 5, version: 1 });
    for (const person of [ana, ben, cleo]) {
      const update = await person.waitFor('counter:updated', (p) =>
        p.updates.some((u) => u.counterId === counter.id),
      );
      expect(update.updates).toContainEqual(
        expect.objectContaining({ counterId: counter.id, value: 5, version: 1 }),
      );
    }
    // Marker: Dan's own board's update arrives after Cleo's would have; he got only his.
    await ana.ok('board:join', { boardId: otherBoardId });
    await ana.ok('counter:increment', { counterId: otherCounter.id, opId: newOpId() });
    await dan.waitFor('counter:updated', (p) => p.boardId === otherBoardId);
    expect(dan.all('counter:updated').every((p) => p.boardId === otherBoardId)).toBe(true);
  });

  it('announces a join and chat to the others on every node (socket.to(room)), never to the joiner itself', async () => {
    const boardId = await boardOnCluster();
    const [ana, ben, cleo] = await Promise.all([personOn(0, 'Ana'), personOn(1, 'Ben'), personOn(2, 'Cleo')]);
    await ana.ok('board:join', { boardId });
    await ben.ok('board:join', { boardId });
    const joined = await cleo.ok('board:join', { boardId });
    // The snapshot lists the members of every node.
    expect(joined.board.members.map((m) => m.clientId).sort()).toEqual(
      [ana, ben, cleo].map(clientIdOf).sort(),
    );
    const cleoId = clientIdOf(cleo);
    for (const other of [ana, ben]) {
      await other.waitFor('presence:joined', (p) => p.boardId === boardId && p.member.clientId === cleoId);
    }

    await ben.ok('chat:send', { boardId, text: 'hello from node2' });
    for (const person of [ana, ben, cleo]) {
      await person.waitFor(
        'chat:message',
        (p) => p.boardId === boardId && p.message.text === 'hello from node2',
      );
    }
    // The chat message came after Cleo's join announcement would have: she never got her own.
    expect(cleo.all('presence:joined').some((p) => p.member.clientId === cleoId)).toBe(false);

    cleo.close();
    for (const other of [ana, ben]) {
      await other.waitFor('presence:left', (p) => p.boardId === boardId && p.clientId === cleoId);
    }
  });

  it('counts one member with tabs on two nodes once, and announces them left only when the last tab goes', async () => {
    const boardId = await boardOnCluster();
    const watcher = await personOn(0, 'Watcher');
    await watcher.ok('board:join', { boardId });
    // The second tab proves the first one's clientId with the memberToken node 2 gave it.
    const tab1 = await connectTo(cluster().nodes[1]?.url ?? '', { name: 'Eve' });
    clients.push(tab1);
    const eve = memberOf(tab1);
    const clientId = eve.clientId;
    const tab2 = await connectTo(cluster().nodes[2]?.url ?? '', eve);
    clients.push(tab2);
    expect(clientIdOf(tab2)).toBe(clientId);
    await tab1.ok('board:join', { boardId });
    await tab2.ok('board:join', { boardId });
    const snapshot = await watcher.ok('board:join', { boardId });
    expect(snapshot.board.members.filter((m) => m.clientId === clientId)).toHaveLength(1);

    tab1.close();
    await watcher.ok('chat:send', { boardId, text: 'marker after the first tab left' });
    await watcher.waitFor('chat:message', (p) => p.message.text === 'marker after the first tab left');
    expect(watcher.all('presence:left').some((p) => p.clientId === clientId)).toBe(false);
    tab2.close();
    await watcher.waitFor('presence:left', (p) => p.boardId === boardId && p.clientId === clientId);
  });

  it('sends stats (io.emit) to the sockets of every node, counting the members of all nodes', async () => {
    const people = await Promise.all([personOn(0, 'Fay'), personOn(1, 'Gus'), personOn(2, 'Hal')]);
    const online = new Set(clients.filter((c) => c.socket.connected).map(clientIdOf)).size;
    for (const person of people) await person.waitFor('stats', (stats) => stats.online === online);
  });

  it('ends on the sum of the acked increments, sent concurrently through all three nodes', async () => {
    const boardId = await boardOnCluster();
    const people = await Promise.all([0, 1, 2, 0, 1, 2].map((n, i) => personOn(n, `loader${i}`)));
    for (const person of people) await person.ok('board:join', { boardId });
    const [first] = people;
    if (!first) throw new Error('no client');
    const { counter } = await first.ok('counter:create', { boardId, name: uniqueName('sum') });

    let ackedSum = 0;
    await Promise.all(
      people.map(async (person, p) => {
        for (let i = 0; i < 60; i++) {
          const by = ((p * 61 + i * 17) % 21) - 10 || 1;
          const ack = await person.request('counter:increment', {
            counterId: counter.id,
            by,
            opId: newOpId(),
          });
          if (ack.ok) ackedSum += by;
        }
      }),
    );
    const final = await Promise.all(
      cluster().nodes.map(async (node) => {
        const response = await fetch(`${node.url}/api/boards/${boardId}`);
        const board = (await response.json()) as {
          counters: Array<{ id: string; value: number; version: number }>;
        };
        return board.counters.find((c) => c.id === counter.id);
      }),
    );
    for (const seen of final) expect(seen).toMatchObject({ value: ackedSum, version: 360 });
    // Every socket ends on that value too (updates are merged, so wait for the last version).
    for (const person of people) {
      await person.waitFor('counter:updated', (u) =>
        u.updates.some((x) => x.counterId === counter.id && x.version === 360),
      );
    }
  });

  it('applies the same opId sent to two nodes at once only once, with identical acks', async () => {
    const boardId = await boardOnCluster();
    const [ana, ben] = await Promise.all([personOn(0, 'Ida'), personOn(1, 'Jo')]);
    await ana.ok('board:join', { boardId });
    await ben.ok('board:join', { boardId });
    const { counter } = await ana.ok('counter:create', { boardId, name: uniqueName('once') });
    const opId = `op-${randomUUID()}`;
    const [fromNode1, fromNode2] = await Promise.all([
      ana.ok('counter:increment', { counterId: counter.id, by: 7, opId }),
      ben.ok('counter:increment', { counterId: counter.id, by: 7, opId }),
    ]);
    expect(fromNode1).toEqual(fromNode2);
    expect(fromNode1).toMatchObject({ value: 7, version: 1 });
    const viaHttp = await fetch(`${cluster().nodes[2]?.url}/api/counters/${counter.id}/increment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': opId },
      body: JSON.stringify({ by: 7 }),
    });
    expect(await viaHttp.json()).toEqual({ value: 7, version: 1 });
  });
});
