// Tally scaled out the way deploy/run-local.sh runs it: its own Redis (acked = fsynced), two
// nodes, and nginx from the deploy template in front. Clients connect to nginx, whose
// least-connected handshake spreads them over both nodes.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, tallyServerEntry } from '../paths.js';
import { acceptsConnections, type ChildServer, spawnServer, waitUntilReady } from './child-server.js';
import { freePort } from './free-port.js';
import { lobbyClientTarget, tallyMetrics, tallyNodeEnv, waitUntilTallyReady } from './tally.js';
import { cpuProfileArgs, stopGraceMs, type TargetDefinition } from './target.js';

const NODE_IDS = ['node1', 'node2'];
const NGINX_CONF_RENDERER = join(repoRoot, 'deploy', 'render-nginx-conf.mjs');

interface TallyNode {
  id: string;
  server: ChildServer;
  url: string;
  /** host:port, as nginx reaches it. */
  address: string;
}

export const tallyTwoNodes: TargetDefinition = {
  name: 'tally-2node',
  description:
    'Tally, production build, two nodes on one Redis (appendfsync always) behind nginx (deploy template); server CPU/RSS = both nodes',
  // What a second node changes is the fan-out across nodes and the shared store under contention.
  scenarios: ['fanout', 'contention'],
  async start(options) {
    const dir = await mkdtemp(join(tmpdir(), 'tally-bench-2node-'));
    // Started in order, stopped in reverse: nginx first, Redis last.
    const started: ChildServer[] = [];
    const stop = async (): Promise<'exited' | 'killed'> => {
      let ending: 'exited' | 'killed' = 'exited';
      for (const server of [...started].reverse()) {
        if ((await server.stop(stopGraceMs(options))) === 'killed') ending = 'killed';
      }
      await rm(dir, { recursive: true, force: true });
      return ending;
    };
    try {
      const redis = await startRedis(dir, started);
      const nodes: TallyNode[] = [];
      for (const id of NODE_IDS) nodes.push(await startNode(id, redis.url, options, dir, started));
      const baseUrl = await startNginx(nodes, dir, started);
      return {
        pids: nodes.map(({ server }) => server.pid),
        helpers: [{ name: 'redis', pid: redis.server.pid }],
        baseUrl,
        client: await lobbyClientTarget(baseUrl),
        metrics: async () => sumMetrics(await Promise.all(nodes.map(({ url }) => tallyMetrics(url)))),
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};

async function startRedis(
  dir: string,
  started: ChildServer[],
): Promise<{ server: ChildServer; url: string }> {
  const port = await freePort();
  const redisDir = join(dir, 'redis');
  await mkdir(redisDir);
  const server = spawnServer({
    name: 'redis',
    command: 'redis-server',
    cwd: redisDir,
    // appendfsync always: Redis answers a write once it is on disk, so an ack means durable.
    args: [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      redisDir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--daemonize',
      'no',
    ],
    env: process.env,
  });
  started.push(server);
  await waitUntilReady(server, 'redis-server', () => acceptsConnections(port));
  return { server, url: `redis://127.0.0.1:${port}` };
}

async function startNode(
  id: string,
  redisUrl: string,
  options: Parameters<TargetDefinition['start']>[0],
  dir: string,
  started: ChildServer[],
): Promise<TallyNode> {
  const port = await freePort();
  const server = spawnServer({
    name: `tally ${id}`,
    cwd: repoRoot,
    args: [...cpuProfileArgs(options), tallyServerEntry],
    env: tallyNodeEnv({
      PORT: String(port),
      DATA_DIR: join(dir, id),
      REDIS_URL: redisUrl,
      NODE_ID: id,
      // The client address comes from nginx's X-Forwarded-For (per-client HTTP rate limits).
      TRUST_PROXY: '127.0.0.1',
    }),
  });
  started.push(server);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilTallyReady(server, `tally ${id}`, url);
  return { id, server, url, address: `127.0.0.1:${port}` };
}

/** nginx from deploy/nginx.conf.template on a free port; resolves to the address clients use. */
async function startNginx(
  nodes: ReadonlyArray<{ id: string; address: string }>,
  dir: string,
  started: ChildServer[],
): Promise<string> {
  const port = await freePort();
  const nginxDir = join(dir, 'nginx');
  await mkdir(join(nginxDir, 'tmp'), { recursive: true });
  const conf = execFileSync(process.execPath, [
    NGINX_CONF_RENDERER,
    '--listen',
    `127.0.0.1:${port}`,
    ...nodes.flatMap(({ id, address }) => ['--node', `${id}=${address}`]),
  ]);
  await writeFile(join(nginxDir, 'nginx.conf'), conf);
  const server = spawnServer({
    name: 'nginx',
    command: 'nginx',
    cwd: nginxDir,
    // No master process: the template's single worker becomes this process, so the bench's exit
    // hook (SIGKILL by PID) leaves no orphaned worker holding the port.
    args: ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-g', 'daemon off; master_process off;'],
    env: process.env,
  });
  started.push(server);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(server, 'nginx', async () => (await fetch(`${url}/api/health`)).ok);
  return url;
}

/** The cluster's figures: each node's counters added up. */
function sumMetrics(perNode: Map<string, number>[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const samples of perNode) {
    for (const [name, value] of samples) total.set(name, (total.get(name) ?? 0) + value);
  }
  return total;
}
