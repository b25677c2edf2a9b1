import { afterEach, describe, expect, it } from 'vitest';
import type { FixtureService } from './worker-proxy.fixture.js';
import { startWorkerProxy, type WorkerProxy } from './worker-proxy.js';

const FIXTURE = new URL('./worker-proxy.fixture.ts', import.meta.url);

describe('worker proxy', () => {
  const started: Array<WorkerProxy<FixtureService>> = [];
  let crashes: Error[];

  afterEach(async () => {
    for (const proxy of started.splice(0)) await proxy.terminate();
  });

  function start(entry = FIXTURE): WorkerProxy<FixtureService> {
    crashes = [];
    const proxy = startWorkerProxy<FixtureService>({ entry, onCrash: (error) => crashes.push(error) });
    started.push(proxy);
    return proxy;
  }

  it('answers calls with structured-cloned values, in the order they were made', async () => {
    const proxy = start();
    const values = [{ a: 1, nested: [null, 'x'] }, 2 ** 53 - 1, 'text', undefined];
    expect(await Promise.all(values.map((value) => proxy.call('echo', value)))).toEqual(values);
  });

  it('brings a TallyError back with its code and message, and anything else as internal with its cause', async () => {
    const proxy = start();
    await expect(
      proxy.call('refuse', 'limit_reached', 'a board holds at most 200 counters'),
    ).rejects.toMatchObject({
      name: 'TallyError',
      code: 'limit_reached',
      message: 'a board holds at most 200 counters',
    });
    const failure = await proxy.call('fail').then(
      () => null,
      (error: unknown) => error as Error,
    );
    // Clients see the generic text; the original stays in the cause, for logs only.
    expect(failure).toMatchObject({ name: 'TallyError', code: 'internal', message: 'the store failed' });
    expect(failure?.cause).toMatchObject({ message: 'SQLITE_CORRUPT at /var/secret/tally.db' });
  });

  it('fails the call in flight and every later one with unavailable when the worker crashes, and reports it once', async () => {
    const proxy = start();
    await expect(proxy.call('crash')).rejects.toMatchObject({ name: 'TallyError', code: 'unavailable' });
    await expect(proxy.call('echo', 1)).rejects.toMatchObject({ code: 'unavailable' });
    expect(crashes.map((error) => error.message)).toEqual(['worker bug']);
  });

  it('reports a worker that cannot start, and fails its calls instead of leaving them waiting', async () => {
    const proxy = start(new URL('./no-such-worker.ts', import.meta.url));
    await expect(proxy.call('echo', 1)).rejects.toMatchObject({ code: 'unavailable' });
    expect(crashes).toHaveLength(1);
  });

  it('terminate() fails the calls still waiting with unavailable and every later one, without reporting a crash', async () => {
    const proxy = start();
    const waiting = expect(proxy.call('hang')).rejects.toMatchObject({
      code: 'unavailable',
      message: 'the store is closed',
    });
    await proxy.terminate();
    await waiting;
    await expect(proxy.call('echo', 1)).rejects.toMatchObject({ code: 'unavailable' });
    expect(crashes).toEqual([]);
  });
});
