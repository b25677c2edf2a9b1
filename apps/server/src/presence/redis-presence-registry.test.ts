import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type OwnedProcess,
  type RedisServer,
  spawnProcess,
  startRedisServer,
  waitUntilReady,
} from '@tally/testbed';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BoardArrival, BoardDeparture } from './presence-registry.js';
import { createRedisPresenceRegistry, type RedisPresenceRegistry } from './redis-presence-registry.js';

const HEARTBEAT_MS = 100;
const NODE_TTL_MS = 500;
const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const PRESENCE_NODE_PROCESS = fileURLToPath(new URL('../../test/cluster/presence-node.ts', import.meta.url));

let redis: RedisServer;

beforeAll(async () => {
  // No persistence: a restart loses every presence key, which the nodes must repair.
  redis = await startRedisServer({ appendOnly: false });
});

afterAll(async () => {
  await redis.dispose();
});

describe('Redis presence registry (several nodes on one Redis)', () => {
  const registries: RedisPresenceRegistry[] = [];
  const children: OwnedProcess[] = [];
  let keyPrefix: string;
  let departures: BoardDeparture[];
  let returns: BoardArrival[] = [];

  afterEach(async () => {
    await Promise.all(registries.splice(0).map((registry) => registry.close()));
    await Promise.all(children.splice(0).map((child) => child.stop(0)));
  });

  async function node(nodeId: string): Promise<RedisPresenceRegistry> {
    const registry = createRedisPresenceRegistry({
      url: redis.url,
      keyPrefix,
      nodeId,
      heartbeatMs: HEARTBEAT_MS,
      nodeTtlMs: NODE_TTL_MS,
      onDepartures: (gone) => departures.push(...gone),
      onReturns: (back) => returns.push(...back),
    });
    registries.push(registry);
    await registry.start();
    return registry;
  }

  const member = (clientId: string, name = clientId) => ({ clientId, name });

  /** A node in its own process (test/cluster/presence-node.ts) with Dan and Eve on `board`. */
  async function nodeProcess(board: string): Promise<OwnedProcess> {
    // `node --import tsx`, not the tsx CLI: one process, so a signal reaches the node itself. Its
    // stdin stays open: the node exits when it ends, so it goes with this test process however that ends.
    const child = spawnProcess({
      name: 'presence node',
      args: [
        '--import',
        'tsx',
        PRESENCE_NODE_PROCESS,
        redis.url,
        keyPrefix,
        board,
        String(HEARTBEAT_MS),
        String(NODE_TTL_MS),
      ],
      env: process.env,
      cwd: SERVER_DIR,
      stdin: 'pipe',
    });
    children.push(child);
    await waitUntilReady(child, 'presence node', async () => child.output().includes('ready'), 20_000);
    return child;
  }

  it('counts a member once across nodes, in arrival order, and announces a departure only when the last socket anywhere goes', async () => {
    keyPrefix = `presence-${randomUUID()}:`;
    const [a, b] = [await node('a'), await node('b')];
    const board = `board-${randomUUID()}`;

    await a.connect('a1', member('client-ana', 'Ana'));
    await b.connect('b1', member('client-ana', 'Ana'));
    await b.connect('b2', member('client-ben', 'Ben'));
    expect(await a.join(board, 'a1')).toEqual({ firstSocketOfMember: true });
    expect(await b.join(board, 'b1')).toEqual({ firstSocketOfMember: false });
    expect(await b.join(board, 'b2')).toEqual({ firstSocketOfMember: true });

    const expected = [member('client-ana', 'Ana'), member('client-ben', 'Ben')];
    expect(await a.members(board)).toEqual(expected);
    expect(await b.members(board)).toEqual(expected);
    expect(await b.summary(board, 1)).toEqual({ count: 2, members: [member('client-ana', 'Ana')] });
    expect(await a.summary(board, 100)).toEqual({ count: 2, members: expected });
    expect(await a.onlineByBoard([board, 'elsewhere'])).toEqual(
      new Map([
        [board, 2],
        ['elsewhere', 0],
      ]),
    );
    expect(await b.online()).toBe(2);

    expect(await a.leave(board, 'a1')).toBeNull();
    expect(await b.disconnect('b1')).toEqual([{ boardId: board, clientId: 'client-ana' }]);
    expect(await a.members(board)).toEqual([member('client-ben', 'Ben')]);
    expect(await b.summary(board, 100)).toEqual({ count: 1, members: [member('client-ben', 'Ben')] });
    // Ana left the board but is still connected on node a.
    expect(await a.online()).toBe(2);
  });

  it('drops the members of a node that closes at once', async () => {
    keyPrefix = `presence-${randomUUID()}:`;
    const [a, b] = [await node('a'), await node('b')];
    const board = `board-${randomUUID()}`;
    await b.connect('b1', member('client-cleo'));
    await b.join(board, 'b1');
    expect(await a.members(board)).toHaveLength(1);
    await b.close();
    registries.splice(registries.indexOf(b), 1);
    expect(await a.members(board)).toEqual([]);
    expect(await a.online()).toBe(0);
  });

  it('forgets a killed node after its TTL and announces the members no other node has', async () => {
    keyPrefix = `presence-${randomUUID()}:`;
    departures = [];
    const a = await node('a');
    const board = `board-${randomUUID()}`;
    // Dan is on the killed node only; Eve also has a tab on node a.
    await a.connect('a1', member('client-eve'));
    await a.join(board, 'a1');
    const child = await nodeProcess(board);
    expect((await a.members(board)).map((m) => m.clientId).sort()).toEqual(['client-dan', 'client-eve']);
    expect((await a.summary(board, 100)).count).toBe(2);

    child.signal('SIGKILL');
    await expect
      .poll(() => departures, { timeout: 5000 })
      .toEqual([{ boardId: board, clientId: 'client-dan' }]);
    expect(await a.members(board)).toEqual([member('client-eve')]);
    expect(await a.summary(board, 100)).toEqual({ count: 1, members: [member('client-eve')] });
    expect(await a.online()).toBe(1);
  });

  it('announces back the members of a node that was reaped while frozen, once it resumes (only those no other node has)', async () => {
    keyPrefix = `presence-${randomUUID()}:`;
    departures = [];
    const a = await node('a');
    const board = `board-${randomUUID()}`;
    await a.connect('a1', member('client-eve'));
    await a.join(board, 'a1');
    const child = await nodeProcess(board);
    child.signal('SIGSTOP');
    await expect
      .poll(() => departures, { timeout: 5000 })
      .toEqual([{ boardId: board, clientId: 'client-dan' }]);
    expect(await a.members(board)).toEqual([member('client-eve')]);

    child.signal('SIGCONT');
    await expect.poll(() => /returned (.*)/.exec(child.output())?.[1], { timeout: 5000 }).toBeDefined();
    // Eve never left (she has a tab on node a): only Dan is announced back.
    expect(JSON.parse(/returned (.*)/.exec(child.output())?.[1] ?? '')).toEqual([
      { boardId: board, member: member('client-dan') },
    ]);
    expect((await a.members(board)).map((m) => m.clientId).sort()).toEqual(['client-dan', 'client-eve']);
  });

  it('keeps answering joins while Redis is away and repairs Redis from local state when it is back empty', async () => {
    keyPrefix = `presence-${randomUUID()}:`;
    const [a, b] = [await node('a'), await node('b')];
    const board = `board-${randomUUID()}`;
    await a.connect('a1', member('client-fay'));
    await a.join(board, 'a1');

    await redis.stop();
    await b.connect('b1', member('client-gus'));
    expect(await b.join(board, 'b1')).toEqual({ firstSocketOfMember: true });
    await expect(a.members(board)).rejects.toMatchObject({ code: 'unavailable' });

    returns = [];
    await redis.restart();
    await expect
      .poll(() => a.members(board).catch(() => []), { timeout: 5000 })
      .toEqual([member('client-fay'), member('client-gus')]);
    expect(await b.online()).toBe(2);
    // Redis lost its data, nobody announced anyone gone: nobody is announced back.
    expect(returns).toEqual([]);
  });
});
