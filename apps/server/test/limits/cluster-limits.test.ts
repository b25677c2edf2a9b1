import { useCluster } from '@tally/testbed/vitest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LOAD_FRIENDLY_ENV } from '../cluster/load-friendly-env.js';
import { uniqueName } from '../helpers/fixtures.js';
import { encodeSnapshotFile } from '../helpers/snapshot-file.js';
import { failedAck, type TestClient } from '../helpers/test-client.js';
import { connectFrom, createBoardFrom, handshakeOutcome } from './from-address.js';

/**
 * The limits that hold across nodes (REDIS_URL): sockets per address and board creations per
 * address, each address counted once whichever node it reaches, and a node that died no longer
 * counting after its heartbeat's TTL (5 s). Two real nodes on a real redis-server.
 */

const CAP = 3;
/** A crashed node stops counting after 5 s (DEFAULT_NODE_TTL_MS); its heartbeat may be 1 s older. */
const NODE_TTL_WAIT_MS = 15_000;

const cluster = useCluster({
  entry: 'source',
  nodes: 2,
  env: { ...LOAD_FRIENDLY_ENV, MAX_SOCKETS_PER_ADDRESS: String(CAP), BOARD_CREATES_PER_HOUR: String(CAP) },
});
const clients: TestClient[] = [];
afterAll(async () => {
  for (const client of clients) client.close();
});

function nodeUrl(n: number): string {
  const node = cluster().nodes[n];
  if (!node) throw new Error(`no node ${n}`);
  return node.url;
}

async function from(n: number, localAddress: string): Promise<TestClient> {
  const client = await connectFrom(nodeUrl(n), localAddress);
  clients.push(client);
  return client;
}

describe('limits per address across two nodes on Redis', () => {
  it('counts board creations of an address on both nodes together', async () => {
    const importer = await from(1, '127.0.0.2');
    expect((await createBoardFrom('127.0.0.2', nodeUrl(0), uniqueName('a'))).status).toBe(201);
    expect((await createBoardFrom('127.0.0.2', nodeUrl(1), uniqueName('b'))).status).toBe(201);
    expect((await createBoardFrom('127.0.0.2', nodeUrl(0), uniqueName('c'))).status).toBe(201);

    for (const n of [0, 1]) {
      const refused = await createBoardFrom('127.0.0.2', nodeUrl(n), uniqueName('over'));
      expect(refused).toMatchObject({ status: 429, json: { error: { code: 'rate_limited' } } });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    const snapshot = encodeSnapshotFile({ name: 'Source', exportedAt: Date.now(), counters: [] });
    expect(await importer.request('board:import', { name: uniqueName('over'), snapshot })).toEqual(
      failedAck('rate_limited'),
    );
    expect((await createBoardFrom('127.0.0.1', nodeUrl(1), uniqueName('other'))).status).toBe(201);
  });

  it('caps the sockets of an address over both nodes, lets others in, and frees a place when one leaves', async () => {
    const [leaving] = [await from(0, '127.0.0.3'), await from(0, '127.0.0.3'), await from(1, '127.0.0.3')];
    expect(await handshakeOutcome(nodeUrl(1), '127.0.0.3')).toBe('rate_limited');
    expect(await handshakeOutcome(nodeUrl(0), '127.0.0.3')).toBe('rate_limited');
    expect(await handshakeOutcome(nodeUrl(1), '127.0.0.1')).toBe('connected');

    leaving?.close();
    // Node 1 learns of the departure from node 0 through Redis: wait for it, then there is room.
    await vi.waitFor(async () => expect(await handshakeOutcome(nodeUrl(1), '127.0.0.3')).toBe('connected'));
  });

  it("stops counting a crashed node's sockets once its heartbeat is stale", async () => {
    for (let i = 0; i < CAP; i++) await from(1, '127.0.0.4');
    expect(await handshakeOutcome(nodeUrl(0), '127.0.0.4')).toBe('rate_limited');

    await cluster().nodes[1]?.server.kill();
    await vi.waitFor(async () => expect(await handshakeOutcome(nodeUrl(0), '127.0.0.4')).toBe('connected'), {
      timeout: NODE_TTL_WAIT_MS,
      interval: 250,
    });
  });
});
