import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './redis-server.js';

const RENDERER = fileURLToPath(new URL('../../../../deploy/render-nginx-conf.mjs', import.meta.url));
const NGINX_BIN = process.env.NGINX_BIN ?? 'nginx';

/** nginx in front of the nodes, from deploy/nginx.conf.template: the address clients use. */
export interface Nginx {
  readonly url: string;
  stop(): Promise<void>;
}

/** Renders the deploy template for `nodes` (id → http://host:port) and runs nginx on a free port. */
export async function startNginx(nodes: ReadonlyArray<{ id: string; url: string }>): Promise<Nginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tally-nginx-'));
  mkdirSync(path.join(dir, 'tmp'));
  const port = await freePort();
  const conf = execFileSync(process.execPath, [
    RENDERER,
    '--listen',
    `127.0.0.1:${port}`,
    // The tests' loads stay well under this; the template's default (10,000) would need a
    // descriptor limit (41,024) above what this machine lets nginx set, and nginx says so.
    '--max-clients',
    '2500',
    ...nodes.flatMap(({ id, url }) => ['--node', `${id}=${new URL(url).host}`]),
  ]);
  writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX_BIN, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => output);
  return {
    url,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    // A port that is not open yet sends no event to wait for.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopChild(child);
  throw new Error(`nginx did not answer on ${url}:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGQUIT would wait for open websockets; the tests are done with them.
  child.kill('SIGTERM');
  await exited;
}
