import type { Ack } from '@tally/events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBoard, newOpId } from '../helpers/fixtures.js';
import type { TestClient } from '../helpers/test-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { connectFrom, httpFrom } from './from-address.js';

/**
 * Issue 14: one address flooding the server must not starve another. 100 sockets of 127.0.0.2,
 * each at its own per-socket limit (its whole burst at once), against one person of 127.0.0.1
 * clicking at a human pace: the flood meets its address's limits (events per second, its share of
 * the write queue), the person is served as if alone.
 */

const FLOODERS = 100;
/** Each flooder's whole per-socket burst (RATE_LIMIT_BURST, default 100), less its join. */
const FLOOD_PER_SOCKET = 99;
const CLICKS = 20;
/** HTTP increments the flooding address sends at once besides: they share its part of the queue. */
const HTTP_FLOOD = 50;

let server: TestServer;
const flooders: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer({
    ADDRESS_EVENT_BURST: '1000',
    ADDRESS_EVENTS_PER_SEC: '500',
    MAX_QUEUED_OPS_PER_ADDRESS: '10',
  });
});
afterAll(async () => {
  for (const flooder of flooders) flooder.close();
  await server.close();
});

it('answers a flooding address rate_limited and unavailable while another address gets every increment acked', async () => {
  const keys = await createBoard(server);
  const boardId = keys.board.id;
  const owner = await server.connect();
  await owner.ok('board:join', { boardId, key: keys.ownerKey });
  const { counter } = await owner.ok('counter:create', { boardId, name: 'Votes' });
  const person = await server.connect();
  await person.ok('board:join', { boardId });
  flooders.push(
    ...(await Promise.all(Array.from({ length: FLOODERS }, () => connectFrom(server.url, '127.0.0.2')))),
  );
  await Promise.all(flooders.map((flooder) => flooder.ok('board:join', { boardId })));

  const flood = flooders.flatMap((flooder) =>
    Array.from({ length: FLOOD_PER_SOCKET }, () =>
      flooder.request('counter:increment', { counterId: counter.id, opId: newOpId() }),
    ),
  );
  const httpFlood = Array.from({ length: HTTP_FLOOD }, () =>
    httpFrom('127.0.0.2', `${server.url}/api/counters/${counter.id}/increment`, { method: 'POST' }),
  );
  const clicks: Ack[] = [];
  for (let i = 0; i < CLICKS; i++) {
    clicks.push(await person.request('counter:increment', { counterId: counter.id, opId: newOpId() }));
  }

  expect(clicks).toEqual(Array.from({ length: CLICKS }, () => expect.objectContaining({ ok: true })));
  const outcomes = new Map<string, number>();
  const messages = new Set<string>();
  for (const ack of await Promise.all(flood)) {
    const outcome = ack.ok ? 'ok' : ack.error.code;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (!ack.ok && outcome === 'unavailable') messages.add(ack.error.message);
  }
  expect([...outcomes.keys()].sort()).toEqual(['ok', 'rate_limited', 'unavailable']);
  expect([...messages]).toEqual(['this address has too many writes waiting; retry']);
  // Refused events leave the sockets connected, as the per-socket limit does.
  expect(flooders.filter((flooder) => !flooder.socket.connected)).toEqual([]);
  const httpRefused = (await Promise.all(httpFlood)).filter((answer) => answer.status !== 200);
  for (const answer of httpRefused) {
    expect(answer).toMatchObject({ status: 503, json: { error: { code: 'unavailable' } } });
  }
  const { refusals } = server.app.addressLimits.stats();
  expect(refusals.address_events).toBe(outcomes.get('rate_limited'));
  expect(refusals.address_queue).toBe((outcomes.get('unavailable') ?? 0) + httpRefused.length);
  // The shared queue itself never filled: nobody got the whole server's `unavailable`.
  expect(server.app.writeBatcher.stats().opsRejectedQueueFull).toBe(0);
});
