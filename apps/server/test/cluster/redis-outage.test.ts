// Two real nodes on a test-owned Redis that the test stops under load and starts again.
import type { ClusterNode } from '@tally/testbed';
import { createBoardAt } from '@tally/testbed';
import { useCluster } from '@tally/testbed/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { newOpId, uniqueName } from '../helpers/fixtures.js';
import type { TestClient } from '../helpers/test-client.js';
import { connectTo } from './cluster-clients.js';
import { incrementUntilAcked, type RetryStats } from './increment-retry.js';
import { LOAD_FRIENDLY_ENV } from './load-friendly-env.js';

/** The protocol's bound on an ack while the store is away. */
const UNAVAILABLE_WITHIN_MS = 2000;

const cluster = useCluster({ entry: 'source', nodes: 2, env: LOAD_FRIENDLY_ENV });
const clients: TestClient[] = [];

afterAll(async () => {
  for (const client of clients) client.close();
});

async function readyStatus(url: string): Promise<number> {
  return (await fetch(`${url}/api/ready`)).status;
}

describe('Redis stops under load and comes back', () => {
  it('answers unavailable within 2 s without dropping anyone, then resumes, cross-node broadcast included', async () => {
    const [node1, node2] = cluster().nodes as [ClusterNode, ClusterNode];
    const { board } = await createBoardAt(node1.url, uniqueName('board'));
    const [ana, ben] = await Promise.all([
      connectTo(node1.url, { name: 'Ana' }),
      connectTo(node2.url, { name: 'Ben' }),
    ]);
    clients.push(ana, ben);
    await ana.ok('board:join', { boardId: board.id });
    await ben.ok('board:join', { boardId: board.id });
    const { counter } = await ana.ok('counter:create', { boardId: board.id, name: uniqueName('outage') });

    // Load from both nodes; every op is retried with its opId until acked, so the end is exact.
    const stats: RetryStats = { unavailable: 0, notJoined: 0, lost: 0 };
    const deadline = Date.now() + 30_000;
    let ackedSum = 0;
    let ackedCount = 0;
    let stopping = false;
    const load = Promise.all(
      [ana, ben].map(async (person, p) => {
        while (!stopping || stats.unavailable === 0) {
          const by = p + 1;
          await incrementUntilAcked(person, { counterId: counter.id, by, opId: newOpId() }, stats, deadline);
          ackedSum += by;
          ackedCount += 1;
        }
      }),
    );
    await ana.waitFor('counter:updated', (u) =>
      u.updates.some((x) => x.counterId === counter.id && x.version >= 20),
    );

    stopping = true;
    await cluster().redis.stop();
    // While Redis is away: every ack is a fast `unavailable`, the sockets stay, readiness says 503.
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const ack = await ana.request('counter:increment', { counterId: counter.id, opId: newOpId() });
      timings.push(performance.now() - started);
      expect(ack).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    expect(Math.max(...timings)).toBeLessThan(UNAVAILABLE_WITHIN_MS);
    // A node whose own batches failed knows at once; one with nobody writing learns it from its
    // write probe (each second, plus the store's 1 s timeout): see docs/operations.md, readiness.
    for (const node of cluster().nodes) {
      await expect.poll(() => readyStatus(node.url), { timeout: 5_000 }).toBe(503);
      expect((await fetch(`${node.url}/api/health`)).status).toBe(200);
    }
    expect(ana.socket.connected && ben.socket.connected).toBe(true);

    await cluster().redis.restart();
    for (const node of cluster().nodes) {
      await expect.poll(() => readyStatus(node.url), { timeout: 10_000 }).toBe(200);
    }
    await load;

    // Cross-node broadcast is back: Ben (node2) sees what Ana (node1) does.
    const { version } = await ana.ok('counter:increment', { counterId: counter.id, by: 10, opId: newOpId() });
    ackedSum += 10;
    ackedCount += 1;
    await ben.waitFor('counter:updated', (u) =>
      u.updates.some((x) => x.counterId === counter.id && x.version === version),
    );
    const response = await fetch(`${node2.url}/api/boards/${board.id}`);
    const snapshot = (await response.json()) as {
      counters: Array<{ id: string; value: number; version: number }>;
    };
    expect(snapshot.counters.find((c) => c.id === counter.id)).toMatchObject({
      value: ackedSum,
      version: ackedCount,
    });
    console.info(
      `stopped Redis: unavailable acks in ${timings.map((t) => t.toFixed(0)).join(', ')} ms; ` +
        `${stats.unavailable} load attempts answered unavailable and retried`,
    );
  });

  it('answers unavailable within 2 s while Redis hangs, and a retried opId counts once when it resumes', async () => {
    const [node1, node2] = cluster().nodes as [ClusterNode, ClusterNode];
    const { board } = await createBoardAt(node1.url, uniqueName('board'));
    const [cleo, dan] = await Promise.all([
      connectTo(node1.url, { name: 'Cleo' }),
      connectTo(node2.url, { name: 'Dan' }),
    ]);
    clients.push(cleo, dan);
    await cleo.ok('board:join', { boardId: board.id });
    await dan.ok('board:join', { boardId: board.id });
    const { counter } = await cleo.ok('counter:create', { boardId: board.id, name: uniqueName('frozen') });

    // SIGSTOP: the connection stays open but nothing answers, the worst case for a client library.
    process.kill(cluster().redis.pid, 'SIGSTOP');
    const op = { counterId: counter.id, by: 4, opId: newOpId() };
    const started = performance.now();
    let ack: Awaited<ReturnType<typeof cleo.request<'counter:increment'>>>;
    try {
      ack = await cleo.request('counter:increment', op);
    } finally {
      process.kill(cluster().redis.pid, 'SIGCONT');
    }
    const hungMs = performance.now() - started;
    expect(ack).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(hungMs).toBeLessThan(UNAVAILABLE_WITHIN_MS);

    // Redis may still run the batch it had received: the retry with the same opId is what is safe.
    const stats: RetryStats = { unavailable: 0, notJoined: 0, lost: 0 };
    const retried = await incrementUntilAcked(cleo, op, stats, Date.now() + 10_000);
    expect(retried).toMatchObject({ value: 4, version: 1 });
    await dan.waitFor('counter:updated', (u) =>
      u.updates.some((x) => x.counterId === counter.id && x.value === 4),
    );
    console.info(`hung Redis: unavailable ack in ${hungMs.toFixed(0)} ms`);
  });
});
