import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTallyServer } from './tally-server.js';

describe('startTallyServer', () => {
  it('serves on its port, keeps its data across a restart on the same port, and removes it on dispose', async () => {
    const server = await startTallyServer({ entry: 'source' });
    try {
      const increment = await fetch(`${server.url}/api/counters/lobby-count/increment`, { method: 'POST' });
      expect(await increment.json()).toEqual({ value: 1, version: 1 });
      const firstPid = server.pid;

      await server.restart();

      expect(server.pid).not.toBe(firstPid);
      const lobby = await (await fetch(`${server.url}/api/boards/lobby`)).json();
      expect(lobby).toMatchObject({ counters: [{ id: 'lobby-count', value: 1 }] });
    } finally {
      await server.dispose();
    }
    expect(server.running).toBe(false);
    expect(existsSync(server.dataDir)).toBe(false);
  });

  it('fails with the server’s own explanation when it cannot start', async () => {
    await expect(startTallyServer({ entry: 'source', env: { RATE_LIMIT_BURST: '-1' } })).rejects.toThrow(
      /exited during start-up \(code 1[\s\S]*RATE_LIMIT_BURST/,
    );
  });
});
