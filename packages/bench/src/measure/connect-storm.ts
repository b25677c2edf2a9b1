// Measures a connect storm through nginx: N clients connect to two nodes on Redis and join one
// board. Not a test: run it by hand (bounded: one storm, then everything stops).
//   pnpm --filter @tally/bench measure:connect-storm [clients] [spreadMs] [transport] [presence]
// transport: websocket (default) or polling (polling first, then the upgrade, as browsers do);
// presence: members (default) or summary.
// Each node reports its event loop delay when it stops; with CPU_PROF_DIR=<dir> it also writes a
// V8 CPU profile there (see node-probe.mjs). Redis reports every event it took ≥ 50 ms over.

import { fileURLToPath } from 'node:url';
import { createBoardAt, startCluster } from '@tally/testbed';
import { redisCommandCalls, runConnectStorm, STORM_ENV } from '@tally/testbed/connect-storm';
import { Redis } from 'ioredis';
import { MEASURE_LOAD_ENV } from './measure-client.js';

const [clientsArg = '1000', spreadArg = '2000', transport = 'websocket', presence = 'members'] =
  process.argv.slice(2);
const clients = Number(clientsArg);
const PROBE = fileURLToPath(new URL('./node-probe.mjs', import.meta.url));

/** Room for a node's drain, its probe's report and profile before it is killed. */
const NODE_EXIT_GRACE_MS = 60_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

const cluster = await startCluster({
  entry: 'source',
  nodes: 2,
  nginx: true,
  env: { ...MEASURE_LOAD_ENV, ...STORM_ENV, NODE_OPTIONS: `--import ${PROBE}` },
});
try {
  const publicUrl = cluster.nginx?.url ?? '';
  const { board } = await createBoardAt(publicUrl, 'storm');
  const admin = new Redis(cluster.redis.port, '127.0.0.1');
  await admin.config('SET', 'latency-monitor-threshold', '50');
  const before = await redisCommandCalls(cluster.redis.port);
  const clientCpuBefore = process.cpuUsage();
  const result = await runConnectStorm(publicUrl, board.id, {
    clients,
    spreadMs: Number(spreadArg),
    transports: () => (transport === 'polling' ? ['polling', 'websocket'] : ['websocket']),
    presence: presence === 'summary' ? 'summary' : 'members',
  });
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const after = await redisCommandCalls(cluster.redis.port);
  const latency = await admin.call('LATENCY', 'LATEST');
  admin.disconnect();
  const ms = (value: number) => value.toFixed(0);
  console.log(`${clients} clients, connects spread over ${spreadArg} ms, ${transport}, ${presence} mode`);
  console.log(`from the first connect to the last ack: ${ms(result.wallMs)} ms`);
  console.log(`acks: ${JSON.stringify(result.acks)}, clients per node: ${JSON.stringify(result.servedBy)}`);
  console.log(`connect errors: ${result.connectErrors}, reconnections: ${result.reconnects} (both retried)`);
  const { joinMs } = result;
  console.log(
    `join (connect → ack) p50 / p99 / max: ${ms(percentile(joinMs, 0.5))} / ${ms(percentile(joinMs, 0.99))} / ${ms(Math.max(...joinMs))} ms`,
  );
  console.log(`CPU of the clients' process: ${ms((clientCpu.user + clientCpu.system) / 1000)} ms`);
  // [event, when, latest ms, max ms] for each kind of event Redis took ≥ 50 ms over.
  console.log(`Redis latency events ≥ 50 ms (event, time, latest, max): ${JSON.stringify(latency)}`);
  console.log('Redis commands during the storm (and per join):');
  const calls = [...after].map(([command, n]) => [command, n - (before.get(command) ?? 0)] as const);
  for (const [command, n] of calls.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${command}: ${n} (${(n / clients).toFixed(2)})`);
  }
  result.close();
} finally {
  // SIGTERM, not SIGKILL: the probe reports (and writes its profile) when the node exits.
  await Promise.all(cluster.nodes.map(({ server }) => server.stop(NODE_EXIT_GRACE_MS)));
  for (const node of cluster.nodes) {
    console.log(`${node.id}: ${/event loop delay.*/.exec(node.server.output())?.[0] ?? 'no report'}`);
  }
  await cluster.stop();
}
process.exit(0);
