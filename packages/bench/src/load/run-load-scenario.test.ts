import { describe, expect, it } from 'vitest';
import type { LoadScenario } from '../scenarios.js';
import { rawFloor } from '../targets/raw-floor.js';
import { tutorialReference } from '../targets/tutorial-reference.js';
import { runLoadScenario } from './run-load-scenario.js';

// The load generator against the two reference servers, for real (child processes, worker
// threads, sockets on 127.0.0.1). It checks the accounting, never the timings.
const scenario: LoadScenario = {
  name: 'contention',
  title: 'test: 20 clients, 5 incrementers at 10/s',
  clients: 20,
  load: { kind: 'steady', incrementers: 5, ratePerSecond: 10 },
};
const options = {
  cpuProfileDir: undefined,
  durationMs: 500,
  drainTimeoutMs: 5_000,
  settleTimeoutMs: 1_000,
  workers: 2,
  connectTimeoutMs: 5_000,
  connectBudgetMs: 10_000,
  connectConcurrencyPerWorker: 10,
};

describe.each([tutorialReference, rawFloor])('runLoadScenario on the $name target', (target) => {
  it('matches every acked increment with every client and loses none', async () => {
    const run = await runLoadScenario(scenario, target, options, `test${Date.now().toString(36)}`);
    expect(run.connected).toBe(20);
    expect(run.sent).toBeGreaterThan(0);
    expect(run.acked).toBe(run.sent);
    expect(run.lost).toBe(0);
    expect(run.drained).toBe(true);
    expect(run.clientsAtFinal).toBe(20);
    expect(run.undelivered).toBe(0);
    // One fan-out sample per (increment, client) pair, and one broadcast per increment to each client.
    expect(run.fanoutMs.count).toBe(run.acked * 20);
    expect(run.deliveries).toBe(run.acked * 20);
    expect(run.ackMs.count).toBe(run.acked);
  });
});
