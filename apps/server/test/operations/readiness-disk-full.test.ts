import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTallyServer, type TallyServer } from '@tally/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLogLines, WARN } from './log-lines.js';

// Room for the database and its WAL; the test fills the rest.
const TMPFS_SIZE = '8m';

let dataDir: string;
let server: TallyServer | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tally-disk-full-'));
  // A disk of its own to fill: needs root (mount throws, and the test fails, without it).
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', dataDir]);
});

afterAll(async () => {
  await server?.kill();
  execFileSync('umount', [dataDir]);
  await rm(dataDir, { recursive: true, force: true });
});

/** Writes `file` until the disk has no byte left (ENOSPC). */
function fillDisk(file: string): void {
  const chunk = Buffer.alloc(1024 * 1024, 1);
  const fd = openSync(file, 'w');
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe('readiness with the disk full', () => {
  it('turns 503 while the store cannot write, increments answer unavailable, and both recover once space is freed', async () => {
    server = await startTallyServer({ entry: 'source', dataDir });
    const { url } = server;
    const ready = () => fetch(`${url}/api/ready`);
    const increment = () => fetch(`${url}/api/counters/lobby-count/increment`, { method: 'POST' });

    expect((await ready()).status).toBe(200);
    expect(await (await increment()).json()).toEqual({ value: 1, version: 1 });

    const filler = path.join(dataDir, 'filler');
    fillDisk(filler);
    // The write probe (each second without a successful write) finds it with nobody writing.
    await expect.poll(async () => (await ready()).status, { timeout: 10_000 }).toBe(503);
    expect(await (await ready()).json()).toEqual({
      error: { code: 'unavailable', message: 'not ready: the store cannot write' },
    });
    for (let i = 0; i < 3; i++) {
      const refused = await increment();
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: { code: 'unavailable' } });
    }
    expect((await fetch(`${url}/api/health`)).status).toBe(200);

    await rm(filler);
    await expect.poll(async () => (await ready()).status, { timeout: 10_000 }).toBe(200);
    expect(await (await increment()).json()).toEqual({ value: 2, version: 2 });

    // Once when it started and once when it ended, whatever the refused writes and probes between.
    const storeLines = parseLogLines(server.output()).filter((line) => line.readiness === 'store');
    expect(storeLines.map(({ level, msg }) => ({ level, msg }))).toEqual([
      { level: WARN, msg: 'not ready: the store cannot write' },
      { level: WARN, msg: 'ready again: the store writes again' },
    ]);
    // The first line says why, for the operator: the store's own error, as its cause.
    expect(storeLines[0]?.err).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/disk is full/),
    });
  });
});
