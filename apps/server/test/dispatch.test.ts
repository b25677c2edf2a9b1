import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOpId } from './helpers/fixtures.js';
import { RawClient } from './helpers/raw-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '5', RATE_LIMIT_REFILL_PER_SEC: '0.001' });
});
afterAll(() => server.close());

describe('latency:probe', () => {
  it('echoes t with the server time', async () => {
    const ana = await server.connect();
    const before = Date.now();
    const result = await ana.ok('latency:probe', { t: 12.5 });
    expect(result).toEqual({ ok: true, t: 12.5, serverTime: expect.any(Number) });
    expect(result.serverTime).toBeGreaterThanOrEqual(before);
  });
});

describe('unknown events', () => {
  it.each([
    'counter:explode',
    'hasOwnProperty',
    '__proto__',
    'constructor',
    'toString',
    'error',
    'hello',
    'stats',
  ])('answers "%s" with unknown_event', async (event) => {
    const ana = await server.connect();
    expect(await ana.requestRaw(event, {})).toEqual({
      ok: false,
      error: { code: 'unknown_event', message: expect.stringContaining('unknown event') },
    });
    expect(ana.socket.connected).toBe(true);
  });

  it('answers a numeric event name with unknown_event, and says nothing without a callback', async () => {
    const raw = await RawClient.connect(server.port);
    raw.send('421[42,{}]');
    expect(await raw.ack(1)).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    raw.send('42["counter:explode",{}]');
    raw.send('422["latency:probe",{"t":1}]');
    expect(await raw.ack(2)).toMatchObject({ ok: true, t: 1 });
    // Only the two acks: the callback-less unknown event got no answer of any kind.
    expect(raw.messages.filter((message) => message.startsWith('43'))).toHaveLength(2);
    raw.close();
  });
});

describe('acks', () => {
  it('answers exactly once, and processes an event without a callback all the same', async () => {
    const raw = await RawClient.connect(server.port);
    raw.send('421["board:join",{"boardId":"lobby"}]');
    expect(await raw.ack(1)).toMatchObject({ ok: true, role: 'member' });
    const counterId = (await server.app.store.listCounters('lobby'))[0]?.id;
    const before = await server.app.store.getCounter(counterId ?? '');
    raw.send(`42["counter:increment",{"counterId":"${counterId}","opId":"${newOpId()}"}]`);
    raw.send('422["latency:probe",{"t":2}]');
    await raw.ack(2);
    await raw.next((message) => message.startsWith('42["counter:updated"'));
    expect(await server.app.store.getCounter(counterId ?? '')).toMatchObject({
      version: (before?.version ?? 0) + 1,
    });
    expect(raw.messages.filter((message) => message.startsWith('431'))).toHaveLength(1);
    raw.close();
  });
});

describe('per-socket rate limit', () => {
  it('answers rate_limited past the burst, unknown events counted, and keeps the socket and others going', async () => {
    const greedy = await server.connect();
    const calm = await server.connect();
    // Five tokens: four probes and one unknown event use them up.
    for (let i = 0; i < 4; i++) await greedy.ok('latency:probe', { t: i });
    await greedy.requestRaw('no:such-event', {});
    expect(await greedy.request('latency:probe', { t: 5 })).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: expect.any(String) },
    });
    expect(await greedy.requestRaw('no:such-event', {})).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    expect(greedy.socket.connected).toBe(true);
    expect(await calm.request('latency:probe', { t: 6 })).toMatchObject({ ok: true });
  });
});

describe('store outage', () => {
  it('answers unavailable (retryable) while the store is away, and keeps the socket connected', async () => {
    const fragile = await startTestServer();
    try {
      const ana = await fragile.connect();
      const { board } = await ana.ok('board:join', { boardId: 'lobby' });
      const counterId = board.counters[0]?.id ?? '';
      await fragile.app.store.close();
      const unavailable = { ok: false, error: { code: 'unavailable', message: expect.any(String) } };
      expect(await ana.request('counter:increment', { counterId, opId: newOpId() })).toEqual(unavailable);
      expect(await ana.request('board:join', { boardId: 'lobby' })).toEqual(unavailable);
      expect(ana.socket.connected).toBe(true);
      expect(await ana.request('latency:probe', { t: 3 })).toMatchObject({ ok: true });
    } finally {
      await fragile.close();
    }
  });
});
