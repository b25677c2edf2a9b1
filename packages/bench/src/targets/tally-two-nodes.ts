// Tally scaled out the way deploy/run-local.sh runs it: its own Redis (acked = fsynced), two
// nodes, and nginx from the deploy template in front. Clients connect to nginx, whose
// least-connected handshake spreads them over both nodes.
import { startCluster } from '@tally/testbed';
import { lobbyClientTarget, TALLY_BENCH_ENV, tallyMetrics } from './tally.js';
import { cpuProfileArgs, stopGraceMs, type TargetDefinition } from './target.js';

/** The template's own client limit: the bench raises its descriptor limit first (`pnpm bench`). */
const NGINX_MAX_CLIENTS = 10_000;

export const tallyTwoNodes: TargetDefinition = {
  name: 'tally-2node',
  description:
    'Tally, production build, two nodes on one Redis (appendfsync always) behind nginx (deploy template); server CPU/RSS = both nodes',
  // What a second node changes is the fan-out across nodes and the shared store under contention.
  scenarios: ['fanout', 'contention'],
  async start(options) {
    // Redis with appendfsync always (the testbed's default): Redis answers a write once it is on
    // disk, so an ack means durable. Stopped in reverse: nginx first, Redis last.
    const cluster = await startCluster({
      entry: 'build',
      nodes: 2,
      nginx: { maxClients: NGINX_MAX_CLIENTS },
      env: TALLY_BENCH_ENV,
      nodeArgs: cpuProfileArgs(options),
      readyPath: '/api/ready',
    });
    const stop = () => cluster.stop(stopGraceMs(options));
    try {
      if (!cluster.nginx) throw new Error('tally-2node: no nginx');
      const baseUrl = cluster.nginx.url;
      return {
        pids: cluster.nodes.map(({ server }) => server.pid),
        helpers: [{ name: 'redis', pid: cluster.redis.pid }],
        baseUrl,
        client: await lobbyClientTarget(baseUrl),
        metrics: async () => sumMetrics(await Promise.all(cluster.nodes.map(({ url }) => tallyMetrics(url)))),
        stop,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  },
};

/** The cluster's figures: each node's counters added up. */
function sumMetrics(perNode: Map<string, number>[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const samples of perNode) {
    for (const [name, value] of samples) total.set(name, (total.get(name) ?? 0) + value);
  }
  return total;
}
