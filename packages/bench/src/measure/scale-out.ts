// Measures one node on SQLite, one node on Redis and two nodes on Redis under the same load, for
// docs/scaling.md. Not a test: run it by hand (bounded: a few seconds per setup).
//   pnpm --filter @tally/bench measure:scale-out [seconds] [watchers] [incrementers]

import { randomUUID } from 'node:crypto';
import type { BoardSnapshot } from '@tally/events';
import { startCluster, startTallyServer } from '@tally/testbed';
import { connectMember, MEASURE_LOAD_ENV, type MeasureSocket } from './measure-client.js';

const [seconds = 8, watcherCount = 200, incrementerCount = 20] = process.argv.slice(2).map(Number);

interface Result {
  setup: string;
  ackedPerSecond: number;
  ackP50: number;
  ackP99: number;
  deliveryP50: number;
  deliveryP99: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

/** Watchers and incrementers spread round-robin over `urls`, all on the lobby's counter. */
async function measure(setup: string, urls: string[]): Promise<Result> {
  const connect = (i: number) =>
    connectMember(urls[i % urls.length] ?? '', { name: 'Load', transports: ['websocket'] });
  const join = async (socket: MeasureSocket): Promise<BoardSnapshot> => {
    const ack = await socket.emitWithAck('board:join', { boardId: 'lobby' });
    if (!ack.ok) throw new Error(`${setup}: board:join ${ack.error.code}`);
    return ack.board;
  };
  const watchers: MeasureSocket[] = [];
  for (let i = 0; i < watcherCount; i++) watchers.push(await connect(i));
  const incrementers = await Promise.all(Array.from({ length: incrementerCount }, (_, i) => connect(i)));
  const everyone = [...watchers, ...incrementers];
  for (const socket of everyone) await join(socket);
  const counterId = incrementers[0] ? ((await join(incrementers[0])).counters[0]?.id ?? '') : '';

  // The update may reach a watcher before the ack reaches its sender: match them afterwards.
  const sentAt = new Map<number, number>();
  const received: Array<{ version: number; at: number }> = [];
  for (const watcher of watchers) {
    watcher.on('counter:updated', ({ updates }) => {
      const at = performance.now();
      for (const update of updates) received.push({ version: update.version, at });
    });
  }
  const ackLatencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    incrementers.map(async (client) => {
      while (performance.now() < end) {
        const started = performance.now();
        const ack = await client.emitWithAck('counter:increment', { counterId, opId: randomUUID() });
        if (!ack.ok) throw new Error(`${setup}: ${ack.error.code}`);
        sentAt.set(ack.version, started);
        ackLatencies.push(performance.now() - started);
      }
    }),
  );
  for (const socket of everyone) socket.disconnect();
  const deliveries = received.flatMap(({ version, at }) => {
    const sent = sentAt.get(version);
    return sent === undefined ? [] : [at - sent];
  });
  return {
    setup,
    ackedPerSecond: Math.round(ackLatencies.length / seconds),
    ackP50: percentile(ackLatencies, 0.5),
    ackP99: percentile(ackLatencies, 0.99),
    deliveryP50: percentile(deliveries, 0.5),
    deliveryP99: percentile(deliveries, 0.99),
  };
}

const results: Result[] = [];
const single = await startTallyServer({ entry: 'source', env: MEASURE_LOAD_ENV });
try {
  results.push(await measure('1 node, SQLite', [single.url]));
} finally {
  await single.dispose(0);
}
for (const nodes of [1, 2]) {
  const cluster = await startCluster({ entry: 'source', nodes, env: MEASURE_LOAD_ENV });
  try {
    results.push(
      await measure(
        `${nodes} node${nodes > 1 ? 's' : ''}, Redis`,
        cluster.nodes.map((n) => n.url),
      ),
    );
  } finally {
    await cluster.stop(0);
  }
}

console.log(
  `${watcherCount} watchers + ${incrementerCount} incrementers on one counter, ${seconds} s each\n`,
);
console.log('| setup | acked increments/s | ack p50 / p99 (ms) | update delivery p50 / p99 (ms) |');
console.log('| --- | --- | --- | --- |');
for (const r of results) {
  const ms = (a: number, b: number) => `${a.toFixed(1)} / ${b.toFixed(1)}`;
  console.log(
    `| ${r.setup} | ${r.ackedPerSecond} | ${ms(r.ackP50, r.ackP99)} | ${ms(r.deliveryP50, r.deliveryP99)} |`,
  );
}
process.exit(0);
