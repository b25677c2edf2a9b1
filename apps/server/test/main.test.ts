import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OwnedProcess, spawnProcess, waitUntilReady } from '@tally/testbed';
import { afterEach, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');

/** `src/main.ts` as a real process (as `pnpm dev` runs it), on a free port chosen by the OS. */
function startMain(env: Record<string, string>): OwnedProcess {
  return spawnProcess({
    name: 'main.ts',
    command: tsx,
    args: ['src/main.ts'],
    cwd: serverDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
}

/** The first match of `pattern` in what the process wrote; fails with its output if it exits first. */
async function waitForOutput(started: OwnedProcess, pattern: RegExp): Promise<RegExpExecArray> {
  await waitUntilReady(started, 'main.ts', async () => pattern.test(started.output()));
  const match = pattern.exec(started.output());
  if (!match) throw new Error(`no ${pattern} in: ${started.output()}`);
  return match;
}

async function exitCode(started: OwnedProcess): Promise<number | null> {
  return (await started.exited).code;
}

let dataDir: string | undefined;
let running: OwnedProcess | undefined;
afterEach(async () => {
  await running?.stop(0);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('main.ts', () => {
  it('logs its URL, serves, and shuts down cleanly on SIGTERM, keeping what was acked', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'tally-main-'));
    running = startMain({ DATA_DIR: dataDir });
    const [, port] = await waitForOutput(running, /Tally listening on http:\/\/localhost:(\d+)/);
    const url = `http://127.0.0.1:${port}`;
    const increment = await fetch(`${url}/api/counters/lobby-count/increment`, { method: 'POST' });
    expect(await increment.json()).toEqual({ value: 1, version: 1 });

    running.signal('SIGTERM');
    expect(await exitCode(running)).toBe(0);

    running = startMain({ DATA_DIR: dataDir });
    const [, again] = await waitForOutput(running, /Tally listening on http:\/\/localhost:(\d+)/);
    const board = await fetch(`http://127.0.0.1:${again}/api/boards/lobby`);
    expect(await board.json()).toMatchObject({ counters: [{ id: 'lobby-count', value: 1, version: 1 }] });
    running.signal('SIGINT');
    expect(await exitCode(running)).toBe(0);
  });

  it('refuses bad settings with every bad variable named, and exit code 1', async () => {
    running = startMain({ PORT: 'eighty', RATE_LIMIT_BURST: '-1' });
    expect(await exitCode(running)).toBe(1);
    expect(running.output()).toMatch(/Invalid configuration:[\s\S]*PORT[\s\S]*RATE_LIMIT_BURST/);
  });
});
