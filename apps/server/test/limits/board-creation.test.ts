import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../helpers/fixtures.js';
import { encodeSnapshotFile } from '../helpers/snapshot-file.js';
import { failedAck, type TestClient } from '../helpers/test-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectFrom, createBoardFrom, httpFrom } from './from-address.js';

/**
 * BOARD_CREATES_PER_HOUR on one node: POST /api/boards, POST /api/boards/import and `board:import`
 * draw on one allowance per address; past it, 429 `rate_limited` with Retry-After (HTTP) or a
 * `rate_limited` ack (socket), and no board. Other addresses keep theirs.
 */

const PER_HOUR = 3;
const snapshot = () => encodeSnapshotFile({ name: 'Source', exportedAt: Date.now(), counters: [] });

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ BOARD_CREATES_PER_HOUR: String(PER_HOUR) });
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server.close();
});

async function socketFrom(localAddress: string): Promise<TestClient> {
  const client = await connectFrom(server.url, localAddress);
  clients.push(client);
  return client;
}

function importFrom(localAddress: string, name: string) {
  return httpFrom(localAddress, `${server.url}/api/boards/import?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.tally.board' },
    body: snapshot(),
  });
}

async function publicBoardNames(): Promise<string[]> {
  const boards = (await (await fetch(`${server.url}/api/boards`)).json()) as Array<{ name: string }>;
  return boards.map((board) => board.name);
}

describe('board creations per address', () => {
  it('refuses the creation past the allowance over HTTP and the socket alike, with Retry-After, and makes nothing', async () => {
    const flooder = await socketFrom('127.0.0.2');
    expect((await createBoardFrom('127.0.0.2', server.url, uniqueName('one'))).status).toBe(201);
    expect((await importFrom('127.0.0.2', uniqueName('two'))).status).toBe(201);
    await flooder.ok('board:import', { name: uniqueName('three'), snapshot: snapshot() });

    const refused = [uniqueName('four'), uniqueName('five'), uniqueName('six')];
    const overHttp = await createBoardFrom('127.0.0.2', server.url, refused[0] as string);
    expect(overHttp).toMatchObject({
      status: 429,
      json: { error: { code: 'rate_limited', message: expect.stringMatching(/retry in \d+ s/) } },
    });
    // One board per 20 minutes comes back: the whole share, not a minute's window.
    const retryAfter = Number(overHttp.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(1100);
    expect(retryAfter).toBeLessThanOrEqual(3600 / PER_HOUR);
    expect(await importFrom('127.0.0.2', refused[1] as string)).toMatchObject({
      status: 429,
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
    });
    expect(
      await flooder.request('board:import', { name: refused[2] as string, snapshot: snapshot() }),
    ).toEqual(failedAck('rate_limited'));

    const names = await publicBoardNames();
    for (const name of refused) expect(names).not.toContain(name);
    expect(server.app.addressLimits.stats().refusals.board_creates).toBe(3);
  });

  it('leaves another address its own allowance', async () => {
    const neighbour = await socketFrom('127.0.0.3');
    expect((await createBoardFrom('127.0.0.3', server.url, uniqueName('mine'))).status).toBe(201);
    await neighbour.ok('board:import', { name: uniqueName('mine too'), snapshot: snapshot() });
    expect((await importFrom('127.0.0.3', uniqueName('and mine'))).status).toBe(201);
  });

  it('takes nothing for a file that makes no board', async () => {
    const importer = await socketFrom('127.0.0.4');
    for (let i = 0; i <= PER_HOUR; i++) {
      expect(
        await importer.request('board:import', { name: 'Broken', snapshot: new Uint8Array([1, 2, 3]) }),
      ).toEqual(failedAck('invalid_payload'));
    }
    await importer.ok('board:import', { name: uniqueName('whole'), snapshot: snapshot() });
  });
});
