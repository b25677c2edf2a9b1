import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../apps/server');
const STARTUP_TIMEOUT_MS = 30_000;

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A real Tally server for the client's integration tests: the server's source run by tsx (no build
 * needed) on a free port of 127.0.0.1, with SQLite in a temp dir; stopped by its PID.
 */
export class ServerProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<ServerProcess> {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'tally-client-test-'));
    const child = spawn(join(serverDir, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: serverDir,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        REDIS_URL: '',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    for (;;) {
      const ready = await fetch(`${url}/api/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return new ServerProcess(url, child, dataDir);
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`the server did not start on ${url}`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  /** The server's JSON at an API path. */
  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.url}${path}`);
    return (await response.json()) as T;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await once(this.child, 'exit');
    }
    await rm(this.dataDir, { recursive: true, force: true });
  }
}
