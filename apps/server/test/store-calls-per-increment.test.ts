import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type RedisServer, startRedisServer } from '@tally/testbed';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createBoard, newOpId } from './helpers/fixtures.js';
import { expectHttpError, incrementOverHttp, postIncrement } from './helpers/http.js';
import { scrapeMetrics } from './helpers/metrics.js';
import { connectPerson, type Person } from './helpers/people.js';
import { failedAck } from './helpers/test-client.js';
import { startTestServer, startTestServerOn, type TestServer } from './helpers/test-server.js';

/**
 * Store calls made on their own schedule, not by a click: the readiness write probe (each idle
 * second) and the total read for the `stats` broadcast. Everything else a server asks its store
 * during these tests is caused by what the test does.
 */
const PERIODIC = new Set(['ping', 'totalIncrements']);

/** `tally_store_calls_total` by method, from the server's own /metrics. */
async function storeCalls(server: TestServer): Promise<Map<string, number>> {
  const scrape = await scrapeMetrics(server.url);
  const calls = new Map<string, number>();
  for (const method of METHODS) calls.set(method, scrape.value('tally_store_calls_total', { method }));
  return calls;
}

const METHODS = [
  'getBoard',
  'getCounter',
  'listCounters',
  'applyOps',
  'getOp',
  'createCounter',
  'deleteCounter',
  'recentChatMessages',
  'ping',
  'totalIncrements',
] as const;

/** What each method was called for between two readings, periodic calls left out. */
function callsBetween(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const made: Record<string, number> = {};
  for (const [method, total] of after) {
    const delta = total - (before.get(method) ?? 0);
    if (delta > 0 && !PERIODIC.has(method)) made[method] = delta;
  }
  return made;
}

async function incrementOnSocket(person: Person, counterId: string): Promise<number> {
  const { value } = await person.client.ok('counter:increment', { counterId, by: 1, opId: newOpId() });
  return value;
}

/** An increment of a deleted counter, on the socket and over HTTP: `not_found` both times, nothing applied. */
async function expectRefusedAsDeleted(person: Person, url: string, counterId: string): Promise<void> {
  const before = await scrapeMetrics(url);
  expect(await person.client.request('counter:increment', { counterId, by: 1, opId: newOpId() })).toEqual(
    failedAck('not_found'),
  );
  await expectHttpError(await postIncrement(url, counterId), 404, 'not_found');
  const after = await scrapeMetrics(url);
  expect(after.value('tally_ops_applied_total')).toBe(before.value('tally_ops_applied_total'));
}

describe('what an increment costs the store', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  it('one applyOps per click, socket or HTTP, and no read once the board has been seen', async () => {
    server = await startTestServer();
    const keys = await createBoard(server, 'private');
    const olga = await connectPerson(server.connect, 'Olga');
    const { board } = await olga.client.ok('board:join', { boardId: keys.board.id, key: keys.ownerKey });
    const { counter } = await olga.client.ok('counter:create', { boardId: board.id, name: 'door' });

    const before = await storeCalls(server);
    // One at a time: each click is its own batch, so each costs exactly one store call.
    for (let click = 0; click < 10; click++) await incrementOnSocket(olga, counter.id);
    for (let click = 0; click < 5; click++) {
      await incrementOverHttp(server.url, counter.id, { key: keys.accessKey });
    }
    const after = await storeCalls(server);

    expect(callsBetween(before, after)).toEqual({ applyOps: 15 });
    expect(await incrementOnSocket(olga, counter.id)).toBe(16);
  });

  it('a counter not seen since the start costs one read, once', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tally-store-calls-'));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    server = await startTestServerOn(dataDir);
    const keys = await createBoard(server);
    const olga = await connectPerson(server.connect, 'Olga');
    const { board } = await olga.client.ok('board:join', { boardId: keys.board.id, key: keys.ownerKey });
    const { counter } = await olga.client.ok('counter:create', { boardId: board.id, name: 'door' });
    await server.close();
    // A restart on the same data: this process has seen neither the board nor the counter.
    server = await startTestServerOn(dataDir);

    const first = await storeCalls(server);
    await incrementOverHttp(server.url, counter.id);
    const second = await storeCalls(server);
    await incrementOverHttp(server.url, counter.id);
    await incrementOverHttp(server.url, counter.id);
    const third = await storeCalls(server);

    expect(callsBetween(first, second)).toEqual({ getCounter: 1, getBoard: 1, applyOps: 1 });
    expect(callsBetween(second, third)).toEqual({ applyOps: 2 });
  });
});

describe('a deleted counter is refused at once', () => {
  it('on the node that deleted it: socket and HTTP get not_found, and nothing changes', async () => {
    const server = await startTestServer();
    try {
      const keys = await createBoard(server);
      const olga = await connectPerson(server.connect, 'Olga');
      const ana = await connectPerson(server.connect, 'Ana');
      await olga.client.ok('board:join', { boardId: keys.board.id, key: keys.ownerKey });
      await ana.client.ok('board:join', { boardId: keys.board.id });
      const { counter } = await olga.client.ok('counter:create', { boardId: keys.board.id, name: 'door' });
      await incrementOnSocket(ana, counter.id);
      await olga.client.ok('counter:delete', { counterId: counter.id });

      await expectRefusedAsDeleted(ana, server.url, counter.id);
    } finally {
      await server.close();
    }
  });

  describe('on two nodes sharing one Redis', () => {
    let redis: RedisServer;
    let nodeA: TestServer;
    let nodeB: TestServer;
    beforeAll(async () => {
      redis = await startRedisServer();
      nodeA = await startTestServer({ REDIS_URL: redis.url, NODE_ID: 'node-a' });
      nodeB = await startTestServer({ REDIS_URL: redis.url, NODE_ID: 'node-b' });
    });
    afterAll(async () => {
      await nodeA?.close();
      await nodeB?.close();
      await redis?.dispose();
    });

    it('node B, which knew the counter, refuses it as soon as node A deleted it', async () => {
      const keys = await createBoard(nodeA);
      const olga = await connectPerson(nodeA.connect, 'Olga');
      await olga.client.ok('board:join', { boardId: keys.board.id, key: keys.ownerKey });
      const { counter } = await olga.client.ok('counter:create', { boardId: keys.board.id, name: 'door' });
      // Ben joins on node B: its snapshot puts the counter in node B's memory, and he clicks it.
      const ben = await connectPerson(nodeB.connect, 'Ben');
      await ben.client.ok('board:join', { boardId: keys.board.id });
      expect(await incrementOnSocket(ben, counter.id)).toBe(1);
      await incrementOverHttp(nodeB.url, counter.id);

      await olga.client.ok('counter:delete', { counterId: counter.id });
      // No wait for the deletion's broadcast to reach node B: the write itself refuses the counter.
      await expectRefusedAsDeleted(ben, nodeB.url, counter.id);
      // And the board as node B tells it now has no such counter.
      const snapshot = await ben.client.ok('board:join', { boardId: keys.board.id });
      expect(snapshot.board.counters.map(({ id }) => id)).not.toContain(counter.id);
    });
  });
});
