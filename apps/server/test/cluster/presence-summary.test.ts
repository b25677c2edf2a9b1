// Presence summaries across two real server processes on one test-owned redis-server: each node
// sends summaries to its own summary-mode sockets, read from the shared registry.

import { createBoardAt } from '@tally/testbed';
import { useCluster } from '@tally/testbed/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../helpers/fixtures.js';
import type { TestClient } from '../helpers/test-client.js';
import { clientIdOf, connectToNode, memberOf } from './cluster-clients.js';
import { LOAD_FRIENDLY_ENV } from './load-friendly-env.js';

const cluster = useCluster({ entry: 'source', nodes: 2, env: LOAD_FRIENDLY_ENV });
const clients: TestClient[] = [];

afterAll(async () => {
  for (const client of clients) client.close();
});

/** A client on node `n` (0-based) with a unique name, a new member with a clientId the server made. */
async function personOn(n: number, prefix: string): Promise<TestClient> {
  const client = await connectToNode(cluster(), n, { name: uniqueName(prefix) });
  clients.push(client);
  return client;
}

/** A client as the board lists it. */
function asMember(client: TestClient) {
  const { clientId, name } = memberOf(client);
  return { clientId, name };
}

describe('presence summaries on two nodes', () => {
  it('tells a summary socket on node 2 about joins and leaves on node 1, and a v1 socket on node 2 as v1', async () => {
    const { board } = await createBoardAt(cluster().nodes[0]?.url ?? '', uniqueName('board'));
    const boardId = board.id;
    const watcher = await personOn(1, 'watcher');
    const v1 = await personOn(1, 'v1');
    await watcher.ok('board:join', { boardId, presence: 'summary' });
    await v1.ok('board:join', { boardId });
    await watcher.waitFor('presence:summary', (s) => s.count === 2);

    const ana = await personOn(0, 'ana');
    const joined = await ana.ok('board:join', { boardId, presence: 'summary' });
    // The snapshot counts the members of both nodes.
    expect(joined.board.memberCount).toBe(3);
    expect(await watcher.waitFor('presence:summary', (s) => s.count === 3)).toEqual({
      boardId,
      count: 3,
      members: [asMember(watcher), asMember(v1), asMember(ana)],
    });
    await v1.waitFor('presence:joined', (p) => p.member.clientId === clientIdOf(ana));

    const ben = await personOn(0, 'ben');
    await ben.ok('board:join', { boardId });
    await ana.waitFor('presence:summary', (s) => s.count === 4);
    ben.close();
    await watcher.waitFor('presence:summary', (s) => s.count === 3);
    await ana.waitFor('presence:summary', (s) => s.count === 3);

    // Markers: what was sent before these acks has arrived.
    await watcher.ok('latency:probe', { t: 0 });
    await v1.ok('latency:probe', { t: 0 });
    expect(watcher.all('presence:joined')).toEqual([]);
    expect(watcher.all('presence:left')).toEqual([]);
    expect(v1.all('presence:summary')).toEqual([]);
  });
});
