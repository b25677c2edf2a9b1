import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LOBBY_BOARD_ID } from '@tally/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOpId } from '../helpers/fixtures.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { captureLogs, WARN } from './log-lines.js';

const MAX_EVENT_LOOP_DELAY_MS = 200;
/** Each block holds the loop well past the bound; one turn of the loop runs between blocks. */
const BLOCK_MS = 2 * MAX_EVENT_LOOP_DELAY_MS;

/** Keeps this process's event loop (the server's too: it runs in-process) busy until stopped. */
function hogEventLoop(): { stop(): void } {
  let running = true;
  const block = () => {
    if (!running) return;
    const end = performance.now() + BLOCK_MS;
    while (performance.now() < end) {
      // busy: what a CPU-bound handler or a GC storm does to the loop
    }
    setImmediate(block);
  };
  setImmediate(block);
  return {
    stop: () => {
      running = false;
    },
  };
}

const logs = captureLogs();
let server: TestServer;
let webDist: string;

beforeAll(async () => {
  webDist = await mkdtemp(path.join(os.tmpdir(), 'tally-web-'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>Tally</title>');
  server = await startTestServer(
    {
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: webDist,
      MAX_EVENT_LOOP_DELAY_MS: String(MAX_EVENT_LOOP_DELAY_MS),
    },
    { logStream: logs.stream },
  );
});

afterAll(async () => {
  await server.close();
  await rm(webDist, { recursive: true, force: true });
});

describe('event-loop overload', () => {
  it('turns readiness 503 and sheds API requests only; static files, liveness and the socket keep working', async () => {
    const { app } = server;
    const member = await server.connect();
    await member.ok('board:join', { boardId: LOBBY_BOARD_ID });
    const status = async (url: string) => (await app.inject(url)).statusCode;
    expect(await status('/api/ready')).toBe(200);

    const hog = hogEventLoop();
    try {
      // under-pressure compares the mean delay of each second with the bound.
      await expect.poll(() => status('/api/ready'), { timeout: 15_000 }).toBe(503);
      expect((await app.inject('/api/ready')).json()).toEqual({
        error: { code: 'unavailable', message: 'not ready: the event loop is overloaded' },
      });

      const shed = await app.inject('/api/boards');
      expect(shed.statusCode).toBe(503);
      expect(shed.headers['retry-after']).toBe('2');
      expect(shed.json()).toEqual({
        error: { code: 'unavailable', message: 'the server is overloaded, try again later' },
      });
      expect(await status('/api/health')).toBe(200);
      expect(await status('/')).toBe(200);
      const ack = await member.request('counter:increment', { counterId: 'lobby-count', opId: newOpId() });
      expect(ack).toMatchObject({ ok: true });
    } finally {
      hog.stop();
    }

    await expect.poll(() => status('/api/ready'), { timeout: 15_000 }).toBe(200);
    expect(await status('/api/boards')).toBe(200);
    const loopLines = logs.lines().filter((line) => line.readiness === 'event_loop');
    expect(loopLines.map(({ level, msg }) => ({ level, msg }))).toEqual([
      { level: WARN, msg: 'not ready: the event loop is overloaded' },
      { level: WARN, msg: 'ready again: the event loop keeps up again' },
    ]);
    expect(loopLines[0]).toMatchObject({ maxEventLoopDelayMs: MAX_EVENT_LOOP_DELAY_MS });
    expect(loopLines[0]?.eventLoopDelayMs).toBeGreaterThan(MAX_EVENT_LOOP_DELAY_MS);
  });
});
