import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_STOP_GRACE_MS, spawnProcess, waitUntilReady } from './child-process.js';
import { freePort } from './free-port.js';
import { nginxConfRenderer } from './paths.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const NGINX_BIN = process.env.NGINX_BIN ?? 'nginx';
const READY_TIMEOUT_MS = 10_000;
/**
 * The tests' loads stay well under this; the template's default (10,000) would need a descriptor
 * limit (41,024) above what this machine lets nginx set, and nginx says so.
 */
const TEST_MAX_CLIENTS = 2_500;

/** nginx in front of the nodes, from deploy/nginx.conf.template: the address clients use. */
export interface Nginx {
  readonly url: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after `graceMs`; removes its directory. */
  stop(graceMs?: number): Promise<'exited' | 'killed'>;
}

export interface NginxOptions {
  /**
   * The template's `--max-clients`. Default 2,500 (what tests need and the machine allows); the
   * bench passes the template's own 10,000 after raising its descriptor limit.
   */
  maxClients?: number;
}

/** Renders the deploy template for `nodes` (id → http://host:port) and runs nginx on a free port. */
export async function startNginx(
  nodes: ReadonlyArray<{ id: string; url: string }>,
  options: NginxOptions = {},
): Promise<Nginx> {
  const dir = await makeTempDir('tally-nginx');
  await mkdir(path.join(dir, 'tmp'));
  const port = await freePort();
  const conf = execFileSync(process.execPath, [
    nginxConfRenderer,
    '--listen',
    `127.0.0.1:${port}`,
    '--max-clients',
    String(options.maxClients ?? TEST_MAX_CLIENTS),
    ...nodes.flatMap(({ id, url }) => ['--node', `${id}=${new URL(url).host}`]),
  ]);
  await writeFile(path.join(dir, 'nginx.conf'), conf);
  const child = spawnProcess({
    name: 'nginx',
    command: NGINX_BIN,
    cwd: dir,
    // No master process: the template's single worker becomes this process, so a stop (or the
    // exit hook's SIGKILL) by PID leaves no orphaned worker holding the port.
    args: ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off; master_process off;'],
    env: process.env,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, 'nginx', async () => (await fetch(`${url}/api/health`)).ok, READY_TIMEOUT_MS);
  } catch (error) {
    await removeDir(dir);
    throw error;
  }
  return {
    url,
    pid: child.pid,
    // SIGTERM, not SIGQUIT: SIGQUIT would wait for open websockets; the tests are done with them.
    async stop(graceMs = DEFAULT_STOP_GRACE_MS) {
      const ending = await child.stop(graceMs);
      await removeDir(dir);
      return ending;
    },
  };
}
