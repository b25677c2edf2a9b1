import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { RestartingWorker } from './restarting-worker.js';
import type { FixtureService } from './worker-proxy.fixture.js';
import type { WorkerProxy } from './worker-proxy.js';

const FIXTURE = new URL('./worker-proxy.fixture.ts', import.meta.url);
const RESTART_DELAY_MS = 50;

describe('restarting worker (real worker threads)', () => {
  const started: Array<RestartingWorker<FixtureService>> = [];
  let crashes: Array<{ message: string; restartInMs: number }>;
  let restarts: number;

  afterEach(async () => {
    for (const worker of started.splice(0)) await worker.terminate();
  });

  function start(
    reopen: (proxy: WorkerProxy<FixtureService>) => Promise<unknown> = (proxy) => proxy.call('echo', 'ready'),
  ): RestartingWorker<FixtureService> {
    crashes = [];
    restarts = 0;
    const worker = new RestartingWorker<FixtureService>({
      entry: FIXTURE,
      reopen: async (proxy) => {
        await reopen(proxy);
      },
      onCrash: (error, restartInMs) => crashes.push({ message: error.message, restartInMs }),
      onRestarted: () => {
        restarts++;
      },
      restartDelayMs: RESTART_DELAY_MS,
    });
    started.push(worker);
    return worker;
  }

  async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!(await check())) {
      if (performance.now() > deadline) throw new Error('condition not met in time');
      await sleep(10);
    }
  }

  it('after a crash, answers unavailable until a new worker is ready, then answers again', async () => {
    const worker = start();
    expect(await worker.call('echo', 1)).toBe(1);

    await expect(worker.call('crash')).rejects.toMatchObject({ name: 'TallyError', code: 'unavailable' });
    await expect(worker.call('echo', 2)).rejects.toMatchObject({ code: 'unavailable' });
    expect(crashes).toEqual([{ message: 'worker bug', restartInMs: RESTART_DELAY_MS }]);

    await eventually(() => restarts === 1);
    expect(await worker.call('echo', 3)).toBe(3);
    expect(crashes).toHaveLength(1);
  });

  it('counts a worker that cannot be readied as a crash and waits twice as long each time in a row', async () => {
    const worker = start((proxy) => proxy.call('refuse', 'internal', 'cannot open the file'));
    await expect(worker.call('crash')).rejects.toMatchObject({ code: 'unavailable' });

    await eventually(() => crashes.length >= 3);
    expect(crashes.map((crash) => crash.restartInMs).slice(0, 3)).toEqual([
      RESTART_DELAY_MS,
      RESTART_DELAY_MS * 2,
      RESTART_DELAY_MS * 4,
    ]);
    expect(crashes.slice(1, 3).map((crash) => crash.message)).toEqual([
      'cannot open the file',
      'cannot open the file',
    ]);
    expect(restarts).toBe(0);
    // A call meanwhile is never left waiting: it fails as retryable.
    await expect(worker.call('echo', 1)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('starts no new worker once terminated, also when it was waiting to restart', async () => {
    const worker = start();
    await expect(worker.call('crash')).rejects.toMatchObject({ code: 'unavailable' });
    await worker.terminate();
    await sleep(RESTART_DELAY_MS * 3);
    expect(restarts).toBe(0);
    await expect(worker.call('echo', 1)).rejects.toMatchObject({ code: 'unavailable' });
  });
});
