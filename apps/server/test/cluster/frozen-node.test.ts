// A node frozen (SIGSTOP) for longer than the presence TTL, then resumed (SIGCONT), with two nodes
// behind nginx (deploy/nginx.conf.template) on a test-owned Redis.
// Regression (issue 14): the other node announced the frozen node's members as `presence:left`
// and, after SIGCONT, nobody announced them back; nginx kept sending half of the new handshakes
// to the frozen node.

import { createBoardAt } from '@tally/testbed';
import { useCluster } from '@tally/testbed/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { newOpId, uniqueName } from '../helpers/fixtures.js';
import type { TestClient } from '../helpers/test-client.js';
import { clientIdOf, connectTo, connectToNode, memberOf, nodeOf } from './cluster-clients.js';
import { LOAD_FRIENDLY_ENV } from './load-friendly-env.js';

/** Past the presence node TTL (5 s) plus a heartbeat and the reaper's own. */
const REAPED_WITHIN_MS = 15_000;
/** A resumed node's heartbeat is overdue at once, and its broadcast crosses the Redis stream. */
const BACK_WITHIN_MS = 10_000;

const cluster = useCluster({ entry: 'source', nodes: 2, nginx: true, env: LOAD_FRIENDLY_ENV });
const clients: TestClient[] = [];

afterAll(async () => {
  // A node still stopped by a failed test dies all the same: SIGKILL reaches stopped processes.
  for (const client of clients) client.close();
});

function track(client: TestClient): TestClient {
  clients.push(client);
  return client;
}

/** Whether, from a client's own presence events about `clientId`, the last says it is on the board. */
function seesPresent(watcher: TestClient, clientId: string): boolean | undefined {
  const events = watcher.received.filter(
    ({ event, payload }) =>
      (event === 'presence:joined' &&
        (payload as { member: { clientId: string } }).member.clientId === clientId) ||
      (event === 'presence:left' && (payload as { clientId: string }).clientId === clientId),
  );
  const last = events.at(-1);
  return last === undefined ? undefined : last.event === 'presence:joined';
}

describe('a node frozen past the presence TTL', () => {
  it('is skipped by nginx while frozen, and its members are announced back when it resumes', async () => {
    const { nodes, nginx } = cluster();
    const [node1, node2] = nodes;
    if (!node1 || !node2 || !nginx) throw new Error('two nodes behind nginx expected');
    const publicUrl = nginx.url;
    const { board } = await createBoardAt(publicUrl, uniqueName('board'));
    const boardId = board.id;
    const ana = track(await connectToNode(cluster(), 0, { name: uniqueName('ana') }));
    const ben = track(await connectToNode(cluster(), 1, { name: uniqueName('ben') }));
    await ana.ok('board:join', { boardId });
    await ben.ok('board:join', { boardId });
    const { counter } = await ana.ok('counter:create', { boardId, name: uniqueName('count') });
    const benId = clientIdOf(ben);
    await expect.poll(() => seesPresent(ana, benId)).toBe(true);

    node2.server.signal('SIGSTOP');
    // Node 1 reaps the silent node and tells the board that Ben left.
    await expect.poll(() => seesPresent(ana, benId), { timeout: REAPED_WITHIN_MS }).toBe(false);

    // Meanwhile new handshakes (long-polling first, as browsers start) all go to node 1.
    const newcomers = await Promise.all(
      Array.from({ length: 3 }, () => connectTo(publicUrl, { name: uniqueName('newcomer') }).then(track)),
    );
    expect(newcomers.map(nodeOf)).toEqual(['node1', 'node1', 'node1']);

    node2.server.signal('SIGCONT');
    // Node 2 finds it was reaped and announces Ben back: to Ana, and to Ben himself, who heard he left.
    await expect.poll(() => seesPresent(ana, benId), { timeout: BACK_WITHIN_MS }).toBe(true);
    await expect.poll(() => seesPresent(ben, benId), { timeout: BACK_WITHIN_MS }).toBe(true);
    // A fresh join lists him.
    const [newcomer] = newcomers;
    const joined = await newcomer?.ok('board:join', { boardId });
    expect(joined?.board.members).toContainEqual({ clientId: benId, name: memberOf(ben).name });

    // Ben's socket never dropped: his increment is acked and reaches Ana on the other node.
    const ack = await ben.ok('counter:increment', { counterId: counter.id, opId: newOpId() });
    expect(ack).toMatchObject({ value: 1, version: 1 });
    await ana.waitFor('counter:updated', (update) =>
      update.updates.some((u) => u.counterId === counter.id && u.version === 1),
    );
    expect(nodeOf(ben)).toBe('node2');
  }, 60_000);
});
