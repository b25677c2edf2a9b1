import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = path.join(serverDir, 'node_modules', '.bin', 'tsx');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `src/main.ts` as a real process (as `pnpm dev` runs it), on a free port chosen by the OS. */
function startMain(env: Record<string, string>): Started {
  const child = spawn(tsx, ['src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForOutput(started: Started, pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const match = pattern.exec(started.output());
    if (match) return match;
    const exitedFirst = await Promise.race([
      started.exited.then(() => true),
      new Promise<false>((resolve) => started.child.stdout?.once('data', () => resolve(false))),
    ]);
    if (exitedFirst) throw new Error(`the server exited: ${started.output()}`);
  }
}

let dataDir: string | undefined;
let running: Started | undefined;
afterEach(async () => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL');
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

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);

    running = startMain({ DATA_DIR: dataDir });
    const [, again] = await waitForOutput(running, /Tally listening on http:\/\/localhost:(\d+)/);
    const board = await fetch(`http://127.0.0.1:${again}/api/boards/lobby`);
    expect(await board.json()).toMatchObject({ counters: [{ id: 'lobby-count', value: 1, version: 1 }] });
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
  });

  it('refuses bad settings with every bad variable named, and exit code 1', async () => {
    running = startMain({ PORT: 'eighty', RATE_LIMIT_BURST: '-1' });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/Invalid configuration:[\s\S]*PORT[\s\S]*RATE_LIMIT_BURST/);
  });
});
