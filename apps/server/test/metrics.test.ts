import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, newOpId, uniqueName } from './helpers/fixtures.js';
import { expectHttpError, postIncrement } from './helpers/http.js';
import { getFrom, type MetricsScrape, scrapeMetrics } from './helpers/metrics.js';
import { failedAck } from './helpers/test-client.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const NODE_ID = 'metrics-node';
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ NODE_ID });
});
afterAll(() => server.close());

/** A board with a counter, Ana (who clicks) and Ben (who watches) joined to it. */
async function boardWithClicker() {
  const { board } = await createBoard(server);
  const ana = await server.connect({ auth: { name: 'Ana' } });
  const ben = await server.connect({ auth: { name: 'Ben' } });
  await ana.ok('board:join', { boardId: board.id });
  await ben.ok('board:join', { boardId: board.id });
  const { counter } = await ana.ok('counter:create', { boardId: board.id, name: uniqueName('counter') });
  return { ana, ben, counter };
}

/** How much a sample grew between two scrapes. */
function growth(before: MetricsScrape, after: MetricsScrape) {
  return (name: string, labels: Record<string, string> = {}) =>
    after.value(name, labels) - before.value(name, labels);
}

describe('GET /metrics', () => {
  it("has the process's default metrics under their standard names, with prom-client's own types", async () => {
    const metrics = await scrapeMetrics(server.url);
    expect(metrics.family('process_cpu_user_seconds_total')?.type).toBe('COUNTER');
    expect(metrics.family('process_resident_memory_bytes')?.type).toBe('GAUGE');
    expect(metrics.family('nodejs_heap_size_used_bytes')?.type).toBe('GAUGE');
    expect(metrics.family('nodejs_eventloop_lag_seconds')?.type).toBe('GAUGE');
    expect(metrics.family('nodejs_gc_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(metrics.value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts socket events by name and result, times increment acks, commits and broadcasts', async () => {
    const { ana, ben, counter } = await boardWithClicker();
    const before = await scrapeMetrics(server.url);

    for (let i = 0; i < 5; i++) await ana.ok('counter:increment', { counterId: counter.id, opId: newOpId() });
    expect(await ana.requestRaw('counter:increment', { counterId: 42 })).toEqual(
      failedAck('invalid_payload'),
    );
    expect(await ana.requestRaw('counter:explode', {})).toEqual(failedAck('unknown_event'));
    expect((await postIncrement(server.url, counter.id)).status).toBe(200);
    // Every broadcast of these increments has been sent once Ben sees the last value.
    await ben.waitFor('counter:updated', ({ updates }) => updates.some((update) => update.value === 6));

    const after = await scrapeMetrics(server.url);
    const grew = growth(before, after);
    expect(grew('tally_events_total', { event: 'counter:increment', code: 'ok' })).toBe(5);
    expect(grew('tally_events_total', { event: 'counter:increment', code: 'invalid_payload' })).toBe(1);
    // A name a client made up is no label value of its own.
    expect(grew('tally_events_total', { event: 'unknown', code: 'unknown_event' })).toBe(1);
    expect(after.has('tally_events_total', { event: 'counter:explode' })).toBe(false);
    // Acked ok only: the invalid increment is counted above, not timed.
    expect(grew('tally_ack_duration_seconds_count', { transport: 'socket' })).toBe(5);
    expect(grew('tally_ack_duration_seconds_count', { transport: 'http' })).toBe(1);
    expect(after.family('tally_ack_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(grew('tally_ack_duration_seconds_bucket', { transport: 'socket', le: '+Inf' })).toBe(5);
    expect(grew('tally_ack_duration_seconds_sum', { transport: 'socket' })).toBeGreaterThan(0);
    // One observation per batch committed and per broadcast sent, as the older totals count them.
    const commits = grew('tally_commit_duration_seconds_count');
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBe(grew('tally_batches_committed_total'));
    const broadcasts = grew('tally_broadcast_duration_seconds_count');
    expect(broadcasts).toBeGreaterThanOrEqual(1);
    expect(broadcasts).toBe(grew('tally_broadcasts_total'));
    expect(grew('tally_increments_applied_total')).toBe(6);

    expect(after.value('tally_sockets', { node: NODE_ID })).toBeGreaterThanOrEqual(2);
    expect(after.value('tally_sockets', { node: NODE_ID })).toBe(after.value('tally_sockets_connected'));
  });

  it('counts refusals by limit: the socket event bucket and the HTTP rate limit', async () => {
    const limited = await startTestServer({
      RATE_LIMIT_BURST: '2',
      RATE_LIMIT_REFILL_PER_SEC: '0.01',
      HTTP_RATE_LIMIT_PER_MIN: '2',
    });
    try {
      const client = await limited.connect();
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await client.request('latency:probe', { t: i }));
      expect(answers.map((answer) => (answer.ok ? 'ok' : answer.error.code))).toEqual([
        'ok',
        'ok',
        'rate_limited',
        'rate_limited',
        'rate_limited',
      ]);
      // Another address floods the HTTP API; this one (127.0.0.1) still has its own budget to scrape.
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await getFrom('127.0.0.2', `${limited.url}/api/health`));
      expect(statuses).toEqual([200, 200, 429, 429]);

      const metrics = await scrapeMetrics(limited.url);
      expect(metrics.value('tally_refusals_total', { limit: 'socket_events' })).toBe(3);
      expect(metrics.value('tally_refusals_total', { limit: 'http' })).toBe(2);
      expect(metrics.value('tally_refusals_total', { limit: 'write_queue' })).toBe(0);
      expect(metrics.value('tally_events_total', { event: 'latency:probe', code: 'rate_limited' })).toBe(3);
      expect(metrics.value('tally_events_total', { event: 'latency:probe', code: 'ok' })).toBe(2);
    } finally {
      await limited.close();
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const TOKEN = 'a-metrics-token-nobody-guesses';
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startTestServer({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => guarded.close());

  it('answers 401 unauthorized without the bearer token or with a wrong one', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, 'Bearer x', `Basic ${TOKEN}`, TOKEN]) {
      const response = await fetch(`${guarded.url}/metrics`, {
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      await expectHttpError(response, 401, 'unauthorized');
    }
  });

  it('answers the metrics to a request bearing the token', async () => {
    const metrics = await scrapeMetrics(guarded.url, TOKEN);
    expect(metrics.family('tally_events_total')?.type).toBe('COUNTER');
  });
});
