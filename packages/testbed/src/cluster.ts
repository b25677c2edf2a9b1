import path from 'node:path';
import { DEFAULT_STOP_GRACE_MS } from './child-process.js';
import { type Nginx, type NginxOptions, startNginx } from './nginx.js';
import { type RedisServer, type RedisServerOptions, startRedisServer } from './redis-server.js';
import { startTallyServer, type TallyServer, type TallyServerOptions } from './tally-server.js';
import { makeTempDir, removeDir } from './temp-dir.js';

/** One Tally node: NODE_ID prefixes its session ids and names it in `x-tally-node`. */
export interface ClusterNode {
  readonly id: string;
  readonly url: string;
  readonly server: TallyServer;
}

/**
 * Tally scaled out as docs/scaling.md describes it: a Redis of its own, N server processes on it,
 * and optionally nginx in front (deploy/nginx.conf.template). Everything is stopped by PID.
 */
export interface Cluster {
  readonly redis: RedisServer;
  readonly nodes: ClusterNode[];
  readonly nginx: Nginx | null;
  /**
   * nginx first, then the nodes (so none of them sees its Redis vanish while it shuts down), Redis
   * last; each SIGTERM then SIGKILL after `graceMs` (0: SIGKILL at once). Says whether any was killed.
   */
  stop(graceMs?: number): Promise<'exited' | 'killed'>;
}

export interface ClusterOptions {
  nodes: number;
  /** The server each node runs: its build or its source (see `TallyServerOptions.entry`). */
  entry: TallyServerOptions['entry'];
  /** nginx in front, from the deploy template; the nodes then trust it for X-Forwarded-For. */
  nginx?: boolean | NginxOptions;
  /** Default: AOF, fsync on every write (an ack means durable). */
  redis?: RedisServerOptions;
  /** Extra env for every node. */
  env?: Readonly<Record<string, string | undefined>>;
  nodeArgs?: TallyServerOptions['nodeArgs'];
  readyPath?: TallyServerOptions['readyPath'];
  /** Also called with each chunk of a node's output. */
  onOutput?: (nodeId: string, chunk: string) => void;
}

/** Starts Redis, then the nodes `node1`…`nodeN` one by one, then nginx; on a failure, stops what started. */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const redis = await startRedisServer(options.redis);
  const dataDir = await makeTempDir('tally-cluster');
  const nodes: ClusterNode[] = [];
  let nginx: Nginx | null = null;
  const stop = async (graceMs = DEFAULT_STOP_GRACE_MS): Promise<'exited' | 'killed'> => {
    const endings = [await nginx?.stop(graceMs)];
    endings.push(...(await Promise.all(nodes.map(({ server }) => server.stop(graceMs)))));
    await redis.dispose();
    await removeDir(dataDir);
    return endings.includes('killed') ? 'killed' : 'exited';
  };
  try {
    // One after the other: on a busy 2-core machine, nodes starting at the same time (compiling
    // their TypeScript through tsx, or not) can each miss the start deadline; one at a time, each
    // gets the cores.
    for (let i = 1; i <= options.nodes; i++) {
      const id = `node${i}`;
      const server = await startTallyServer({
        entry: options.entry,
        dataDir: path.join(dataDir, id),
        env: {
          REDIS_URL: redis.url,
          NODE_ID: id,
          // nginx is the proxy: the per-client HTTP rate limit reads X-Forwarded-For from it only.
          ...(options.nginx && { TRUST_PROXY: '127.0.0.1' }),
          ...options.env,
        },
        ...(options.nodeArgs && { nodeArgs: options.nodeArgs }),
        ...(options.readyPath && { readyPath: options.readyPath }),
        ...(options.onOutput && { onOutput: (chunk: string) => options.onOutput?.(id, chunk) }),
      });
      nodes.push({ id, url: server.url, server });
    }
    if (options.nginx) {
      nginx = await startNginx(nodes, typeof options.nginx === 'object' ? options.nginx : {});
    }
    return { redis, nodes, nginx, stop };
  } catch (error) {
    await stop(0);
    throw error;
  }
}
